from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied


class AdminSite(admin.AdminSite):
    def app_index(self, request, app_label, extra_context=None):
        # Django answers 404 when none of the app's models is open to this user;
        # the app exists, so the honest answer is "forbidden".
        if not self.get_app_list(request, app_label):
            raise PermissionDenied
        return super().app_index(request, app_label, extra_context)


class AdminConfig(DjangoAdminConfig):
    """Django's admin, running our AdminSite."""

    default_site = "ngo.admin_site.AdminSite"
