"""Missing and outdated translations: the rule, the list filters and the overview.

A language is outdated when the English text changed after that language's text
was last saved; saving without changing a language's text does not count."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings

from advocacy.models import Agenda
from ngo import translation_review as review
from ngo.models import TranslationEdit
from programmes.models import Principle, Programme, Project, ReachFigure
from tests.builders import make_agenda, make_programme, make_project

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/translations/"


def states(item):
    edits = review.edits_by_item(type(item), [item.pk]).get(item.pk, {})
    return review.language_states(item, edits)


def edit(item, **values):
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    return item


def test_a_new_item_translated_in_every_language_is_up_to_date():
    programme = make_programme()

    assert set(states(programme).values()) == {review.State.CURRENT}
    assert set(
        TranslationEdit.objects.filter(object_id=programme.pk).values_list("language", flat=True)
    ) == set(settings.LANGUAGE_CODES)


def test_changing_the_english_text_makes_every_other_language_outdated():
    programme = make_programme()

    edit(programme, summary_en="A new English summary")

    assert states(programme) == dict.fromkeys(("nl", "fr", "nb", "da"), review.State.OUTDATED)


def test_saving_a_translation_after_the_english_change_brings_it_up_to_date():
    programme = make_programme()
    edit(programme, summary_en="A new English summary")

    edit(programme, summary_nb="Et nytt sammendrag")

    result = states(programme)
    assert result["nb"] == review.State.CURRENT
    assert result["da"] == review.State.OUTDATED


def test_english_and_a_translation_changed_in_one_save_leave_that_translation_current():
    programme = make_programme()

    edit(programme, summary_en="New summary", summary_da="Nyt resumé")

    result = states(programme)
    assert result["da"] == review.State.CURRENT
    assert result["nl"] == review.State.OUTDATED


def test_saving_without_changing_any_text_changes_nothing():
    programme = make_programme()
    before = dict(
        TranslationEdit.objects.filter(object_id=programme.pk).values_list("language", "changed_at")
    )

    # Only the layout of the markup differs, as when the editor writes it again.
    edit(programme, order=7, body_en=(programme.body_en or "") + "  ")

    after = dict(
        TranslationEdit.objects.filter(object_id=programme.pk).values_list("language", "changed_at")
    )
    assert after == before
    assert set(states(programme).values()) == {review.State.CURRENT}


def test_a_changed_slug_is_an_address_not_text_to_translate():
    programme = make_programme()

    edit(programme, slug_en="a-new-address")

    assert set(states(programme).values()) == {review.State.CURRENT}


def test_an_empty_language_is_missing_not_outdated():
    project = make_project(all_languages=False)

    edit(project, summary_en="Changed")

    assert states(project) == dict.fromkeys(("nl", "fr", "nb", "da"), review.State.MISSING)


def test_a_translation_older_than_the_english_change_is_outdated_without_any_record():
    programme = make_programme()
    # Content written before changes were recorded: no record at all.
    TranslationEdit.objects.filter(object_id=programme.pk).delete()

    # Its translations count as current until the English text changes.
    assert set(states(programme).values()) == {review.State.CURRENT}
    edit(programme, title_en="Renamed")
    assert set(states(programme).values()) == {review.State.OUTDATED}


def test_the_rule_compares_the_moments_of_the_last_changes():
    programme = make_programme()
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    edits = {"en": moment, "nl": moment - timedelta(seconds=1), "fr": moment, "nb": None}

    result = review.language_states(programme, {k: v for k, v in edits.items() if v})

    assert result == {
        "nl": review.State.OUTDATED,
        "fr": review.State.CURRENT,
        "nb": review.State.OUTDATED,
        "da": review.State.OUTDATED,
    }


def test_deleting_an_item_forgets_its_records():
    programme = make_programme()
    pk = programme.pk

    programme.delete()

    assert not TranslationEdit.objects.filter(model="programmes.programme", object_id=pk).exists()


# --- the list filters -------------------------------------------------------------------


def test_the_outdated_filter_lists_only_items_outdated_in_that_language(admin_client):
    current = make_programme(slug="current")
    outdated = edit(make_programme(slug="outdated"), summary_en="Changed")
    edit(outdated, summary_nb="Endret")

    nb = admin_client.get("/admin/programmes/programme/", {"outdated_in": "nb"})
    da = admin_client.get("/admin/programmes/programme/", {"outdated_in": "da"})

    assert list(nb.context["cl"].result_list) == []
    assert list(da.context["cl"].result_list) == [outdated]
    assert current not in da.context["cl"].result_list


def test_the_missing_filter_lists_items_without_that_language(admin_client):
    complete = make_project()
    english_only = make_project(all_languages=False)

    response = admin_client.get("/admin/programmes/project/", {"missing_in": "fr"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [english_only]
    assert complete not in response.context["cl"].result_list
    assert "missing translation" in response.content.decode()


def test_an_unknown_language_in_a_filter_lists_everything(admin_client):
    make_agenda()

    response = admin_client.get("/admin/advocacy/agenda/", {"outdated_in": "xx"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == Agenda.objects.count()


# --- the overview -----------------------------------------------------------------------


def test_the_overview_lists_missing_and_outdated_languages_with_links_to_their_tabs(
    admin_client,
):
    done = make_programme(slug="done")
    changed = edit(make_programme(slug="changed"), title_en="Changed Title")
    untranslated = make_project(slug="english-only", all_languages=False)

    response = admin_client.get(OVERVIEW)

    assert response.status_code == 200
    html = response.content.decode()
    change = f"/admin/programmes/programme/{changed.pk}/change/"
    assert f'href="{change}#translation-nb"' in html
    assert f'href="/admin/programmes/project/{untranslated.pk}/change/#translation-da"' in html
    assert f"/admin/programmes/programme/{done.pk}/change/" not in html
    sections = {section["label"]: section for section in response.context["to_do"]}
    assert [row["item"] for row in sections["programme"]["rows"]] == [changed]
    assert dict(sections["project"]["rows"][0]["states"])["da"] == review.State.MISSING


def test_the_overview_shows_one_language_when_asked(admin_client):
    programme = edit(make_programme(), title_en="Changed Title")
    edit(programme, title_nl="Nieuwe titel")

    only_nl = admin_client.get(OVERVIEW, {"language": "nl"})
    only_da = admin_client.get(OVERVIEW, {"language": "da"})

    sections_nl = {s["label"]: s for s in only_nl.context["to_do"]}
    sections_da = {s["label"]: s for s in only_da.context["to_do"]}
    assert "programme" not in sections_nl
    assert [row["item"] for row in sections_da["programme"]["rows"]] == [programme]
    # The language links count what each language still needs.
    assert "Dutch: 0 to do" in only_nl.content.decode()
    assert "Danish: 1 to do" in only_nl.content.decode()


def test_marking_a_translation_up_to_date_takes_it_off_the_overview(admin_client):
    programme = edit(make_programme(), title_en="Changed Title")

    response = admin_client.post(
        OVERVIEW,
        {"model": "programmes.programme", "object_id": programme.pk, "language": "fr"},
        follow=True,
    )

    assert response.status_code == 200
    assert "is marked as up to date" in response.content.decode()
    assert states(programme)["fr"] == review.State.CURRENT
    assert states(programme)["nl"] == review.State.OUTDATED
    assert Programme.objects.get(pk=programme.pk).title_fr == programme.title_fr


@pytest.mark.parametrize(
    "data",
    [
        {"model": "donations.donor", "object_id": "1", "language": "fr"},
        {"model": "programmes.programme", "object_id": "abc", "language": "fr"},
        {"model": "programmes.programme", "object_id": "²", "language": "fr"},
        {"model": "programmes.programme", "object_id": "999999", "language": "fr"},
        {"model": "programmes.programme", "object_id": "1", "language": "en"},
        {},
    ],
)
def test_a_bad_mark_request_changes_nothing_and_says_so(admin_client, data):
    make_programme()
    before = TranslationEdit.objects.count()

    response = admin_client.post(OVERVIEW, data, follow=True)

    assert response.status_code == 200
    assert "could not be found" in response.content.decode()
    assert TranslationEdit.objects.count() == before


def test_the_overview_is_for_content_editors(editor_client):
    assert editor_client.get(OVERVIEW).status_code == 200


def test_fundraising_staff_do_not_see_the_overview(fundraising_client):
    assert fundraising_client.get(OVERVIEW).status_code == 403
    assert fundraising_client.post(OVERVIEW, {}).status_code == 403


def test_the_overview_reads_a_few_queries_per_content_type(
    admin_client, django_assert_max_num_queries
):
    for _ in range(5):
        edit(make_project(), summary_en="Changed")

    # Session, user, then per content type its rows and their records.
    with django_assert_max_num_queries(2 * len(review.reviewed_models()) + 6):
        response = admin_client.get(OVERVIEW)
    assert len({s["label"]: s for s in response.context["to_do"]}["project"]["rows"]) == 5


def test_the_admin_index_links_to_the_overview(editor_client):
    response = editor_client.get("/admin/")

    assert 'href="/admin/translations/"' in response.content.decode()


def test_every_reviewed_model_has_text_fields_and_required_fields():
    models = review.reviewed_models()

    assert Project in models and Agenda in models
    for model in models:
        assert model.translation_required_fields
        assert "slug" not in review.text_fields(model)


def test_a_changed_english_principle_makes_its_programmes_translations_outdated():
    programme = make_programme()
    principle = Principle.objects.create(
        programme=programme, order=1, heading_en="Family first", heading_da="Familien først"
    )
    assert states(programme)["da"] == review.State.CURRENT

    principle.heading_en = "Families first"
    principle.save()

    assert states(programme)["da"] == review.State.OUTDATED
    principle.heading_da = "Familierne først"
    principle.save()
    assert states(programme)["da"] == review.State.CURRENT


def test_deleting_a_reach_figure_leaves_the_projects_translations_as_they_were():
    project = make_project()
    figure = ReachFigure.objects.create(
        project=project, value="5,000", label_en="children", label_nl="kinderen", year=2024
    )
    assert states(project)["nl"] == review.State.CURRENT
    assert states(project)["fr"] == review.State.OUTDATED  # no French label yet

    figure.delete()

    assert states(project)["nl"] == review.State.CURRENT
