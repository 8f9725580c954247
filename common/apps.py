from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.contrib.auth import get_user_model
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self):
        from common import versioning

        versioning.watch_connections()
        # The admin's "Recent actions" (LogEntry) and django-reversion's history are read by cached admin pages
        # (common/admin_cache.py). Both are written in the same transaction as the curated record they describe
        # (the admin's save, a publish, a corpus load), which bumps the version once a transaction anyway: a
        # curator's save still bumps once (tests/common/test_admin_cache.py). Only a superuser's edit in the
        # auth or axes admin now bumps too, retiring cached API lists: rare. Logins write neither table.
        versioning.register(apps.get_app_config("admin"))
        versioning.register(apps.get_app_config("reversion"))
        # Who may do what (groups, permissions, and who holds them), so cached admin pages are keyed by the
        # data version instead of reading every permission on each hit (two queries, a third of a hit's time).
        # Not the user table: every login writes its last_login. Granting or revoking is rare; it retires
        # the cached lists once.
        from django.contrib.auth.models import Group, Permission

        user = get_user_model()
        versioning.register_models(
            Group, Permission, Group.permissions.through, user.groups.through, user.user_permissions.through
        )
        post_migrate.connect(_keep_curator_group, dispatch_uid="common.curator_group")


def _keep_curator_group(sender, using="default", **kwargs):
    """After each curated app's permissions are made, the Curator group holds them: a model added later is
    editable by curators without a new data migration, and a flushed test database gets the group back."""
    from common.services import CURATOR_APPS, curator_group_sync

    if sender.label in CURATOR_APPS:
        curator_group_sync(using=using)


class AtlasAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the atlas's site, whose pages are cached per curator (common/admin_cache.py)."""

    default = False  # named in INSTALLED_APPS; "common" alone still means CommonConfig
    default_site = "common.admin_site.AtlasAdminSite"
