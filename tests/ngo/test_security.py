"""Staff accounts (lock-out, two factors, Argon2, idle sessions), headers, and
links that never lead to another host."""

import time

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import (
    assertContains,
    assertFormError,
    assertNotContains,
    assertRedirects,
    assertTemplateUsed,
)

from donations.models import Gift, Mandate, Sponsorship
from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING, NEVER_DELETED
from tests.builders import give, sponsor

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


def staff(django_user_model, name, group=None, **fields):
    user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in_with_password(client, username, password=PASSWORD, next_url="/admin/"):
    return client.post(
        f"/admin/login/?next={next_url}",
        {"username": username, "password": password, "next": next_url},
    )


def code_for(device):
    return f"{totp(device.bin_key):06d}"


WRONG_CODE = "This code is not right, or it has expired. Enter the code your app shows now."


# --- two factors -----------------------------------------------------------------------


def test_a_fundraiser_sets_up_an_app_and_gets_recovery_codes(client, django_user_model):
    staff(django_user_model, "fundraiser", FUNDRAISING)
    setup = "/admin/two-factor/setup/?next=/admin/donations/gift/"
    response = sign_in_with_password(client, "fundraiser", next_url="/admin/donations/gift/")
    assertRedirects(response, setup, fetch_redirect_response=False)
    # Without the second factor, no admin page opens.
    response = client.get("/admin/donations/gift/")
    assertRedirects(
        response, "/admin/login/?next=/admin/donations/gift/", fetch_redirect_response=False
    )
    page = client.get(setup)
    assertContains(page, "<svg")
    assertContains(page, "Your account can see donors")
    device = TOTPDevice.objects.get(user__username="fundraiser", confirmed=False)
    wrong = client.post(setup, {"code": "000000"})
    assertFormError(wrong.context["form"], "code", WRONG_CODE)
    # After a wrong code, even the right one waits a moment (django-otp's throttle).
    throttled = client.post(setup, {"code": code_for(device)})
    assertFormError(throttled.context["form"], "code", WRONG_CODE)
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()
    done = client.post(setup, {"code": code_for(device)})
    assertTemplateUsed(done, "admin/two_factor/recovery_codes.html")
    codes = done.context["codes"]
    assert len(codes) == 10 and "no-store" in done["Cache-Control"]
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=device.user).values_list("token", flat=True)
    )
    for code in codes:
        assertContains(done, f"<li><code>{code}</code></li>", html=True)
    assert client.get("/admin/donations/gift/").status_code == 200


def test_signing_in_again_takes_a_code_or_a_recovery_code_once(client, django_user_model):
    user = staff(django_user_model, "fundraiser", FUNDRAISING)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = sign_in_with_password(client, "fundraiser")
    assertRedirects(response, "/admin/two-factor/?next=/admin/", fetch_redirect_response=False)
    wrong = client.post("/admin/two-factor/", {"code": "12345"})
    assertFormError(wrong.context["form"], "code", WRONG_CODE)
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()
    response = client.post("/admin/two-factor/", {"code": code_for(device)})
    assertRedirects(response, "/admin/")

    # The phone is lost: a recovery code signs in once.
    client.post("/admin/two-factor/recovery-codes/")
    recovery = StaticToken.objects.filter(device__user=user).first().token
    for expected in (302, 200):
        client.post("/admin/logout/")
        sign_in_with_password(client, "fundraiser")
        assert client.post("/admin/two-factor/", {"code": recovery}).status_code == expected


