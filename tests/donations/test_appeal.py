"""The emergency appeal: the banner on every public page while it is on, and the
gift form with its programme and its own amounts, with and without JavaScript."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from donations.models import Gift
from ngo.models import Appeal, AppealAmounts
from tests.builders import give, make_programme, translated

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_appeal(active=True, programme=None, **fields):
    appeal = Appeal(programme=programme or make_programme(slug="relief"), active=active, **fields)
    translated(appeal, "title", "Flood in the valley")
    translated(appeal, "text", "Families lost their homes")
    translated(appeal, "button_label", "Help now")
    appeal.save()
    AppealAmounts.objects.create(appeal=appeal, currency="EUR", presets="30 60 120")
    AppealAmounts.objects.create(appeal=appeal, currency="NOK", presets="300 600 1200")
    return appeal


def amounts_shown(response):
    return [value for value, _label in response.context["form"].fields["amount"].choices]


def test_a_switched_on_appeal_shows_its_banner_on_public_pages_in_the_visitors_language(
    client, admin_client
):
    appeal = make_appeal()
    for url in ("/en/", "/nl/programmas/", "/fr/confidentialite/"):
        code = url.split("/")[1]
        response = client.get(url)
        assertContains(response, f"Flood in the valley ({code})")
        assertContains(response, f'?appeal={appeal.pk}">Help now ({code})</a>')
    assertNotContains(admin_client.get("/admin/"), "Flood in the valley")


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"active": False}, False),
        ({"starts_on": TODAY + timedelta(days=1)}, False),
        ({"ends_on": TODAY - timedelta(days=1)}, False),
        ({"starts_on": TODAY, "ends_on": TODAY}, True),
        ({"starts_on": TODAY - timedelta(days=3)}, True),
    ],
)
def test_the_banner_shows_only_when_switched_on_and_within_its_dates(client, fields, shown):
    make_appeal(**{"active": True, **fields})
    assert ("Flood in the valley" in client.get("/en/").content.decode()) is shown


def test_an_appeal_for_an_unpublished_programme_shows_nothing(client):
    make_appeal(programme=make_programme(published=False))
    assertNotContains(client.get("/en/"), "Flood in the valley")
    assert amounts_shown(client.get("/en/give/?appeal=1")) == ["25", "50", "100", "other"]


def test_switching_an_appeal_off_removes_the_banner_at_once(client):
    appeal = make_appeal()
    assertContains(client.get("/en/"), "Flood in the valley")
    appeal.active = False
    appeal.save()
    assertNotContains(client.get("/en/"), "Flood in the valley")


def test_only_one_appeal_can_be_switched_on():
    make_appeal()
    second = Appeal(programme=make_programme(), active=True, title="Other", text="t")
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert refused.value.error_dict["active"][0].code == "one_active"
    with pytest.raises(IntegrityError):
        second.save()


def test_an_appeal_can_not_end_before_it_starts():
    appeal = Appeal(programme=make_programme(), starts_on=TODAY, ends_on=TODAY - timedelta(days=1))
    translated(appeal, "title", "x")
    with pytest.raises(ValidationError) as refused:
        appeal.clean()
    assert refused.value.error_dict["ends_on"][0].code == "end_before_start"


@pytest.mark.parametrize(
    ("presets", "code"),
    [("30 abc", "invalid"), ("", "required"), ("1 60", "outside_limits"), ("50 100", None)],
)
def test_the_appeal_amounts_follow_the_gift_forms_rules(presets, code):
    amounts = AppealAmounts(appeal=make_appeal(), currency="DKK", presets=presets)
    if code is None:
        amounts.clean()
        assert amounts.preset_amounts() == [Decimal(50), Decimal(100)]
        return
    with pytest.raises(ValidationError) as refused:
        amounts.clean()
    assert refused.value.error_dict["presets"][0].code == code


def test_the_gift_form_of_an_appeal_shows_its_programme_and_amounts(client):
    appeal = make_appeal()
    response = client.get(f"/nl/geef/?appeal={appeal.pk}")
    assert amounts_shown(response) == ["30", "60", "120", "other"]
    form = response.context["form"]
    assert form.initial["programme"] == appeal.programme_id
    assert form.initial["amount"] == "60"
    assertContains(response, f'name="appeal" value="{appeal.pk}"')
    assertContains(response, "Flood in the valley (nl)")
    # The script that switches currencies at once gets the appeal's amounts too;
    # a currency without amounts of its own keeps the form's.
    data = response.context["currency_data"]
    assert [value for value, _label in data["NOK"]["amounts"]] == ["300", "600", "1200", "other"]
    assert [value for value, _label in data["DKK"]["amounts"]] == ["200", "400", "800", "other"]


def test_a_gift_through_the_appeal_stores_what_the_donor_saw(client):
    appeal = make_appeal()
    response = give(client, appeal=str(appeal.pk), amount="120", programme=appeal.programme_id)
    assert response.status_code == 302
    gift = Gift.objects.get()
    assert (gift.amount, gift.currency, gift.programme) == (Decimal(120), "EUR", appeal.programme)


def test_without_javascript_a_currency_switch_keeps_the_appeal_and_shows_its_amounts(client):
    appeal = make_appeal()
    response = give(
        client, appeal=str(appeal.pk), currency="NOK", amounts_currency="EUR", amount="60"
    )
    assert response.status_code == 200 and not Gift.objects.exists()
    assert amounts_shown(response) == ["300", "600", "1200", "other"]
    assertContains(response, f'name="appeal" value="{appeal.pk}"')
    give(client, appeal=str(appeal.pk), currency="NOK", amount="1200")
    gift = Gift.objects.get()
    assert (gift.amount, gift.currency) == (Decimal(1200), "NOK")


def test_an_appeal_amount_is_refused_once_the_appeal_is_over(client):
    appeal = make_appeal()
    appeal.active = False
    appeal.save()
    response = give(client, appeal=str(appeal.pk), amount="120")
    assert response.status_code == 200
    assert amounts_shown(response) == ["25", "50", "100", "other"]
    assert not Gift.objects.exists()


@pytest.mark.parametrize("value", ["abc", "999", "-1", "1e3", "٣", "9" * 40, "", "1%00"])
def test_a_bad_or_unknown_appeal_is_ignored(client, value):
    make_appeal()
    response = client.get("/en/give/", {"appeal": value})
    assert response.status_code == 200
    assert amounts_shown(response) == ["25", "50", "100", "other"]
    assert give(client, appeal=value).status_code == 302
    assert Gift.objects.get().amount == Decimal(50)


def test_the_gift_form_works_as_before_without_an_appeal(client):
    response = client.get("/da/giv/")
    assert response.status_code == 200
    assert amounts_shown(response) == ["200", "400", "800", "other"]
    assertNotContains(response, 'name="appeal" value="')
    assert give(client).status_code == 302
    assert Gift.objects.get().programme is None


def test_unpublishing_the_appeals_programme_removes_the_banner_at_once(client):
    appeal = make_appeal()
    assertContains(client.get("/en/"), "Flood in the valley")
    appeal.programme.published = False
    appeal.programme.save()
    assertNotContains(client.get("/en/"), "Flood in the valley")


def test_the_appeals_programme_is_chosen_whatever_programme_a_link_asks_for(client):
    appeal = make_appeal()
    other = make_programme(slug="other")
    hidden = make_programme(slug="hidden", published=False)
    for asked in (other.pk, hidden.pk, "abc"):
        response = client.get(f"/en/give/?appeal={appeal.pk}&programme={asked}")
        assert response.context["form"].initial["programme"] == appeal.programme_id
        assertContains(response, f'<option value="{appeal.programme_id}" selected>', html=False)


def test_an_appeal_that_ends_while_the_donor_fills_in_the_form_says_so(client):
    appeal = make_appeal()
    appeal.active = False
    appeal.save()
    response = give(client, appeal=str(appeal.pk), amount="120")
    assert "This appeal has ended" in str(response.context["form"].errors["amount"])
    assert not Gift.objects.exists()
