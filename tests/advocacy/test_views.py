from datetime import date

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import override
from pytest_django.asserts import (
    assertContains,
    assertFormError,
    assertInHTML,
    assertNotContains,
    assertRedirects,
    assertTemplateUsed,
)

from advocacy.models import Coalition, DemandStatus
from tests.builders import (
    make_agenda,
    make_demand,
    make_milestone,
    make_photo,
    make_programme,
    make_publication,
    pdf_bytes,
    pdf_upload,
)
from tests.markup import DANISH_FALLBACK_NOTICE, breadcrumbs, language_switcher

pytestmark = pytest.mark.django_db


def groups_of(response):
    """The overview's sections: (heading, agendas), in the order shown."""
    return [(str(heading), agendas) for heading, agendas in response.context["groups"]]


@pytest.fixture
def agendas():
    belgium = make_agenda("belgium", scope="national", country="BE", order=1)
    norway = make_agenda("norway", scope="national", country="NO", order=2)
    eu = make_agenda("eu", scope="eu", order=3)
    un = make_agenda("un", scope="international", order=4)
    make_agenda("draft", scope="countries", published=False)
    make_demand(norway, status=DemandStatus.ACHIEVED)
    make_demand(norway, status=DemandStatus.PARTLY)
    make_demand(norway, status=DemandStatus.ACHIEVED)
    return belgium, norway, eu, un


def test_overview_groups_agendas_by_scope_with_demand_counts(client, agendas):
    belgium, norway, eu, un = agendas
    response = client.get("/en/advocacy/")
    assert groups_of(response) == [
        ("National", [belgium, norway]),
        ("European Union", [eu]),
        ("United Nations and international", [un]),
    ]
    assertContains(response, "<h2>European Union</h2>", html=True)
    assertNotContains(response, "Draft")
    assertContains(response, '<p class="progress">2 of 3 demands achieved</p>', html=True)
    assertContains(response, '<p class="progress">0 of 0 demands achieved</p>', count=3, html=True)


@pytest.mark.parametrize(
    "path,accept_language,countries",
    [
        ("/en/advocacy/", "nb-NO,nb;q=0.9,en;q=0.5", ["NO", "BE"]),
        ("/en/advocacy/", "fr-BE,fr;q=0.9", ["BE", "NO"]),
        ("/nb/rettighetsarbeid/", "", ["NO", "BE"]),  # from the page language
        ("/nl/beleidswerk/", "", ["BE", "NO"]),
    ],
)
def test_the_visitors_own_country_comes_first(client, agendas, path, accept_language, countries):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    _heading, national = groups_of(response)[0]
    assert [agenda.country.code for agenda in national] == countries
    assertContains(response, 'class="badge badge-yours"', count=1)
    assert "Accept-Language" in response["Vary"]


