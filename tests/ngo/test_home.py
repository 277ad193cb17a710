"""The home page: what editors set in the admin, the built-in texts on an empty
database, and a query count that does not grow with the content."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms import inlineformset_factory
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from ngo.admin import KeyFigureFormSet
from ngo.models import HomePage, KeyFigure
from tests.builders import make_agenda, make_photo, make_programme, make_project, translated

pytestmark = pytest.mark.django_db


def make_home(figures=4, **fields):
    home = HomePage(**fields)
    translated(home, "title", "Every child a home")
    translated(home, "lead", "We keep families together")
    home.save()
    for order in range(figures):
        figure = KeyFigure(home_page=home, order=order, value_en=f"{order + 1}0", value_nl="x")
        translated(figure, "label", f"figure {order + 1}")
        figure.save()
    return home


def test_without_a_home_page_row_the_built_in_texts_show_in_each_language(client):
    response = client.get("/en/")
    assertContains(response, "No child should grow up alone")
    assertContains(response, 'class="btn" href="/en/become-a-sponsor/">Become a sponsor</a>')
    assertContains(client.get("/nl/"), "Geen enkel kind mag alleen opgroeien")
    assert HomePage.objects.count() == 0


def test_the_lead_figures_and_calls_to_action_come_from_the_admin_in_the_page_language(client):
    make_home()
    response = client.get("/nl/")
    html = response.content.decode()
    assertContains(response, "<h1>Every child a home (nl)</h1>", html=True)
    assertContains(response, "We keep families together (nl)")
    assertContains(response, "<dt>figure 3 (nl)</dt>", html=True)
    assertNotContains(response, "No child should grow up alone")
    # Becoming a sponsor comes first, as the main button; giving once second.
    sponsor, give = html.index("/nl/word-sponsor/"), html.index("/nl/geef/")
    assert sponsor < give
    assert 'class="btn btn-secondary" href="/nl/geef/"' in html
    assertContains(client.get("/fr/"), "Every child a home (fr)")


def test_the_photo_shows_only_while_it_is_public(client):
    photo = make_photo(alt_text_en="Children playing")
    make_home(photo=photo)
    assertContains(client.get("/en/"), 'alt="Children playing"')
    photo.published = False
    photo.save()
    assertNotContains(client.get("/en/"), "Children playing")


def test_featured_projects_or_else_the_latest_three_published(client):
    programme = make_programme(slug="care")
    old = make_project(programme, slug="oldest", start_date="2010-01-01")
    for n in range(4):
        make_project(programme, slug=f"new-{n}", start_date=f"202{n}-01-01")
    make_project(programme, slug="hidden", start_date="2030-01-01", published=False)
    home = make_home()
    html = client.get("/en/").content.decode()
    assert all(f"/en/projects/new-{n}-en/" in html for n in (1, 2, 3))
    assert "/en/projects/new-0-en/" not in html
    assert "/en/projects/hidden-en/" not in html
    home.featured_projects.set([old])
    html = client.get("/en/").content.decode()
    assert "/en/projects/oldest-en/" in html and "/en/projects/new-3-en/" not in html


def test_the_advocacy_highlight_shows_while_its_agenda_is_published(client):
    agenda = make_agenda(slug="keep-siblings")
    make_home(advocacy_highlight=agenda)
    assertContains(client.get("/da/"), "Keep-Siblings (da)")
    agenda.published = False
    agenda.save()
    assertNotContains(client.get("/da/"), "Keep-Siblings")


def test_published_programmes_are_listed_and_unpublished_ones_are_not(client):
    make_programme(slug="shown")
    make_programme(slug="kept-back", published=False)
    response = client.get("/en/")
    assertContains(response, "/en/programmes/shown-en/")
    assertNotContains(response, "kept-back")
    assertNotContains(response, "Strengthening families")


def count_queries(client, url):
    client.get(url)  # the header and footer are cached from the first visit on
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_programmes_and_projects(client):
    home = make_home()
    programme = make_programme(hero_photo=make_photo())
    home.featured_projects.set([make_project(programme, hero_photo=make_photo())])
    few = count_queries(client, "/en/")
    for _ in range(5):
        more = make_programme(hero_photo=make_photo())
        home.featured_projects.add(make_project(more, hero_photo=make_photo()))
    assert count_queries(client, "/en/") == few
    assert few <= 5


def test_an_empty_database_answers_in_few_queries(client, django_assert_max_num_queries):
    client.get("/en/")
    with django_assert_max_num_queries(5):
        assert client.get("/en/").status_code == 200


def formset(count, deleted=0):
    """The admin's key figures formset posted with `count` rows, `deleted` of them ticked off."""
    data = {
        "key_figures-TOTAL_FORMS": str(count),
        "key_figures-INITIAL_FORMS": "0",
        "key_figures-MIN_NUM_FORMS": "0",
        "key_figures-MAX_NUM_FORMS": "1000",
    }
    for n in range(count):
        data |= {f"key_figures-{n}-order": str(n), f"key_figures-{n}-value": str(n)}
        data |= {f"key_figures-{n}-value_en": str(n)}
        data |= {f"key_figures-{n}-label": "countries", f"key_figures-{n}-label_en": "countries"}
        if n < deleted:
            data[f"key_figures-{n}-DELETE"] = "on"
    return data


