"""The one settings module. Environment variables switch it between a laptop and production.

DJANGO_DEBUG        "true" turns debug on (off by default).
DJANGO_SECRET_KEY   required unless debugging.
DATABASE_URL        e.g. postgres://user@host:5432/chronoatlas; default: SQLite file db.sqlite3.
DJANGO_ALLOWED_HOSTS comma-separated; default localhost names.
DJANGO_STATIC_MANIFEST "false" serves static files without `collectstatic` (default: true unless debugging).
REDIS_URL           optional shared cache (several workers); default: per-process memory.
DJANGO_HTTPS        "true" when served over HTTPS (behind a TLS-terminating proxy): SSL redirect, HSTS, secure cookies.
DJANGO_MEDIA_ROOT   where uploaded images are kept; default: media/ beside the code.
docs/operations.md lists every variable.
"""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Without a key outside debugging, the server refuses to start (config/wsgi.py, config/asgi.py), while
# commands that sign nothing (migrate, makemigrations, load_corpus, collectstatic) still run.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-never-use-in-production"

# Django's test set-up adds "testserver" itself; a production default must not accept it.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "csp",
    "axes",
    # History and undo of every curated record (who, when, what), with a diff view in the admin.
    "reversion",
    "reversion_compare",
    "common",
    "sources",
    "geography",
    "chronology",
    "lessons",
    "interchange",
    "live",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.security.SitePolicyCSPMiddleware",  # django-csp's, the site's policy built once
    # JSON lists are large (2.5 MB for 10,000 events, 0.23 MB gzipped): compress them, and answer a
    # repeated request whose ETag matches with 304.
    # Django's, but never on a live class's event stream: gzip would hold each message back.
    "config.compression.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.security.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.outage.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widgets through Jinja2 where Django ships its templates for it (common/form_rendering.py): the admin's
# change forms render a hundred of them.
FORM_RENDERER = "common.form_rendering.JinjaFirstRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Reuse a connection for a minute, but test it before each request: after a database restart the
        # next request reconnects instead of failing on a dead connection.
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: a cached body is built in one read transaction (common/response_cache.py), which
    # in SQLite's default journal mode would hold a curator's save until the build finished.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# redis-py waits 5 s to connect and for ever for an answer by default: a Redis that does not answer would hold
# every request that long. Local Redis answers in well under a millisecond, the largest body (2 MB) in a few.
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
if REDIS_URL := env_str("REDIS_URL", default=""):
    # Django's, reusing one client per connection pool (a cached API answer's Redis reads cost less), and
    # failing soft while Redis is away (common/cache.py).
    CACHES = {"default": {"BACKEND": "common.cache.RedisCache", "LOCATION": REDIS_URL, "OPTIONS": REDIS_CACHE_OPTIONS}}