def test_agenda_page_shows_numbered_demands_milestones_coalitions_and_publications(client):
    programme = make_programme(slug="families")
    agenda = make_agenda("norway", scope="national", country="NO")
    agenda.programmes.add(programme)
    since = {"status_changed_on": date(2022, 3, 1)}
    second = make_demand(agenda, "Second demand", order=2, status=DemandStatus.ACHIEVED, **since)
    first = make_demand(agenda, "First demand", order=1, status=DemandStatus.IN_PROGRESS, **since)
    new = make_milestone(
        "New act", day=date(2023, 1, 1), agendas=[agenda], document_reference="LOV-1"
    )
    old = make_milestone("Older step", day=date(2019, 1, 1), agendas=[agenda])
    make_milestone("Hidden step", agendas=[agenda], published=False)
    coalition = Coalition.objects.create(name_en="Platform", url="https://example.org/")
    coalition.agendas.add(agenda)
    publication = make_publication("Siblings together", language="nb", agendas=[agenda])
    make_publication("Draft paper", agendas=[agenda], published=False)

    response = client.get("/en/advocacy/agendas/norway-en/")
    assertTemplateUsed(response, "advocacy/agenda_detail.html")
    assertContains(
        response, '<p class="meta">National · Norway · To the government (en)</p>', html=True
    )
    assertContains(response, '<p class="progress">1 of 2 demands achieved</p>', html=True)
    assertInHTML(
        f"""<ol class="demands">
          <li id="demand-{first.pk}">
            <p class="demand-text">First demand (en)</p>
            <p class="meta"><span class="badge badge-in_progress">In progress</span>
              since March 1, 2022 · <a href="{first.get_absolute_url()}">How this demand has
              moved<span class="visually-hidden">: 1</span></a></p>
          </li>
          <li id="demand-{second.pk}">
            <p class="demand-text">Second demand (en)</p>
            <p class="meta"><span class="badge badge-achieved">Achieved</span>
              since March 1, 2022 · <a href="{second.get_absolute_url()}">How this demand has
              moved<span class="visually-hidden">: 2</span></a></p>
          </li>
        </ol>""",
        response.content.decode(),
    )
    assert list(response.context["object"].milestones.all()) == [new, old]
    assertNotContains(response, "Hidden step")
    assertContains(response, '<p class="meta">Document LOV-1</p>', html=True)
    assertContains(
        response, '<a href="https://example.org/" rel="noopener">Platform</a>', html=True
    )
    assertInHTML(
        f"""<li class="publication">
          <h3><a href="{publication.file.url}" type="application/pdf" hreflang="nb">Siblings
            together (en)</a></h3>
          <p class="meta">Oct. 1, 2020 · PDF, {filesizeformat(publication.file_size)} · Language:
            <span lang="nb">norsk (bokmål)</span> · 1 page</p>
        </li>""",
        response.content.decode(),
    )
    assertNotContains(response, "Draft paper")
    link = f'<a href="{programme.get_absolute_url()}">Families (en)</a>'
    assertInHTML(f'<ul class="plain"><li>{link}</li></ul>', response.content.decode())


def test_demand_page_shows_how_its_status_moved(client):
    agenda = make_agenda("un")
    demand = make_demand(
        agenda,
        "Adopt a resolution",
        status=DemandStatus.NOT_YET,
        status_changed_on=date(2015, 1, 1),
    )
    demand.refresh_from_db()
    demand.status, demand.status_changed_on = DemandStatus.ACHIEVED, date(2019, 11, 15)
    demand.evidence_url = "https://undocs.org/A/RES/74/133"
    demand.save()
    milestone = make_milestone("UN resolution", agendas=[agenda])
    milestone.demands.add(demand)

    assertContains(client.get(agenda.get_absolute_url()), f'href="{demand.get_absolute_url()}"')
    response = client.get(demand.get_absolute_url())
    assertInHTML(
        """<ol class="timeline">
          <li>
            <p class="timeline-date"><time datetime="2015-01-01">Jan. 1, 2015</time></p>
            <p><span class="badge badge-not_yet">Not yet addressed</span></p>
          </li>
          <li>
            <p class="timeline-date"><time datetime="2019-11-15">Nov. 15, 2019</time></p>
            <p><span class="badge badge-achieved">Achieved</span>
              <a href="https://undocs.org/A/RES/74/133" rel="noopener">Evidence</a></p>
          </li>
        </ol>""",
        response.content.decode(),
    )
    assertContains(
        response, '<h2 id="milestones-heading">Milestones that advanced it</h2>', html=True
    )
    assert list(response.context["object"].milestones.all()) == [milestone]
    assertContains(response, "<h3>UN resolution (en)</h3>", html=True)


def test_demand_of_another_agenda_or_unpublished_agenda_is_404(client):
    first, second = make_agenda("first"), make_agenda("second")
    demand = make_demand(first)
    assert client.get(f"/en/advocacy/agendas/second-en/demands/{demand.pk}/").status_code == 404
    hidden = make_agenda("hidden", published=False)
    hidden_demand = make_demand(hidden)
    assert (
        client.get(f"/en/advocacy/agendas/hidden-en/demands/{hidden_demand.pk}/").status_code == 404
    )
    assert client.get(hidden.get_absolute_url()).status_code == 404
    # Both agendas and the demand are there, under the agenda it belongs to.
    assert client.get(second.get_absolute_url()).status_code == 200
    assert client.get(f"/en/advocacy/agendas/first-en/demands/{demand.pk}/").status_code == 200


