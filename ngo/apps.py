from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NgoConfig(AppConfig):
    name = "ngo"
    verbose_name = _("Website")

    def ready(self):
        from ngo import page_cache
        from ngo.staff_groups import staff_groups_sync
        from ngo.translation_review import connect_signals

        # Permissions only exist after every app has migrated, so the groups get
        # theirs here; a model added later joins its group on the next migrate.
        post_migrate.connect(staff_groups_sync, dispatch_uid="ngo.staff_groups_sync")
        # Every save of translated content records which languages' text changed.
        connect_signals()
        # Every change to content makes the cached pages that show it fresh.
        page_cache.connect_signals()
