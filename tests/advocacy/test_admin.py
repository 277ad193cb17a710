from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from advocacy.models import Agenda, Coalition, Demand, Milestone, Publication
from tests.builders import jpeg_bytes, make_agenda, make_demand, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    f"/admin/advocacy/{model}/{page}"
    for model in ("agenda", "demand", "milestone", "coalition", "publication")
    for page in ("", "add/")
]


def test_content_editors_manage_advocacy(editor_client):
    demand = make_demand(make_agenda())
    for url in [*ADMIN_PAGES, f"/admin/advocacy/demand/{demand.pk}/change/"]:
        assert editor_client.get(url).status_code == 200, url


def test_fundraising_staff_can_not_edit_advocacy(fundraising_client):
    for url in ADMIN_PAGES:
        assert fundraising_client.get(url).status_code == 403, url


def agenda_form(**fields):
    data = {
        "title_en": "Our agenda for Norway",
        "slug_en": "norway",
        "introduction_en": "<p>Why<script>alert(1)</script></p>",
        "addressee_en": "the Norwegian government",
        "scope": "national",
        "country": "NO",
        "published": "on",
        "order": "1",
        "demands-TOTAL_FORMS": "2",
        "demands-INITIAL_FORMS": "0",
        "demands-0-order": "2",
        "demands-0-text_en": "Keep siblings together",
        "demands-0-status": "in_progress",
        "demands-0-status_changed_on": "2019-01-01",
        "demands-1-order": "1",
        "demands-1-text_en": "Right help at the right time",
        "demands-1-status": "not_yet",
        "demands-1-status_changed_on": "2017-01-01",
    }
    return {**data, **fields}


def test_editor_creates_an_agenda_with_demands_and_their_history(editor_client):
    response = editor_client.post("/admin/advocacy/agenda/add/", agenda_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    agenda = Agenda.objects.get()
    assert agenda.introduction_en == "<p>Why</p>"
    assert [d.text for d in agenda.demands.all()] == [
        "Right help at the right time",
        "Keep siblings together",
    ]
    siblings = agenda.demands.get(order=2)
    assert [(c.status, c.changed_on) for c in siblings.status_changes.all()] == [
        ("in_progress", date(2019, 1, 1))
    ]


def test_a_national_agenda_without_country_is_refused_with_nothing_saved(editor_client):
    response = editor_client.post("/admin/advocacy/agenda/add/", agenda_form(country=""))
    assert response.status_code == 200
    assert "A national agenda needs the country whose government it addresses." in (
        response.content.decode()
    )
    assert not Agenda.objects.exists() and not Demand.objects.exists()


def test_changing_a_status_in_the_admin_adds_to_the_history(editor_client):
    demand = make_demand(make_agenda("un"), status="in_progress")
    data = {
        "agenda": demand.agenda.pk,
        "order": "1",
        "text_en": demand.text_en,
        "status": "achieved",
        "status_changed_on": "2019-11-15",
        "evidence_url": "https://undocs.org/A/RES/74/133",
        "status_changes-TOTAL_FORMS": "1",
        "status_changes-INITIAL_FORMS": "1",
        "status_changes-0-id": demand.status_changes.get().pk,
        "status_changes-0-demand": demand.pk,
        "status_changes-0-changed_on": "2017-01-01",
        "status_changes-0-status": "in_progress",
        "status_changes-0-evidence_url": "",
    }
    response = editor_client.post(f"/admin/advocacy/demand/{demand.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    history = [(c.status, c.changed_on, c.evidence_url) for c in demand.status_changes.all()]
    assert history == [
        ("in_progress", date(2017, 1, 1), ""),
        ("achieved", date(2019, 11, 15), "https://undocs.org/A/RES/74/133"),
    ]


def publication_form(file):
    return {
        "title_en": "Siblings together",
        "summary_en": "Why siblings belong together.",
        "date": "2024-03-01",
        "language": "nb",
        "file": file,
        "published": "on",
    }


def test_editor_uploads_a_pdf_publication(editor_client):
    response = editor_client.post(
        "/admin/advocacy/publication/add/", publication_form(pdf_upload("Søsken.pdf"))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    publication = Publication.objects.get()
    assert publication.file.name == "publications/sosken.pdf"
    assert publication.file_size == len(pdf_bytes()) and publication.page_count == 1
    html = editor_client.get(f"/admin/advocacy/publication/{publication.pk}/change/")
    assert "1 page" in html.content.decode()


@pytest.mark.parametrize(
    "upload,message",
    [
        (pdf_upload("photo.pdf", jpeg_bytes()), "This file is not a PDF."),
        (pdf_upload("cut.pdf", pdf_bytes()[:80]), "This PDF is damaged or incomplete"),
    ],
)
def test_a_file_that_is_not_a_pdf_gets_a_clear_error_and_nothing_is_saved(
    editor_client, upload, message
):
    response = editor_client.post("/admin/advocacy/publication/add/", publication_form(upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Publication.objects.exists()


def test_demo_advocacy_is_complete_and_loads_twice_without_duplicates(settings):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    agendas = Agenda.objects.all()
    assert {(a.scope, a.country.code or "") for a in agendas} >= {
        ("national", "BE"),
        ("national", "NO"),
        ("countries", ""),
        ("eu", ""),
        ("international", ""),
    }
    demands = Demand.objects.all()
    assert len({d.status for d in demands}) == 4
    assert all(d.status_changes.exists() for d in demands)
    assert demands.count() == 21 and Milestone.objects.count() >= 3
    resolution = Milestone.objects.get(document_reference="A/RES/74/133")
    assert (resolution.date.year, resolution.date.month) == (2019, 11)
    assert Coalition.objects.count() == 2
    assert Coalition.objects.filter(name_en__startswith="Platform Kinderrechten").exists()
    publications = Publication.objects.all()
    assert publications.count() == 2
    for publication in publications:
        with publication.file.open("rb") as file:
            assert len(PdfReader(file).pages) == publication.page_count == 1
    for agenda in agendas:
        assert agenda.missing_languages() == [], agenda
    for row in [*demands, *Milestone.objects.all(), *Coalition.objects.all(), *publications]:
        fields = {
            Demand: ("text",),
            Milestone: ("title", "text"),
            Coalition: ("name", "description"),
            Publication: ("title", "summary"),
        }[type(row)]
        for field in fields:
            for code in ("en", "nl", "fr", "nb", "da"):
                assert getattr(row, f"{field}_{code}"), (row, field, code)
