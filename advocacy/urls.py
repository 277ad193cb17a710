from django.urls import path
from django.utils.translation import gettext_lazy as _

from advocacy import views

app_name = "advocacy"

# The fixed pages come before the agenda pattern, which would match them too.
urlpatterns = [
    path(_("advocacy/"), views.AgendaListView.as_view(), name="agenda-list"),
    path(_("advocacy/milestones/"), views.MilestoneListView.as_view(), name="milestone-list"),
    path(_("advocacy/publications/"), views.PublicationListView.as_view(), name="publication-list"),
    path(_("advocacy/<slug:slug>/"), views.AgendaDetailView.as_view(), name="agenda-detail"),
    path(
        _("advocacy/<slug:slug>/demands/<int:pk>/"),
        views.DemandDetailView.as_view(),
        name="demand-detail",
    ),
]
