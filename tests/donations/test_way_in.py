"""One clear way in: the header's button offers a monthly sponsorship first."""

import re

import pytest

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
    home = client.get(url).content.decode()
    header = home.split('class="site-header"')[1].split("</header>")[0]
    assert f'class="nav-donate" href="{donate}"' in header
    # The home page itself asks visitors to become a sponsor.
    assert f'class="btn" href="{sponsor}"' in home
    page = client.get(donate)
    assert page.status_code == 200
    html = page.content.decode()
    links = re.findall(r'<a class="btn[^"]*" href="([^"]+)"', html.split("<main")[1])
    assert links == [sponsor, give]
