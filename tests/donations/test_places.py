import pytest

from donations.places import Place, describe


@pytest.mark.parametrize(
    "key,place",
    [
        ("need", Place()),
        ("country-BE", Place(country="BE")),
        ("project-12", Place(project_id=12)),
        ("country-XX", None),
        ("country-be", None),
        ("project-0", None),
        ("project-abc", None),
        ("project-12 ", None),
        ("project-\u0661\u0662", None),  # Arabic-Indic digits
        ("", None),
        (None, None),
    ],
)
def test_a_place_has_one_text_form(key, place):
    assert Place.parse(key) == place
    if place is not None:
        assert place.key == key


def test_places_select_their_sponsorships_and_read_well():
    assert Place().sponsorship_filter() == {"country": "", "project__isnull": True}
    assert Place(country="NO").sponsorship_filter() == {"country": "NO", "project__isnull": True}
    assert Place(project_id=3).sponsorship_filter() == {"project_id": 3}
    assert describe(Place()) == "Where the need is greatest"
    assert describe(Place(country="NO")) == "Anywhere in Norway"
