# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run serve test setup browser gettext lint format clean curator messages bench backup restore

# runserver is WSGI: a live class's event stream takes one of its threads a phone, enough to try it out.
run: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_corpus --if-empty
	@echo "Chronoatlas: http://127.0.0.1:$(PORT)/  (admin: make curator, then /admin/)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# A curator's account (staff, in the Curator group): asks for the name, email and password (twice).
curator: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcurator

# The database to a file (prints its name: backups/chronoatlas-<time>.dump, .sqlite3 on SQLite), and back:
# `make restore FILE=backups/…` replaces the database with the file's in one transaction (docs/operations.md).
backup: setup
	$(PY) manage.py backup

restore: setup
	@test -n "$(FILE)" || { echo "make restore FILE=path/to/backup (a file that make backup wrote)"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

# The production configuration on this machine: gunicorn with uvicorn's ASGI workers (a live class's event
# streams), collected static files, DEBUG off, a secret key from DJANGO_SECRET_KEY or made once into
# .secret-key (config/serve.py, docs/operations.md). `SERVE_HOST=0.0.0.0 make serve`: students' phones on
# the local network reach it (docs/operations.md, "A live class on a school network").
serve: setup
	PORT=$(PORT) $(PY) -m config.serve

# The scripts' pure parts under node's own test runner, unit and API tests, then the browser tests in their
# own process (they load a corpus for the session).
test: setup browser gettext
	node --test tests/js/
	$(PY) -m pytest tests --ignore=tests/browser
	$(PY) -m pytest tests/browser

setup: $(VENV)/.installed frontend/node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
browser:
	@command -v chromium >/dev/null || { \
		echo "Installing Chromium for the browser tests (Debian package 'chromium')"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# xgettext: `make messages` collects strings with it, and tests/common/test_translations.py checks that
# every string marked in the code is in the catalog the same way.
gettext:
	@command -v xgettext >/dev/null || { \
		echo "Installing gettext for collecting the admin's strings (Debian package 'gettext')"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq gettext; }

# Issue 10's measurements (docs/performance.md): minutes, not seconds, and they need Chromium, PostgreSQL
# (databases ca_p*, dropped and made again) and Redis db 5. Numbers only, nothing passes or fails.
BENCH := cd benchmarks && ../$(PY)
bench: setup browser
	$(BENCH) page_compare.py --events 1000 10000 100000
	$(BENCH) payload.py --events 1000 10000
	$(BENCH) serve_api.py --events 10000
	$(BENCH) reliability.py --seconds 60 --clients 50
	$(BENCH) two_servers.py
	$(BENCH) lighthouse.py --runs 3

BIOME := frontend/node_modules/.bin/biome

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(BIOME) ci .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(BIOME) check --write .

clean:
	rm -rf $(VENV) frontend/node_modules staticfiles .pytest_cache

# The project's gettext catalog: collect new strings into locale/tr/LC_MESSAGES/django.po, then (once each
# msgstr is filled) compile the .mo with polib. Collecting needs gettext (xgettext); compiling and serving do
# not: both files are committed.
# The folders it skips are in common/management/commands/makemessages.py, shared with the catalog's test.
messages: setup gettext
	$(PY) manage.py makemessages -l tr --no-obsolete
	$(PY) -c "import polib; polib.pofile('locale/tr/LC_MESSAGES/django.po').save_as_mofile('locale/tr/LC_MESSAGES/django.mo')"
	$(PY) -m frontend.catalog
