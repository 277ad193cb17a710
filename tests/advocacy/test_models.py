from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from advocacy.forms import PDFFormField
from advocacy.models import Agenda, DemandStatus, Publication
from tests.builders import (
    jpeg_bytes,
    make_agenda,
    make_demand,
    make_publication,
    pdf_bytes,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def agenda_errors(**fields):
    agenda = Agenda(
        title_en="Agenda", slug_en="agenda", introduction_en="<p>x</p>", addressee_en="them"
    )
    for name, value in fields.items():
        setattr(agenda, name, value)
    with pytest.raises(ValidationError) as caught:
        agenda.full_clean()
    return caught.value.message_dict


def test_a_national_agenda_needs_a_country():
    errors = agenda_errors(scope="national")
    assert errors["country"] == [
        "A national agenda needs the country whose government it addresses."
    ]


def test_other_agendas_have_no_country():
    errors = agenda_errors(scope="eu", country="BE")
    assert errors["country"] == ["Only a national agenda has a country; leave this empty."]


def test_the_database_keeps_the_country_rule_too():
    agenda = make_agenda(scope="national", country="BE")
    agenda.scope = "eu"
    with transaction.atomic(), pytest.raises(IntegrityError):
        agenda.save()


def test_an_agenda_may_take_any_slug_since_agendas_have_their_own_path():
    agenda = make_agenda(slug="agenda")
    agenda.slug_nl = "mijlpalen"
    agenda.full_clean()
    agenda.save()
    with translation.override("nl"):
        assert agenda.get_absolute_url() == "/nl/beleidswerk/agendas/mijlpalen/"


def test_demand_history_records_each_status_change():
    demand = make_demand(
        make_agenda(), status=DemandStatus.NOT_YET, status_changed_on=date(2015, 1, 1)
    )
    demand.refresh_from_db()
    demand.status, demand.status_changed_on = DemandStatus.IN_PROGRESS, date(2017, 3, 1)
    demand.save()
    demand.text_en = "Reworded"
    demand.save()  # no status change, no new history
    demand.status = DemandStatus.ACHIEVED
    demand.save()
    history = [(c.status, c.changed_on) for c in demand.status_changes.all()]
    today = timezone.localdate()
    assert history == [
        ("not_yet", date(2015, 1, 1)),
        ("in_progress", date(2017, 3, 1)),
        ("achieved", today),
    ]
    # The status changed but its date was left alone: the change is dated today.
    assert demand.status_changed_on == today


def test_a_real_pdf_is_accepted_and_its_size_and_pages_kept():
    publication = make_publication(file=pdf_upload("Our Guide (final).PDF", pdf_bytes(pages=3)))
    publication.refresh_from_db()
    assert publication.file.name == "publications/our-guide-final.pdf"
    assert publication.file_size == len(pdf_bytes(pages=3))
    assert publication.page_count == 3


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("photo.pdf", jpeg_bytes(), "not_pdf"),
        ("empty.pdf", b"", "empty"),
        ("cut.pdf", pdf_bytes()[:60], "damaged_pdf"),
        ("fake.pdf", b"%PDF-1.7\nthis is not really a PDF\n", "damaged_pdf"),
    ],
)
def test_files_that_are_not_readable_pdfs_are_refused(name, content, code):
    with pytest.raises(ValidationError) as caught:
        PDFFormField().clean(pdf_upload(name, content))
    assert caught.value.code == code


def test_a_password_protected_pdf_is_refused():
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_bytes())))
    writer.encrypt("secret")
    buffer = BytesIO()
    writer.write(buffer)
    with pytest.raises(ValidationError) as caught:
        PDFFormField().clean(pdf_upload("locked.pdf", buffer.getvalue()))
    assert caught.value.code == "encrypted_pdf"
    assert "protected with a password" in caught.value.messages[0]


def test_the_size_limit_comes_from_settings(settings):
    settings.PUBLICATION_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        PDFFormField().clean(pdf_upload("big.pdf", pdf_bytes()))
    assert caught.value.code == "file_too_large"
    assert "publications may be at most 100\xa0bytes" in caught.value.messages[0]
    assert not Publication.objects.exists()
