"""The fundraising overview: this month's figures per currency, each linked to the list
it counts, the chart of the last twelve months, and the CSV exports."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pytest_django.asserts import assertContains, assertNotContains

from donations import chart, figures
from donations.models import Collection, Gift, Status
from tests.donations.bank_samples import (
    DEBTOR_IBAN,
    DEBTOR_NAME,
    make_collection,
    make_gift,
    make_sponsorship,
)

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/donations/overview/"
EXPORTS = {
    "collections": "/admin/donations/overview/export/collections.csv",
    "gifts": "/admin/donations/overview/export/gifts.csv",
}
TODAY = timezone.localdate()
MONTH = figures.Month.of(TODAY)
LAST_MONTH = MONTH.previous()
LONG_AGO = MONTH.first - timedelta(days=400)


def moved_to(obj, day, **fields):
    """Set auto_now_add and other fields that save() would not take."""
    moment = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    type(obj).objects.filter(pk=obj.pk).update(**dict.fromkeys(fields, moment))


@pytest.fixture
def month():
    """A month of records, with others in other months and currencies that must not
    count this month."""
    one = make_sponsorship(amount=Decimal("35.00"))
    two = make_sponsorship(amount=Decimal("20.00"))
    pending = make_sponsorship(status=Status.PENDING)
    cancelled = make_sponsorship(status=Status.CANCELLED, status_changed_at=timezone.now())
    cancelled_before = make_sponsorship(status=Status.CANCELLED)
    moved_to(cancelled_before, LAST_MONTH.first, created=True, status_changed_at=True)
    moved_to(one, LAST_MONTH.first, created=True)
    krone = make_sponsorship("NOK", amount=Decimal("350.00"))

    make_collection(one, MONTH.first)
    make_collection(one, LAST_MONTH.first + timedelta(days=4))
    make_collection(two, MONTH.first, status="returned")
    make_collection(cancelled, MONTH.first, status="rejected")
    make_collection(two, LONG_AGO, status="returned")  # before the 12 months
    if MONTH.last > TODAY:
        make_collection(one, MONTH.last)  # not collected yet
    make_collection(krone, MONTH.first)

    received = make_gift(amount=Decimal("50.00"))
    Gift.objects.filter(pk=received.pk).update(
        received_on=MONTH.first,
        received_amount=Decimal("45.00"),
        payment_reference="+++090/9337/55493+++",
    )
    earlier = make_gift()
    Gift.objects.filter(pk=earlier.pk).update(received_on=LAST_MONTH.first, received_amount=50)
    make_gift()  # not received
    krone_gift = make_gift("NOK", amount=Decimal("200.00"))
    Gift.objects.filter(pk=krone_gift.pk).update(received_on=TODAY, received_amount=200)
    return {
        "one": one,
        "two": two,
        "pending": pending,
        "cancelled": cancelled,
        "cancelled_before": cancelled_before,
        "krone": krone,
        "received": received,
    }


def by_currency():
    return {figure.currency: figure for figure in figures.this_month()}


def test_figures_of_the_month_per_currency(month):
    euro, krone = by_currency()["EUR"], by_currency()["NOK"]
    assert (euro.active, euro.active_total) == (2, Decimal("55.00"))
    assert euro.new == 3  # two, pending and cancelled; not one nor cancelled_before
    assert euro.cancelled == 1
    assert (euro.collected, euro.collected_total) == (1, Decimal("35.00"))
    assert (euro.sent_back, euro.sent_back_total) == (2, Decimal("55.00"))
    assert euro.return_rate == Decimal("66.7")
    assert (euro.gifts, euro.gifts_total) == (1, Decimal("45.00"))
    assert (krone.active, krone.active_total, krone.new, krone.cancelled) == (
        1,
        Decimal("350.00"),
        1,
        0,
    )
    assert (krone.collected, krone.sent_back, krone.return_rate) == (1, 0, Decimal("0.0"))
    assert (krone.gifts, krone.gifts_total) == (1, Decimal("200.00"))
    danish = by_currency()["DKK"]
    assert (danish.active, danish.collected, danish.gifts, danish.return_rate) == (0, 0, 0, None)


def test_the_figures_take_three_queries_and_the_chart_one(month, django_assert_num_queries):
    with django_assert_num_queries(3):
        figures.this_month()
    with django_assert_num_queries(1):
        figures.history()


def test_the_page_asks_few_queries_however_many_records(
    month, fundraising_client, django_assert_max_num_queries
):
    fundraising_client.get(OVERVIEW)  # sessions and permissions cached from here
    with django_assert_max_num_queries(10) as few:
        fundraising_client.get(OVERVIEW)
    for _ in range(5):
        make_collection(make_sponsorship(), MONTH.first)
    with django_assert_max_num_queries(len(few.captured_queries)):
        fundraising_client.get(OVERVIEW)


def test_the_overview_shows_the_figures_in_the_staff_members_language(month, fundraising_client):
    response = fundraising_client.get(OVERVIEW)
    assert response.status_code == 200
    assertContains(response, "2 · €55")
    assertContains(response, "66.7%")
    assertContains(response, "—")  # no Danish collections: no rate
    fundraising_client.cookies["django_language"] = "nl"
    response = fundraising_client.get(OVERVIEW)
    assertContains(response, "2 · €\u00a055")
    assertContains(response, "66,7%")


def figure_links(response):
    rows = re.findall(r'<th scope="row">([^<]+)</th><td><a href="([^"]+)">', response.text)
    return [(label, url.replace("&amp;", "&")) for label, url in rows]


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "?e=1" not in response.get("Location", ""), url
    return response


def test_every_figure_links_to_the_rows_it_counts(month, fundraising_client):
    response = fundraising_client.get(OVERVIEW)
    links = figure_links(response)
    assert len(links) == 7 * 3  # seven figures, three currencies
    euro = dict(links[:7])
    sponsorships = {key: month[key].reference for key in month if key != "received"}
    expected = {
        "Active sponsorships": {"one", "two"},
        "New this month": {"two", "pending", "cancelled"},
        "Cancelled this month": {"cancelled"},
    }
    for label, keys in expected.items():
        page = listed(fundraising_client, euro[label])
        for key, reference in sponsorships.items():
            (assertContains if key in keys else assertNotContains)(page, reference)
    collections = {c.reference: c for c in Collection.objects.all()}
    this_month_so_far = {
        ref
        for ref, c in collections.items()
        if c.currency == "EUR" and MONTH.first <= c.collection_date <= TODAY
    }
    expected = {
        "Collected this month": {
            r for r in this_month_so_far if collections[r].status == "pending"
        },
        "Sent back this month": {
            r for r in this_month_so_far if collections[r].status != "pending"
        },
        "Return rate": this_month_so_far,
    }
    for label, references in expected.items():
        page = listed(fundraising_client, euro[label])
        for reference in collections:
            (assertContains if reference in references else assertNotContains)(page, reference)
    page = listed(fundraising_client, euro["Gifts received this month"])
    for gift in Gift.objects.all():
        found = gift.pk == month["received"].pk
        (assertContains if found else assertNotContains)(page, gift.reference)


def test_the_page_works_with_no_records_at_all(fundraising_client):
    response = fundraising_client.get(OVERVIEW)
    assert response.status_code == 200
    assertContains(response, "No collections in the last 12 months.")
    assertContains(response, "—")
    assertNotContains(response, '<svg class="overview-chart"')


def test_the_chart_shows_twelve_months_with_bars_to_scale(month, fundraising_client):
    response = fundraising_client.get(OVERVIEW)
    svgs = re.findall(r'<svg class="overview-chart".*?</svg>', response.text, re.S)
    assert len(svgs) == 2  # euro and krone; no Danish collections
    euro = svgs[0]
    assert 'role="img"' in euro and "<title" in euro and "<desc" in euro
    assert 'viewBox="0 0 480 260" width="100%"' in euro
    assert "<script" not in response.text.split('id="content-main"')[1]
    months = re.findall(r'<g class="month" data-month="([0-9-]+)">(.*?)</g>', euro)
    assert [m for m, _bar in months] == [f"{m.first:%Y-%m}" for m in figures.last_months(TODAY)]
    heights = {m: [Decimal(h) for h in re.findall(r'height="([0-9.]+)"', bar)] for m, bar in months}
    plot = Decimal(chart.PLOT)
    # This month is the highest: 35 collected and 55 sent back fill the plot.
    assert heights[f"{TODAY:%Y-%m}"] == [
        (plot * 35 / 90).quantize(Decimal("0.1")),
        (plot * 55 / 90).quantize(Decimal("0.1")),
    ]
    assert heights[f"{LAST_MONTH.first:%Y-%m}"] == [
        (plot * 35 / 90).quantize(Decimal("0.1")),
        Decimal("0.0"),
    ]
    label = timezone.datetime(TODAY.year, TODAY.month, 1).strftime("%b")
    assert f">{label}</text></g>" in euro
    assert "Highest: €90" in euro
    # The same numbers as a table.
    table = response.text.split('<table class="visually-hidden">')[1].split("</table>")[0]
    assert table.count("<tr>") == 13
    assert "€35</td><td>€55" in table


def test_chart_text_is_escaped():
    history = figures.History("<b>", [figures.MonthBar(MONTH.first, Decimal(1), Decimal(0))])
    with translation.override("en"):
        svg = chart.chart_svg(history, "x")
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_content_editors_may_not_see_the_overview_nor_export(month, editor_client):
    for url in [OVERVIEW, *EXPORTS.values()]:
        assert editor_client.get(url).status_code == 403, url


def test_the_donations_index_and_sponsorship_list_link_to_the_overview(fundraising_client):
    for url in ("/admin/donations/", "/admin/donations/sponsorship/"):
        assertContains(fundraising_client.get(url), f'href="{OVERVIEW}"')


# --- exports -----------------------------------------------------------------------------


def export(client, kind, **params):
    query = {"date_from": LAST_MONTH.first, "date_to": MONTH.last, "currency": "", **params}
    return client.get(EXPORTS[kind], query)


def rows_of(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_collections_export_has_its_columns_and_rows(month, fundraising_client):
    rows = rows_of(export(fundraising_client, "collections", currency="EUR"))
    assert rows[0] == [
        "reference",
        "sponsorship",
        "collection_date",
        "amount",
        "currency",
        "sequence",
        "status",
        "reason_code",
        "returned_on",
        "run",
    ]
    expected = Collection.objects.filter(
        currency="EUR", collection_date__gte=LAST_MONTH.first
    ).order_by("collection_date", "pk")
    assert [row[0] for row in rows[1:]] == [c.reference for c in expected]
    first = expected[0]
    assert rows[1] == [
        first.reference,
        first.sponsorship.reference,
        first.collection_date.isoformat(),
        "35.00",
        "EUR",
        "RCUR",
        "pending",
        "",
        "",
        str(first.run_id),
    ]


def test_the_gifts_export_has_its_columns_and_rows(month, fundraising_client):
    rows = rows_of(export(fundraising_client, "gifts", currency="EUR"))
    assert rows[0] == [
        "reference",
        "created",
        "amount",
        "currency",
        "programme",
        "payment_reference",
        "status",
        "received_on",
        "received_amount",
    ]
    received = month["received"]
    row = next(row for row in rows if row[0] == received.reference)
    assert row == [
        received.reference,
        TODAY.isoformat(),
        "50.00",
        "EUR",
        "",
        "'+++090/9337/55493+++",  # the formula guard
        "pending",
        MONTH.first.isoformat(),
        "45.00",
    ]
    assert len(rows) == 1 + Gift.objects.filter(currency="EUR").count()


def test_exports_hold_no_donor_data(month, fundraising_client):
    donor = month["one"].donor
    for kind in EXPORTS:
        text = "\n".join(",".join(row) for row in rows_of(export(fundraising_client, kind)))
        for secret in (DEBTOR_NAME, DEBTOR_IBAN, donor.email, donor.last_name, donor.street):
            assert secret not in text, (kind, secret)
        assert "@" not in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_a_spreadsheet_would_run_start_with_a_quote(start):
    from donations.exports import safe_cell

    assert safe_cell(f"{start}HYPERLINK()") == f"'{start}HYPERLINK()"
    assert safe_cell("S-123") == "S-123"
    assert safe_cell(None) == ""


@pytest.mark.parametrize(
    "params,field,message",
    [
        ({"date_to": LAST_MONTH.first - timedelta(days=1)}, "date_to", "The end can not be before"),
        ({"date_from": "yesterday"}, "date_from", "Enter a valid date."),
        ({"currency": "XXX"}, "currency", "Select a valid choice."),
    ],
)
def test_an_invalid_export_shows_the_form_again_with_the_error(
    month, fundraising_client, params, field, message
):
    response = export(fundraising_client, "collections", **params)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert not response.streaming
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in errors[field][0]
    assertContains(response, message)
    if field != "date_to":  # Django's own messages are translated already
        fundraising_client.cookies["django_language"] = "nl"
        response = export(fundraising_client, "gifts", **params)
        assertNotContains(response, message)
        assert "Content-Disposition" not in response


def test_each_export_is_logged_without_donor_data(month, fundraising_client, caplog):
    with caplog.at_level("INFO", logger="donations.overview_admin"):
        rows_of(export(fundraising_client, "gifts", currency="NOK"))
    assert "CSV export of gifts" in caplog.text and "NOK" in caplog.text
    assert "@" not in caplog.text
