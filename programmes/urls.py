from django.urls import path
from django.utils.translation import gettext_lazy as _

from programmes import views

app_name = "programmes"

urlpatterns = [
    path(_("programmes/"), views.ProgrammeListView.as_view(), name="programme-list"),
    path(
        _("programmes/<slug:slug>/"), views.ProgrammeDetailView.as_view(), name="programme-detail"
    ),
    path(_("projects/"), views.ProjectListView.as_view(), name="project-list"),
    path(_("projects/<slug:slug>/"), views.ProjectDetailView.as_view(), name="project-detail"),
]
