"""The site's own demo content: home page, simple pages, footer details and a
switched-off emergency appeal, written for this site in five languages.

The content is in ngo/demo/content.toml. It points at the demo programmes,
projects and agendas, so load_demo runs it after their commands.
"""

from django.core.management.base import BaseCommand, CommandError

from advocacy.models import Agenda
from ngo.management.demo import demo_photo, load_content, replace_rows, set_translations
from ngo.models import Appeal, AppealAmounts, HomePage, Page, SiteDetails
from programmes.models import Programme, Project


def programme_by_slug(slug):
    programme = Programme.objects.filter(slug_en=slug).first()
    if programme is None:
        raise CommandError(f"Demo content: no programme with the slug {slug!r}.")
    return programme


class Command(BaseCommand):
    help = "Load the demo home page, pages, footer and appeal (updates them when run again)."

    def handle(self, *args, **options):
        content = load_content("ngo")
        for data in content["home"]:
            self.home(data)
        for data in content["pages"]:
            self.page(data)
        for data in content["site_details"]:
            self.site_details(data)
        for data in content["appeals"]:
            self.appeal(data)
        self.stdout.write(
            f"Home page, pages: {len(content['pages'])}, appeals: {len(content['appeals'])}"
        )

    def home(self, data):
        home = HomePage.load()
        set_translations(home, title=data["title"], lead=data["lead"])
        if home.photo is None:
            home.photo = demo_photo("home", data["title"], data["colour"], scene=data["picture"])
        home.advocacy_highlight = Agenda.objects.filter(slug_en=data["advocacy_highlight"]).first()
        home.save()
        home.featured_projects.set(Project.objects.filter(slug_en__in=data["featured_projects"]))
        replace_rows(home.key_figures, data["key_figures"], "value", "label")

    def page(self, data):
        page = Page.objects.filter(slug_en=data["slug"]["en"]).first() or Page()
        set_translations(page, title=data["title"], slug=data["slug"], body=data["body"])
        page.placement = data["placement"]
        page.order = data["order"]
        page.published = True
        page.save()

    def site_details(self, data):
        details = SiteDetails.load()
        set_translations(details, register_name=data["register_name"])
        for field in ("email", "phone", "register_number"):
            setattr(details, field, data[field])
        details.save()

    def appeal(self, data):
        appeal = Appeal.objects.filter(title_en=data["title"]["en"]).first() or Appeal()
        set_translations(
            appeal, title=data["title"], text=data["text"], button_label=data["button_label"]
        )
        appeal.programme = programme_by_slug(data["programme"])
        appeal.active = data["active"]
        appeal.save()
        appeal.amounts.all().delete()
        for line in data["amounts"]:
            currency, presets = line.split(maxsplit=1)
            AppealAmounts.objects.create(appeal=appeal, currency=currency, presets=presets)
