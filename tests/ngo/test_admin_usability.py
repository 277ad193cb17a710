"""The admin as staff use it: a 403 page in the admin's layout that says whose part
it is, dates and times in the staff member's language and time zone, a searchable
countries widget on projects, and a narrow "missing languages" column."""

import re
from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.test import override_settings

from ngo.middleware import AdminTimeZoneMiddleware
from tests.builders import make_photo, make_project
from tests.donations.bank_samples import make_donor

pytestmark = pytest.mark.django_db

# A moment whose raw text the admin used to show as it is.
CONSENT_AT = datetime(2026, 11, 23, 3, 11, 1, 449525, tzinfo=UTC)


def in_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def test_an_editor_opening_donor_data_gets_the_admins_403_page(editor_client):
    response = editor_client.get("/admin/donations/donor/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "This part of the admin is for the Fundraising team." in html
    assert "Ask an administrator if you need access." in html
    # The admin's own layout: its header, breadcrumbs and stylesheets, not a
    # bare "403 Forbidden".
    assert 'id="header"' in html
    assert "css/admin.css" in html
    assert "403 Forbidden" not in html


def test_the_admins_403_page_is_in_the_staff_members_language(editor_client):
    response = in_language(editor_client, "nl").get("/admin/donations/donor/")

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="nl"' in html
    # Django's own Dutch in the layout around the message.
    assert 'aria-label="Broodkruimels"' in html


def test_a_fundraiser_opening_content_is_told_it_is_for_the_content_editors(
    fundraising_client,
):
    project = make_project()

    response = fundraising_client.get(f"/admin/programmes/project/{project.pk}/change/")

    assert response.status_code == 403
    assert "This part of the admin is for the content editors." in response.content.decode()


def test_the_reveal_page_denied_names_no_team_it_cannot_know(client, django_user_model):
    from tests.conftest import sign_in

    user = django_user_model.objects.create_user("nobody", password="x-long-pass-1", is_staff=True)
    donor = make_donor()

    response = sign_in(client, user).get(f"/admin/donations/donor/{donor.pk}/reveal/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "This part of the admin is for the Fundraising team." in html


def test_a_public_403_uses_the_sites_layout(rf):
    from django.core.exceptions import PermissionDenied

    from ngo.views import permission_denied

    response = permission_denied(rf.get("/en/"), PermissionDenied())

    assert response.status_code == 403
    assert "No access to this page" in response.content.decode()
    assert 'id="header"' not in response.content.decode()


@pytest.mark.parametrize(
    "language,zone,shown",
    [
        # English dates as Django writes them for English, in Brussels time.
        ("en", "", "Nov. 23, 2026, 4:11 a.m."),
        ("nl", "", "23 november 2026 04:11"),
        # The staff member's own zone, from the cookie the admin's script sets.
        ("nl", "America/New_York", "22 november 2026 22:11"),
        ("en", "Asia%2FTokyo", "Nov. 23, 2026, 12:11 p.m."),
        # A zone nobody has falls back to the site's.
        ("en", "Mars/Olympus", "Nov. 23, 2026, 4:11 a.m."),
    ],
)
def test_consent_times_show_in_the_staff_members_language_and_zone(
    fundraising_client, language, zone, shown
):
    donor = make_donor(privacy_consent_at=CONSENT_AT, newsletter=True)
    donor.newsletter_consent_at = CONSENT_AT
    donor.newsletter_consent_text = "Newsletter text"
    donor.save()
    if zone:
        fundraising_client.cookies[AdminTimeZoneMiddleware.COOKIE] = zone

    response = in_language(fundraising_client, language).get(
        f"/admin/donations/donor/{donor.pk}/change/"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "2026-11-23 03:11" not in html
    assert "449525" not in html
    assert html.count(shown) == 2  # privacy and newsletter consent


@pytest.mark.parametrize("name", ["../../etc/passwd", "x" * 300, "%00", "Europe/Nowhere"])
def test_a_bad_time_zone_cookie_is_ignored(editor_client, name):
    editor_client.cookies[AdminTimeZoneMiddleware.COOKIE] = name

    assert editor_client.get("/admin/").status_code == 200


def test_photo_consent_dates_follow_the_staff_members_language(editor_client):
    expires = date(2099, 3, 4)
    make_photo(shows_identifiable_child=True, consent_on_file=True, consent_expires=expires)

    html = in_language(editor_client, "nl").get("/admin/ngo/photo/").content.decode()

    assert "4 maart 2099" in html
    assert "2099-03-04" not in html


def test_the_project_form_chooses_countries_in_a_filterable_checkbox_list(editor_client):
    project = make_project(countries=["BE", "NO"])

    html = editor_client.get(f"/admin/programmes/project/{project.pk}/change/").content.decode()

    assert 'class="country-picker"' in html
    assert 'class="country-picker-filter vTextField" hidden' in html
    assert 'aria-label="Filter countries by name"' in html
    assert html.count('name="countries"') >= 240  # one checkbox per country
    assert 'name="countries" value="BE"' in html
    assert '<select name="countries"' not in html
    assert re.findall(r'name="countries" value="(\w\w)"[^>]*checked', html) == ["BE", "NO"]
    assert "js/admin/admin.js" in html


def test_the_countries_widget_reads_the_ticked_boxes(rf, admin_user):
    from django.contrib import admin
    from django.core.exceptions import ValidationError
    from django.http import QueryDict

    from programmes.models import Project

    request = rf.get("/admin/programmes/project/add/")
    request.user = admin_user
    field = admin.site._registry[Project].get_form(request).base_fields["countries"]
    ticked = QueryDict("countries=BE&countries=NO")

    assert field.widget.value_from_datadict(ticked, {}, "countries") == ["BE", "NO"]
    assert field.clean(["BE", "NO"]) == ["BE", "NO"]
    with pytest.raises(ValidationError):
        field.clean(["XX"])


def test_the_missing_languages_column_is_short_codes_with_names(editor_client):
    make_project(slug="english-only", all_languages=False)
    make_project(slug="everywhere")

    html = editor_client.get("/admin/programmes/project/").content.decode()

    assert '<span class="languages-missing"><abbr title="Dutch">NL</abbr>' in html
    assert '<abbr title="Danish">DA</abbr></span>' in html
    assert '<span class="languages-complete">✓ complete</span>' in html
    # Styled by the admin's stylesheet, not inline colours.
    assert "color:#a4161a" not in html


@override_settings(LANGUAGE_CODE="en")
def test_the_missing_languages_column_names_languages_in_the_staff_language(editor_client):
    make_project(slug="english-only", all_languages=False)

    html = in_language(editor_client, "fr").get("/admin/programmes/project/").content.decode()

    assert '<abbr title="Néerlandais">NL</abbr>' in html