def test_superusers_need_a_second_factor_too(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", PASSWORD)
    response = sign_in_with_password(client, "boss")
    assert response["Location"].startswith("/admin/two-factor/setup/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_content_editors_may_opt_in(client, django_user_model):
    editor = staff(django_user_model, "editor", CONTENT_EDITORS)
    assert sign_in_with_password(client, "editor")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/two-factor/setup/")
    assertContains(
        page,
        "<p>With two-factor sign-in, signing in takes a code from your phone as well as your"
        " password.</p>",
        html=True,
    )
    device = TOTPDevice.objects.get(user=editor)
    client.post("/admin/two-factor/setup/", {"code": code_for(device)})
    client.post("/admin/logout/")
    # Once on, it is asked for like everyone else's.
    assert sign_in_with_password(client, "editor")["Location"].startswith("/admin/two-factor/?")


def test_a_superuser_resets_a_lost_device(admin_client, client, django_user_model):
    user = staff(django_user_model, "fundraiser", FUNDRAISING)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    url = f"/admin/otp_totp/totpdevice/{device.pk}/delete/"
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert sign_in_with_password(client, "fundraiser")["Location"].startswith(
        "/admin/two-factor/setup/"
    )


# --- lock-out --------------------------------------------------------------------------


def test_wrong_passwords_lock_the_account_even_for_the_right_one(client, django_user_model):
    staff(django_user_model, "editor", CONTENT_EDITORS)
    for _ in range(4):
        assert sign_in_with_password(client, "editor", "wrong").status_code == 200
    assert sign_in_with_password(client, "editor", "wrong").status_code == 429
    locked = sign_in_with_password(client, "editor")
    assertContains(locked, "Signing in is blocked for now", status_code=429)
    assert "_auth_user_id" not in client.session

    call_command("axes_reset_username", "editor")
    assert sign_in_with_password(client, "editor")["Location"] == "/admin/"


def test_the_lock_out_is_per_address_too_and_in_the_staff_language(client, django_user_model):
    staff(django_user_model, "editor", CONTENT_EDITORS)
    for attempt in range(5):
        sign_in_with_password(client, f"guess-{attempt}", "wrong")
    locked = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assertContains(locked, "Inloggen is voorlopig geblokkeerd", status_code=429)


# --- passwords and sessions ------------------------------------------------------------


def test_an_old_pbkdf2_hash_becomes_argon2_at_the_next_sign_in(client, django_user_model):
    user = staff(django_user_model, "editor", CONTENT_EDITORS)
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    sign_in_with_password(client, "editor")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_an_idle_staff_session_ends(client, django_user_model, settings):
    staff(django_user_model, "editor", CONTENT_EDITORS)
    response = sign_in_with_password(client, "editor")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # ends with the browser
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["staff_last_seen"] = int(time.time()) - settings.STAFF_SESSION_IDLE_SECONDS - 1
    session.save()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


# --- records that are never deleted ----------------------------------------------------


def test_fundraisers_cancel_and_never_delete_money_records(client, fundraising_client):
    sponsor(client)
    give(client)
    group = Group.objects.get(name=FUNDRAISING)
    assert not group.permissions.filter(codename__in=NEVER_DELETED).exists()
    for model in (Mandate, Sponsorship, Gift):
        row = model.objects.get()
        url = f"/admin/donations/{model._meta.model_name}/{row.pk}/delete/"
        assert fundraising_client.post(url, {"post": "yes"}).status_code == 403
        assert model.objects.filter(pk=row.pk).exists()
    assertNotContains(fundraising_client.get("/admin/donations/gift/"), "delete_selected")


@pytest.mark.parametrize(
    "query", ["currency=%00", "status__exact=%00", "q=%00", "place=%00", "%00=1"]
)
def test_admin_filters_with_control_characters_go_back_unfiltered(fundraising_client, query):
    response = fundraising_client.get(f"/admin/donations/sponsorship/?{query}", follow=True)
    assertRedirects(response, "/admin/donations/sponsorship/")
    assertContains(response, "That filter was not valid, so it was removed.")


# --- headers and links -----------------------------------------------------------------


def test_public_pages_forbid_inline_code_and_unused_features(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_pages_allow_django_s_inline_styles_but_no_inline_scripts(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy + ";" and "unsafe-eval" not in policy


@pytest.mark.parametrize(
    "path", ["//evil.example/en/projects/", "//evil.example/nl/", "/en//evil.example/"]
)
def test_a_404_links_only_to_our_own_host(client, path):
    # As a browser sends it (the test client would read "//evil.example" as a host).
    response = client.get("/", PATH_INFO=path)
    # The page still links home and to the other languages, all on this host.
    assertContains(
        response,
        '<a href="/nl/" lang="nl" hreflang="nl">Nederlands</a>',
        status_code=404,
        html=True,
    )
    assertNotContains(response, "evil.example", status_code=404)
    assertNotContains(response, '="//', status_code=404)  # no protocol-relative address at all