def test_milestones_page_lists_published_milestones_newest_first_with_their_agendas(client):
    agenda = make_agenda("eu", scope="eu")
    draft = make_agenda("draft", published=False)
    guidelines = make_milestone("Guidelines", day=date(2009, 12, 18), agendas=[agenda, draft])
    guarantee = make_milestone("Child Guarantee", day=date(2021, 6, 14), agendas=[agenda])
    make_milestone("Not yet public", published=False)
    response = client.get("/en/advocacy/milestones/")
    assert list(response.context["object_list"]) == [guarantee, guidelines]
    assertNotContains(response, "Not yet public")
    assertNotContains(response, "Draft")
    assertContains(response, '<time datetime="2009-12-18">Dec. 18, 2009</time>', html=True)
    # On a page of their own the milestones' headings come right after the h1.
    assertContains(response, "<h2>Guidelines (en)</h2>", html=True)
    assertNotContains(response, "<h3")
    assertContains(
        response,
        f'<p class="meta">Agendas: <a href="{agenda.get_absolute_url()}">Eu (en)</a></p>',
        count=2,
        html=True,
    )


@pytest.fixture
def library():
    """The publications by title."""
    belgium = make_agenda("belgium", scope="national", country="BE")
    norway = make_agenda("norway", scope="national", country="NO")
    return {
        "Guide": make_publication("Guide", language="nl", agendas=[belgium]),
        "Siblings": make_publication("Siblings", language="nb", agendas=[norway]),
        "Overview": make_publication("Overview", language="en", agendas=[belgium, norway]),
        "Draft": make_publication("Draft", language="en", agendas=[belgium], published=False),
    }


def titles_listed(response):
    return {
        publication.title_en.removesuffix(" (en)")
        for publication in response.context["object_list"]
    }


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", {"Guide", "Siblings", "Overview"}),
        ("?agenda=belgium-en", {"Guide", "Overview"}),
        ("?language=nb", {"Siblings"}),
        ("?agenda=norway-en&language=en", {"Overview"}),
        ("?agenda=belgium-en&language=nb", set()),
    ],
)
def test_publication_filters(client, library, query, expected):
    response = client.get(f"/en/advocacy/publications/{query}")
    assert titles_listed(response) == expected
    for title in expected:
        assertContains(response, f'hreflang="{library[title].language}">{title} (en)</a></h2>')


def test_publication_filters_offer_only_what_exists_and_use_the_page_language(client, library):
    response = client.get("/fr/plaidoyer/publications/")
    assertInHTML(
        """<select name="language" class="select form-select" id="id_language">
          <option value="" selected>Toutes les langues</option>
          <option value="en">Anglais</option>
          <option value="nl">Néerlandais</option>
          <option value="nb">Norvégien (bokmål)</option>
        </select>""",
        response.content.decode(),
    )
    response = client.get("/fr/plaidoyer/publications/?agenda=belgium-fr")
    assert titles_listed(response) == {"Guide", "Overview"}


def test_a_bad_publication_filter_shows_an_error_and_everything(client, library):
    response = client.get("/en/advocacy/publications/?language=xx&agenda=nowhere")
    form = response.context["filter_form"]
    assertFormError(
        form, "language", "Select a valid choice. xx is not one of the available choices."
    )
    assertFormError(
        form, "agenda", "Select a valid choice. nowhere is not one of the available choices."
    )
    assertContains(response, "Select a valid choice. xx is not one of the available choices.")
    assert titles_listed(response) == {"Guide", "Siblings", "Overview"}


def test_english_slug_in_another_language_redirects_and_untranslated_falls_back(client):
    agenda = make_agenda("norway")
    response = client.get("/da/fortalerarbejde/dagsordener/norway-en/")
    assertRedirects(response, "/da/fortalerarbejde/dagsordener/norway-da/", status_code=301)
    assert client.get(agenda.get_absolute_url()).status_code == 200
    english = make_agenda("only-english", all_languages=False)
    demand = make_demand(english)
    with override("da"):
        url = demand.get_absolute_url()
    response = client.get(url)
    assertContains(response, DANISH_FALLBACK_NOTICE, html=True)
    assertContains(
        response,
        f'<link rel="canonical" href="http://testserver/en/advocacy/agendas/only-english/demands/{demand.pk}/">',
        html=True,
    )


