"""Fuzzing what a visitor can type into the address bar.

The project and publication lists read their filters from GET parameters; any
parameters and values (NUL, invalid UTF-8, very long, unicode, repeated keys),
in every language, give the list (200), a redirect within the site, or, for a
page number that does not exist, a 404. Any path, after or instead of the
language prefix, gives 200, a redirect within the site, or a 404 — never a
server error — and no answer links to another host, however the path or the
query is spelled (`//evil.example/en/projects`).

Requests are made as a WSGI server hands them to Django: the path decoded from
its percent-escapes into PATH_INFO, the query string as it was sent.
"""

import re
from datetime import date
from urllib.parse import quote, unquote_to_bytes, urlencode, urlsplit

import hypothesis
import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import override
from hypothesis import example, given
from hypothesis import strategies as st

from programmes.models import ProjectStatus, SustainableDevelopmentGoal
from tests.builders import LANGS, make_agenda, make_programme, make_project, make_publication
from tests.fuzzing import FUZZ

pytestmark = pytest.mark.django_db


OUR_HOST = "testserver"
PROGRAMMES = ["families", "youth"]
AGENDAS = ["belgium", "worldwide"]
COUNTRIES = ["BE", "KE", "NO"]


@pytest.fixture
def catalogue():
    """Enough published content that every filter has choices and both lists a
    second page (12 projects and 20 publications a page); nothing links elsewhere."""
    families, youth = (make_programme(slug=slug) for slug in PROGRAMMES)
    make_programme(slug="hidden", published=False)
    goals = list(SustainableDevelopmentGoal.objects.filter(number__in=[1, 4]))
    today = date.today()
    for i in range(14):
        project = make_project(
            families if i % 2 else youth,
            countries=[COUNTRIES[i % 3], *(["KE"] if i % 4 == 0 else [])],
            start_date=date(today.year + (1 if i % 5 == 0 else -2), 1, 1),
            end_date=date(today.year - 1, 6, 30) if i % 5 == 1 else None,
            open_for_sponsorship=i % 2 == 0,
        )
        project.sdgs.set(goals[: i % 3])
    belgium = make_agenda("belgium", scope="national", country="BE")
    worldwide = make_agenda("worldwide")
    for i in range(22):
        agendas = [[belgium], [worldwide], [belgium, worldwide], []][i % 4]
        make_publication(f"Paper {i}", language=LANGS[i % 4], agendas=agendas)
    make_publication("Draft", agendas=[belgium], published=False)


# --- strategies -----------------------------------------------------------------------

ANY_CHAR = st.characters(exclude_categories=["Cs"])
SHORT_TEXT = st.text(ANY_CHAR, max_size=30)
HUGE = st.builds(
    lambda text, times: text * times,
    st.text(ANY_CHAR, min_size=1, max_size=3),
    st.integers(300, 10_000),
)
TRICKY = st.sampled_from(
    ["", " ", "\x00", "\u202e", "\ufeff", "0", "-1", "1", "2", "3", "99999", "last", "LAST"]
    + ["1e3", "NaN", "٣", "２", "1_0", "9" * 5000, "<script>", "//evil.example", "http://x"]
    + ["be", "BE ", "XX", "running", "Running", "xx", "en", "EN", "english"]
)
# Values a filter offers, in any language: programme and agenda slugs, codes, goals.
CHOICES = st.sampled_from(
    [f"{slug}-{code}" for slug in [*PROGRAMMES, *AGENDAS, "hidden"] for code in LANGS]
    + [*COUNTRIES, "1", "4", "17", *ProjectStatus.values, *LANGS]
)
SCALAR = st.one_of(CHOICES, TRICKY, SHORT_TEXT, HUGE)
VALUE = st.one_of(SCALAR, st.lists(SCALAR, min_size=1, max_size=4))
FILTER_KEYS = ["programme", "country", "sdg", "status", "agenda", "language", "page"]
KEY = st.one_of(st.sampled_from(FILTER_KEYS), SHORT_TEXT)
# Spelled directly into the query string: escapes that decode to nothing valid.
RAW_QUERY = st.sampled_from(
    ["%00", "%", "%zz", "%C0%AF", "%FF", "%E2%80%AE", "&", "=", "==", ";", "+", "%2B"]
    + ["page=%00", "country=%00", "programme=%ED%A0%80", "sdg=%C0", "agenda=%2F%2Fevil"]
    + ["language=%00%00", "page=2", "page=last", "page=%D9%A3", "a[]=1&a[]=2"]
)


@st.composite
def queries(draw):
    """A query string: url-encoded pairs (repeated keys too) and raw fragments."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 4)) == 0:
            parts.append(draw(RAW_QUERY))
        else:
            parts.append(urlencode({draw(KEY): draw(VALUE)}, doseq=True))
    return "&".join(part for part in parts if part)


def get(client, raw_path, query=""):
    """A GET as a WSGI server passes it on: PATH_INFO is the path with its
    percent-escapes decoded (as bytes, read as Latin-1); the query string is raw."""
    path_info = unquote_to_bytes(raw_path).decode("iso-8859-1")
    return client.get("/", PATH_INFO=path_info, QUERY_STRING=query)


def last_value(query, key):
    """What a view reads for `key`: its last value, decoded as Django decodes it."""
    return QueryDict(query).get(key)


# --- what an answer may be ------------------------------------------------------------

LINK = re.compile(r"""(?:href|action)\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)