@pytest.mark.parametrize(
    ("count", "deleted", "valid"),
    [(2, 0, False), (3, 0, True), (6, 0, True), (7, 0, False), (4, 2, False)],
)
def test_the_admin_asks_for_three_to_six_key_figures(count, deleted, valid):
    Form = inlineformset_factory(
        HomePage,
        KeyFigure,
        formset=KeyFigureFormSet,
        fields=("order", "value", "label"),
        can_delete=True,
        extra=0,
    )
    form = Form(formset(count, deleted), instance=HomePage(), prefix="key_figures")
    assert form.is_valid() is valid
    if not valid:
        assert "Give between 3 and 6 key figures" in str(form.non_form_errors())


def test_the_admin_edits_the_one_home_page_and_never_adds_a_second(admin_client):
    assert admin_client.get("/admin/ngo/homepage/").url == "/admin/ngo/homepage/add/"
    home = make_home()
    assert admin_client.get("/admin/ngo/homepage/").url == f"/admin/ngo/homepage/{home.pk}/change/"
    assert admin_client.get("/admin/ngo/homepage/add/").status_code == 403
    assert admin_client.get(f"/admin/ngo/homepage/{home.pk}/delete/").status_code == 403
    with pytest.raises(ValidationError):
        KeyFigure(home_page=home, value="1", label="").full_clean()


def test_an_editor_saves_the_home_page_in_the_admin_with_its_key_figures(editor_client):
    data = {"title_en": "Families first", "lead_en": "We keep families together."}
    data |= {"featured_projects": [], "photo": "", "advocacy_highlight": ""}
    data |= formset(3) | {"key_figures-MAX_NUM_FORMS": "6"}
    response = editor_client.post("/admin/ngo/homepage/add/", data)
    assert response.status_code == 302, response.context["errors"]
    home = HomePage.objects.get()
    assert (home.title_en, home.key_figures.count()) == ("Families first", 3)
    refused = editor_client.post(f"/admin/ngo/homepage/{home.pk}/change/", data | formset(2))
    assert refused.status_code == 200
    assertContains(refused, "Give between 3 and 6 key figures")


def test_the_advocacy_highlight_reads_its_text_once_escaped(client):
    agenda = make_agenda(slug="keep-siblings")
    agenda.introduction_en = "<p>Children &amp; families <em>first</em></p>"
    agenda.save()
    make_home(advocacy_highlight=agenda)
    response = client.get("/en/")
    assertContains(response, "<p>Children &amp; families first</p>", html=False)
    assertNotContains(response, "&amp;amp;")


def test_the_home_page_is_described_by_its_lead_statement_everywhere(client):
    home = make_home()
    home.lead_nl = "Wij houden gezinnen samen. " * 20
    home.save()
    content = client.get("/nl/").content.decode()
    description = re.findall(r'<meta name="description" content="([^"]*)">', content)
    preview = re.findall(r'<meta property="og:description" content="([^"]*)">', content)
    assert description == preview
    assert description[0].startswith("Wij houden gezinnen samen.") and len(description[0]) <= 160
