"""Plain builder functions for test data: every field has a sensible default."""

from datetime import date
from io import BytesIO
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ngo.models import Photo
from programmes.models import Funder, Programme, Project

LANGS = ("en", "nl", "fr", "nb", "da")
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
