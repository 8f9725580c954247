"""The admin's forms for places, route stops and areas: each bad input named, with how to fix it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from geography.geojson import validate_geometry
from geography.models import Area, Place
from geography.services import area_swap_problem


def _record(form: forms.ModelForm, noun: str) -> str:
    slug = form.cleaned_data.get("slug") or getattr(form.instance, "slug", "")
    return f"{noun} “{slug}”" if slug else f"This {noun.lower()}"


class PlaceForm(forms.ModelForm):
    """Latitude and longitude with ranges spelt out, and a hint when the two look exchanged."""

    class Meta:
        model = Place
        fields = ("slug", "name", "kind", "latitude", "longitude", "description")

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        record = _record(self, "Place")
        if latitude is not None and not -90 <= latitude <= 90:
            hint = (
                " It looks like a longitude: if the two were typed the wrong way round, swap them."
                if longitude is not None and -90 <= longitude <= 90
                else ""
            )
            self.add_error("latitude", f"{record}: latitude {latitude:g} is outside −90…90 (degrees north).{hint}")
        if longitude is not None and not -180 <= longitude <= 180:
            self.add_error("longitude", f"{record}: longitude {longitude:g} is outside −180…180 (degrees east).")
        return cleaned


class RouteStopForm(forms.ModelForm):
    def validate_unique(self):
        """Positions are checked across the whole formset instead (BaseRouteStopFormSet): compared one by
        one with the stored stops, a reordering (1 and 2 exchanged) would look like a clash."""


class BaseRouteStopFormSet(BaseInlineFormSet):
    """A route needs at least two stops, and each position once."""

    def validate_unique(self):
        """Positions are checked in clean(), with a message naming the route and the position."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("place")
        ]
        route = self.instance.slug or "this route"
        if len(kept) < 2:
            raise ValidationError(
                f"Route “{route}” has {len(kept)} stop{'s' if len(kept) != 1 else ''}: a route needs at least "
                "two (where it starts and where it ends). Add the missing stops with “Add another Route stop”."
            )
        positions = [form.cleaned_data.get("position") for form in kept]
        repeated = sorted({p for p in positions if positions.count(p) > 1})
        if repeated:
            raise ValidationError(
                f"Route “{route}”: position {', '.join(map(str, repeated))} is given to more than one stop; "
                "number the stops 1, 2, 3 … in order (or drag them)."
            )


class AreaForm(forms.ModelForm):
    """GeoJSON pasted as text, checked as the model checks it, with the record named in every message."""

    class Meta:
        model = Area
        fields = ("slug", "name", "description", "kind", "date", "geometry", "approximate")
        widgets = {"geometry": forms.Textarea(attrs={"rows": 8, "cols": 80, "class": "geography-geojson"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.data.get(self.add_prefix("slug")) or self.instance.slug
        self.fields["geometry"].error_messages["invalid"] = (
            f"Area “{slug}”, geometry: this is not JSON (look for a missing bracket, comma or quote). Paste a "
            'GeoJSON geometry, e.g. {"type": "Polygon", "coordinates": [[[40, 41], [44, 41], [44, 45], [40, 41]]]}.'
        )

    def clean_geometry(self):
        geometry = self.cleaned_data.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "Feature":
            geometry = geometry.get("geometry")  # a pasted Feature: its geometry is what is kept
        record = _record(self, "Area")
        try:
            validate_geometry(geometry)
        except ValidationError as error:
            raise ValidationError(
                [
                    f"{record}, geometry: {message} Paste a GeoJSON geometry in [longitude, latitude] order."
                    for message in error.messages
                ]
            ) from None
        if problem := area_swap_problem(geometry=geometry):
            raise ValidationError(f"{record}, geometry: {problem}")
        return geometry
