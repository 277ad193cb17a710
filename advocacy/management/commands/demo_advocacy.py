"""Demo advocacy agendas, demands, milestones, coalitions and publications.

The content is in advocacy/demo/content.toml. The demands and facts come from
public pages of child-rights organisations (a Norwegian agenda, a Belgian page
on the 2019 UN resolution and a national platform); the sentences are our own.
"""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from advocacy.models import Agenda, Coalition, Demand, Milestone, Publication
from ngo.management.demo import load_content, set_translations
from programmes.models import Programme


def demo_pdf(lines):
    """A one-page A4 PDF with a few lines of text, drawn by Pillow (about 2 KB)."""
    page = Image.new("L", (827, 1169), 255)
    pen = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=26)
    for number, line in enumerate(lines):
        pen.text((80, 120 + number * 44), line, font=font, fill=0)
    buffer = BytesIO()
    page.convert("1").save(buffer, "PDF", resolution=100)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Load the demo advocacy content (updates it when run again)."

    def handle(self, *args, **options):
        content = load_content("advocacy")
        agendas = {data["key"]: self.agenda(data) for data in content["agendas"]}
        demands = {
            (key, number): demand
            for key, agenda in agendas.items()
            for number, demand in enumerate(agenda.demands.order_by("order"), start=1)
        }
        for data in content["milestones"]:
            self.milestone(data, agendas, demands)
        for data in content["coalitions"]:
            coalition = Coalition.objects.filter(name_en=data["name"]["en"]).first() or Coalition()
            set_translations(coalition, name=data["name"], description=data["description"])
            coalition.url = data["url"]
            coalition.save()
            coalition.agendas.set([agendas[key] for key in data["agendas"]])
        for data in content["publications"]:
            self.publication(data, agendas)
        milestones = len(content["milestones"])
        self.stdout.write(
            f"Agendas: {len(agendas)}, demands: {len(demands)}, milestones: {milestones}"
        )

    def agenda(self, data):
        agenda = Agenda.objects.filter(slug_en=data["slug"]["en"]).first() or Agenda()
        set_translations(
            agenda,
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            addressee=data["addressee"],
        )
        agenda.scope, agenda.country = data["scope"], data["country"]
        agenda.order, agenda.published = data["order"], True
        agenda.save()
        agenda.programmes.set(Programme.objects.filter(slug_en__in=data["programmes"]))
        for order, demand_data in enumerate(data["demands"], start=1):
            self.demand(agenda, order, demand_data)
        agenda.demands.filter(order__gt=len(data["demands"])).delete()
        return agenda

    def demand(self, agenda, order, data):
        demand = Demand.objects.filter(agenda=agenda, order=order).first()
        demand = demand or Demand(agenda=agenda, order=order)
        set_translations(demand, text=data["text"])
        steps = [(step["status"], step["changed_on"]) for step in data["status_changes"]]
        demand.status, demand.status_changed_on = steps[-1]
        demand.evidence_url = data.get("evidence_url", "")
        demand.save()
        # The history is written out in full, so that reloading never adds to it.
        demand.status_changes.all().delete()
        for status, changed_on in steps:
            url = demand.evidence_url if status == demand.status else ""
            demand.status_changes.create(status=status, changed_on=changed_on, evidence_url=url)

    def milestone(self, data, agendas, demands):
        milestone = Milestone.objects.filter(document_reference=data["reference"]).first()
        milestone = milestone or Milestone(document_reference=data["reference"])
        set_translations(milestone, title=data["title"], text=data["text"])
        milestone.date, milestone.url, milestone.published = data["date"], data["url"], True
        milestone.save()
        milestone.agendas.set([agendas[key] for key in data["agendas"]])
        milestone.demands.set([demands[ref["agenda"], ref["number"]] for ref in data["demands"]])

    def publication(self, data, agendas):
        publication = Publication.objects.filter(title_en=data["title"]["en"]).first()
        publication = publication or Publication()
        set_translations(publication, title=data["title"], summary=data["summary"])
        publication.date, publication.language = data["date"], data["language"]
        publication.published = True
        if not publication.file:
            publication.file = SimpleUploadedFile(
                f"{data['key']}.pdf", demo_pdf(data["pages"]), content_type="application/pdf"
            )
        publication.save()
        publication.agendas.set([agendas[key] for key in data["agendas"]])
