import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import override

from advocacy.models import Agenda, Coalition, Demand, DemandStatusChange, Milestone, Publication
from ngo import models as site
from ngo.management.demo import default_scene, draw, picture_alt_text, set_translations
from ngo.models import Photo
from programmes.models import (
    Funder,
    Goal,
    KeyFigure,
    Principle,
    Programme,
    Project,
    ReachFigure,
)

pytestmark = pytest.mark.django_db


def demo_data_files():
    return {
        app.label: path
        for app in apps.get_app_configs()
        for path in Path(app.path).glob("demo/*.toml")
    }


def translated_tables(items, where):
    """Every table of texts in a list of items: the tables among an item's
    values, and those of its own lists of items (principles, demands, ...)."""
    for number, item in enumerate(items, start=1):
        for key, value in item.items():
            if isinstance(value, dict):
                yield f"{where}[{number}].{key}", value
            elif value and isinstance(value, list) and isinstance(value[0], dict):
                yield from translated_tables(value, f"{where}[{number}].{key}")


def total(items, key):
    return sum(len(item.get(key, [])) for item in items)


def test_every_demo_text_has_five_languages_and_loading_twice_makes_no_duplicates():
    files = demo_data_files()
    assert set(files) == {"programmes", "advocacy", "ngo"}
    content = {label: tomllib.loads(path.read_text("utf-8")) for label, path in files.items()}
    tables = [
        (where, table)
        for data in content.values()
        for section, items in data.items()
        for where, table in translated_tables(items, section)
    ]
    assert len(tables) > 150
    for where, table in tables:
        assert sorted(table) == sorted(settings.LANGUAGE_CODES), where
        assert all(isinstance(text, str) and text.strip() for text in table.values()), where

    programmes, advocacy, ngo = content["programmes"], content["advocacy"], content["ngo"]
    expected = {
        Funder: len(programmes["funders"]),
        Programme: len(programmes["programmes"]),
        Principle: total(programmes["programmes"], "principles"),
        KeyFigure: total(programmes["programmes"], "key_figures"),
        Project: len(programmes["projects"]),
        Goal: total(programmes["projects"], "goals"),
        ReachFigure: total(programmes["projects"], "reach_figures"),
        Photo: len(programmes["programmes"]) + len(programmes["projects"]) + len(ngo["home"]),
        Agenda: len(advocacy["agendas"]),
        Demand: total(advocacy["agendas"], "demands"),
        DemandStatusChange: sum(
            total(agenda["demands"], "status_changes") for agenda in advocacy["agendas"]
        ),
        Milestone: len(advocacy["milestones"]),
        Coalition: len(advocacy["coalitions"]),
        Publication: len(advocacy["publications"]),
        site.HomePage: 1,
        site.KeyFigure: total(ngo["home"], "key_figures"),
        # The privacy notice comes from a migration, the other pages from the file.
        site.Page: len(ngo["pages"]) + 1,
        site.SiteDetails: 1,
        site.Appeal: len(ngo["appeals"]),
        site.AppealAmounts: total(ngo["appeals"], "amounts"),
    }
    call_command("load_demo", verbosity=0)
    assert {model: model.objects.count() for model in expected} == expected
    call_command("load_demo", verbosity=0)
    assert {model: model.objects.count() for model in expected} == expected
    assert expected[Programme] == 4 and expected[Project] == 8 and expected[Demand] == 21

    for data in programmes["projects"]:
        project = Project.objects.get(slug_en=data["slug"]["en"])
        for field in ("name", "slug", "places", "summary", "body"):
            for code, text in data[field].items():
                assert getattr(project, f"{field}_{code}") == text, (project, field, code)
        assert [goal.text_da for goal in project.goals.order_by("order")] == [
            goal["text"]["da"] for goal in data["goals"]
        ]
    for data in advocacy["agendas"]:
        agenda = Agenda.objects.get(slug_en=data["slug"]["en"])
        assert [(d.text_nb, d.status) for d in agenda.demands.order_by("order")] == [
            (d["text"]["nb"], d["status_changes"][-1]["status"]) for d in data["demands"]
        ]


