"""Settings fail loudly when production would be unsafe."""

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True)


def _load_settings(**env):
    return _run("import config.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'])", **env)


def test_the_server_refuses_to_start_without_a_secret_key_outside_debug():
    for entry in ("config.wsgi", "config.asgi"):
        result = _run(f"import {entry}")
        assert result.returncode != 0, entry
        assert "DJANGO_SECRET_KEY is not set" in result.stderr, entry


def test_the_server_starts_with_a_secret_key_or_in_debug():
    assert _run("import config.wsgi", DJANGO_SECRET_KEY="k").returncode == 0
    assert _run("import config.wsgi", DJANGO_DEBUG="true").returncode == 0


def test_commands_that_sign_nothing_run_without_a_secret_key():
    result = _run(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'makemigrations', '--check', '--dry-run'])",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_asked_and_sqlite_is_the_default_database():
    result = _load_settings(DJANGO_SECRET_KEY="k")
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3"]


def test_database_url_switches_to_postgresql():
    result = _load_settings(DJANGO_SECRET_KEY="k", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert result.stdout.split()[1] == "django.db.backends.postgresql"


def test_a_misspelt_boolean_is_an_error_not_a_guess():
    result = _load_settings(DJANGO_DEBUG="ture")
    assert result.returncode != 0 and "DJANGO_DEBUG='ture' is not a boolean" in result.stderr


# The settings a test looks at, read in one process per environment (a process takes a second or two).
_SETTINGS_SHOWN = (
    "ALLOWED_HOSTS",
    "WHITENOISE_USE_FINDERS",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "REST_FRAMEWORK",
)


@functools.cache
def _settings_in(**env) -> dict:
    code = (
        f"import json, config.settings as s; print(json.dumps({{n: getattr(s, n, None) for n in {_SETTINGS_SHOWN}}}))"
    )
    result = _run(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PRODUCTION = {"DJANGO_SECRET_KEY": "k"}


STRONG_KEY = "k" * 20 + "-production-secret-key-0123456789abcdefghij"


def test_production_accepts_only_its_own_host_names_not_the_test_client():
    assert "testserver" not in _settings_in(**PRODUCTION)["ALLOWED_HOSTS"]


def test_production_serves_only_collected_static_files():
    assert _settings_in(**PRODUCTION)["WHITENOISE_USE_FINDERS"] is False
    assert _settings_in(DJANGO_DEBUG="true")["WHITENOISE_USE_FINDERS"] is True


def _check_deploy(**env):
    return _run(
        "from django.core.management import call_command; import django; django.setup(); "
        "call_command('check', deploy=True, fail_level='WARNING')",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY=STRONG_KEY,
        **env,
    )


def test_check_deploy_is_clean_over_https():
    result = _check_deploy(DJANGO_HTTPS="true")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_about_plain_http_until_https_is_switched_on():
    result = _check_deploy()
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_https_trusts_the_proxys_scheme_header_and_marks_cookies_secure():
    https = _settings_in(**PRODUCTION, DJANGO_HTTPS="true", DJANGO_HSTS_SECONDS="3600", DJANGO_API_ANON_RATE="off")
    assert https["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert https["SESSION_COOKIE_SECURE"] is https["CSRF_COOKIE_SECURE"] is True
    assert https["SECURE_HSTS_SECONDS"] == 3600
    # Without the switch a client's X-Forwarded-Proto means nothing.
    assert _settings_in(**PRODUCTION)["SECURE_PROXY_SSL_HEADER"] is None


def test_the_api_rate_can_be_changed_or_switched_off_and_a_typo_is_named():
    assert _settings_in(**PRODUCTION)["REST_FRAMEWORK"]["DEFAULT_THROTTLE_CLASSES"]  # on unless switched off
    off = _settings_in(**PRODUCTION, DJANGO_HTTPS="true", DJANGO_HSTS_SECONDS="3600", DJANGO_API_ANON_RATE="off")
    assert off["REST_FRAMEWORK"]["DEFAULT_THROTTLE_CLASSES"] == []
    result = _load_settings(DJANGO_SECRET_KEY="k", DJANGO_API_ANON_RATE="100 per hour")
    assert result.returncode != 0 and "DJANGO_API_ANON_RATE='100 per hour' is not a rate" in result.stderr


def test_a_number_setting_that_is_not_a_number_is_named():
    result = _load_settings(DJANGO_SECRET_KEY="k", DJANGO_LOGIN_FAILURE_LIMIT="five")
    assert result.returncode != 0 and "DJANGO_LOGIN_FAILURE_LIMIT='five' is not a whole number" in result.stderr


def test_a_zero_cool_off_which_would_lock_out_for_good_is_refused():
    result = _load_settings(DJANGO_SECRET_KEY="k", DJANGO_LOGIN_COOLOFF_MINUTES="0")
    assert result.returncode != 0 and "DJANGO_LOGIN_COOLOFF_MINUTES='0' is too small" in result.stderr
