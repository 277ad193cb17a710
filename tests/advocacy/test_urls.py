import pytest
from django.utils import translation
from pytest_django.asserts import assertContains, assertRedirects

from tests.builders import make_agenda, make_demand

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code,agenda_path,demands",
    [
        ("en", "/en/advocacy/agendas/", "demands"),
        ("nl", "/nl/beleidswerk/agendas/", "eisen"),
        ("fr", "/fr/plaidoyer/agendas/", "revendications"),
        ("nb", "/nb/rettighetsarbeid/agendaer/", "krav"),
        ("da", "/da/fortalerarbejde/dagsordener/", "krav"),
    ],
)
def test_agendas_live_under_their_own_path_in_every_language(client, code, agenda_path, demands):
    agenda = make_agenda(slug="family-care")
    demand = make_demand(agenda)
    with translation.override(code):
        agenda_url = agenda.get_absolute_url()
        demand_url = demand.get_absolute_url()
    assert agenda_url == f"{agenda_path}family-care-{code}/"
    assert demand_url == f"{agenda_path}family-care-{code}/{demands}/{demand.pk}/"
    assertContains(client.get(agenda_url), getattr(agenda, f"title_{code}"))
    assertContains(client.get(demand_url), getattr(demand, f"text_{code}"))


def test_an_agenda_named_like_a_fixed_page_does_not_hide_it(client):
    agenda = make_agenda(slug="milestones", all_languages=False)
    assertContains(client.get("/en/advocacy/milestones/"), "<h1>Milestones so far</h1>", html=True)
    assertContains(client.get("/en/advocacy/agendas/milestones/"), agenda.title_en)


def test_old_agenda_and_demand_addresses_redirect_with_their_query(client):
    agenda = make_agenda(slug="gezinszorg", all_languages=False)
    demand = make_demand(agenda)
    response = client.get("/nl/beleidswerk/gezinszorg/?ref=newsletter")
    assertRedirects(
        response,
        "/nl/beleidswerk/agendas/gezinszorg/?ref=newsletter",
        status_code=301,
    )
    response = client.get(f"/nl/beleidswerk/gezinszorg/eisen/{demand.pk}/")
    assertRedirects(
        response, f"/nl/beleidswerk/agendas/gezinszorg/eisen/{demand.pk}/", status_code=301
    )


def test_an_old_address_of_no_agenda_ends_in_not_found(client):
    response = client.get("/en/advocacy/no-such-agenda/", follow=True)
    assert response.redirect_chain == [("/en/advocacy/agendas/no-such-agenda/", 301)]
    assert response.status_code == 404
