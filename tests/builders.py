"""Plain builder functions for test data: every field has a sensible default."""

from datetime import date
from io import BytesIO
from itertools import count
from uuid import uuid4

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from advocacy.models import Agenda, Demand, Milestone, Publication
from donations.models import Donor, Gift, Mandate, Sponsorship
from ngo.models import Photo
from programmes.models import Funder, Programme, Project

LANGS = settings.LANGUAGE_CODES
_serial = count(1)


def translated(obj, field, base):
    for code in LANGS:
        setattr(obj, f"{field}_{code}", f"{base}-{code}" if field == "slug" else f"{base} ({code})")


def jpeg_bytes(size=(800, 600), colour=(200, 100, 50), exif=None):
    buffer = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def upload(name="photo.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else jpeg_bytes(), content_type)


def make_photo(**fields):
    defaults = {
        "image": upload(f"p{next(_serial)}.jpg"),
        "alt_text": "Houses on a hill",
        "shows_identifiable_child": False,
        "published": True,
    }
    photo = Photo(**{**defaults, **fields})
    photo.save()
    return photo


def fill_texts(obj, name_field, slug, all_languages):
    """Name, summary and slug in every language, or in English only."""
    if all_languages:
        translated(obj, name_field, slug.title())
        translated(obj, "summary", f"Summary of {slug}")
        translated(obj, "slug", slug)
    else:
        setattr(obj, f"{name_field}_en", slug.title())
        obj.summary_en, obj.slug_en = "Summary", slug


def make_programme(slug=None, all_languages=True, **fields):
    slug = slug or f"programme-{next(_serial)}"
    programme = Programme(**{"published": True, **fields})
    fill_texts(programme, "title", slug, all_languages)
    programme.save()
    return programme


def make_project(programme=None, slug=None, all_languages=True, **fields):
    slug = slug or f"project-{next(_serial)}"
    defaults = {"countries": ["BE"], "start_date": date(2020, 1, 1), "published": True}
    project = Project(programme=programme or make_programme(), **{**defaults, **fields})
    fill_texts(project, "name", slug, all_languages)
    project.save()
    return project


def make_funder(name=None):
    funder = Funder(name=name or f"Funder {next(_serial)}")
    funder.save()
    return funder


def pdf_bytes(pages=1):
    """A small real PDF with `pages` blank pages, made by Pillow."""
    buffer = BytesIO()
    first, *rest = [Image.new("1", (200, 280), 1) for _ in range(pages)]
    first.save(buffer, "PDF", save_all=True, append_images=rest)
    return buffer.getvalue()


def pdf_upload(name="report.pdf", content=None):
    content = pdf_bytes() if content is None else content
    return SimpleUploadedFile(name, content, "application/pdf")


def make_agenda(slug=None, all_languages=True, scope="international", country="", **fields):
    slug = slug or f"agenda-{next(_serial)}"
    agenda = Agenda(scope=scope, country=country, **{"published": True, **fields})
    if all_languages:
        translated(agenda, "title", slug.title())
        translated(agenda, "slug", slug)
        translated(agenda, "introduction", f"<p>Why {slug}</p>")
        translated(agenda, "addressee", "the government")
    else:
        agenda.title_en, agenda.slug_en = slug.title(), slug
        agenda.introduction_en, agenda.addressee_en = f"<p>Why {slug}</p>", "the government"
    agenda.save()
    return agenda


def make_demand(agenda, text="Keep siblings together", order=0, **fields):
    demand = Demand(agenda=agenda, order=order, **fields)
    translated(demand, "text", text)
    demand.save()
    return demand


def make_milestone(title="UN resolution", day=date(2019, 11, 15), agendas=(), **fields):
    milestone = Milestone(date=day, **{"published": True, **fields})
    translated(milestone, "title", title)
    milestone.save()
    milestone.agendas.set(agendas)
    return milestone


def make_publication(title="Guide", language="en", agendas=(), **fields):
    defaults = {"date": date(2020, 10, 1), "published": True, "file": pdf_upload()}
    publication = Publication(language=language, **{**defaults, **fields})
    translated(publication, "title", title)
    publication.save()
    publication.agendas.set(agendas)
    return publication


# A valid sponsorship as the form posts it; tests change one thing at a time.
SPONSORSHIP_POST = {
    "currency": "EUR",
    "amount": "35",
    "other_amount": "",
    "place": "need",
    "first_name": "Ann",
    "last_name": "Peeters",
    "email": "ann@example.org",
    "phone": "",
    "street": "Kerkstraat 1",
    "postal_code": "3000",
    "city": "Leuven",
    "country": "BE",
    "language": "nl",
    "account_holder": "Ann Peeters",
    "account": "BE71 0961 2345 6769",
    "collection_day": "15",
    "mandate": "on",
    "privacy": "on",
}

GIFT_POST = {
    key: value
    for key, value in SPONSORSHIP_POST.items()
    if key not in {"place", "account_holder", "account", "collection_day", "mandate"}
} | {"amount": "50", "programme": ""}


def post_donation(client, url, base, **changes):
    """Post a donation form as a browser would, with a fresh form token; the amounts
    were shown in the posted currency unless a test says otherwise. Upper-case
    changes (REMOTE_ADDR, HTTP_X_REAL_IP) are request headers, not form fields."""
    headers = {key: changes.pop(key) for key in list(changes) if key.isupper()}
    data = {**base, "token": str(uuid4()), **changes}
    data.setdefault("amounts_currency", data.get("currency"))
    return client.post(url, {k: v for k, v in data.items() if v is not None}, **headers)


def sponsor(client, **changes):
    return post_donation(client, "/en/become-a-sponsor/", SPONSORSHIP_POST, **changes)


def give(client, **changes):
    return post_donation(client, "/en/give/", GIFT_POST, **changes)


def nothing_saved():
    """No donor, mandate or donation is stored: what a refused post must leave."""
    return not (
        Donor.objects.exists()
        or Mandate.objects.exists()
        or Sponsorship.objects.exists()
        or Gift.objects.exists()
    )


def png_bytes(size=(800, 600), colour=(200, 100, 50)):
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()
