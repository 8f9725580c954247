from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self):
        from common import epoch

        # After every migrate and flush: the epoch's triggers on every watched table, and a new epoch.
        post_migrate.connect(epoch.after_migrate, dispatch_uid="common.data_epoch")
        post_migrate.connect(_keep_curator_group, dispatch_uid="common.curator_group")


def _keep_curator_group(sender, using="default", **kwargs):
    """After each curated app's permissions are made, the Curator group holds them: a model added later is
    editable by curators without a new data migration, and a flushed test database gets the group back."""
    from common.services import CURATOR_APPS, curator_group_sync

    if sender.label in CURATOR_APPS:
        curator_group_sync(using=using)
