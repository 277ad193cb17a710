"""Demo programmes and projects, written for this site in five languages.

The content is in programmes/demo/content.toml. Facts and figures come from
public pages of child-rights organisations; the sentences are our own.
"""

from django.core.management.base import BaseCommand

from ngo.management.demo import demo_photo, load_content, replace_rows, set_translations
from programmes.models import Funder, Programme, Project, SustainableDevelopmentGoal


class Command(BaseCommand):
    help = "Load the demo programmes and projects (updates them when run again)."

    def handle(self, *args, **options):
        content = load_content("programmes")
        funders = {data["key"]: self.funder(data) for data in content["funders"]}
        programmes = {data["slug"]["en"]: self.programme(data) for data in content["programmes"]}
        for data in content["projects"]:
            self.project(data, programmes[data["programme"]], funders)
        self.stdout.write(f"Programmes: {len(programmes)}, projects: {len(content['projects'])}")

    def funder(self, data):
        funder = Funder.objects.filter(name_en=data["name"]["en"]).first() or Funder()
        set_translations(funder, name=data["name"])
        funder.url = data["url"]
        funder.save()
        return funder

    def programme(self, data):
        programme = Programme.objects.filter(slug_en=data["slug"]["en"]).first() or Programme()
        set_translations(
            programme,
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
        )
        programme.order = data["order"]
        programme.published = True
        if programme.hero_photo is None:
            programme.hero_photo = demo_photo(
                data["slug"]["en"],
                data["title"],
                data["colour"],
                expired_consent=data.get("photo_needs_consent", False),
                scene=data.get("picture"),
            )
        programme.save()
        replace_rows(programme.principles, data["principles"], "heading", "text")
        replace_rows(programme.key_figures, data["key_figures"], "value", "label")
        return programme

    def project(self, data, programme, funders):
        project = Project.objects.filter(slug_en=data["slug"]["en"]).first() or Project()
        set_translations(
            project,
            name=data["name"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
            places=data["places"],
        )
        project.programme = programme
        project.countries = data["countries"]
        project.start_date = data["start_date"]
        project.end_date = data.get("end_date")
        project.open_for_sponsorship = data["open_for_sponsorship"]
        project.published = True
        if project.hero_photo is None:
            project.hero_photo = demo_photo(
                data["slug"]["en"],
                data["name"],
                data["colour"],
                expired_consent=data.get("photo_needs_consent", False),
                scene=data.get("picture"),
            )
        project.save()
        project.funders.set([funders[key] for key in data["funders"]])
        project.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=data["sdgs"]))
        replace_rows(project.goals, data["goals"], "text")
        replace_rows(project.reach_figures, data["reach_figures"], "value", "label")
