import logging
import sys
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Q
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language, get_language_info, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from ngo import health, search, two_factor
from ngo.content import slug_lookups
from ngo.middleware import ADMIN_PREFIX
from ngo.models import LATEST_PROJECTS, HomePage, Page, PageRole
from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING, STAFF_GROUP_APPS

logger = logging.getLogger(__name__)


def slug_lookup(slug, prefix=""):
    """Match a translated slug in the page language, or the English one every row has."""
    return Q(**{f"{prefix}slug_{get_language()}": slug}) | Q(**{f"{prefix}slug_en": slug})


class BreadcrumbMixin:
    """Adds `breadcrumbs`, a list of (label, url) from Home to this page."""

    def get_breadcrumbs(self):
        return [(_("Home"), reverse("ngo:home"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = self.get_breadcrumbs()
        return context


class FilteredListMixin:
    """A list filtered by the GET form in `self.filter_form`; pages keep the filters."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form,
            filtered=bool(self.filter_form.is_bound and self.filter_form.has_changed()),
            page_query=query.urlencode(),
        )
        return context


class TranslatedDetailMixin(BreadcrumbMixin):
    """A detail page whose slug is translated.

    Finds the object by the slug of the current language (or the English one,
    which every object has), redirects to its own address in this language,
    and tells the visitor when the content falls back to English.
    """

    # Where the translated slug lives, e.g. "agenda__" for a page under its agenda.
    slug_lookup_prefix = ""
    # Set by the preview view: the row shown by its key, published or not.
    preview_pk = None

    def published(self, queryset):
        """The rows the page may show: the published ones, or any in a preview."""
        return queryset if self.preview_pk is not None else queryset.published()

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        if self.preview_pk is not None:
            try:
                return queryset.get(pk=self.preview_pk)
            except queryset.model.DoesNotExist:
                raise Http404 from None
        for lookup in slug_lookups(self.kwargs["slug"], self.slug_lookup_prefix):
            try:
                return queryset.get(**lookup)
            except queryset.model.DoesNotExist:
                continue
        raise Http404

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        own_url = self.object.get_absolute_url()
        if request.path != own_url and self.preview_pk is None:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{own_url}?{query}" if query else own_url)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_language_url(self, code):
        if self.preview_pk is not None:
            return reverse("ngo:preview", kwargs={"token": self.kwargs["token"]})
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview_pk is not None
        code = get_language()
        if not self.object.is_translated(code):
            context["fallback_language"] = get_language_info(code)["name_local"]
            with override("en"):
                context["canonical_url"] = self.request.build_absolute_uri(
                    self.object.get_absolute_url()
                )
        else:
            context["canonical_url"] = self.request.build_absolute_uri(self.request.path)
        return context


class HomeView(TemplateView):
    """The home page as editors set it up, or the built-in texts until they do.

    A fixed number of queries, however many programmes and projects there are.
    """

    section = "home"
    template_name = "ngo/home.html"

    def get_context_data(self, **kwargs):
        # Imported here: the content apps' models import ngo's.
        from programmes.models import Programme, Project

        home = HomePage.load(HomePage.objects.select_related("photo", "advocacy_highlight"))
        cards = Project.objects.published().select_related("hero_photo").with_current_status()
        featured = []
        if home.pk is not None:
            featured = list(cards.filter(pk__in=home.featured_projects.values("pk")))
        if not featured:
            featured = list(cards.order_by("-start_date", "-id")[:LATEST_PROJECTS])
        agenda = home.advocacy_highlight
        return super().get_context_data(
            home=home,
            key_figures=list(home.key_figures.all()) if home.pk is not None else [],
            featured_projects=featured,
            agenda=agenda if agenda is not None and agenda.is_live() else None,
            programmes=list(Programme.objects.published().select_related("hero_photo")),
            **kwargs,
        )


class PageDetailView(TranslatedDetailMixin, DetailView):
    """A simple page (about us, how we use your money, ...), under its slug."""

    template_name = "ngo/page_detail.html"

    def get_queryset(self):
        return self.published(Page.objects.all())

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (self.object.title, None)]


class PrivacyView(PageDetailView):
    """The privacy notice at the fixed address the donation forms link to.

    It is the page in the privacy role; without one (a database that was
    emptied) the built-in notice is shown, so the forms never link to a 404.
    """

    def get_object(self, queryset=None):
        if self.preview_pk is not None:
            return super().get_object(queryset)
        return Page.objects.published().filter(role=PageRole.PRIVACY).first()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            self.template_name = "ngo/privacy.html"
            context = BreadcrumbMixin.get_context_data(self, **kwargs)
            return self.render_to_response(context)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_breadcrumbs(self):
        if self.object is None:
            return [*BreadcrumbMixin.get_breadcrumbs(self), (_("Privacy"), None)]
        return super().get_breadcrumbs()

    def get_language_url(self, code):
        return reverse("ngo:privacy")


# Seconds a visitor (or a crawler) is asked to wait when the database is down.
RETRY_AFTER_SECONDS = 120


def server_error(request):
    """The 500 handler. When the database is what failed, the visitor gets the
    translated "back soon" page with 503 and Retry-After; it is rendered without
    the request, since nothing can be read."""
    # The stylesheet by its plain name: the fingerprinted name needs the
    # static files manifest, and this page must render whatever else is broken.
    context = {"stylesheet": f"{settings.STATIC_URL}css/error.css"}
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        logger.error("Database unavailable: %s", type(error).__name__)
        response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(render_to_string("500.html", context))


@never_cache
def healthz(request):
    """For the load balancer and the monitoring: 200 "ok", or 503 naming what is down."""
    problems = health.problems()
    if not problems:
        return HttpResponse("ok\n", content_type="text/plain")
    body = "".join(f"{name}: {problem}\n" for name, problem in problems.items())
    response = HttpResponse(body, status=503, content_type="text/plain")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class SearchView(BreadcrumbMixin, TemplateView):
    """One search over every published kind of content, in the page's language."""

    section = "search"
    template_name = "ngo/search.html"
    paginate_by = 10

    def get_breadcrumbs(self):
        return [*super().get_breadcrumbs(), (_("Search"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = search.clean_query(self.request.GET.get("q"))
        too_short = 0 < len(query) < search.MIN_QUERY_LENGTH
        context.update(query=query, too_short=too_short, min_length=search.MIN_QUERY_LENGTH)
        if len(query) >= search.MIN_QUERY_LENGTH:
            found = search.Search(query)
            paginator = Paginator(found.rows(), self.paginate_by)
            page = paginator.get_page(self.request.GET.get("page"))
            context.update(
                page_obj=page,
                paginator=paginator,
                results=found.results(page.object_list),
                page_query=urlencode({"q": query}),
            )
        return context


def robots_txt(request):
    """For crawlers: everything but the admin, and where the sitemap is."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", f"Disallow: {ADMIN_PREFIX}", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- previews for staff ------------------------------------------------------------------

PREVIEW_SALT = "ngo.preview"
# A preview link works for this long after the edit page that shows it was opened:
# long enough to read and share at a desk, too short to leak for good.
PREVIEW_MAX_AGE = 60 * 60
# The public detail view of each previewable model, by its label.
PREVIEW_VIEWS = {
    "ngo.page": "ngo.views.PageDetailView",
    "programmes.programme": "programmes.views.ProgrammeDetailView",
    "programmes.project": "programmes.views.ProjectDetailView",
    "advocacy.agenda": "advocacy.views.AgendaDetailView",
}


def preview_token(obj):
    return signing.dumps([obj._meta.label_lower, obj.pk], salt=PREVIEW_SALT)


def preview_url(obj, code):
    """The staff-only preview of `obj` in language `code`."""
    with override(code):
        return reverse("ngo:preview", kwargs={"token": preview_token(obj)})


@never_cache
def preview(request, token):
    """A content item's public page as it would look, published or not.

    The same view and template as the public page, with the published filter
    lifted for this one row. Only for staff signed in to the admin (with their
    second factor) who may view that kind of content, through a signed link
    from its edit page; never cached and never indexed.
    """
    user = request.user
    if not (user.is_active and user.is_staff and two_factor.is_satisfied(request)):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    try:
        label, pk = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
        view_path = PREVIEW_VIEWS[label]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Http404 from None
    model = apps.get_model(label)
    if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        raise Http404
    view = import_string(view_path).as_view(preview_pk=pk)
    response = view(request, token=token)
    if hasattr(response, "render"):
        response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Who works in each staff group's part of the admin, as the 403 page names them.
STAFF_TEAMS = {
    CONTENT_EDITORS: _("the content editors"),
    FUNDRAISING: _("the Fundraising team"),
}


def team_for_admin_path(path):
    """The team whose app this admin address belongs to, or None."""
    app_label = path.removeprefix(ADMIN_PREFIX).split("/", 1)[0]
    for group, app_labels in STAFF_GROUP_APPS.items():
        if app_label in app_labels:
            return STAFF_TEAMS.get(group)
    return None


def permission_denied(request, exception):
    """The 403 handler. Inside the admin, a page in the admin's layout that says
    whose part of the admin this is and whom to ask; elsewhere, the site's page."""
    if request.path_info.startswith(ADMIN_PREFIX):
        from django.contrib import admin

        context = {
            **admin.site.each_context(request),
            "title": _("No access to this page"),
            "team": team_for_admin_path(request.path_info),
        }
        return render(request, "admin/403.html", context, status=403)
    return render(request, "403.html", status=403)


# The largest body the benchmark's baseline will make: far above any page of ours.
BASELINE_MAX_BYTES = 1024 * 1024


def benchmark_baseline(request):
    """bench/pages.py's yardstick, routed only when settings.BENCHMARK is on: the
    whole middleware stack and a body of the asked size (?bytes=, an average page's),
    with no template and no query. What a page costs beyond this is its own work."""
    try:
        size = min(max(int(request.GET.get("bytes", "")), 0), BASELINE_MAX_BYTES)
    except ValueError:
        size = 30_000
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")
