import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains

from programmes.models import Programme, Project
from tests.builders import make_programme, make_project

pytestmark = pytest.mark.django_db


def test_content_editors_manage_programmes_projects_and_photos(editor_client):
    for url in (
        "/admin/programmes/programme/",
        "/admin/programmes/project/",
        "/admin/ngo/photo/",
        "/admin/programmes/programme/add/",
        "/admin/programmes/funder/add/",
    ):
        assert editor_client.get(url).status_code == 200, url


def test_fundraising_staff_can_not_edit_content(fundraising_client):
    assert fundraising_client.get("/admin/programmes/programme/").status_code == 403


def test_admin_list_shows_missing_languages(editor_client):
    make_programme(slug="complete")
    make_programme(slug="english-only", all_languages=False)
    html = editor_client.get("/admin/programmes/programme/").content.decode()
    assert "✓ complete" in html
    assert ">NL</abbr> <abbr" in html and ">DA</abbr></span>" in html


def test_programme_form_has_tabs_inlines_and_prefilled_slugs(editor_client):
    html = editor_client.get("/admin/programmes/programme/add/").content.decode()
    for code in ("en", "nl", "fr", "nb", "da"):
        assert f'name="title_{code}"' in html and f'name="slug_{code}"' in html
    assert "principles-TOTAL_FORMS" in html and "key_figures-TOTAL_FORMS" in html
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "tabbed_translation_fields.js" in html
    assert "googleapis" not in html
    assert (
        "&quot;#id_slug_nl&quot;, &quot;name&quot;: &quot;slug_nl&quot;, "
        "&quot;dependency_ids&quot;: [&quot;#id_title_nl&quot;]" in html
    )


def test_editor_creates_a_programme_with_ordered_principles(editor_client):
    data = {
        "title_en": "New families",
        "slug_en": "new-families",
        "summary_en": "Summary",
        "body_en": "<p>Body<script>x</script></p>",
        "published": "on",
        "order": "1",
        "principles-TOTAL_FORMS": "2",
        "principles-INITIAL_FORMS": "0",
        "principles-0-order": "2",
        "principles-0-heading_en": "Second",
        "principles-1-order": "1",
        "principles-1-heading_en": "First",
        "key_figures-TOTAL_FORMS": "0",
        "key_figures-INITIAL_FORMS": "0",
    }
    response = editor_client.post("/admin/programmes/programme/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get()
    assert programme.body_en == "<p>Body</p>"
    assert [p.heading for p in programme.principles.all()] == ["First", "Second"]


def test_project_admin_filters_by_derived_status(editor_client):
    project = make_project(slug="now")
    response = editor_client.get("/admin/programmes/project/?status=planned")
    assert list(response.context["cl"].result_list) == []
    assertNotContains(response, "Now (en)")
    response = editor_client.get("/admin/programmes/project/?status=running")
    assert list(response.context["cl"].result_list) == [project]
    assertContains(response, "Now (en)")


def test_demo_content_is_complete_and_loads_twice_without_duplicates():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    programmes = Programme.objects.all()
    projects = Project.objects.all()
    assert programmes.count() == 4 and projects.count() == 8
    countries = {str(c) for project in projects for c in project.countries}
    assert len(countries) >= 5
    for row in [*programmes, *projects]:
        assert row.missing_languages() == [], row
        assert row.body_fr and row.body_nb and row.body_da
    for project in projects:
        assert project.goals.count() >= 1 and project.reach_figures.count() >= 1
        assert all(goal.text_da and goal.text_nb for goal in project.goals.all())
        assert all(f.label_fr and f.value_nl for f in project.reach_figures.all())
    for programme in programmes:
        assert all(p.heading_nl and p.text_fr for p in programme.principles.all())
    assert Project.objects.open_for_sponsorship().count() >= 3
    assert {p.status for p in projects} == {"planned", "running", "completed"}
