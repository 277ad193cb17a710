"""No log line carries a donor's account number, national number or email address:
not while a donation is stored and confirmed (also when mail fails), not at a
failed staff sign-in, not when staff reveal a number."""

import logging

import pytest
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult

from donations.models import Donor, Mandate
from ngo.staff_groups import FUNDRAISING
from tests.builders import sponsor

pytestmark = pytest.mark.django_db

ACCOUNT = "BE68 5390 0754 7034"
NATIONAL = "85.07.30-033.28"
EMAIL = "lotte.maes@example.org"
SECRETS = [ACCOUNT, ACCOUNT.replace(" ", ""), NATIONAL, "85073003328", EMAIL]


@pytest.fixture
def every_log_line(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def assert_nothing_secret(caplog):
    text = caplog.text
    assert caplog.records, "the scenario logged nothing: the test would prove nothing"
    for secret in SECRETS:
        assert secret not in text, secret


def test_a_sponsorship_its_failed_and_sent_emails_log_no_donor_data(
    client, settings, run_tasks, every_log_line
):
    settings.EMAIL_BACKEND = "tests.faults.RefusingMailBackend"
    response = sponsor(
        client, email=EMAIL, account=ACCOUNT, tax_deduction="on", national_id=NATIONAL
    )
    assert response.status_code == 302
    run_tasks()  # refused, with the address in the server's answer
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status="READY").update(run_after="2000-01-01T00:00:00Z")
    run_tasks()
    assert Donor.objects.get().email == EMAIL
    assert_nothing_secret(every_log_line)


def test_a_failed_staff_sign_in_logs_no_address(client, django_user_model, every_log_line):
    django_user_model.objects.create_user(EMAIL, password="a-long-password-1", is_staff=True)
    for _ in range(6):
        client.post("/admin/login/", {"username": EMAIL, "password": "wrong"})
    client.post("/admin/login/", {"username": EMAIL, "password": "a-long-password-1"})
    logging.getLogger("check").warning("the log is captured")
    assert_nothing_secret(every_log_line)


def test_revealing_numbers_logs_none_of_them(client, fundraising_client, every_log_line):
    sponsor(client, email=EMAIL, account=ACCOUNT, tax_deduction="on", national_id=NATIONAL)
    group = Group.objects.get(name=FUNDRAISING)
    assert group.permissions.filter(codename="reveal_donor_data").exists()
    mandate, donor = Mandate.objects.get(), Donor.objects.get()
    page = fundraising_client.post(f"/admin/donations/mandate/{mandate.pk}/reveal/")
    assert ACCOUNT.replace(" ", "") in page.content.decode().replace(" ", "")
    fundraising_client.post(f"/admin/donations/donor/{donor.pk}/reveal/")
    logging.getLogger("check").warning("the log is captured")
    assert_nothing_secret(every_log_line)
