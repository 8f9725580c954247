"""The page's gettext catalog (frontend/locale/tr/LC_MESSAGES/page.po), kept in step with strings.json.

Translators work in the .po file with their usual tools: each entry's msgctxt is the strings.json key
(dotted: "category.treaty", "monthsShort.3", "stepOf"), msgid the English text, msgstr the Turkish.
`python -m frontend.catalog` writes the catalog from strings.json for new keys and reads the translators'
Turkish back into strings.json; `catalog_problems` (run by a test) names every string missing from either.
The catalog is app-level so the admin's catalog (locale/) can be edited by others at the same time, and its
own gettext domain ("page") so `makemessages`, which finds no page strings in Python or templates, never
rewrites it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

FRONTEND = Path(__file__).resolve().parent
STRINGS_FILE = FRONTEND / "static" / "frontend" / "core" / "strings.json"
CATALOG_FILE = FRONTEND / "locale" / "tr" / "LC_MESSAGES" / "page.po"
SOURCE_LANGUAGE, TARGET_LANGUAGE = "en", "tr"


def _flatten(node, prefix: str = "") -> dict[str, str]:
    """{dotted key: text} for every string under `node` (objects by key, lists by position)."""
    if isinstance(node, str):
        return {prefix: node}
    items = node.items() if isinstance(node, dict) else enumerate(node)
    flat: dict[str, str] = {}
    for key, value in items:
        flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def _unflatten_into(tree, dotted: str, value: str) -> None:
    *parents, last = dotted.split(".")
    node = tree
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def page_strings_flat(*, strings_file: Path = STRINGS_FILE) -> dict[str, dict[str, str]]:
    strings = json.loads(strings_file.read_text(encoding="utf-8"))
    return {lang: _flatten(block) for lang, block in strings.items()}


def catalog_problems(*, strings_file: Path = STRINGS_FILE, catalog_file: Path = CATALOG_FILE) -> list[str]:
    """Every page string without a translation, in strings.json or in the catalog, or where the two differ."""
    flat = page_strings_flat(strings_file=strings_file)
    source, target = flat[SOURCE_LANGUAGE], flat[TARGET_LANGUAGE]
    problems = [f"strings.json: {key!r} has no {TARGET_LANGUAGE} text" for key in source if not target.get(key)]
    problems += [f"strings.json: {key!r} has no {SOURCE_LANGUAGE} text" for key in target if not source.get(key)]
    if not catalog_file.exists():
        return [*problems, f"{catalog_file} is missing: run `python -m frontend.catalog`"]
    entries = {entry.msgctxt: entry for entry in polib.pofile(str(catalog_file))}
    for key, text in source.items():
        entry = entries.get(key)
        if entry is None:
            problems.append(f"catalog: no entry for {key!r}: run `python -m frontend.catalog`")
        elif not entry.translated() or "fuzzy" in entry.flags:
            problems.append(f"catalog: {key!r} ({text!r}) is not translated")
        elif entry.msgid != text or entry.msgstr != target.get(key):
            problems.append(f"catalog: {key!r} differs from strings.json: run `python -m frontend.catalog`")
    return problems


def catalog_sync(*, strings_file: Path = STRINGS_FILE, catalog_file: Path = CATALOG_FILE) -> None:
    """Take the translators' Turkish from the catalog into strings.json, then rewrite the catalog (and its
    .mo) from strings.json, so a key added to strings.json appears in the catalog for translating."""
    strings = json.loads(strings_file.read_text(encoding="utf-8"))
    if catalog_file.exists():
        for entry in polib.pofile(str(catalog_file)):
            if entry.msgctxt and entry.translated() and "fuzzy" not in entry.flags:
                try:
                    _unflatten_into(strings[TARGET_LANGUAGE], entry.msgctxt, entry.msgstr)
                except (KeyError, IndexError, ValueError):
                    continue  # a key strings.json no longer has: dropped below
        strings_file.write_text(json.dumps(strings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    source, target = _flatten(strings[SOURCE_LANGUAGE]), _flatten(strings[TARGET_LANGUAGE])
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": "Chronoatlas page",
        "Language": TARGET_LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    for key, text in source.items():
        catalog.append(polib.POEntry(msgctxt=key, msgid=text, msgstr=target.get(key, "")))
    catalog_file.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(catalog_file))
    catalog.save_as_mofile(str(catalog_file.with_suffix(".mo")))


if __name__ == "__main__":
    catalog_sync()
    problems = catalog_problems()
    print("\n".join(problems) or f"{CATALOG_FILE.relative_to(Path.cwd())}: every page string translated")
    sys.exit(1 if problems else 0)