def off_site(url):
    """A link or redirect that a browser would follow to another host."""
    url = url.strip()
    if url.startswith(("//", "/\\", "\\")):
        return True
    if re.match(r"(?i)[a-z][a-z0-9+.-]*:", url):
        split = urlsplit(url)
        return split.scheme.lower() != "mailto" and split.hostname != OUR_HOST
    return False


def check_answer(response, allowed):
    assert response.status_code in allowed, response.status_code
    if response.status_code in (301, 302):
        location = response["Location"]
        assert location.startswith("/") and not off_site(location), location
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return  # a static or media file, served as it is
    body = response.content.decode("utf-8", errors="replace")
    links = [url for url in LINK.findall(body) if off_site(url)]
    assert not links, f"{response.status_code} page links to another host: {links}"


def is_first_page(value):
    """A ?page= that Django's ListView always finds: none, empty, "last" or 1."""
    if value in (None, "", "last"):
        return True
    try:
        return int(value) == 1
    except ValueError:
        return False


# --- the filtered lists ---------------------------------------------------------------


@pytest.mark.parametrize("view", ["programmes:project-list", "advocacy:publication-list"])
@FUZZ
@given(language=st.sampled_from(LANGS), query=queries())
@example(language="en", query="country=%00&programme=%00&sdg=%00&status=%00")
@example(language="nb", query="agenda=belgium-nb&agenda=%00&language=nb&language=xx")
@example(language="fr", query="page=last&page=2&page=%00")
def test_any_filter_query_shows_the_list(client, catalogue, view, language, query):
    with override(language):
        path = reverse(view)
    response = get(client, quote(path), query)
    hypothesis.event(f"answer {response.status_code}")
    # A page number that does not exist is Django's 404; everything else is the list.
    page = last_value(query, "page")
    check_answer(response, (200, 301, 302) if is_first_page(page) else (200, 301, 302, 404))
    if response.status_code == 200:
        assert 'class="filters"' in response.content.decode()


# --- any path -------------------------------------------------------------------------

KNOWN_PATHS = [
    "",
    "projects/",
    "projecten/",
    "programmes/families-en/",
    "advocacy/publications/",
    "become-a-sponsor/",
    "give/",
    "thank-you/S-AAAA-BBBB/",
    "admin/",
    "media/x.jpg",
    "static/css/site.css",
]
HOSTS = st.sampled_from(["evil.example", "evil.example:80", "testserver", "@evil.example"])
ESCAPES = st.sampled_from(
    ["%00", "%2F", "%2f%2f", "%5C", "%2e%2e", "%C0%AE", "%FF", "%E2%80%AE", "%", "%zz", "%25"]
)
SEGMENT = st.one_of(
    st.sampled_from(KNOWN_PATHS),
    st.sampled_from([*LANGS, "EN", "en-us", "nb-no", "no", "xx", "zz", ".", ".."]),
    ESCAPES,
    SHORT_TEXT.map(lambda text: quote(text, safe="")),
    SHORT_TEXT.map(lambda text: quote(text, safe="/%")),
    st.text(ANY_CHAR, min_size=1, max_size=3).map(lambda text: quote(text * 700, safe="")),
)


@st.composite
def paths(draw):
    """A path as it may arrive: a language prefix or none, then anything."""
    language = draw(st.sampled_from(LANGS))
    segments = draw(st.lists(SEGMENT, max_size=4))
    rest = "/".join(segments)
    shape = draw(st.sampled_from(["after", "instead", "host", "host-after", "slashes"]))
    if shape == "after":
        return f"/{language}/{rest}"
    if shape == "instead":
        return f"/{rest}"
    if shape == "host":
        return f"//{draw(HOSTS)}/{language}/{rest}"
    if shape == "host-after":
        return f"/{language}//{draw(HOSTS)}/{rest}"
    return draw(st.sampled_from(["//", "///", "/\\", "/\\\\", "/%2F/", "/%5C"])) + rest


@hypothesis.settings(FUZZ, max_examples=400)  # a 404 is quick: more paths
@given(path=paths(), query=st.one_of(st.just(""), queries()))
@example(path="//evil.example/en/projects", query="")
@example(path="//evil.example/en/projects/", query="")
@example(path="/en//evil.example/projects/", query="")
@example(path="//evil.example/en/become-a-sponsor/", query="currency=NOK")
@example(path="/\\evil.example/en/projects/", query="")
@example(path="/nb/%00/", query="")
@example(path="/%00", query="%00")
def test_any_path_is_answered_without_an_error_or_a_link_elsewhere(client, catalogue, path, query):
    response = get(client, path, query)
    hypothesis.event(f"answer {response.status_code}")
    # Django will not redirect to an address over 16,384 characters (the language
    # redirect from / keeps the query, the admin's sign-in page quotes the path
    # again in ?next=): it answers 400. A request line over 8 KB never gets here
    # anyway: nginx refuses it, and gunicorn stops at 4,094 bytes.
    too_long = len(path) + len(query) > 8_190
    check_answer(response, (200, 301, 302, 404, *((400,) if too_long else ())))
