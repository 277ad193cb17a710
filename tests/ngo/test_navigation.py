import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.builders import make_agenda, make_programme, make_project

pytestmark = pytest.mark.django_db

NAV_LINKS = {
    "home": ("/en/", "Home"),
    "programmes": ("/en/programmes/", "Programmes"),
    "projects": ("/en/projects/", "Projects"),
    "advocacy": ("/en/advocacy/", "Advocacy"),
}


def current_link(section):
    href, label = NAV_LINKS[section]
    return f'<a href="{href}" aria-current="page">{label}</a>'


def test_each_page_marks_its_own_section_in_the_main_navigation(client):
    project = make_project()
    agenda = make_agenda()
    pages = {
        "/en/": "home",
        "/en/programmes/": "programmes",
        project.programme.get_absolute_url(): "programmes",
        "/en/projects/": "projects",
        project.get_absolute_url(): "projects",
        "/en/advocacy/": "advocacy",
        agenda.get_absolute_url(): "advocacy",
        "/en/advocacy/milestones/": "advocacy",
    }
    for url, section in pages.items():
        response = client.get(url)
        assertContains(response, current_link(section), html=True)
        for other in NAV_LINKS.keys() - {section}:
            assertNotContains(response, current_link(other), html=True)


def test_the_donation_pages_mark_donate(client):
    make_programme()
    for url in ("/en/donate/", "/en/become-a-sponsor/", "/en/give/"):
        response = client.get(url)
        assertContains(
            response,
            '<a class="nav-donate" href="/en/donate/" aria-current="page">Donate</a>',
            html=True,
        )


def test_a_page_outside_the_sections_marks_none(client):
    response = client.get("/en/privacy/")
    for section in NAV_LINKS:
        assertNotContains(response, current_link(section), html=True)
