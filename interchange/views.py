"""The admin's "Import events" and "Import places" pages: upload, see the dry run row by row, confirm to apply.

Between the two steps the upload is kept server-side in a temporary file named by a random token, which
only the session that uploaded it may use; the curator confirms what they saw, not a second upload.
"""

from __future__ import annotations

import re
import secrets
import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chronology.admin import curator_collections
from chronology.models import Category, Collection

from .files import max_bytes
from .formats import FORMATS
from .geography_services import places_import
from .planning import import_plan
from .records import FormatError
from .services import ImportRejected, events_import
from .translation_import import translation_import

SESSION_KEY = "interchange_upload"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def upload_dir() -> Path:
    folder = Path(getattr(settings, "INTERCHANGE_UPLOAD_DIR", Path(tempfile.gettempdir()) / "chronoatlas-imports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("recognise from the file")), *((f, f) for f in FORMATS)], required=False
    )
    language = forms.ChoiceField(
        label=_("Language of a TimelineJS file"),
        choices=lambda: [("", _("detect from the text")), *settings.LANGUAGES],
        required=False,
        help_text=_("The preview shows the language detected; choose another here to put the text in its fields."),
    )
    category = forms.ModelChoiceField(
        label=_("Category for rows without one"), queryset=Category.objects.all(), to_field_name="slug", required=False
    )
    collection = forms.ModelChoiceField(
        label=_("Collection"),
        queryset=Collection.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("the atlas's own collection"),
    )
    new_collection = forms.SlugField(
        label=_("Or a new collection at this address"),
        required=False,
        help_text=_(
            "Made by the import: a TimelineJS file's title slide becomes its title and introduction, its eras "
            "the collection's eras."
        ),
    )
    as_translation = forms.BooleanField(
        label=_("The file is the other language of this collection's events (a TimelineJS file of the same slides)"),
        required=False,
    )
    publish = forms.BooleanField(label=_("Publish imported events (otherwise they arrive as drafts)"), required=False)
    skip_rejected = forms.BooleanField(label=_("Import the good rows and leave rejected ones out"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rebuild_kwargs = {"user": user}
        # A curator given some collections imports only into those, and cannot make new ones.
        self.limited = user is not None and curator_collections(user) is not None
        if self.limited:
            self.fields["collection"].queryset = curator_collections(user)
            self.fields["collection"].required = True
            del self.fields["new_collection"]

    def clean_new_collection(self):
        slug = self.cleaned_data.get("new_collection", "")
        if slug and Collection.objects.filter(slug=slug).exists():
            raise forms.ValidationError(
                _("A collection at %(slug)s exists already: choose it in the list above.") % {"slug": slug}
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("collection") and cleaned.get("new_collection"):
            self.add_error("new_collection", _("Choose a collection or name a new one, not both."))
        if cleaned.get("as_translation") and not cleaned.get("collection"):
            self.add_error("collection", _("Choose the collection whose events the file translates."))
        return cleaned

    def collection_slug(self) -> str:
        chosen = self.cleaned_data.get("collection")
        return self.cleaned_data.get("new_collection") or (chosen.slug if chosen else "")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Checked before a byte is parsed: a 50 MB file of junk is refused by its size alone.
        if upload and upload.size > max_bytes():
            limit = max_bytes() / (1024 * 1024)
            raise forms.ValidationError(
                _("The file is %(size).1f MB, over the import limit of %(limit).1f MB; split it into smaller files.")
                % {"size": upload.size / (1024 * 1024), "limit": limit}
            )
        return upload


def _keep(request, upload) -> str:
    token = secrets.token_urlsafe(24)
    with (upload_dir() / token).open("wb") as kept:
        for chunk in upload.chunks():
            kept.write(chunk)
    request.session[SESSION_KEY] = {"token": token, "name": upload.name}
    return token


def _kept_file(request, token: str) -> Path | None:
    kept = request.session.get(SESSION_KEY) or {}
    if not TOKEN.fullmatch(token or "") or kept.get("token") != token:
        return None
    path = upload_dir() / token
    return path if path.is_file() else None


def _forget(request, path: Path) -> None:
    path.unlink(missing_ok=True)
    request.session.pop(SESSION_KEY, None)


def _previewed_import(request, context: dict, form, *, run, done_url: str, initial):
    """The flow both import pages share: upload (or the kept upload's token), a preview row by row, then the
    same file applied on confirming, in one transaction.

    `run(source, options, confirming, preview)` returns the report (or raises FormatError / ImportRejected)
    and may note in `preview` what the form should show next (the language a preview used);
    `initial(options, preview)` gives the form's values for the preview page."""

    def page(**more):
        return TemplateResponse(request, "admin/interchange/import.html", {**context, **more})

    if request.method != "POST" or not form.is_valid():
        return page(form=form)
    options = form.cleaned_data
    if options["file"]:
        path, name = upload_dir() / _keep(request, options["file"]), options["file"].name
    else:
        path = _kept_file(request, options["token"])
        name = (request.session.get(SESSION_KEY) or {}).get("name", "")
        if path is None:
            form.add_error("file", _("Choose a file to import (the earlier upload has expired)."))
            return page(form=form)
    preview: dict = {}
    try:
        report = run(path.read_bytes(), options, "apply" in request.POST, preview)
    except FormatError as error:
        _forget(request, path)
        form.add_error("file", _("%(name)s: %(error)s Nothing was imported.") % {"name": name, "error": error})
        return page(form=form)
    except ImportRejected as error:
        report = error.report
        messages.error(request, report.verdict())
    else:
        if report.applied:
            _forget(request, path)
            messages.success(request, f"{name} ({report.format}): {report.verdict()}")
            return redirect(done_url)
    data = {**initial(options, preview), "token": path.name}
    again = type(form)(initial=data, **getattr(form, "rebuild_kwargs", {}))
    return page(form=again, report=report, name=name, token=path.name)


def import_events_view(request, model_admin):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import events"),
        "max_megabytes": max_bytes() / (1024 * 1024),
    }

    def run(source, options, confirming, preview):
        plan = import_plan(
            source=source,
            format=options["format"] or None,
            language=options["language"] or None,
            default_category=options["category"].slug if options["category"] else "",
        )
        if plan.language:
            # The select shows what the preview used (detected or chosen), so confirming keeps it unless changed.
            preview["language"] = plan.language
        if options["as_translation"]:
            return translation_import(
                plan=plan, collection=form.collection_slug(), language=options["language"], dry_run=not confirming
            )
        return events_import(
            plan=plan,
            publish=options["publish"],
            dry_run=not confirming,
            skip_rejected=options["skip_rejected"],
            language=options["language"],
            collection=form.collection_slug(),
        )

    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    return _previewed_import(
        request,
        context,
        form,
        run=run,
        done_url=reverse("admin:chronology_event_changelist"),
        initial=lambda options, preview: {**{k: v for k, v in options.items() if k != "file"}, **preview},
    )


class PlacesImportForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    skip_rejected = forms.BooleanField(label=_("Import the good rows and leave rejected ones out"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    clean_file = ImportForm.clean_file


def import_places_view(request, model_admin):
    """The place list's "Import places": a Linked Places file, previewed feature by feature, then confirmed."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import places"),
        "max_megabytes": max_bytes() / (1024 * 1024),
        "changelist_url": reverse("admin:geography_place_changelist"),
        "accepted": _(
            "A Linked Places Format (LPF) file, as the World Historical Gazetteer exports it, in UTF-8, up to "
            "%(size).0f MB. Places are matched by slug, by a name nearby or by their point. Nothing is saved "
            "until you confirm."
        )
        % {"size": max_bytes() / (1024 * 1024)},
    }
    return _previewed_import(
        request,
        context,
        PlacesImportForm(request.POST or None, request.FILES or None),
        run=lambda source, options, confirming, _preview: places_import(
            source=source, dry_run=not confirming, skip_rejected=options["skip_rejected"]
        ),
        done_url=reverse("admin:geography_place_changelist"),
        initial=lambda options, _preview: {"skip_rejected": options["skip_rejected"]},
    )
