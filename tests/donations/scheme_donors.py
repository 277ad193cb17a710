"""A sponsor of each scheme as the form posts them, for the back-office tests."""

from donations.models import Sponsorship
from tests.builders import SPONSORSHIP_POST, post_donation

DONORS = {
    "sepa": {"currency": "EUR", "amount": "35", "account": "BE71 0961 2345 6769"},
    "avtalegiro": {
        "currency": "NOK",
        "amount": "350",
        "account": "8601 11 17947",
        "language": "nb",
        "country": "NO",
        "postal_code": "0150",
        "city": "Oslo",
        "email": "kari@example.org",
        "first_name": "Kari",
    },
    "betalingsservice": {
        "currency": "DKK",
        "amount": "250",
        "account": "0040 0440116243",
        "language": "da",
        "country": "DK",
        "postal_code": "2100",
        "city": "København",
        "email": "mette@example.org",
        "first_name": "Mette",
    },
}


def sponsor_in_scheme(client, scheme="sepa", **changes):
    """A sponsorship made through the English form in this scheme; the new row."""
    before = Sponsorship.objects.count()
    response = post_donation(
        client, "/en/become-a-sponsor/", SPONSORSHIP_POST, **{**DONORS[scheme], **changes}
    )
    assert response.status_code == 302 and Sponsorship.objects.count() == before + 1
    return Sponsorship.objects.latest("id")
