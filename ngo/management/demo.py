"""Helpers shared by the apps' demo-content commands.

Each app keeps its demo content in demo/content.toml, next to its models: texts
in five languages are tables keyed by language code, {"en": ..., "nl": ...}.
"""

import random
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

# The parts a demo picture is drawn from, each with its words in five languages;
# the alt text is "Drawing of <place> <setting> <sky>". The French words carry
# their "de" so that elision stays right ("d'une école", "de tentes").
PICTURE_PARTS = {
    "place": {
        "houses": {
            "en": "small houses",
            "nl": "kleine huizen",
            "fr": "de petites maisons",
            "nb": "små hus",
            "da": "små huse",
        },
        "school": {
            "en": "a school building",
            "nl": "een schoolgebouw",
            "fr": "d'une école",
            "nb": "en skolebygning",
            "da": "en skolebygning",
        },
        "flats": {
            "en": "blocks of flats",
            "nl": "flatgebouwen",
            "fr": "d'immeubles",
            "nb": "boligblokker",
            "da": "boligblokke",
        },
        "tents": {
            "en": "tents",
            "nl": "tenten",
            "fr": "de tentes",
            "nb": "telt",
            "da": "telte",
        },
        "farm": {
            "en": "a farmhouse and its barn",
            "nl": "een boerderij met een schuur",
            "fr": "d'une ferme et de sa grange",
            "nb": "et gårdshus med låve",
            "da": "et stuehus med en lade",
        },
    },
    "setting": {
        "hills": {
            "en": "on green hills",
            "nl": "op groene heuvels",
            "fr": "sur des collines vertes",
            "nb": "i grønne åser",
            "da": "på grønne bakker",
        },
        "river": {
            "en": "by a river",
            "nl": "aan een rivier",
            "fr": "au bord d'une rivière",
            "nb": "ved en elv",
            "da": "ved en å",
        },
        "trees": {
            "en": "among trees",
            "nl": "tussen de bomen",
            "fr": "parmi les arbres",
            "nb": "blant trær",
            "da": "mellem træer",
        },
        "lake": {
            "en": "by a lake",
            "nl": "aan een meer",
            "fr": "au bord d'un lac",
            "nb": "ved en innsjø",
            "da": "ved en sø",
        },
        "fields": {
            "en": "between fields",
            "nl": "tussen de akkers",
            "fr": "entre les champs",
            "nb": "mellom jorder",
            "da": "mellem marker",
        },
    },
    "sky": {
        "sun": {
            "en": "under the sun",
            "nl": "onder de zon",
            "fr": "sous le soleil",
            "nb": "under solen",
            "da": "under solen",
        },
        "moon": {
            "en": "under the moon and stars",
            "nl": "onder de maan en de sterren",
            "fr": "sous la lune et les étoiles",
            "nb": "under månen og stjernene",
            "da": "under månen og stjernerne",
        },
        "clouds": {
            "en": "under clouds",
            "nl": "onder de wolken",
            "fr": "sous les nuages",
            "nb": "under skyer",
            "da": "under skyer",
        },
        "rainbow": {
            "en": "under a rainbow",
            "nl": "onder een regenboog",
            "fr": "sous un arc-en-ciel",
            "nb": "under en regnbue",
            "da": "under en regnbue",
        },
    },
}
DRAWING_OF = {
    "en": "Drawing of",
    "nl": "Tekening van",
    "fr": "Dessin",
    "nb": "Tegning av",
    "da": "Tegning af",
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


def picture_alt_text(scene):
    """What a drawn scene (place, setting, sky) shows, in each language."""
    names = dict(zip(PICTURE_PARTS, scene, strict=True))
    return {
        code: " ".join(
            [DRAWING_OF[code], *(PICTURE_PARTS[part][name][code] for part, name in names.items())]
        )
        for code in settings.LANGUAGE_CODES
    }


def default_scene(key):
    """A scene picked from the key, for content that names none."""
    chooser = random.Random(key)
    return tuple(chooser.choice(sorted(names)) for names in PICTURE_PARTS.values())


def draw(colour, scene, key):
    """An illustration drawn by Pillow: a place (houses, a school, ...) in a
    setting (hills, a river, ...) under a sky (sun, moon, ...). No people.

    The key seeds the palette and the positions, so the same key and scene give
    the same bytes each time and two keys give two different pictures."""
    place, setting, sky = scene
    chooser = random.Random(key)
    width, height = 1600, 900
    horizon = chooser.randint(520, 600)
    if sky == "moon":
        colour = tuple(c // 3 for c in colour)
    image = Image.new("RGB", (width, height))
    pen = ImageDraw.Draw(image)
    light = 120 if sky == "moon" else 235

    def sky_at(y):
        mix = min(1, y / (horizon + 40))
        return tuple(int(c * (1 - mix) + light * mix) for c in colour)

    for y in range(height):
        pen.line([(0, y), (width, y)], fill=sky_at(y))
    green = (chooser.randint(60, 110), chooser.randint(120, 170), chooser.randint(50, 90))
    dark_green = tuple(int(c * 0.75) for c in green)
    walls = chooser.choice([(245, 240, 228), (236, 222, 196), (226, 232, 240), (250, 226, 214)])
    roof = chooser.choice([(176, 72, 52), (90, 70, 110), (60, 90, 120), (150, 110, 50)])

    draw_sky(pen, sky, chooser, width, sky_at)
    draw_setting(pen, setting, chooser, width, height, horizon, green, dark_green)
    draw_place(pen, place, chooser, horizon, walls, roof)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def draw_sky(pen, sky, chooser, width, sky_at):
    x = chooser.randint(200, width - 360)
    if sky == "sun":
        pen.ellipse([x, 90, x + 160, 250], fill=(250, 206, 90))
    elif sky == "moon":
        for _ in range(40):
            sx, sy = chooser.randint(0, width), chooser.randint(0, 420)
            pen.ellipse([sx, sy, sx + 6, sy + 6], fill=(250, 246, 220))
        pen.ellipse([x, 90, x + 140, 230], fill=(246, 240, 200))
        pen.ellipse([x + 45, 75, x + 185, 215], fill=sky_at(145))  # a crescent
    elif sky == "clouds":
        for cloud in range(3):
            cx, cy = (x + cloud * 430) % (width - 300), 90 + cloud * 70
            for dx, dy, r in [(0, 30, 60), (60, 0, 80), (140, 25, 65), (200, 40, 50)]:
                pen.ellipse(
                    [cx + dx - r, cy + dy - r, cx + dx + r, cy + dy + r], fill=(250, 250, 252)
                )
    elif sky == "rainbow":
        colours = [
            (220, 60, 60),
            (240, 150, 50),
            (245, 220, 80),
            (90, 180, 90),
            (70, 120, 210),
            (130, 80, 180),
        ]
        for band, band_colour in enumerate(colours):
            r = 620 - band * 28
            pen.arc(
                [x + 180 - r, 700 - r, x + 180 + r, 700 + r], 180, 360, fill=band_colour, width=28
            )


def draw_setting(pen, setting, chooser, width, height, horizon, green, dark_green):
    if setting == "hills":
        pen.ellipse([-300, horizon - 40, 900, horizon + 640], fill=green)
        pen.ellipse([600, horizon, 1900, horizon + 690], fill=dark_green)
        pen.rectangle([0, horizon + 200, width, height], fill=dark_green)
        return
    pen.rectangle([0, horizon, width, height], fill=green)
    if setting == "river":
        points = [
            (x, horizon + 180 + int(60 * ((x // 200) % 2))) for x in range(0, width + 200, 200)
        ]
        pen.line(points, fill=(80, 140, 200), width=90, joint="curve")
    elif setting == "lake":
        pen.ellipse(
            [chooser.randint(700, 900), horizon + 150, 1750, height + 60], fill=(70, 130, 190)
        )
    elif setting == "fields":
        for band in range(5):
            top = horizon + 40 + band * 70
            fill = (214, 190, 90) if band % 2 else dark_green
            pen.polygon([(0, top), (width, top - 20), (width, top + 50), (0, top + 70)], fill=fill)
    if setting in ("trees", "river", "lake"):
        for x in sorted(chooser.sample(range(40, width - 80, 90), 7 if setting == "trees" else 3)):
            y = horizon + chooser.randint(-30, 10)
            pen.rectangle([x + 30, y, x + 50, y + 90], fill=(100, 70, 50))
            pen.ellipse([x - 10, y - 110, x + 90, y + 20], fill=dark_green)


def draw_place(pen, place, chooser, horizon, walls, roof):
    base = horizon + 110
    door = (110, 80, 60)
    window = (120, 170, 210)
    if place == "houses":
        for i in range(3 + chooser.randint(0, 2)):
            x, y = 180 + i * 260 + chooser.randint(0, 60), base - 120 + (i % 2) * 30
            pen.rectangle([x, y, x + 150, y + 120], fill=walls)
            pen.polygon([(x - 20, y), (x + 75, y - 80), (x + 170, y)], fill=roof)
            pen.rectangle([x + 55, y + 50, x + 95, y + 120], fill=door)
    elif place == "school":
        x, y = chooser.randint(300, 600), base - 200
        pen.rectangle([x, y, x + 700, y + 200], fill=walls)
        pen.polygon([(x - 30, y), (x + 350, y - 110), (x + 730, y)], fill=roof)
        for i in range(6):
            pen.rectangle([x + 40 + i * 110, y + 40, x + 100 + i * 110, y + 100], fill=window)
        pen.rectangle([x + 310, y + 110, x + 390, y + 200], fill=door)
        pen.line([(x + 760, y + 200), (x + 760, y - 120)], fill=(80, 80, 80), width=8)
        pen.rectangle([x + 764, y - 120, x + 850, y - 65], fill=roof)
    elif place == "flats":
        for i in range(4):
            x, tall = 200 + i * 300 + chooser.randint(0, 40), chooser.randint(300, 420)
            pen.rectangle([x, base - tall, x + 200, base], fill=walls)
            for row in range(tall // 70):
                for col in range(3):
                    wx, wy = x + 25 + col * 60, base - tall + 25 + row * 70
                    pen.rectangle([wx, wy, wx + 35, wy + 35], fill=window)
    elif place == "tents":
        for i in range(5):
            x, y = 150 + i * 270 + chooser.randint(0, 50), base - (i % 2) * 40
            pen.polygon([(x, y), (x + 100, y - 130), (x + 200, y)], fill=roof if i % 2 else walls)
            pen.polygon([(x + 80, y), (x + 100, y - 60), (x + 120, y)], fill=door)
    elif place == "farm":
        x, y = chooser.randint(200, 400), base - 130
        pen.rectangle([x, y, x + 220, y + 130], fill=walls)
        pen.polygon([(x - 20, y), (x + 110, y - 90), (x + 240, y)], fill=roof)
        pen.rectangle([x + 90, y + 60, x + 130, y + 130], fill=door)
        bx = x + 420
        pen.rectangle([bx, y - 60, bx + 320, y + 130], fill=(168, 52, 40))
        pen.polygon(
            [(bx - 20, y - 60), (bx + 160, y - 170), (bx + 340, y - 60)], fill=(110, 40, 30)
        )
        pen.rectangle([bx + 110, y + 10, bx + 210, y + 130], fill=(240, 230, 210))


def demo_photo(key, caption, colour, expired_consent=False, scene=None):
    """A published demo photo drawn from its scene (place, setting, sky; picked
    from the key when not given); with expired_consent it stands for a photo of
    a child whose consent ran out after publication, which public pages hide."""
    scene = tuple(scene) if scene else default_scene(key)
    photo = Photo(
        image=SimpleUploadedFile(f"{key}.jpg", draw(colour, scene, key), content_type="image/jpeg"),
        credit="",
        shows_identifiable_child=expired_consent,
        consent_on_file=expired_consent,
        consent_expires=date(2025, 6, 30) if expired_consent else None,
        published=True,
    )
    set_translations(photo, alt_text=picture_alt_text(scene), caption=caption)
    photo.save()
    return photo
