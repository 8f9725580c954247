"""What the production configuration guards: headers, the API throttle, admin lock-out, database outages."""

import fakeredis
import pytest
from django.core.cache import caches
from django.test import Client
from rest_framework.throttling import AnonRateThrottle

from tests.factories import make_event

EVENTS = "/api/v1/events/"
LOGIN = "/admin/login/"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", EVENTS, LOGIN])
def test_every_page_forbids_inline_scripts_other_hosts_and_framing(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture(params=["in-memory", "redis"])
def throttle_cache(request, settings):
    """The throttle counts in the default cache: in memory (tests, one process), or Redis (one pipeline)."""
    if request.param == "redis":
        # An in-memory Redis server behind Django's real Redis backend and redis-py's real client.
        options = {"connection_class": fakeredis.FakeRedisConnection, "server": fakeredis.FakeServer()}
        backend = {"BACKEND": "common.cache.RedisCache", "LOCATION": "redis://t/0", "OPTIONS": options}
        settings.CACHES = {"default": backend}
    yield caches["default"]
    caches["default"].clear()


@pytest.fixture
def clock(monkeypatch):
    """The throttle's time, moved by hand (seconds since the epoch, at the start of a minute)."""
    now = [1_800_000_000.0]
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: now[0])
    return now


@pytest.mark.django_db
def test_anonymous_readers_are_throttled_per_address_and_told_when_to_return(monkeypatch, throttle_cache):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    make_event()
    reader = Client(REMOTE_ADDR="192.0.2.1", HTTP_ACCEPT_LANGUAGE="en")
    assert [reader.get(EVENTS).status_code for _ in range(3)] == [200, 200, 200]
    refused = reader.get(EVENTS)
    assert refused.status_code == 429
    assert "throttled" in refused.json()["detail"].lower()
    assert 0 < int(refused["Retry-After"]) <= 120
    assert Client(REMOTE_ADDR="192.0.2.2").get(EVENTS).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("asked_at", [0, 30, 59])
def test_a_reader_who_waits_as_told_is_served_again(monkeypatch, throttle_cache, clock, asked_at):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    reader = Client(REMOTE_ADDR="192.0.2.1")
    clock[0] += asked_at
    assert [reader.get(EVENTS).status_code for _ in range(3)] == [200, 200, 200]
    wait = int(reader.get(EVENTS)["Retry-After"])
    assert reader.get(EVENTS).status_code == 429  # asking again at once does not help
    clock[0] += wait
    assert reader.get(EVENTS).status_code == 200


