"""What a historian would flag in the atlas's data, by slug: the corpus audit."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from chronology.models import Actor, AidItem, Event, EventPlace, Person, PlaceRole, Theme
from common.translation import missing_languages
from geography.models import Area, Place, Route
from geography.names import PlaceNaming, as_names, prose_names
from sources.models import Citation, Discrepancy, Source


@dataclass(frozen=True)
class Finding:
    kind: str
    record: str  # "<section> <slug>"
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.record}: {self.message}"


def _translation_findings(queryset, section: str, required: list[str], optional: list[str]) -> list[Finding]:
    findings = []
    for record in queryset.only("slug", *required, *optional):
        for name in required:
            if missing := missing_languages(getattr(record, name)):
                findings.append(
                    Finding(
                        "missing translation",
                        f"{section} {record.slug}",
                        f"{name} has no {', '.join(missing)}",
                    )
                )
        for name in optional:
            value = getattr(record, name)
            if value and any(value.values()) and (missing := missing_languages(value)):
                findings.append(
                    Finding(
                        "missing translation",
                        f"{section} {record.slug}",
                        f"{name} has no {', '.join(missing)}",
                    )
                )
    return findings


def _evidence_findings() -> list[Finding]:
    """Citations that name a page but quote nothing: a reader cannot check the claim without the book."""
    findings = []
    for owner, path in (("event", "event__slug"), ("route", "route__slug"), ("area", "area__slug")):
        for slug, label, locator in Citation.objects.filter(evidence="", **{f"{path}__isnull": False}).values_list(
            path, "source__label", "locator"
        ):
            cited = f"{label}, {locator}" if locator else label
            findings.append(Finding("no evidence", f"{owner} {slug}", f"its citation of {cited} quotes no passage"))
    alternatives = Citation.objects.filter(evidence="", alternative__isnull=False)
    for slug, date, label, locator in alternatives.values_list(
        "alternative__event__slug", "alternative__date", "source__label", "locator"
    ):
        cited = f"{label}, {locator}" if locator else label
        findings.append(
            Finding(
                "no evidence", f"event {slug}", f"its alternative {date or 'reading'} cites {cited}, quoting no passage"
            )
        )
    return findings


def _discrepancy_findings() -> list[Finding]:
    """A disagreement shown with fewer than two quoted passages: the reader sees one side and a claim that
    there is another."""
    findings = []
    event_type = ContentType.objects.get_for_model(Event)
    slugs = dict(Event.objects.values_list("pk", "slug"))
    quoted = Count("citations", filter=~Q(citations__evidence=""))
    for discrepancy in Discrepancy.objects.annotate(n=quoted).filter(n__lt=2).select_related("content_type"):
        if discrepancy.content_type_id == event_type.pk:
            record = f"event {slugs.get(discrepancy.object_id, discrepancy.object_id)}"
        else:
            record = f"{discrepancy.content_type.model} {discrepancy.object_id}"
        findings.append(
            Finding(
                "one-sided discrepancy",
                record,
                f"its discrepancy #{discrepancy.position + 1} quotes {discrepancy.n} passage(s): "
                "quote each passage that disagrees, with its source",
            )
        )
    return findings


def _aid_findings() -> list[Finding]:
    """Aid lines a reader cannot add up or check: no donor or recipient (lines recorded before they were
    asked for), or no passage quoted for the figure."""
    findings = []
    lines = AidItem.objects.values_list("event__slug", "kind", "quantity", "donor_id", "recipient_id", "evidence")
    for slug, kind, quantity, donor, recipient, evidence in lines:
        line = f"its aid line of {quantity.normalize():f} {kind}"
        if donor is None or recipient is None:
            missing = " and ".join(
                name for name, value in (("donor", donor), ("recipient", recipient)) if value is None
            )
            findings.append(Finding("unattributed aid", f"event {slug}", f"{line} names no {missing}"))
        if not evidence:
            findings.append(Finding("no evidence", f"event {slug}", f"{line} quotes no passage for its figure"))
    return findings


def _orphan_findings() -> list[Finding]:
    """Citations whose record is gone: a generic relation has no foreign key to stop a raw delete."""
    findings = []
    owner_types = ContentType.objects.filter(pk__in=Citation.objects.values("content_type")).order_by("model")
    for content_type in owner_types:
        model = content_type.model_class()
        cited = Citation.objects.filter(content_type=content_type)
        if model is not None:
            cited = cited.exclude(object_id__in=model._base_manager.values("pk"))
        for pk, owner_id, label in cited.values_list("pk", "object_id", "source__label"):
            findings.append(
                Finding(
                    "dangling",
                    f"citation {pk}",
                    f"of {label} belongs to {content_type.model} {owner_id}, which is gone",
                )
            )
    return findings


def _place_role_findings() -> list[Finding]:
    """Pins a reader would be misled by: an event pinned at several places with nothing saying why, a
    journey the map cannot draw as an arrow because one of its ends is missing."""
    roles: dict[str, dict[str, list[str]]] = {}
    for slug, place, role in EventPlace.objects.values_list("event__slug", "place__slug", "role").order_by(
        "event__slug", "place__slug"
    ):
        roles.setdefault(slug, {}).setdefault(role, []).append(place)
    notes = dict(Event.objects.filter(slug__in=roles).values_list("slug", "place_note"))
    findings = []
    for slug, by_role in roles.items():
        pinned = by_role.get(PlaceRole.AT, []) + by_role.get(PlaceRole.SIGNED_AT, [])
        if len(pinned) > 1 and not any((notes[slug] or {}).values()):
            findings.append(
                Finding(
                    "pinned twice",
                    f"event {slug}",
                    f"is pinned at {', '.join(pinned)}: give the others another role (concerns, …) "
                    "or say in place_note why it happened at each",
                )
            )
        if {PlaceRole.DEPARTED_FROM, PlaceRole.ARRIVED_AT, PlaceRole.VIA} & set(by_role):
            for role in (PlaceRole.DEPARTED_FROM, PlaceRole.ARRIVED_AT):
                if len(by_role.get(role, [])) != 1:
                    findings.append(
                        Finding(
                            "half a journey",
                            f"event {slug}",
                            f"is a journey with {len(by_role.get(role, []))} places {role}: give it one",
                        )
                    )
    return findings


def place_namings() -> list[PlaceNaming]:
    """Every place with its names through time, as `geography.names.prose_names` reads them."""
    return [PlaceNaming(p.slug, p.name, as_names(p.names.all())) for p in Place.objects.prefetch_related("names")]


def _prose_name_findings() -> list[Finding]:
    """Prose that names a place otherwise than the map labels it on the record's day: the reader would
    meet Smyrna on the map and Izmir in the text. Titles and names are labels (no gloss asked); summaries
    and descriptions give today's name in parentheses at the first mention. Notes are left alone: they
    quote the sources' own spellings."""
    places = place_namings()
    findings = []
    texts = [("event", Event.objects.all(), (("title", False), ("summary", True)))]
    texts += [
        (section, model.objects.all(), (("name", False), ("description", True)))
        for section, model in (("route", Route), ("area", Area))
    ]
    for section, records, fields in texts:
        for record in records:
            if record.day_start is None:
                continue
            for field, gloss in fields:
                for lang, text in sorted((getattr(record, field) or {}).items()):
                    for problem in prose_names(text, lang, record.day_start, places, gloss=gloss):
                        findings.append(
                            Finding("name not of its day", f"{section} {record.slug}", f"{field} ({lang}) {problem}")
                        )
    return findings


