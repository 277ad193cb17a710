from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from ngo.views import BreadcrumbMixin, FilteredListMixin, TranslatedDetailMixin, slug_lookup
from programmes.forms import ProjectFilterForm
from programmes.models import Funder, Programme, Project, SustainableDevelopmentGoal


def programmes_crumb():
    return (_("Programmes"), reverse("programmes:programme-list"))


class ProgrammeListView(BreadcrumbMixin, ListView):
    section = "programmes"
    queryset = Programme.objects.published().select_related("hero_photo")

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Programmes"), None)]


# A programme page shows its running and newest projects; the project list has them all.
PROGRAMME_PROJECTS_SHOWN = 6


class ProgrammeDetailView(TranslatedDetailMixin, DetailView):
    section = "programmes"

    def get_queryset(self):
        published = Project.objects.published()
        count = (
            published.filter(programme=OuterRef("pk"))
            .order_by()
            .values("programme")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            self.published(Programme.objects.all())
            .select_related("hero_photo")
            .annotate(project_count=Coalesce(Subquery(count), 0))
            .prefetch_related("principles", "key_figures")
        )

    def get_context_data(self, **kwargs):
        projects = (
            Project.objects.published()
            .filter(programme=self.object)
            .select_related("hero_photo")
            .status_ordered()
        )
        return super().get_context_data(projects=projects[:PROGRAMME_PROJECTS_SHOWN], **kwargs)

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), programmes_crumb(), (self.object.title, None)]


class ProjectListView(FilteredListMixin, BreadcrumbMixin, ListView):
    section = "projects"
    paginate_by = 12

    def get_queryset(self):
        published = Project.objects.published()
        # The filters offer only values that published projects use.
        self.filter_form = ProjectFilterForm(
            self.request.GET or None,
            programmes=Programme.objects.published(),
            country_codes=published.country_codes(),
            sdgs=SustainableDevelopmentGoal.objects.used_by(published),
        )
        projects = published
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["programme"]:
                projects = projects.filter(slug_lookup(data["programme"], "programme__"))
            if data["country"]:
                projects = projects.in_country(data["country"])
            if data["sdg"]:
                projects = projects.filter(sdgs__number=data["sdg"])
            if data["status"]:
                projects = projects.with_status(data["status"])
        return (
            projects.select_related("programme", "hero_photo")
            .prefetch_related("sdgs")
            .status_ordered()
        )

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Projects"), None)]


class ProjectDetailView(TranslatedDetailMixin, DetailView):
    section = "projects"

    def get_queryset(self):
        return (
            self.published(Project.objects.all())
            .with_current_status()
            .select_related("programme", "hero_photo")
            .prefetch_related(
                Prefetch("funders", queryset=Funder.objects.select_related("logo")),
                "sdgs",
                "goals",
                "reach_figures",
            )
        )

    def get_breadcrumbs(self):
        programme = self.object.programme
        return [
            *super().get_breadcrumbs(),
            programmes_crumb(),
            (programme.title, programme.get_absolute_url()),
            (self.object.name, None),
        ]
