"""Donor text fields: every script's names pass; characters no name needs do not."""

import pytest
from pytest_django.asserts import assertFormError

from donations.models import Donor
from tests.builders import give

pytestmark = pytest.mark.django_db

UNUSUAL_CHARACTERS = "Remove the invisible or unusual characters from this field."


@pytest.mark.parametrize(
    "first_name,last_name,city",
    [
        ("فاطمة", "الزهراء", "الرباط"),  # Arabic
        ("明", "王", "北京"),  # Chinese
        ("Máret", "Ánde-Sárá", "Kárášjohka"),  # Northern Sámi
        ("Søren", "Ærø", "Aabenraa"),  # Danish
        ("مهر\u200cناز", "Karimi", "Tehran"),  # Persian, with the joiner its spelling needs
    ],
)
def test_names_in_every_script_pass(client, first_name, last_name, city):
    response = give(client, first_name=first_name, last_name=last_name, city=city)
    assert response.status_code == 302
    assert Donor.objects.get().first_name == first_name


@pytest.mark.parametrize(
    "character",
    [
        "\x00",  # control (Cc)
        "\u202e",  # right-to-left override (Cf)
        "\u200b",  # zero-width space (Cf)
        "\u2066",  # left-to-right isolate (Cf)
        "\ue000",  # private use (Co)
        "\U000f0000",  # supplementary private use (Co)
        "\u0378",  # unassigned (Cn)
        "\u2028",  # line separator (Zl)
    ],
)
def test_invisible_and_unusual_characters_are_refused(client, character):
    response = give(client, last_name=f"Pee{character}ters")
    expected = [UNUSUAL_CHARACTERS]
    if character == "\x00":
        expected.append("Null characters are not allowed.")  # Django's own check
    assertFormError(response.context["form"], "last_name", expected)
    assert not Donor.objects.exists()


def test_an_email_address_with_a_direction_override_is_refused(client):
    response = give(client, email="ann@\u202eexample.org")
    assertFormError(response.context["form"], "email", UNUSUAL_CHARACTERS)
    assert not Donor.objects.exists()