# How long an anonymous reader's browser (or a proxy) may reuse a public answer before revalidating it with
# its ETag (common/response_cache.py). A curator's own browser always revalidates.
PUBLIC_MAX_AGE = env_int("DJANGO_PUBLIC_MAX_AGE", default=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Content languages. Adding a third language is one line here: translated fields store a value per code.
LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", "Türkçe"), ("en", "English")]
TIME_ZONE = "Europe/Istanbul"
# The project's own gettext catalogs (Django's admin brings its own Turkish). The compiled .mo files are
# committed: a fresh machine may have no gettext tools to compile them.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "frontend" / "node_modules"
# npm packages served as local static files under vendor/<name>/ (no CDN: classrooms may be offline).
NPM_STATIC = {
    "leaflet": "leaflet/dist",
    "world-atlas": "world-atlas",
    "topojson-client": "topojson-client/dist",
    "leaflet-polylinedecorator": "leaflet-polylinedecorator/dist",
}
STATICFILES_DIRS = [
    (f"vendor/{name}", NODE_MODULES / path) for name, path in NPM_STATIC.items() if (NODE_MODULES / path).is_dir()
]
# Production serves hashed, compressed files made by `collectstatic`; debugging and tests (which set
# DJANGO_STATIC_MANIFEST=false) serve the source files as they are.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "config.storage.ModuleAwareStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without the manifest (debugging, tests) static files are served from the finders, without collectstatic;
# production serves only what collectstatic put in STATIC_ROOT.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG

CORPUS_DIR = BASE_DIR / "fixtures" / "seed"

# Images curators upload for events (chronology/media.py writes every file there, re-encoded). The site serves
# them itself (config/media_files.py) unless DJANGO_MEDIA_SERVE=false says a web server in front does
# (docs/operations.md, "Uploaded media").
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "media/"
MEDIA_SERVE = env_bool("DJANGO_MEDIA_SERVE", default=True)

# Anonymous readers share one budget per address (a classroom behind one NAT loads the page at once, six to
# ten API requests a reader). The throttle counts in the default cache: per worker with the in-memory cache,
# shared by every worker and server with Redis. "off" removes the limit (benchmarks).
API_ANON_RATE = env_str("DJANGO_API_ANON_RATE", default="3000/minute")
if API_ANON_RATE != "off" and not re.fullmatch(r"[1-9]\d*/(second|minute|hour|day|[smhd])", API_ANON_RATE):
    raise ImproperlyConfigured(
        f"DJANGO_API_ANON_RATE={API_ANON_RATE!r} is not a rate; write e.g. 3000/minute (or off)."
    )
# Proxies in front of the app (nginx: 1). Their X-Forwarded-For names the client; with none it is ignored.
NUM_PROXIES = env_int("DJANGO_NUM_PROXIES", default=0)

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    # Curators sign in through the admin; the read API needs no password of its own. Basic authentication
    # would also send any header's made-up name to the login lock-out's database (a NUL byte in it was a 500
    # on PostgreSQL).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_SCHEMA_CLASS": "common.api.AtlasAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.paging.WholeUnlessAskedPagination",
    # No PAGE_SIZE: a list is whole unless the client asks for `limit`.
    "PAGE_SIZE": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_THROTTLE_CLASSES": [] if API_ANON_RATE == "off" else ["common.throttling.WindowedAnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": None if API_ANON_RATE == "off" else API_ANON_RATE},
    # Whose address a request is: without a proxy the socket's, never a header the client can forge.
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chronoatlas API",
    "DESCRIPTION": "Read-only access to the atlas's events, places, routes, areas, sources and people.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Aid's kind and status share their field names with other records' choices: name them apart.
    "ENUM_NAME_OVERRIDES": {
        "AidKindEnum": "chronology.models.AidKind",
        "AidStatusEnum": "chronology.models.AidStatus",
    },
}

# Security. Django's defaults already send nosniff, X-Frame-Options: DENY and HttpOnly session cookies.
# DJANGO_HTTPS=true says the site is reached over HTTPS, as a rule through a proxy that ends TLS and sets
# X-Forwarded-Proto (overwriting any the client sent). Without it the site is plain HTTP (`make serve` on
# 127.0.0.1), where secure cookies would never be sent back and `check --deploy` rightly warns.
HTTPS = env_bool("DJANGO_HTTPS", default=False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # A year, as browsers' preload lists ask; try a shorter time first (3600) when moving a site to HTTPS.
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
# Preloading asks browser makers to hard-code HTTPS for the whole domain, a step that takes months to undo:
# the domain's owner opts in (DJANGO_HSTS_PRELOAD=true), so its reminder is not a warning here.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy: nothing runs or loads from another host ("nothing leaves the host": the page
# fetches only its own API). Scripts are files, never inline. Styles too: Leaflet and the timeline set
# styles through the CSSOM (element.style), which style-src does not govern, and neither the page nor
# Django's admin has a style attribute or <style> element, so no 'unsafe-inline' anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the page's empty favicon (no request for /favicon.ico) and images a script makes.
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# Admin logins: after DJANGO_LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for DJANGO_LOGIN_COOLOFF_MINUTES, even with the right password. Another address (the
# curator at home) and another username from the same address (a colleague in the same office) still log
# in. Attempts are kept in the database, so every worker and server sees the same count.
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out logins before the password is checked; needs the request, so tests use
    # client.force_login (which authenticates nothing) rather than client.login.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", default=5, minimum=1)
# At least a minute: without a cool-off time django-axes would lock out for good.
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
# The same address as the API throttle sees (DJANGO_NUM_PROXIES), never a forgeable header.
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="WARNING")},
}

# The admin's "Find coordinates" asks Nominatim (OpenStreetMap) after the atlas's own gazetteer, when the
# network allows; off (DJANGO_GEOCODER_ONLINE=false) it searches the gazetteer only. Tests switch it off.
GEOCODER_ONLINE = env_bool("DJANGO_GEOCODER_ONLINE", default=True)
GEOCODER_TIMEOUT = env_int("DJANGO_GEOCODER_TIMEOUT", default=3, minimum=1)
