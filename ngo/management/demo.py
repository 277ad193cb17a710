"""Helpers shared by the apps' demo-content commands.

Each app keeps its demo content in demo/content.toml, next to its models: texts
in five languages are tables keyed by language code, {"en": ..., "nl": ...}.
"""

import tomllib
from datetime import date
from io import BytesIO
from pathlib import Path
from textwrap import shorten

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from PIL import Image, ImageDraw

from ngo.models import Photo

ALT_TEXT = {
    "en": "Drawing of small houses on green hills under the sun",
    "nl": "Tekening van kleine huizen op groene heuvels onder de zon",
    "fr": "Dessin de petites maisons sur des collines vertes sous le soleil",
    "nb": "Tegning av små hus i grønne åser under solen",
    "da": "Tegning af små huse på grønne bakker under solen",
}


def load_content(app_label):
    """An app's demo content, read from its demo/content.toml."""
    path = Path(apps.get_app_config(app_label).path) / "demo" / "content.toml"
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise CommandError(f"{path}: {error}") from error


def translation_problem(texts):
    """What is wrong with a table of texts by language code, or None: it must
    hold one non-empty text for each language in settings.LANGUAGE_CODES."""
    codes = settings.LANGUAGE_CODES
    if not isinstance(texts, dict):
        return f"expected a text for each of {', '.join(codes)}"
    unknown = [code for code in texts if code not in codes]
    missing = [c for c in codes if not isinstance(texts.get(c), str) or not texts[c].strip()]
    problems = []
    if unknown:
        problems.append(f"unknown language {', '.join(unknown)}")
    if missing:
        problems.append(f"no text in {', '.join(missing)}")
    return "; ".join(problems) or None


def set_translations(obj, **fields):
    """Set every language of each field from a table {code: text}, for example
    heading={"en": "Parents lead", "nl": "Ouders aan het roer", ...}. A table
    without exactly the site's languages is refused, naming the item."""
    for field, texts in fields.items():
        problem = translation_problem(texts)
        if problem:
            raise CommandError(f"Demo content, {item_name(obj, fields)}, {field}: {problem}.")
        for code in settings.LANGUAGE_CODES:
            setattr(obj, f"{field}_{code}", texts[code])
        setattr(obj, field, texts[settings.LANGUAGE_CODES[0]])


def item_name(obj, fields):
    """The kind of row and its first text (in English if it has one)."""
    text = next(iter(fields.values()))
    if isinstance(text, dict):
        text = text.get(settings.LANGUAGE_CODES[0]) or next(iter(text.values()), "")
    return f"{obj._meta.verbose_name} “{shorten(str(text), 60, placeholder='…')}”"


def replace_rows(related, tables, *translated):
    """Replace the rows behind a related manager (a programme's principles, a
    project's goals, ...) with one row for each table, numbered from 1. The
    fields named in translated take a table of texts, other keys a value."""
    related.all().delete()
    for order, table in enumerate(tables, start=1):
        values = {key: value for key, value in table.items() if key not in translated}
        row = related.model(**{related.field.name: related.instance}, order=order, **values)
        set_translations(row, **{field: table[field] for field in translated})
        row.save()


def draw(colour, seed):
    """An illustration drawn by Pillow: sky, sun, hills and houses. No people."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height))
    pen = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        pen.line(
            [(0, y), (width, y)],
            fill=tuple(int(c * (1 - mix) + 235 * mix) for c in colour),
        )
    sun_x = 300 + (seed * 137) % 1000
    pen.ellipse([sun_x, 90, sun_x + 160, 250], fill=(250, 206, 90))
    pen.ellipse([-300, 560, 900, 1200], fill=(92, 150, 84))
    pen.ellipse([600, 600, 1900, 1250], fill=(70, 128, 70))
    for i in range(3 + seed % 3):
        x = 220 + i * 300 + (seed * 53) % 120
        y = 560 + (i % 2) * 40
        pen.rectangle([x, y, x + 150, y + 120], fill=(245, 240, 228))
        pen.polygon([(x - 20, y), (x + 75, y - 80), (x + 170, y)], fill=(176, 72, 52))
        pen.rectangle([x + 55, y + 50, x + 95, y + 120], fill=(110, 80, 60))
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def demo_photo(key, caption, colour, expired_consent=False):
    """A published demo photo; with expired_consent it stands for a photo of a
    child whose consent ran out after publication, which public pages hide."""
    photo = Photo(
        image=SimpleUploadedFile(f"{key}.jpg", draw(colour, len(key)), content_type="image/jpeg"),
        credit="",
        shows_identifiable_child=expired_consent,
        consent_on_file=expired_consent,
        consent_expires=date(2025, 6, 30) if expired_consent else None,
        published=True,
    )
    set_translations(photo, alt_text=ALT_TEXT, caption=caption)
    photo.save()
    return photo
