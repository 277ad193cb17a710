import re

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_countries import countries

from advocacy.forms import PublicationFilterForm
from advocacy.models import (
    Agenda,
    Coalition,
    Demand,
    Milestone,
    Publication,
    Scope,
)
from ngo.views import BreadcrumbMixin, FilteredListMixin, TranslatedDetailMixin, slug_lookup
from programmes.models import Programme

REGION = re.compile(r"^[a-z]{2,3}-([a-z]{2})$", re.IGNORECASE)


def visitor_country(request):
    """The visitor's country as far as the browser tells: the first region in
    Accept-Language ("nl-BE" → BE), else the one settings give for the page language."""
    for item in request.headers.get("Accept-Language", "").split(","):
        match = REGION.match(item.split(";")[0].strip())
        if match:
            return match.group(1).upper()
    return settings.LANGUAGE_COUNTRIES.get(get_language(), "")


def advocacy_crumb():
    return (_("Advocacy"), reverse("advocacy:agenda-list"))


class AgendaListView(BreadcrumbMixin, ListView):
    """The agendas by scope, the visitor's own country first among the national ones,
    a page at a time. The order needs country names in the page language, which the
    database does not have: it is worked out on the light columns of every agenda,
    and only the page's agendas are read in full."""

    section = "advocacy"
    paginate_by = 20
    template_name = "advocacy/agenda_list.html"

    def get_queryset(self):
        self.visitor_country = visitor_country(self.request)
        agendas = Agenda.objects.published().order_by("order", "id")
        rows = agendas.values_list("pk", "scope", "country")
        scopes = list(Scope)
        here = self.visitor_country

        def position(row):
            _pk, scope, code = row
            rank = scopes.index(scope) if scope in scopes else len(scopes)
            if scope == Scope.NATIONAL:
                return (rank, code != here, str(countries.name(code)))
            return (rank, False, "")

        # sorted() is stable: within a scope the editors' order stays.
        return [row[0] for row in sorted(rows, key=position)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = list(context["object_list"])
        agendas = Agenda.objects.filter(pk__in=ids).with_demand_counts().in_bulk()
        groups = []
        for scope in Scope:
            in_scope = [agendas[pk] for pk in ids if pk in agendas and agendas[pk].scope == scope]
            if in_scope:
                groups.append((scope.label, in_scope))
        context.update(groups=groups, visitor_country=self.visitor_country)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Advocacy"), None)]


class AgendaDetailView(TranslatedDetailMixin, DetailView):
    section = "advocacy"

    def get_queryset(self):
        return (
            self.published(Agenda.objects.all())
            .with_demand_counts()
            .prefetch_related(
                Prefetch("programmes", queryset=Programme.objects.published()),
                "demands",
                Prefetch("milestones", queryset=Milestone.objects.published()),
                Prefetch("coalitions", queryset=Coalition.objects.select_related("logo")),
                Prefetch("publications", queryset=Publication.objects.published()),
            )
        )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), advocacy_crumb(), (self.object.title, None)]


class DemandDetailView(TranslatedDetailMixin, DetailView):
    section = "advocacy"
    slug_lookup_prefix = "agenda__"

    def get_queryset(self):
        return (
            Demand.objects.published()
            .filter(pk=self.kwargs["pk"])
            .select_related("agenda")
            .prefetch_related(
                "status_changes", Prefetch("milestones", queryset=Milestone.objects.published())
            )
        )

    def get_breadcrumbs(self):
        agenda = self.object.agenda
        return [
            *super().get_breadcrumbs(),
            advocacy_crumb(),
            (agenda.title, agenda.get_absolute_url()),
            (Truncator(self.object.text).words(8), None),
        ]


class MilestoneListView(BreadcrumbMixin, ListView):
    section = "advocacy"
    # A page a reader goes through; older milestones are a page further.
    paginate_by = 20
    template_name = "advocacy/milestone_list.html"

    def get_queryset(self):
        return Milestone.objects.published().prefetch_related(
            Prefetch("agendas", queryset=Agenda.objects.published())
        )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), advocacy_crumb(), (_("Milestones"), None)]


class PublicationListView(FilteredListMixin, BreadcrumbMixin, ListView):
    section = "advocacy"
    paginate_by = 20

    def get_queryset(self):
        publications = Publication.objects.published().prefetch_related(
            Prefetch("agendas", queryset=Agenda.objects.published())
        )
        self.filter_form = PublicationFilterForm(
            self.request.GET or None,
            agendas=Agenda.objects.with_published_publications(),
            languages=Publication.objects.published().languages(),
        )
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["agenda"]:
                publications = publications.filter(
                    slug_lookup(data["agenda"], "agendas__")
                ).distinct()
            if data["language"]:
                publications = publications.filter(language=data["language"])
        return publications

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), advocacy_crumb(), (_("Publications"), None)]
