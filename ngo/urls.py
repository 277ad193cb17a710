from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ngo import views

# The site-wide pages, namespaced "ngo" like every app's.
site_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(_("privacy/"), views.PrivacyView.as_view(), name="privacy"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    *i18n_patterns(
        path("", include((site_patterns, "ngo"))),
        path("", include("programmes.urls")),
        path("", include("advocacy.urls")),
        path("", include("donations.urls")),
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "ngo.views.server_error"
