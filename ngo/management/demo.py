"""Helpers shared by the apps' demo-content commands."""

from datetime import date
from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from ngo.models import Photo

ALT_TEXT = (
    "Drawing of small houses on green hills under the sun",
    "Tekening van kleine huizen op groene heuvels onder de zon",
    "Dessin de petites maisons sur des collines vertes sous le soleil",
    "Tegning av små hus i grønne åser under solen",
    "Tegning af små huse på grønne bakker under solen",
)


def set_translations(obj, **fields):
    """Set every language of each field from a tuple (en, nl, fr, nb, da)."""
    for field, values in fields.items():
        for code, value in zip(settings.LANGUAGE_CODES, values, strict=True):
            setattr(obj, f"{field}_{code}", value)
        setattr(obj, field, values[0])


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
