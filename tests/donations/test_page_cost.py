"""The donation forms stay cheap whatever the number of projects, and keep the
donor's choice: the place list is capped, the country list written once."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from donations.models import Sponsorship
from tests.builders import make_programme, make_project, sponsor

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_open_projects():
    programme = make_programme(slug="families")
    return [
        make_project(
            programme=programme,
            slug=f"open-{i}",
            countries=["KE" if i % 2 else "UG"],
            open_for_sponsorship=True,
        )
        for i in range(50)
    ]


@pytest.mark.parametrize(
    "url", ["/en/become-a-sponsor/", "/en/become-a-sponsor/?project={pk}", "/nl/geef/"]
)
def test_form_pages_with_50_open_projects_stay_within_the_query_budget(
    client, many_open_projects, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(8):
        response = client.get(url.format(pk=many_open_projects[7].pk))
    assert response.status_code == 200


def test_past_the_limit_the_form_lists_countries_and_the_chosen_project(
    client, many_open_projects, settings
):
    settings.DONATION_PLACE_PROJECTS = 10
    chosen = many_open_projects[7]  # in Kenya
    response = client.get(f"/en/become-a-sponsor/?project={chosen.pk}")
    assertInHTML(
        f"""<select name="place" class="select form-select"
          aria-describedby="id_place_helptext" id="id_place">
          <option value="need">Where the need is greatest</option>
          <optgroup label="Kenya">
            <option value="country-KE">Anywhere in Kenya</option>
            <option value="project-{chosen.pk}" selected>Open-7 (en)</option>
          </optgroup>
          <optgroup label="Uganda">
            <option value="country-UG">Anywhere in Uganda</option>
          </optgroup>
        </select>""",
        response.content.decode(),
    )
    assertContains(response, "follow the sponsor link on the project")
    assertNotContains(client.get("/en/become-a-sponsor/"), "project-")


def test_a_project_chosen_past_the_limit_is_the_one_stored(client, many_open_projects, settings):
    settings.DONATION_PLACE_PROJECTS = 10
    chosen = many_open_projects[33]
    response = sponsor(client, place=f"project-{chosen.pk}")
    assert response.status_code == 302
    assert Sponsorship.objects.get().project == chosen


def test_a_post_with_errors_keeps_the_project_selected_past_the_limit(
    client, many_open_projects, settings
):
    settings.DONATION_PLACE_PROJECTS = 10
    chosen = many_open_projects[12]
    response = sponsor(client, place=f"project-{chosen.pk}", email="not an address")
    assertContains(response, f'<option value="project-{chosen.pk}" selected>', html=False)
    assert not Sponsorship.objects.exists()


def test_country_names_follow_the_page_language_once_cached(client):
    assertContains(client.get("/nl/geef/"), '<option value="DE">Duitsland</option>', html=True)
    assertContains(client.get("/fr/donner/"), '<option value="DE">Allemagne</option>', html=True)
    assertContains(client.get("/nl/geef/"), '<option value="DE">Duitsland</option>', html=True)


def test_a_valid_sponsorship_is_one_transaction_with_few_queries_and_mail_queued(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as queries:
        response = sponsor(client)
    assert response.status_code == 302
    sql = [query["sql"] for query in queries]
    # The test runs in a transaction, so the view's atomic block is a savepoint:
    # donor, mandate, sponsorship and the queued email are written inside the same one.
    begin = next(i for i, text in enumerate(sql) if text.startswith("SAVEPOINT"))
    end = next(i for i, text in enumerate(sql) if text.startswith("RELEASE SAVEPOINT"))
    written = [text.split('"')[1] for text in sql if text.startswith("INSERT")]
    inside = [text.split('"')[1] for text in sql[begin:end] if text.startswith("INSERT")]
    assert inside == [
        "donations_donor",
        "donations_mandate",
        "donations_sponsorship",
        "django_tasks_database_dbtaskresult",
    ]
    assert written == [*inside, "django_session"]
    # The email is sent later by a worker: nothing goes out in the request.
    assert DBTaskResult.objects.get().args_kwargs["args"][0] == "sponsorship"
    assert mail.outbox == []
