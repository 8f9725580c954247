"""Uploaded images as the site serves them (config/media_files.py): only the JPEG and PNG files the atlas wrote,
with their type said and never sniffed, a policy under which nothing in them runs, and nothing outside MEDIA_ROOT."""

import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    (root / "events").mkdir(parents=True)
    settings.MEDIA_ROOT = root
    return root


def test_a_stored_image_is_served_inline_with_its_type_nosniff_and_a_policy_that_runs_nothing(client, media_root):
    (media_root / "events" / "a1b2.jpg").write_bytes(b"\xff\xd8\xff stored bytes")
    response = client.get("/media/events/a1b2.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff stored bytes"
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        "sandbox" in response["Content-Security-Policy"] and "default-src 'none'" in response["Content-Security-Policy"]
    )
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'inline; filename="a1b2.jpg"'


@pytest.mark.parametrize("path", ["events/drawing.svg", "events/page.html", "events/missing.jpg", "../secret.jpg"])
def test_anything_else_is_not_found(client, media_root, path):
    (media_root / "events" / "drawing.svg").write_text("<svg><script>alert(1)</script></svg>")
    (media_root / "events" / "page.html").write_text("<script>alert(1)</script>")
    (media_root.parent / "secret.jpg").write_bytes(b"\xff\xd8\xff outside")
    assert client.get(f"/media/{path}").status_code == 404
