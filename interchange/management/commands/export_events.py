from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.exports import ALL_FORMATS, collection_named, export_bytes
from interchange.geojson import LAYERS
from interchange.records import FormatError


class Command(BaseCommand):
    help = (
        "Export the atlas (or one collection): its events as a corpus, atlas CSV, TimelineJS JSON or sheet CSV; "
        "its geography as GeoJSON (a layer), KML or Linked Places Format; its sources as CSL-JSON or BibTeX. "
        "A lesson's story map is export_lessons."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=ALL_FORMATS, required=True)
        parser.add_argument("--include-drafts", action="store_true", help="drafts too (default: published only)")
        parser.add_argument("--lang", default="", help="the language of a TimelineJS or KML file (default: the first)")
        parser.add_argument("--layer", choices=LAYERS, help="GeoJSON: the layer (one file a layer, as GIS reads them)")
        parser.add_argument(
            "--collection",
            default="",
            help="one collection's events, and the places, routes and sources they use (default: the whole atlas)",
        )

    def handle(self, *args, path, format, include_drafts, lang, layer, collection, **options):
        try:
            data = export_bytes(
                format,
                layer=layer,
                language=lang,
                collection=collection_named(collection),
                include_drafts=include_drafts,
            )
        except FormatError as error:
            raise CommandError(str(error)) from None
        if path:
            Path(path).write_bytes(data)
            self.stderr.write(f"Wrote {path} ({format}{f', {layer}' if layer else ''}).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
