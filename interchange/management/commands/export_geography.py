from pathlib import Path

from django.core.management.base import BaseCommand

from interchange.geojson import LAYERS
from interchange.services import geography_export


class Command(BaseCommand):
    help = "Export one layer of the atlas's geography (places, routes or areas) as GeoJSON (RFC 7946)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (standard output when left out)")
        parser.add_argument("--format", choices=["geojson"], default="geojson")
        parser.add_argument("--layer", choices=LAYERS, required=True, help="one file a layer, as GIS tools read them")

    def handle(self, *args, path, format, layer, **options):
        data = geography_export(layer=layer)
        if path:
            Path(path).write_bytes(data)
            self.stderr.write(f"Wrote {path} ({format}, {layer}).")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