def test_the_redirect_to_the_own_slug_keeps_the_query_string(client):
    demand = make_demand(make_agenda("norway"))
    response = client.get(
        f"/da/fortalerarbejde/dagsordener/norway-en/krav/{demand.pk}/?from=letter"
    )
    assertRedirects(
        response,
        f"/da/fortalerarbejde/dagsordener/norway-da/krav/{demand.pk}/?from=letter",
        status_code=301,
        fetch_redirect_response=False,
    )


def test_language_switcher_on_an_agenda_leads_to_each_languages_slug(client):
    make_agenda("eu", scope="eu")
    html = client.get("/nl/beleidswerk/agendas/eu-nl/").content.decode()
    urls = [
        "/en/advocacy/agendas/eu-en/",
        "/nl/beleidswerk/agendas/eu-nl/",
        "/fr/plaidoyer/agendas/eu-fr/",
        "/nb/rettighetsarbeid/agendaer/eu-nb/",
        "/da/fortalerarbejde/dagsordener/eu-da/",
    ]
    assertInHTML(language_switcher("nl", urls), html)


def test_breadcrumbs_lead_home_through_advocacy(client):
    agenda = make_agenda("un")
    demand = make_demand(agenda, "Adopt a resolution")
    home, advocacy = ("Home", "/en/"), ("Advocacy", "/en/advocacy/")
    trails = {
        "/en/advocacy/": [home, "Advocacy"],
        agenda.get_absolute_url(): [home, advocacy, "Un (en)"],
        demand.get_absolute_url(): [
            home,
            advocacy,
            ("Un (en)", agenda.get_absolute_url()),
            "Adopt a resolution (en)",
        ],
        "/en/advocacy/milestones/": [home, advocacy, "Milestones"],
        "/en/advocacy/publications/": [home, advocacy, "Publications"],
    }
    for url, trail in trails.items():
        assertInHTML(breadcrumbs(*trail), client.get(url).content.decode(), msg_prefix=url)


def populate(size):
    """An agenda with `size` demands, milestones, coalitions and publications."""
    agenda = make_agenda(f"big-{size}", scope="national", country="NO")
    agenda.programmes.set([make_programme() for _ in range(size)])
    demands = [make_demand(agenda, f"Demand {i}", order=i) for i in range(size)]
    for demand in demands:
        demand.status = DemandStatus.ACHIEVED
        demand.save()
    for i in range(size):
        milestone = make_milestone(f"Milestone {i}", agendas=[agenda])
        milestone.demands.set(demands)
        coalition = Coalition.objects.create(name_en=f"Coalition {i}", logo=make_photo())
        coalition.agendas.add(agenda)
        make_publication(f"Paper {i}", agendas=[agenda], file=pdf_upload(content=pdf_bytes()))
        make_agenda(f"other-{size}-{i}", scope=["eu", "countries", "international"][i % 3])
    return agenda, demands[0]


@pytest.mark.parametrize(
    "page,queries",
    [("overview", 2), ("agenda", 6), ("demand", 3), ("milestones", 3), ("publications", 5)],
)
def test_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, settings, page, queries
):
    # The page as it is made, not as the page cache serves it again.
    settings.PAGE_CACHE_ENABLED = False
    for size in (3, 30):
        agenda, demand = populate(size)
        url = {
            "overview": "/en/advocacy/",
            "agenda": agenda.get_absolute_url(),
            "demand": demand.get_absolute_url(),
            "milestones": "/en/advocacy/milestones/",
            "publications": f"/en/advocacy/publications/?agenda={agenda.slug}&language=en",
        }[page]
        # The header's and footer's links and the appeal banner are read once and
        # cached (ngo.models.site_content); what is counted is the page's own work.
        client.get(url)
        with django_assert_num_queries(queries, info=f"{url} with {size} of each row"):
            response = client.get(url)
        assert response.status_code == 200
