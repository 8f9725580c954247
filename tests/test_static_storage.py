"""Production's static files: a module's imports name the hashed files the page preloads, not plain names
(which made the browser fetch every module twice and could pair a new page with an old module)."""

import re
import shutil
from pathlib import Path

from django.core.files.storage import FileSystemStorage

from config.storage import ModuleAwareStaticFilesStorage

FRONTEND_STATIC = Path(__file__).resolve().parent.parent / "frontend" / "static"
IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']""", re.MULTILINE)


def test_collected_modules_import_each_other_by_hashed_names_that_exist(tmp_path):
    source = FileSystemStorage(location=FRONTEND_STATIC)
    shutil.copytree(FRONTEND_STATIC, tmp_path, dirs_exist_ok=True)
    storage = ModuleAwareStaticFilesStorage(location=tmp_path, base_url="/static/")
    names = [str(p.relative_to(FRONTEND_STATIC)) for p in FRONTEND_STATIC.rglob("*") if p.is_file()]
    for _name, _hashed, processed in storage.post_process({name: (source, name) for name in names}):
        assert not isinstance(processed, Exception), processed

    main = tmp_path / storage.stored_name("frontend/main.js")
    imported = IMPORT.findall(main.read_text())
    assert len(imported) >= 10
    for target in imported:
        assert re.search(r"\.[0-9a-f]{12}\.js$", target), f"main.js imports {target} by its plain name"
        assert (main.parent / target).is_file(), f"main.js imports {target}, which collectstatic did not write"


def test_present_mode_loaded_later_is_asked_for_by_its_hashed_name(tmp_path):
    # present/launch.js loads present mode with import(): an unhashed name there would pair a new page with
    # a cached old present.js after a deploy.
    source = FileSystemStorage(location=FRONTEND_STATIC)
    shutil.copytree(FRONTEND_STATIC, tmp_path, dirs_exist_ok=True)
    storage = ModuleAwareStaticFilesStorage(location=tmp_path, base_url="/static/")
    names = [str(p.relative_to(FRONTEND_STATIC)) for p in FRONTEND_STATIC.rglob("*") if p.is_file()]
    for _name, _hashed, processed in storage.post_process({name: (source, name) for name in names}):
        assert not isinstance(processed, Exception), processed

    launch = tmp_path / storage.stored_name("frontend/present/launch.js")
    loaded = re.findall(r"""import\(["']([^"']+)["']\)""", launch.read_text())
    assert loaded and all(re.search(r"\.[0-9a-f]{12}\.js$", target) for target in loaded), loaded
    assert all((launch.parent / target).is_file() for target in loaded)
