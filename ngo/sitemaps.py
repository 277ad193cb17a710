"""sitemap.xml: every public page in every language, each with its hreflang
alternates, so search engines find the translations of a page together."""

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class LanguagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, *args, **kwargs):
        # Django writes x-default as the address without a language prefix,
        # which only the home page has here: point it at the English page,
        # as the pages' own hreflang links do.
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            alternates = {a["lang_code"]: a for a in url["alternates"]}
            if "x-default" in alternates and settings.LANGUAGE_CODE in alternates:
                alternates["x-default"]["location"] = alternates[settings.LANGUAGE_CODE]["location"]
        return urls


class StaticPagesSitemap(LanguagesSitemap):
    """The home page and the list pages, whose words are translated by the URLconf."""

    changefreq = "weekly"
    url_names = (
        "ngo:home",
        "programmes:programme-list",
        "programmes:project-list",
        "advocacy:agenda-list",
        "advocacy:milestone-list",
        "advocacy:publication-list",
    )

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


class ContentSitemap(LanguagesSitemap):
    """The published rows of one model, dated by their last change."""

    model = None  # "app_label.Model", with a published() queryset
    select_related = ()

    def items(self):
        model = apps.get_model(self.model)
        return model.objects.published().select_related(*self.select_related).order_by("pk")

    def lastmod(self, obj):
        return obj.modified

    def get_languages_for_item(self, item):
        # An untranslated page is shown in English under the other prefixes, with
        # the English page as its canonical: only its own languages are listed.
        return [code for code in super().get_languages_for_item(item) if item.is_translated(code)]


class ProgrammeSitemap(ContentSitemap):
    model = "programmes.Programme"


class ProjectSitemap(ContentSitemap):
    model = "programmes.Project"


class AgendaSitemap(ContentSitemap):
    model = "advocacy.Agenda"


class DemandSitemap(ContentSitemap):
    model = "advocacy.Demand"
    select_related = ("agenda",)


class PageSitemap(ContentSitemap):
    model = "ngo.Page"


# Publications have no page of their own: they are on the publications list.
sitemaps = {
    "pages": StaticPagesSitemap,
    "programmes": ProgrammeSitemap,
    "projects": ProjectSitemap,
    "agendas": AgendaSitemap,
    "demands": DemandSitemap,
    "simple-pages": PageSitemap,
}
