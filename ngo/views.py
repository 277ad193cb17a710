from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView


class BreadcrumbMixin:
    """Adds `breadcrumbs`, a list of (label, url) from Home to this page."""

    def get_breadcrumbs(self):
        return [(_("Home"), reverse("ngo:home"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class HomeView(TemplateView):
    template_name = "ngo/home.html"


class PrivacyView(BreadcrumbMixin, TemplateView):
    template_name = "ngo/privacy.html"

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Privacy"), None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_email=settings.CONTACT_EMAIL, **kwargs)
