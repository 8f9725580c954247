from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interchange.exports import collection_named
from interchange.geography_services import kml_export, lpf_export
from interchange.geojson import LAYERS
from interchange.records import FormatError
from interchange.services import geography_export

FORMATS = ("geojson", "kml", "lpf")


class Command(BaseCommand):
    help = (
        "Export the atlas's geography: one layer (places, routes or areas) as GeoJSON (RFC 7946), "
        "every layer in one KML file for Google Earth, or the places as Linked Places Format (lpf) for gazetteers."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=FORMATS, default="geojson")
        parser.add_argument(
            "--layer", choices=LAYERS, help="GeoJSON: one file a layer, as GIS tools read them (required)"
        )
        parser.add_argument("--lang", default="", help="KML: the language of names and descriptions")
        parser.add_argument(
            "--collection",
            default="",
            help="only what one collection's events use (default: the whole atlas)",
        )

    def handle(self, *args, path, format, layer, lang, collection, **options):
        try:
            data = self._export(format, layer, lang, collection_named(collection))
        except FormatError as error:
            raise CommandError(str(error)) from None
        if path:
            Path(path).write_bytes(data)
            self.stderr.write(f"Wrote {path} ({format}{f', {layer}' if layer else ''}).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")

    @staticmethod
    def _export(format: str, layer: str | None, lang: str, collection) -> bytes:
        if format == "lpf":
            if layer not in (None, "places"):
                raise FormatError("Linked Places Format holds places only: leave --layer out (or give places).")
            return lpf_export(collection=collection)
        if format == "kml":
            if layer:
                raise FormatError("A KML file holds every layer, a Folder each: leave --layer out.")
            return kml_export(language=lang, collection=collection)
        if not layer:
            raise FormatError(f"GeoJSON is one file a layer: give --layer ({', '.join(LAYERS)}).")
        return geography_export(layer=layer, collection=collection)
