"""Markup a curator (or an import) might paste into any text field; the atlas must show each one as text."""

SCRIPT = "<script>alert('xss-script')</script>"
ONERROR = "<img src=x onerror=alert('xss-onerror')>"
JAVASCRIPT_LINK = "<a href=\"javascript:alert('xss-link')\">javascript:alert(1)</a>"
PAYLOADS = (SCRIPT, ONERROR, JAVASCRIPT_LINK)


def hostile(label: str) -> str:
    """A field's text carrying every payload, tagged with the field's name to find it again."""
    return f"{label} {SCRIPT} {ONERROR} {JAVASCRIPT_LINK}"


def translated(label: str) -> dict:
    return {"tr": hostile(f"{label}-tr"), "en": hostile(f"{label}-en")}
