"""Staff accounts (lock-out, two factors, Argon2, idle sessions), headers, and
links that never lead to another host."""

import re
import time

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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


# --- two factors -----------------------------------------------------------------------


def test_a_fundraiser_sets_up_an_app_and_gets_recovery_codes(client, django_user_model):
    staff(django_user_model, "fundraiser", FUNDRAISING)
    response = sign_in_with_password(client, "fundraiser", next_url="/admin/donations/gift/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/setup/?next=/admin/donations/gift/"
    # Without the second factor, no admin page opens.
    assert client.get("/admin/donations/gift/")["Location"].startswith("/admin/login/")
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "Your account can see donors" in page
    device = TOTPDevice.objects.get(user__username="fundraiser", confirmed=False)
    wrong = client.post(response["Location"], {"code": "000000"})
    assert "This code is not right" in wrong.content.decode()
    # After a wrong code, even the right one waits a moment (django-otp's throttle).
    throttled = client.post(response["Location"], {"code": code_for(device)})
    assert "This code is not right" in throttled.content.decode()
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()
    done = client.post(response["Location"], {"code": code_for(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10 and "no-store" in done["Cache-Control"]
    assert client.get("/admin/donations/gift/").status_code == 200


def test_signing_in_again_takes_a_code_or_a_recovery_code_once(client, django_user_model):
    user = staff(django_user_model, "fundraiser", FUNDRAISING)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = sign_in_with_password(client, "fundraiser")
    assert response["Location"] == "/admin/two-factor/?next=/admin/"
    assert client.post("/admin/two-factor/", {"code": "12345"}).status_code == 200
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()
    assert client.post("/admin/two-factor/", {"code": code_for(device)})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

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
    page = client.get("/admin/two-factor/setup/").content.decode()
    assert "signing in takes a code from your phone" in page
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
    assert locked.status_code == 429
    assert "Signing in is blocked for now" in locked.content.decode()
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
    assert locked.status_code == 429
    assert "Inloggen is voorlopig geblokkeerd" in locked.content.decode()


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
    listing = fundraising_client.get("/admin/donations/gift/").content.decode()
    assert "delete_selected" not in listing


@pytest.mark.parametrize(
    "query", ["currency=%00", "status__exact=%00", "q=%00", "place=%00", "%00=1"]
)
def test_admin_filters_with_control_characters_go_back_unfiltered(fundraising_client, query):
    response = fundraising_client.get(f"/admin/donations/sponsorship/?{query}", follow=True)
    assert response.redirect_chain == [("/admin/donations/sponsorship/", 302)]
    assert "That filter was not valid, so it was removed." in response.content.decode()


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
    assert response.status_code == 404
    html = response.content.decode()
    links = re.findall(r'(?:href|action|src)="([^"]*)"', html)
    assert links and not [link for link in links if "evil.example" in link]
    assert not [link for link in links if link.startswith("//")]