@pytest.mark.django_db
def test_a_throttled_reader_cannot_burst_across_the_minute_s_edge(monkeypatch, throttle_cache, clock):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "4/minute"})
    reader = Client(REMOTE_ADDR="192.0.2.1")
    clock[0] += 59
    assert [reader.get(EVENTS).status_code for _ in range(4)] == [200] * 4
    clock[0] += 2  # the next minute has begun, but the last 60 s already held four requests
    assert reader.get(EVENTS).status_code == 429


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_reset_the_throttle(monkeypatch, throttle_cache):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    reader = Client(REMOTE_ADDR="192.0.2.1")
    codes = [reader.get(EVENTS, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_curators_are_not_throttled(monkeypatch, django_user_model, throttle_cache):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    curator = Client(REMOTE_ADDR="192.0.2.1")
    curator.force_login(django_user_model.objects.create_superuser("curator", "c@example.org", "pw"))
    assert [curator.get(EVENTS).status_code for _ in range(3)] == [200, 200, 200]


def _log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


@pytest.fixture
def curators(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, not security
    for name in ("ayse", "boris"):
        django_user_model.objects.create_superuser(name, f"{name}@example.org", f"{name}-right-password")


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_out_that_username_from_that_address(curators, settings):
    guesser = Client(REMOTE_ADDR="203.0.113.9", headers={"Accept-Language": "en"})  # reads the English page
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _log_in(guesser, "ayse", f"guess-{attempt}").status_code == 200  # the form again, with its error
    locked = _log_in(guesser, "ayse", "last-guess")
    assert locked.status_code == 429
    assert b"locked after" in locked.content and b"Try again in" in locked.content

    refused = _log_in(guesser, "ayse", "ayse-right-password")
    assert refused.status_code == 429 and b"even the right password is refused" in refused.content
    assert "_auth_user_id" not in guesser.session

    # The curator elsewhere, and a colleague at the same address, still log in.
    assert _log_in(Client(REMOTE_ADDR="198.51.100.7"), "ayse", "ayse-right-password").status_code == 302
    assert _log_in(guesser, "boris", "boris-right-password").status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_dodge_the_lock_out(curators, settings):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        guesser.post(
            LOGIN,
            {"username": "ayse", "password": f"guess-{attempt}"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    response = guesser.post(
        LOGIN, {"username": "ayse", "password": "ayse-right-password"}, HTTP_X_FORWARDED_FOR="198.51.100.200"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_successful_login_clears_earlier_failures(curators, settings):
    curator = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in(curator, "ayse", f"typo-{attempt}")
    assert _log_in(curator, "ayse", "ayse-right-password").status_code == 302
    curator.logout()
    assert _log_in(curator, "ayse", "one-more-typo").status_code == 200  # not yet locked: the count restarted


@pytest.fixture
def outage_site(settings):
    settings.ROOT_URLCONF = "tests.outage_urls"
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("url", "content_type"),
    [("/outage/", "text/html"), ("/closed/", "text/html"), ("/api/v1/outage/", "application/json")],
)
def test_a_database_outage_answers_503_with_a_message_and_no_traceback(outage_site, url, content_type):
    response = outage_site.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Content-Type"].startswith(content_type)
    assert response["Retry-After"].isdigit()
    text = response.content.decode()
    assert "database is unavailable" in text and "try again in a minute" in text
    assert "Traceback" not in text and "5432" not in text and "Connection refused" not in text


@pytest.mark.parametrize(
    ("url", "headers", "expected"),
    [
        ("/outage/", {}, "yeniden deneyin"),  # no preference: the site's Turkish
        ("/outage/", {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "try again"),
        ("/outage/?lang=tr", {"HTTP_ACCEPT_LANGUAGE": "en"}, "yeniden deneyin"),  # the page's own choice wins
        ("/api/v1/outage/?lang=en", {}, "try again"),
    ],
)
def test_the_outage_message_is_in_the_visitors_language(outage_site, url, headers, expected):
    response = outage_site.get(url, **headers)
    assert response.status_code == 503
    other = "try again" if expected == "yeniden deneyin" else "yeniden deneyin"
    assert expected in response.content.decode() and other not in response.content.decode()


def test_a_form_sent_during_an_outage_is_shown_again_to_send_once_more(outage_site):
    response = outage_site.post(
        "/outage/?lang=en", {"title": "Battle of <Manzikert>", "places": ["malazgirt", "ahlat"], "password": "s3cret"}
    )
    assert response.status_code == 503
    text = response.content.decode()
    assert "nothing you sent was saved" in text
    assert "Battle of &lt;Manzikert&gt;" in text and "<Manzikert>" not in text  # shown, escaped
    assert '<form method="post" action="/outage/?lang=en">' in text
    assert 'name="places" value="malazgirt"' in text and 'name="places" value="ahlat"' in text
    assert "s3cret" not in text  # a password is never written back into a page


def test_a_database_outage_outside_the_view_answers_503_too(outage_site, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.outage_urls.database_down_middleware"]
    response = outage_site.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "try again" in response.content.decode() and "unexpectedly" not in response.content.decode()


def test_an_ordinary_bug_is_still_a_500(outage_site):
    assert outage_site.get("/bug/").status_code == 500


@pytest.mark.parametrize("status", [200, 404])
def test_the_site_policy_built_once_is_django_csps_and_a_replaced_policy_still_wins(rf, status):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from config.security import SitePolicyCSPMiddleware
    from geography.admin import PREVIEW_CSP

    def answer(replace=None):
        def view(request):
            response = HttpResponse("x", status=status)
            if replace:
                response._csp_replace = replace
            return response

        return view

    for replace in (None, PREVIEW_CSP):
        ours = SitePolicyCSPMiddleware(answer(replace))(rf.get("/"))
        theirs = CSPMiddleware(answer(replace))(rf.get("/"))
        assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
        assert ("'unsafe-inline'" in ours["Content-Security-Policy"]) == (replace is not None)
    assert not ours.has_header("Content-Security-Policy-Report-Only")


def test_a_changed_policy_setting_is_taken_up(rf, settings):
    from django.http import HttpResponse

    from config.security import SitePolicyCSPMiddleware

    middleware = SitePolicyCSPMiddleware(lambda request: HttpResponse("x"))
    assert "connect-src 'self'" in middleware(rf.get("/"))["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert middleware(rf.get("/"))["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/api/v1/places.geojson?collection=a%00b", "/api/v1/live/%00/release/", "/?event=%00", "/lessons/?lang=%00"],
)
def test_a_nul_character_in_the_address_is_refused_saying_what_to_remove(client, address):
    # PostgreSQL raises on any comparison with a text holding NUL: without the guard, each of these was a 500.
    response = client.post(address) if "/live/" in address else client.get(address)
    assert response.status_code == 400
    assert "NUL" in (response.json()["detail"] if address.startswith("/api/") else response.content.decode())
