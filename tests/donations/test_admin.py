import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from pytest_django.asserts import assertContains, assertFormError, assertInHTML, assertNotContains

from donations.models import Donor, Gift, Mandate, Reveal, Sponsorship
from tests.builders import give, make_project, sponsor
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

BE_NATIONAL = "85.07.30-033.28"


@pytest.fixture
def records(client):
    """Two sponsorships and a gift, made through the public forms."""
    project = make_project(slug="liege", countries=["BE"], open_for_sponsorship=True)
    sponsor(client, tax_deduction="on", national_id=BE_NATIONAL)
    sponsor(
        client,
        first_name="<b>Kari</b>",
        email="kari@example.no",
        currency="NOK",
        amount="350",
        account="86011117947",
        place=f"project-{project.pk}",
        collection_day="1",
    )
    give(client, currency="DKK", amount="400")
    client.logout()
    return project


def donation_urls():
    donor = Donor.objects.first()
    mandate = Mandate.objects.first()
    sponsorship = Sponsorship.objects.first()
    gift = Gift.objects.first()
    urls = ["/admin/donations/"]
    for name, obj in (
        ("donor", donor),
        ("mandate", mandate),
        ("sponsorship", sponsorship),
        ("gift", gift),
    ):
        urls += [
            f"/admin/donations/{name}/",
            f"/admin/donations/{name}/{obj.pk}/change/",
            f"/admin/donations/{name}/{obj.pk}/history/",
        ]
    urls += [
        f"/admin/donations/donor/{donor.pk}/reveal/",
        f"/admin/donations/mandate/{mandate.pk}/reveal/",
        "/admin/donations/amountrule/",
        "/admin/donations/reveal/",
    ]
    return urls


def test_content_editors_get_403_on_every_donations_url(records, editor_client):
    for url in donation_urls():
        assert editor_client.get(url).status_code == 403, url
        assert editor_client.post(url, {}).status_code == 403, url
    assert not Reveal.objects.exists()


def test_fundraising_staff_see_lists_with_numbers_masked(records, fundraising_client):
    for url in donation_urls():
        response = fundraising_client.get(url)
        for secret in ("BE71096123456769", "0961 2345", "86011117947", "85073003328"):
            assertNotContains(response, secret, msg_prefix=url)
    mandates = fundraising_client.get("/admin/donations/mandate/")
    assertContains(mandates, "•••• 6769")
    assertContains(mandates, "•••• 7947")
    donor = Donor.objects.get(wants_tax_receipt=True)
    assertContains(fundraising_client.get(f"/admin/donations/donor/{donor.pk}/change/"), "•••• 28")


def test_markup_in_names_is_escaped_in_the_admin(records, fundraising_client):
    response = fundraising_client.get("/admin/donations/sponsorship/")
    assertNotContains(response, "<b>Kari</b>")
    assertContains(response, "&lt;b&gt;Kari&lt;/b&gt;")


def test_revealing_a_number_shows_it_once_and_is_logged(records, fundraising_client):
    donor = Donor.objects.get(wants_tax_receipt=True)
    url = f"/admin/donations/donor/{donor.pk}/reveal/"
    page = fundraising_client.get(url)
    assertNotContains(page, "85073003328")
    assertContains(page, "your name and the time are recorded")
    assert not Reveal.objects.exists()
    assertContains(fundraising_client.post(url), "<code>85073003328</code>", html=True)
    reveal = Reveal.objects.get()
    assert reveal.donor == donor and reveal.user.username == "staff-Fundraising"
    assert "national identification number" in reveal.what
    entry = LogEntry.objects.get(object_id=str(donor.pk))
    assert entry.change_message.startswith("Revealed")

    mandate = Mandate.objects.get(account_hint="7947")
    page = fundraising_client.post(f"/admin/donations/mandate/{mandate.pk}/reveal/")
    assertContains(page, "<code>86011117947</code>", html=True)
    assert Reveal.objects.count() == 2