FIVE = {"en": "Parents lead", "nl": "Ouders", "fr": "Parents", "nb": "Foreldre", "da": "Forældre"}
WITHOUT_DA = {code: text for code, text in FIVE.items() if code != "da"}


@pytest.mark.parametrize(
    ("heading", "message"),
    [
        (WITHOUT_DA, "no text in da"),
        ({**WITHOUT_DA, "de": "Eltern"}, "unknown language de; no text in da"),
        ({**FIVE, "nl": " "}, "no text in nl"),
        ("Parents lead", "expected a text for each of en, nl, fr, nb, da"),
    ],
)
def test_a_text_without_exactly_the_five_languages_is_refused_naming_the_item(heading, message):
    principle = Principle()
    with pytest.raises(CommandError) as refused:
        set_translations(principle, heading=heading, text=FIVE)
    assert str(refused.value) == f"Demo content, principle “Parents lead”, heading: {message}."
    assert not principle.heading_en and not principle.text_en


def pictures_on(html):
    """The shown photos and the placeholders of hidden ones in a page's main part."""
    main = html[html.index("<main") : html.index("</main>")]
    return main.count("<picture>"), main.count('class="placeholder"')


def test_every_demo_picture_is_its_own_and_a_hidden_one_is_never_a_page_s_only_picture(client):
    call_command("load_demo", verbosity=0)
    photos = list(Photo.objects.all())
    for code in settings.LANGUAGE_CODES:
        alt_texts = [getattr(photo, f"alt_text_{code}") for photo in photos]
        assert all(alt_texts) and len(set(alt_texts)) == len(photos), code
        captions = [getattr(photo, f"caption_{code}") for photo in photos]
        assert all(captions) and len(set(captions)) == len(photos), code
    images = {photo.image.name: photo.image.open("rb").read() for photo in photos}
    assert len(set(images.values())) == len(photos)

    hidden = [photo for photo in photos if not photo.is_public]
    assert hidden  # the demo still shows what a page does with a hidden photo
    pages = [*Programme.objects.all(), *Project.objects.all()]
    pages_with_placeholder = 0
    for page in pages:
        shown, placeholders = pictures_on(client.get(page.get_absolute_url()).content.decode())
        if placeholders:
            pages_with_placeholder += 1
            assert shown >= 1, page
    assert pages_with_placeholder >= 1


def test_a_demo_picture_is_the_same_each_time_and_differs_from_key_to_key():
    scene = ("school", "river", "moon")
    first = draw((11, 95, 138), scene, "a-key")
    assert first == draw((11, 95, 138), scene, "a-key")
    assert first != draw((11, 95, 138), scene, "another-key")
    assert first != draw((11, 95, 138), ("tents", "river", "moon"), "a-key")
    assert (
        picture_alt_text(scene)["fr"]
        == "Dessin d'une école au bord d'une rivière sous la lune et les étoiles"
    )
    assert picture_alt_text(default_scene("a-key")) == picture_alt_text(default_scene("a-key"))


def test_the_demo_home_page_pages_footer_and_appeal_work_in_every_language(client):
    call_command("load_demo", verbosity=0)
    home = site.HomePage.objects.get()
    assert 3 <= home.key_figures.count() <= 6
    assert home.photo.is_public and home.advocacy_highlight.published
    assert home.featured_projects.count() == 3
    for code in settings.LANGUAGE_CODES:
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<h1>{getattr(home, f'title_{code}')}</h1>" in html
        with override(code):
            about = site.Page.objects.get(slug_en="about-us").get_absolute_url()
        assert client.get(about).status_code == 200
    appeal = site.Appeal.objects.get()
    assert not appeal.active
    assert appeal.title_en not in client.get("/en/").content.decode()
    for amounts in site.AppealAmounts.objects.all():
        amounts.full_clean()
    appeal.active = True
    appeal.full_clean()
    appeal.save()
    assert appeal.title_da in client.get("/da/").content.decode()
    give = client.get(f"/en/give/?appeal={appeal.pk}")
    assert [v for v, _l in give.context["form"].fields["amount"].choices] == [
        "30",
        "60",
        "120",
        "other",
    ]
