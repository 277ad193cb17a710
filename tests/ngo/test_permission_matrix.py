"""Every admin URL for every kind of visitor: anonymous, staff without a group,
content editor, fundraiser and superuser. Content editors never reach donor
data, fundraisers never edit content, and money records are never added or
deleted by hand."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from donations import bank_imports, collections, notices
from donations.models import Collection, ImportKind, Mandate, Sponsorship, Status
from ngo.staff_groups import CONTENT_EDITORS, FUNDRAISING
from tests.builders import give, sponsor
from tests.conftest import sign_in
from tests.donations.bank_samples import Return, camt054, upload

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"ngo", "programmes", "advocacy"}
FUNDRAISING_APPS = {"donations", "django_tasks_database"}
# Records only the site itself creates, and records that are never deleted (the
# seventeen goals are the UN's).
# The home page and the footer details have one row each, made once.
SINGLETONS = {"ngo.homepage", "ngo.sitedetails"}
NO_ADD = {
    *SINGLETONS,
    "programmes.sustainabledevelopmentgoal",
    "donations.donor",
    "donations.mandate",
    "donations.sponsorship",
    "donations.gift",
    "donations.reveal",
    "donations.prenotice",
    "donations.collectionrun",
    "donations.collection",
    "django_tasks_database.dbtaskresult",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}
NO_DELETE = {
    *SINGLETONS,
    "programmes.sustainabledevelopmentgoal",
    "donations.mandate",
    "donations.sponsorship",
    "donations.gift",
    "donations.reveal",
    "donations.prenotice",
    "donations.collectionrun",
    "donations.collection",
    "donations.bankimport",
    "django_tasks_database.dbtaskresult",
}


def admin_urls():
    """(model label, kind, url) for every registered model's pages."""
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        info = (model._meta.app_label, model._meta.model_name)
        yield label, "list", reverse("admin:{}_{}_changelist".format(*info))
        yield label, "add", reverse("admin:{}_{}_add".format(*info))
        obj = model.objects.first()
        if obj is None:
            assert label == "axes.accessfailurelog", f"the matrix needs one {label}"
            continue  # kept only when AXES_ENABLE_ACCESS_FAILURE_LOG is on
        for kind in ("change", "history", "delete"):
            yield label, kind, reverse(f"admin:{info[0]}_{info[1]}_{kind}", args=[obj.pk])
        if hasattr(model_admin, "reveal_view"):
            yield label, "reveal", reverse(f"admin:{info[0]}_{info[1]}_reveal", args=[obj.pk])
    for name in ("two-factor-setup", "recovery-codes"):
        yield "two factor", name, reverse(f"admin:{name}")


def expected(role, label, kind):
    app = label.split(".")[0]
    if role == "anonymous":
        return 302
    if label == "two factor":
        # Everyone's own sign-in settings; recovery codes once signed in with a code.
        verified = role in {"fundraiser", "superuser"}
        return 302 if kind == "recovery-codes" and not verified else 200
    own_apps = {"superuser": CONTENT_APPS | FUNDRAISING_APPS | {app}, "editor": CONTENT_APPS}
    own_apps["fundraiser"] = FUNDRAISING_APPS
    allowed = app in own_apps.get(role, set())
    if (kind, label) in {("add", no_add) for no_add in NO_ADD} | {
        ("delete", no_delete) for no_delete in NO_DELETE
    }:
        allowed = False
    if allowed and kind == "list" and label in SINGLETONS:
        return 302  # the list opens the one row
    return 200 if allowed else 403


@pytest.fixture
def every_record(client, django_user_model):
    call_command("load_demo", verbosity=0)
    sponsor(client, tax_deduction="on", national_id="85.07.30-033.28")
    give(client)
    sponsorship = Sponsorship.objects.get()
    notices.queue_notice(sponsorship, sponsorship.first_collection)
    sponsorship.status = Status.ACTIVE
    sponsorship.save()
    collections.start_run("sepa", sponsorship.first_collection)
    collection = Collection.objects.get()
    returned = camt054([Return(collection.reference, "AC04")])
    bank_imports.import_file(ImportKind.RETURNS, upload(returned), by=None)
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-123456789")
    StaticDevice.objects.create(user=boss, name="Recovery codes")
    client.post("/admin/login/", {"username": "nobody", "password": "wrong"})  # axes records
    mandate = Mandate.objects.get()
    sign_in(client, boss).post(reverse("admin:donations_mandate_reveal", args=[mandate.pk]))
    client.logout()


def role_client(role, client, django_user_model):
    if role == "anonymous":
        return client
    if role == "superuser":
        user = django_user_model.objects.get(username="boss")
    else:
        user = django_user_model.objects.create_user(role, password="pw-123456789", is_staff=True)
        group = {"editor": CONTENT_EDITORS, "fundraiser": FUNDRAISING}.get(role)
        if group:
            user.groups.add(Group.objects.get(name=group))
    return sign_in(client, user)


@pytest.mark.parametrize("role", ["anonymous", "no group", "editor", "fundraiser", "superuser"])
def test_every_admin_url_answers_each_role_as_it_should(
    every_record, client, django_user_model, role
):
    visitor = role_client(role, client, django_user_model)
    wrong = []
    for label, kind, url in admin_urls():
        status = visitor.get(url).status_code
        if status != expected(role, label, kind):
            wrong.append((label, kind, status, expected(role, label, kind)))
    assert wrong == []