def test_staff_without_the_reveal_permission_can_not_reveal(records, client, django_user_model):
    user = django_user_model.objects.create_user(
        "viewer", password="a-long-password-1", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_donor"))
    sign_in(client, user)
    donor = Donor.objects.first()
    assert client.get(f"/admin/donations/donor/{donor.pk}/change/").status_code == 200
    assert client.post(f"/admin/donations/donor/{donor.pk}/reveal/").status_code == 403
    assert not Reveal.objects.exists()


def listed(response):
    """The rows of an admin list page."""
    return list(response.context["cl"].result_list)


def run_action(client, action, queryset):
    return client.post(
        "/admin/donations/sponsorship/",
        {"action": action, "_selected_action": [obj.pk for obj in queryset]},
        follow=True,
    )


def test_status_actions_record_who_and_when(records, fundraising_client):
    response = run_action(fundraising_client, "mark_active", Sponsorship.objects.all())
    assertContains(response, "2 records changed.")
    for sponsorship in Sponsorship.objects.all():
        assert sponsorship.status == "active"
        assert sponsorship.status_changed_by.username == "staff-Fundraising"
        assert sponsorship.status_changed_at is not None
    # Active can not become active again, and cancelled can not come back.
    response = run_action(fundraising_client, "mark_active", Sponsorship.objects.all())
    assertContains(response, "2 records were left alone")
    run_action(fundraising_client, "mark_cancelled", Sponsorship.objects.all()[:1])
    assert sorted(Sponsorship.objects.values_list("status", flat=True)) == ["active", "cancelled"]


def test_sponsorship_list_shows_monthly_totals_of_active_sponsorships(records, fundraising_client):
    Sponsorship.objects.filter(currency="NOK").update(status="active")
    response = fundraising_client.get("/admin/donations/sponsorship/")
    assertInHTML(
        """<div class="module" id="monthly-totals">
          <h2>Monthly total of active sponsorships</h2>
          <ul><li>NOK\xa0350</li></ul>
        </div>""",
        response.content.decode(),
    )


def test_staff_who_may_only_view_get_no_status_actions(records, client, django_user_model):
    user = django_user_model.objects.create_user(
        "viewer", password="a-long-password-1", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_sponsorship"))
    client.force_login(user)
    listing = client.get("/admin/donations/sponsorship/")
    assertNotContains(listing, "mark_active")
    assertNotContains(listing, "mark_cancelled")
    response = run_action(client, "mark_active", Sponsorship.objects.all())
    assert response.status_code == 200
    assert set(Sponsorship.objects.values_list("status", flat=True)) == {"pending"}


def test_mandates_show_and_filter_by_scheme(records, fundraising_client):
    mandate = Mandate.objects.get(scheme="avtalegiro")
    response = fundraising_client.get("/admin/donations/mandate/?scheme__exact=avtalegiro")
    assert listed(response) == [mandate]
    assertContains(response, "AvtaleGiro")
    page = fundraising_client.get(f"/admin/donations/mandate/{mandate.pk}/change/")
    assertContains(page, "987654325")
    assertNotContains(page, "86011117947")


@pytest.mark.parametrize("value", ["project-abc", "country-XX", "country-be", "anything", ""])
def test_a_bad_place_filter_value_lists_everything(records, fundraising_client, value):
    response = fundraising_client.get(f"/admin/donations/sponsorship/?place={value}")
    assert len(listed(response)) == 2


@pytest.mark.parametrize(
    "query,expected",
    [
        ("?status__exact=pending", 2),
        ("?currency__exact=NOK", 1),
        ("?place=need", 1),
        ("?collection_day__exact=1", 1),
        ("?q=kari%40example.no", 1),
    ],
)
def test_sponsorship_list_filters_and_search(records, fundraising_client, query, expected):
    response = fundraising_client.get(f"/admin/donations/sponsorship/{query}")
    assert len(listed(response)) == expected
    assertContains(response, 'class="action-checkbox"', count=expected)


def test_place_filter_finds_the_project(records, fundraising_client):
    response = fundraising_client.get(f"/admin/donations/sponsorship/?place=project-{records.pk}")
    assert listed(response) == [Sponsorship.objects.get(project=records)]
    assertContains(response, "Liege (en)")


def test_gift_list_searches_by_reference_and_payment_reference(records, fundraising_client):
    gift = Gift.objects.get()
    response = fundraising_client.get(f"/admin/donations/gift/?q={gift.reference}")
    assert listed(response) == [gift]
    assertContains(response, gift.payment_reference)


def test_fundraising_staff_edit_amount_rules(records, fundraising_client):
    from donations.models import AmountRule

    rule = AmountRule.objects.get(kind="gift", currency="EUR")
    response = fundraising_client.post(
        f"/admin/donations/amountrule/{rule.pk}/change/",
        {
            "kind": "gift",
            "currency": "EUR",
            "presets": "30 60 900",
            "minimum": "50",
            "maximum": "500",
        },
    )
    assertFormError(
        response.context["adminform"].form,
        "presets",
        "Every preset must lie between the minimum and the maximum.",
    )
    rule.refresh_from_db()
    assert rule.presets == "25 50 100"


@pytest.mark.parametrize("presets", ["NaN", "25 Infinity", "-5", "12.345"])
def test_amount_rules_refuse_presets_that_are_not_amounts(fundraising_client, presets):
    from donations.models import AmountRule

    rule = AmountRule.objects.get(kind="gift", currency="EUR")
    response = fundraising_client.post(
        f"/admin/donations/amountrule/{rule.pk}/change/",
        {"kind": "gift", "currency": "EUR", "presets": presets, "minimum": "5", "maximum": "10000"},
    )
    assertFormError(
        response.context["adminform"].form,
        "presets",
        "Write the amounts as numbers separated by spaces.",
    )
    rule.refresh_from_db()
    assert rule.presets == "25 50 100"


def test_preset_amounts_are_stored_in_plain_form():
    from donations.models import AmountRule

    assert [str(a) for a in AmountRule(presets="1e3 35.50 25").preset_amounts()] == [
        "1000",
        "35.5",
        "25",
    ]
