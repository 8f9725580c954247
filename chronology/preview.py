"""Who sees drafts: a curator previewing the real page with `?preview=1`; everyone else sees published events only."""

from __future__ import annotations

PREVIEW_PARAMETER = "preview"


def drafts_visible(request) -> bool:
    """True when `request` asks for a preview and comes from staff allowed to see events in the admin.

    Asking is not enough: an anonymous visitor (or staff without the permission) adding `?preview=1` gets
    the published atlas, the same as without it.
    """
    if request.GET.get(PREVIEW_PARAMETER) != "1":
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff and user.has_perm("chronology.view_event"))
