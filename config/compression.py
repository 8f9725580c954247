"""Compression of the answers, except for event streams."""

from django.middleware import gzip


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's GZipMiddleware, skipping `text/event-stream`: its compressor keeps small writes until it has
    enough to compress, so a live class's step change would sit in the buffer instead of reaching the phones."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("text/event-stream"):
            return response
        return super().process_response(request, response)
