"""The page's ES modules as the browser fetches them, read from the files themselves so the list cannot drift:
main.js and what it imports, followed through, are preloaded on every page; what it loads with import()
(present mode, the presenter view and a lesson's bar) is preloaded only on a page opened for a class."""

import posixpath
import re
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
ENTRY = "frontend/main.js"
STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.{1,2}/[^"']+)["']""", re.MULTILINE)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["'](\.{1,2}/[^"']+)["']\s*\)""")


def _imports(name: str, pattern: re.Pattern) -> list[str]:
    text = (STATIC / name).read_text(encoding="utf-8")
    return [posixpath.normpath(posixpath.join(posixpath.dirname(name), target)) for target in pattern.findall(text)]


def _closure(roots: list[str]) -> list[str]:
    seen: list[str] = []
    todo = list(roots)
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.append(name)
        todo += _imports(name, STATIC_IMPORT)
    return seen


@cache
def page_modules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(every page's modules, a class's extra modules): static-file names ("frontend/map/map.js"), main.js first."""
    everyday = _closure([ENTRY])
    loaded_later = [target for name in everyday for target in _imports(name, DYNAMIC_IMPORT)]
    for_class = [name for name in _closure(loaded_later) if name not in everyday]
    return tuple(everyday), tuple(for_class)
