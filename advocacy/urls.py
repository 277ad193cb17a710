from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from advocacy import views

app_name = "advocacy"


def moved(pattern_name):
    """Agendas used to sit beside the fixed pages; their old addresses redirect."""
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


urlpatterns = [
    path(_("advocacy/"), views.AgendaListView.as_view(), name="agenda-list"),
    path(_("advocacy/milestones/"), views.MilestoneListView.as_view(), name="milestone-list"),
    path(_("advocacy/publications/"), views.PublicationListView.as_view(), name="publication-list"),
    # Agendas have a path segment of their own, so no slug can clash with a fixed page.
    path(
        _("advocacy/agendas/<slug:slug>/"), views.AgendaDetailView.as_view(), name="agenda-detail"
    ),
    path(
        _("advocacy/agendas/<slug:slug>/demands/<int:pk>/"),
        views.DemandDetailView.as_view(),
        name="demand-detail",
    ),
    path(_("advocacy/<slug:slug>/"), moved("advocacy:agenda-detail")),
    path(_("advocacy/<slug:slug>/demands/<int:pk>/"), moved("advocacy:demand-detail")),
]
