"""A curator's repeated admin page, answered from the finished HTML kept per user and data version.

An event's change form costs about 200 ms of CPU (95 widgets, 65 % of it in templates), the changelist 100,
the index 25: under load they were most of the server's work (docs/performance.md, "Admin pages cached per
curator and data version"). Curators mostly re-open the same pages while the data stands still.

Where: `AtlasAdminSite.admin_view` wraps the view *inside* Django's own wrapper, so a hit still passes
everything around it. The site's `has_permission` (active staff, else the login redirect) runs first, a
logged-out or expired session has no user, and `never_cache`, `csrf_protect` and the middleware (CSP,
X-Frame-Options, Vary, gzip) treat a hit as they treat the view's answer: the headers stay Django's. A
middleware would have to repeat the login check and the decorators' headers. Which page it is is known here
too: the bound method (`changelist_view` of the ModelAdmin of Event), not a URL pattern to keep in step.

The key (`_key`) is everything the page depends on besides the data: the session (its key and what it
holds), the CSRF cookie (the page's token is made from it and validates on POST only with it), the absolute
URL with its query, the language, the user and what decides what they may see (active, staff, superuser),
and the static files' manifest (a deploy's new file names). The data version makes any write retire every
page at once (common/versioning.py), including a permission granted or revoked (the groups and permission
tables are versioned: a revoked one means a new key, so the view answers 403);
the bodies are kept by common/response_cache.py, the API's per-process copies plus the shared cache.

Only pages made from versioned data and the user are cached: the views in CACHED_VIEWS of the registered
apps' ModelAdmins (sources, geography, chronology, lessons), the index and their app pages. The index's
"Recent actions" are admin LogEntry rows and the history pages django-reversion's: both apps are registered
for versioning in CommonConfig.ready, where the cost is measured. The auth, axes and import pages stay
uncached: logins write to their tables, and versioning them would retire every cached API list at each login.
"""

from __future__ import annotations

import gzip
from functools import wraps

from django.conf import settings
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from common.response_cache import ask_digest, cache_key, keep, one_builder, recall
from common.versioning import data_version, registered_apps

# Read views only: the add form and the delete confirmation are rarely re-opened; reversion's revision and
# recover forms revert inside a transaction they roll back; the import page keeps its upload in the session.
CACHED_VIEWS = {
    "index",
    "app_index",
    "changelist_view",
    "change_view",
    "history_view",
    "compare_view",
    "recoverlist_view",
}
HTML = "text/html; charset=utf-8"
# A curator's page is worth keeping for minutes, not a day: each is one user's, and after a deploy (the
# templates changed, the data did not) a page is at most this old.
PAGE_SECONDS = 600


def cached_admin_view(site: AdminSite, view):
    """`view`, answering from the cache when it is one of the pages above; any other view as it is."""
    owner, name = getattr(view, "__self__", None), getattr(view, "__name__", "")
    if name not in CACHED_VIEWS:
        return view
    if isinstance(owner, ModelAdmin):
        if owner.model._meta.app_label not in registered_apps():
            return view
    elif owner is not site:
        return view

    @wraps(view)
    def page(request, *args, **kwargs):
        app_label = kwargs.get("app_label")
        key = None if app_label and app_label not in registered_apps() else _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        if (entry := recall(key)) is not None:
            return _hit(request, entry)
        with one_builder(key) as entry:  # the same page asked twice at once is rendered once
            if entry is not None:
                return _hit(request, entry)
            response = view(request, *args, **kwargs)
            if _keepable(request, response):
                keep(key, response.content, timeout=PAGE_SECONDS)
            return response

    return page


def _hit(request, entry: tuple[str, bytes]) -> HttpResponse:
    # The view would have used the CSRF cookie, and Django then renews its expiry: so does a hit.
    get_token(request)
    return HttpResponse(gzip.decompress(entry[1]), content_type=HTML)


def _key(request) -> str | None:
    """The page's cache key, or None when this request must be answered by the view."""
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    # Only the cookie's own secret: CsrfViewMiddleware replaces a malformed one, and a page holding a token
    # of the replacement must not be kept under the old cookie.
    if request.method not in ("GET", "HEAD") or not cookie or request.META.get("CSRF_COOKIE") != cookie:
        return None
    if len(get_messages(request)):  # pending messages ("… was changed successfully") show on the next page
        return None
    user = request.user
    parts = [
        "admin-page",
        request.build_absolute_uri(),
        get_language(),
        request.session.session_key,
        sorted(request.session.items()),
        cookie,
        [user.pk, user.get_username(), user.get_short_name(), user.is_active, user.is_staff, user.is_superuser],
        getattr(staticfiles_storage, "manifest_hash", ""),
    ]
    return cache_key(ask_digest(parts), data_version())


def _keepable(request, response) -> bool:
    """A plain 200 page the view made from the data and the user alone, with nothing else to send."""
    if response.status_code != 200 or response.streaming:
        return False
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # what the handler does next; no middleware here has process_template_response
    # Only Content-Type, and what csrf_protect on ModelAdmin's views adds when the page used the token: the
    # same CSRF cookie renewed and Vary: Cookie (on a hit, get_token() makes the outer csrf_protect add both).
    # A view that sets other headers (X-Frame-Options, a CSP of its own) or cookies is left alone, as is one
    # that used a CSP nonce, changed the session or queued a message.
    if {**response.headers, "Vary": "Cookie"} != {"Content-Type": HTML, "Vary": "Cookie"}:
        return False
    csrf = settings.CSRF_COOKIE_NAME
    if any(name != csrf or morsel.value != request.COOKIES[csrf] for name, morsel in response.cookies.items()):
        return False
    if any(name.startswith("_csp") for name in vars(response)) or getattr(request, "_csp_nonce", None) is not None:
        return False
    return not request.session.modified and not len(get_messages(request))
