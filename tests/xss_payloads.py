"""Markup a curator (or an import) might paste into any text field; the atlas must show each one as text."""

# Short enough that a payload with its label fits the narrowest text columns (120 characters; one alone, 32).
SCRIPT = "<script>alert(1)</script>"
ONERROR = "<img src=x onerror=alert(2)>"
JAVASCRIPT_LINK = '<a href="javascript:alert(3)">go</a>'
PAYLOADS = (SCRIPT, ONERROR, JAVASCRIPT_LINK)


def hostile(label: str) -> str:
    """A field's text carrying every payload, tagged with the field's name to find it again."""
    return f"{label} {SCRIPT} {ONERROR} {JAVASCRIPT_LINK}"


def translated(label: str) -> dict:
    return {"tr": hostile(f"{label}-tr"), "en": hostile(f"{label}-en")}
