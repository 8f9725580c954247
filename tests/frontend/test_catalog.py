"""The page's strings: every one in both languages, in strings.json and in the translators' catalog."""

from __future__ import annotations

import json
import shutil

import polib

from frontend.catalog import CATALOG_FILE, STRINGS_FILE, catalog_problems, catalog_sync


def test_every_page_string_is_translated_in_strings_json_and_the_catalog():
    assert catalog_problems() == []


def test_the_compiled_catalog_is_the_po_file():
    compiled = {entry.msgctxt: entry.msgstr for entry in polib.mofile(str(CATALOG_FILE.with_suffix(".mo")))}
    assert compiled == {entry.msgctxt: entry.msgstr for entry in polib.pofile(str(CATALOG_FILE))}


def _copies(tmp_path):
    strings, catalog = tmp_path / "strings.json", tmp_path / "django.po"
    shutil.copy(STRINGS_FILE, strings)
    shutil.copy(CATALOG_FILE, catalog)
    return strings, catalog


def test_a_new_string_without_turkish_is_named(tmp_path):
    strings_file, catalog_file = _copies(tmp_path)
    strings = json.loads(strings_file.read_text(encoding="utf-8"))
    strings["en"]["presentBrandNew"] = "Brand new"
    strings_file.write_text(json.dumps(strings), encoding="utf-8")
    problems = catalog_problems(strings_file=strings_file, catalog_file=catalog_file)
    assert any("'presentBrandNew' has no tr text" in problem for problem in problems)
    assert any("no entry for 'presentBrandNew'" in problem for problem in problems)

    catalog_sync(strings_file=strings_file, catalog_file=catalog_file)
    problems = catalog_problems(strings_file=strings_file, catalog_file=catalog_file)
    assert any("'presentBrandNew' ('Brand new') is not translated" in problem for problem in problems)


def test_a_translators_turkish_reaches_strings_json(tmp_path):
    strings_file, catalog_file = _copies(tmp_path)
    catalog = polib.pofile(str(catalog_file))
    catalog.find("Step {n} of {count}", msgctxt="stepOf").msgstr = "{count} adımdan {n}."
    catalog.save()
    catalog_sync(strings_file=strings_file, catalog_file=catalog_file)
    assert json.loads(strings_file.read_text(encoding="utf-8"))["tr"]["stepOf"] == "{count} adımdan {n}."
    assert catalog_problems(strings_file=strings_file, catalog_file=catalog_file) == []
