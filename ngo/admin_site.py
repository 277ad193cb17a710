import unicodedata
from functools import update_wrapper

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# ngo.two_factor is imported inside the methods: this site is built while the
# apps load, before the two-factor models can be imported.


def has_control_characters(query):
    return any(
        unicodedata.category(char) == "Cc"
        for key, values in query.lists()
        for text in (key, *values)
        for char in text
    )


class AdminSite(admin.AdminSite):
    site_header = gettext_lazy("Website administration")
    site_title = settings.SITE_NAME

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra_views = []

    def register_view(self, route, view, name):
        """A page of an app's own at admin/<route>, behind admin_view (signed in, staff,
        second factor); the view checks its own permission."""
        self.extra_views.append(path(route, self.admin_view(view), name=name))

    def has_permission(self, request):
        from ngo import two_factor

        # The password alone is not enough for those who need a second factor.
        return super().has_permission(request) and two_factor.is_satisfied(request)

    def login(self, request, extra_context=None):
        """Django's sign-in form, then the second factor where one is needed."""
        from ngo import two_factor

        if super().has_permission(request) and not two_factor.is_satisfied(request):
            return two_factor.next_step(request)
        response = super().login(request, extra_context)
        signed_in = request.method == "POST" and request.user.is_authenticated
        if signed_in and not two_factor.is_satisfied(request):
            return two_factor.next_step(request)
        return response

    def admin_view(self, view, cacheable=False):
        """Every admin page; a query with control characters (`?currency=%00`, which
        PostgreSQL refuses) goes back to the unfiltered page with a message."""
        protected = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            if has_control_characters(request.GET):
                messages.warning(request, _("That filter was not valid, so it was removed."))
                return HttpResponseRedirect(request.path)
            return protected(request, *args, **kwargs)

        return update_wrapper(checked, protected)

    def get_urls(self):
        from ngo import two_factor

        return [
            path("two-factor/", two_factor.verify, name="two-factor"),
            path("two-factor/setup/", two_factor.setup, name="two-factor-setup"),
            path("two-factor/recovery-codes/", two_factor.recovery_codes, name="recovery-codes"),
            *self.extra_views,
            *super().get_urls(),
        ]

    def app_index(self, request, app_label, extra_context=None):
        # Django answers 404 when none of the app's models is open to this user;
        # the app exists, so the honest answer is "forbidden".
        if not self.get_app_list(request, app_label):
            raise PermissionDenied
        return super().app_index(request, app_label, extra_context)


class AdminConfig(DjangoAdminConfig):
    """Django's admin, running our AdminSite."""

    default_site = "ngo.admin_site.AdminSite"