def corpus_audit() -> list[Finding]:
    """Every finding, ordered by kind then record; an empty list means the data audits clean."""
    findings: list[Finding] = []

    for event in Event.objects.annotate(n=Count("citations")).filter(n=0).only("slug"):
        findings.append(Finding("uncited", f"event {event.slug}", "cites no source"))
    for section, model in (("route", Route), ("area", Area)):
        for record in model.objects.annotate(n=Count("citations")).filter(n=0).only("slug"):
            findings.append(Finding("uncited", f"{section} {record.slug}", "cites no source"))
    for event in Event.objects.published().annotate(n=Count("places")).filter(n=0).only("slug"):
        findings.append(Finding("not on the map", f"event {event.slug}", "has no place"))
    for place in Place.objects.filter(latitude=0, longitude=0).only("slug"):
        findings.append(Finding("no coordinates", f"place {place.slug}", "sits at 0°, 0° (coordinates never set?)"))
    for route in Route.objects.annotate(n=Count("stops")).filter(n__lt=2).only("slug"):
        findings.append(Finding("dangling", f"route {route.slug}", "has fewer than two stops"))
    listed = set(Event.routes.through.objects.values_list("event_id", "route_id"))
    for aid in AidItem.objects.filter(route__isnull=False).select_related("event", "route"):
        if (aid.event_id, aid.route_id) not in listed:
            findings.append(
                Finding(
                    "dangling",
                    f"event {aid.event.slug}",
                    f"has aid along route {aid.route.slug}, which it does not list",
                )
            )

    for section, model, related in (
        ("source", Source, Q(citations__isnull=True, aid__isnull=True)),
        ("person", Person, Q(events__isnull=True)),
        ("theme", Theme, Q(events__isnull=True)),
        ("actor", Actor, Q(aid_given__isnull=True, aid_received__isnull=True)),
        ("place", Place, Q(events__isnull=True, route_stops__isnull=True)),
    ):
        for record in model.objects.filter(related).distinct().only("slug"):
            findings.append(Finding("unused", f"{section} {record.slug}", "nothing refers to it"))

    findings += _evidence_findings()
    findings += _aid_findings()
    findings += _discrepancy_findings()
    findings += _orphan_findings()
    findings += _place_role_findings()
    findings += _prose_name_findings()
    findings += _translation_findings(Event.objects.all(), "event", ["title", "summary"], ["note", "place_note"])
    findings += _translation_findings(Place.objects.all(), "place", ["name"], ["description"])
    findings += _translation_findings(Person.objects.all(), "person", ["name"], ["description"])
    findings += _translation_findings(Theme.objects.all(), "theme", ["name"], [])
    findings += _translation_findings(Actor.objects.all(), "actor", ["name"], ["description"])
    findings += _translation_findings(Route.objects.all(), "route", ["name"], ["description"])
    findings += _translation_findings(Area.objects.all(), "area", ["name"], ["description"])
    return sorted(findings, key=lambda f: (f.kind, f.record, f.message))
