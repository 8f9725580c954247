"""The atlas's admin site: Django's, with curators' repeated pages answered from a cache."""

from django.contrib import admin

from common.admin_cache import cached_admin_view


class AtlasAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        # Inside Django's wrapper: the login check, never_cache and csrf_protect apply to a hit as to the view.
        return super().admin_view(cached_admin_view(self, view), cacheable)
