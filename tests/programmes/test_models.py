from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from programmes.models import Programme, Project, ProjectStatus
from tests.builders import make_programme, make_project

pytestmark = pytest.mark.django_db
TODAY = date.today()


@pytest.mark.parametrize(
    "start,end,status",
    [
        (TODAY + timedelta(days=1), None, ProjectStatus.PLANNED),
        (TODAY, None, ProjectStatus.RUNNING),
        (TODAY - timedelta(days=400), TODAY, ProjectStatus.RUNNING),
        (TODAY - timedelta(days=400), TODAY - timedelta(days=1), ProjectStatus.COMPLETED),
    ],
)
def test_status_is_derived_from_the_dates_in_python_and_sql(start, end, status):
    project = make_project(start_date=start, end_date=end)
    assert project.status == status
    for other in ProjectStatus.values:
        found = Project.objects.with_status(other).filter(pk=project.pk).exists()
        assert found is (other == status)


def test_end_before_start_is_refused():
    project = make_project(start_date=TODAY)
    project.end_date = TODAY - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "end_date" in error.value.message_dict


def test_rich_text_is_sanitised_on_save_in_every_language():
    programme = make_programme()
    dirty = (
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org">ok</a><img src="https://tracker.example/p.gif">'
        '<iframe src="https://evil.example"></iframe><h2 style="color:red">Title</h2></p>'
    )
    programme.body_en = programme.body_da = dirty
    programme.save()
    programme.refresh_from_db()
    for body in (programme.body_en, programme.body_da):
        assert "script" not in body and "onclick" not in body and "javascript" not in body
        assert "<img" not in body and "<iframe" not in body and "style=" not in body
        assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in body
        assert "<h2>Title</h2>" in body


def test_slugs_are_unique_within_each_language():
    first = make_programme(slug="families")
    other = make_programme(slug="other")
    other.slug_nl = first.slug_nl
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert error.value.message_dict == {"slug_nl": ["Another page already uses this address."]}


def test_the_database_keeps_slugs_unique_even_without_clean():
    first = make_project(slug="families")
    other = make_project(slug="other")
    other.slug_da = first.slug_da
    with transaction.atomic(), pytest.raises(IntegrityError):
        other.save()


def test_untranslated_slugs_are_null_and_never_clash():
    first = make_programme(all_languages=False)
    second = make_programme(all_languages=False)
    second.full_clean()
    assert Programme.objects.filter(slug_nb__isnull=True).count() == 2
    with translation.override("nb"):
        # An untranslated page keeps its English address in every language.
        assert first.get_absolute_url() == f"/nb/programmer/{first.slug_en}/"


def test_published_projects_need_a_published_programme():
    hidden_programme = make_programme(published=False)
    visible = make_project()
    make_project(programme=hidden_programme)
    make_project(published=False)
    assert list(Project.objects.published()) == [visible]


def test_country_filter_matches_whole_codes_only():
    both = make_project(countries=["BE", "NO"])
    make_project(countries=["DK"])
    assert list(Project.objects.in_country("NO")) == [both]
    assert list(Project.objects.in_country("EN")) == []


def test_missing_languages_lists_untranslated_ones():
    project = make_project(all_languages=False)
    assert project.missing_languages() == ["nl", "fr", "nb", "da"]
    assert make_project().missing_languages() == []


def test_seventeen_goals_are_loaded_in_every_language():
    from programmes.models import SustainableDevelopmentGoal

    goals = SustainableDevelopmentGoal.objects.all()
    assert [g.number for g in goals] == list(range(1, 18))
    quality = goals.get(number=4)
    assert (
        quality.name_en,
        quality.name_nl,
        quality.name_fr,
        quality.name_nb,
        quality.name_da,
    ) == (
        "Quality education",
        "Kwaliteitsonderwijs",
        "Éducation de qualité",
        "God utdanning",
        "Kvalitetsuddannelse",
    )
