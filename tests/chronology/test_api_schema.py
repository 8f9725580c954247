"""The OpenAPI schema says what every operation really sends: schemathesis generates requests from the
schema for each of them and checks each response (status, content type, body) against it."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, assume
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_one_of_every_kind

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/?format=json", APP)
# The WSGI client does not decompress; the gzip middleware is tested on its own (test_api_cache.py).
PLAIN = {"Accept-Encoding": "identity"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def _connections_kept_open():
    # A raw WSGI call sends request_started/finished, whose handler closes the database connection; inside a
    # test's transaction that loses the test data (PostgreSQL). Django's test client turns it off the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def corpus(db, settings, _connections_kept_open):
    # Generated requests carry made-up Basic credentials; checking each with the real hasher costs ~0.3 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_one_of_every_kind()


@SCHEMA.parametrize()
@hypothesis_settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_sends_what_the_schema_says(case, corpus):
    # A slug with "." or "/" makes a URL no route matches (the router reads "." as a format suffix): Django's
    # own 404 page, not the API's. Those URLs are not the API's to answer.
    assume(not any(char in str(value) for value in (case.path_parameters or {}).values() for char in "./"))
    case.call_and_validate(checks=CHECKS, app=APP, headers=PLAIN)
    if case.method == "GET" and "slug" in (case.path_parameters or {}):
        # Random slugs only find 404s; ask for the real record too, with the same query.
        case.path_parameters = {"slug": corpus[case.path.split("/")[3]]}
        case.headers, case.cookies = {}, {}  # as a reader asks: made-up credentials are a 403
        response = case.call(app=APP, headers=PLAIN)
        assert response.status_code in (200, 400)
        case.validate_response(response, checks=CHECKS, headers=PLAIN)
