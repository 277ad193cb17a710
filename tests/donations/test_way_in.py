"""One clear way in: the header's button offers a monthly sponsorship first."""

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url,donate,sponsor,give",
    [
        ("/en/", "/en/donate/", "/en/become-a-sponsor/", "/en/give/"),
        ("/nl/", "/nl/doneren/", "/nl/word-sponsor/", "/nl/geef/"),
        ("/nb/", "/nb/stott-oss/", "/nb/bli-fadder/", "/nb/gi/"),
    ],
)
def test_the_header_leads_to_a_choice_with_sponsorship_first(client, url, donate, sponsor, give):
    home = client.get(url)
    assertContains(home, f'class="nav-donate" href="{donate}"', count=1)  # in the header
    # The home page itself asks visitors to become a sponsor.
    assertContains(home, f'<a class="btn" href="{sponsor}">')
    page = client.get(donate)
    first, second = (
        f'<a class="btn" href="{sponsor}">',
        f'<a class="btn btn-secondary" href="{give}">',
    )
    assertContains(page, first, count=1)
    assertContains(page, second, count=1)
    html = page.content.decode()
    assert html.index(first) < html.index(second)
