from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ngo import views
from ngo.sitemaps import sitemaps

# The site-wide pages, namespaced "ngo" like every app's.
site_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(_("privacy/"), views.PrivacyView.as_view(), name="privacy"),
    path(_("search/"), views.SearchView.as_view(), name="search"),
    # Simple pages live under a word of their own rather than at the top level: a
    # page slug can then never hide (or be hidden by) another app's address, such
    # as "donate/" or "programmes/", whatever editors type. "info" reads the same
    # in all five languages, and a neutral word does not clash with page titles
    # ("about/about-us/").
    path("info/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
    # Staff only, signed, never cached or indexed (see views.preview).
    path("preview/<str:token>/", views.preview, name="preview"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    # For crawlers, outside the language prefixes: one of each for the whole site.
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    *i18n_patterns(
        path("", include((site_patterns, "ngo"))),
        path("", include("programmes.urls")),
        path("", include("advocacy.urls")),
        path("", include("donations.urls")),
    ),
]

if settings.BENCHMARK:
    # The benchmark's yardstick: the same middleware as every page, nothing else.
    urlpatterns.append(path("bench/baseline/", views.benchmark_baseline))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "ngo.views.permission_denied"
handler500 = "ngo.views.server_error"
