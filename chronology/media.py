"""Images curators upload for events: checked by what the bytes are, re-encoded, and cut to thumbnails.

The file's name and declared type say nothing trustworthy: a "photo.jpg" may be a script, an SVG may carry
one. Pillow reads the bytes; only JPEG, PNG, WebP and GIF are opened at all, and what is stored is a fresh
image drawn from the decoded pixels alone, so no metadata (EXIF with the camera's GPS position, comments,
colour profiles) and nothing appended to the file survives. The atlas serves only what this module wrote.
"""

from __future__ import annotations

import io
import re
import uuid
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 40 megapixels: beyond any camera a curator is likely to hold, well short of what a decompression bomb asks.
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# The longest side of what is kept: larger is only storage, the page never shows it bigger.
STORED_SIDE = 2400
# Widths of the thumbnails: the side panel's column at twice the density of its pixels, and a phone's sheet.
PANEL_WIDTH = 720
PHONE_WIDTH = 400
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80


@dataclass(frozen=True)
class PreparedImage:
    """What is stored for one upload: the image and its two thumbnails, re-encoded, with their size."""

    image: ContentFile
    panel: ContentFile
    phone: ContentFile
    width: int
    height: int


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _refusal_of_text(head: bytes) -> str | None:
    """The message for a text file sent as an image (an SVG, a web page, a script), or None."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in text or (text.startswith(b"<?xml") and b"svg" in text):
        return _(
            "SVG drawings are not accepted: they can carry scripts that would run in readers' browsers. "
            "Export the drawing as PNG and upload that."
        )
    if text.startswith((b"<", b"#!")) or b"<script" in text or b"javascript:" in text:
        return _(
            "This file is text (a script or a web page), not an image, whatever its name says. "
            "Upload a JPEG, PNG, WebP or GIF image."
        )
    return None


def _fresh(image: Image.Image) -> Image.Image:
    """The image's pixels in a new image: its orientation applied, nothing else of the file carried over."""
    upright = ImageOps.exif_transpose(image) or image
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if has_alpha else "RGB"
    pixels = upright.convert(mode)
    return Image.frombytes(mode, pixels.size, pixels.tobytes())


def _encoded(image: Image.Image, *, quality: int) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    if image.mode == "RGBA":
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), "png"
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue(), "jpg"


def _shrunk(image: Image.Image, *, width: int | None = None, side: int | None = None) -> Image.Image:
    copy = image.copy()
    if width is not None and copy.width > width:
        copy = copy.resize((width, max(1, round(copy.height * width / copy.width))), Image.Resampling.LANCZOS)
    if side is not None:
        copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def image_prepare(upload) -> PreparedImage:
    """Check an uploaded file and make what is stored of it; raises ValidationError saying what to fix.

    `upload` is a file object with `size` (Django's UploadedFile); nothing is written anywhere here.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; images may be at most %(limit)s MB. Make it smaller and upload it again.")
            % {"size": _megabytes(size), "limit": _megabytes(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is larger than %(limit)s MB, the most an image may be. Make it smaller and upload it again.")
            % {"limit": _megabytes(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _(
                            "This image is %(width)d × %(height)d pixels; at most %(limit)d million pixels are "
                            "accepted. Scale it down and upload it again."
                        )
                        % {"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000},
                        code="too_many_pixels",
                    )
                opened.seek(0)  # an animated GIF: its first frame
                opened.load()
                image = _fresh(opened)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        # Said only of what Pillow could not read: a real JPEG may hold "<script" in a comment, which goes anyway.
        refusal = _refusal_of_text(data[:2048]) or _(
            "This file is not a JPEG, PNG, WebP or GIF image (or it is damaged). Upload one of those."
        )
        raise ValidationError(refusal, code="not_image") from None

    stored = _shrunk(image, side=STORED_SIDE)
    name = uuid.uuid4().hex
    main_bytes, extension = _encoded(stored, quality=JPEG_QUALITY)
    panel_bytes, _ext = _encoded(_shrunk(stored, width=PANEL_WIDTH), quality=THUMBNAIL_QUALITY)
    phone_bytes, _ext = _encoded(_shrunk(stored, width=PHONE_WIDTH), quality=THUMBNAIL_QUALITY)
    # Names the atlas makes: the curator's file name could hold anything, and a new name a version keeps
    # every served address unchanged for ever (so it can be cached for ever).
    return PreparedImage(
        image=ContentFile(main_bytes, name=f"{name}.{extension}"),
        panel=ContentFile(panel_bytes, name=f"{name}-panel.{extension}"),
        phone=ContentFile(phone_bytes, name=f"{name}-phone.{extension}"),
        width=stored.width,
        height=stored.height,
    )


_KIND_BY_EXTENSION = {
    **dict.fromkeys(("jpg", "jpeg", "png", "gif", "webp", "svg", "tif", "tiff"), "image"),
    **dict.fromkeys(("mp4", "webm", "mov", "ogv"), "video"),
    **dict.fromkeys(("mp3", "ogg", "oga", "wav", "flac", "m4a"), "audio"),
    **dict.fromkeys(("pdf", "doc", "docx", "odt", "txt", "epub"), "document"),
}
_KIND_BY_HOST = {
    "youtube.com": "video", "youtu.be": "video", "vimeo.com": "video", "dailymotion.com": "video",
    "soundcloud.com": "audio", "spotify.com": "audio",
    "flickr.com": "image", "instagram.com": "image",
}  # fmt: skip


def kind_of_link(url: str) -> str:
    """What an external address most likely holds (image, video, audio, document or a page: "link"), from its
    file extension or its host; only for labelling the link card, the address is never fetched."""
    parts = urlsplit(url if "//" in url else f"//{url}")
    extension = parts.path.rsplit(".", 1)[-1].lower() if "." in parts.path.rsplit("/", 1)[-1] else ""
    if extension in _KIND_BY_EXTENSION:
        return _KIND_BY_EXTENSION[extension]
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    for known, kind in _KIND_BY_HOST.items():
        if host == known or host.endswith(f".{known}"):
            return kind
    return "link"


STORED_NAME = re.compile(r"^events/[0-9a-f]{32}\.(jpg|png)$")


def stored_companions(name: str, storage) -> dict:
    """For an image the atlas stored before (`events/<hex>.jpg`, as a corpus file names it), its thumbnails'
    names and its size, read from storage: a medium loaded from a file gets them back without re-encoding."""
    stem, extension = name.rsplit(".", 1)
    found = {}
    for field, suffix in (("thumbnail_panel", "panel"), ("thumbnail_phone", "phone")):
        candidate = f"{stem}-{suffix}.{extension}"
        if storage.exists(candidate):
            found[field] = candidate
    with storage.open(name, "rb") as stored, Image.open(stored) as image:
        found["width"], found["height"] = image.size
    return found
