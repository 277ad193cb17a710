"""The fundraising overview's figures: this month's, per currency, and the collections
of the last twelve months. The queries are the querysets' (donations/models.py); this
module asks each once and puts the answers together.

"This month" is the calendar month of timezone.localdate(), in the site's time zone:

- collected: collections whose collection date lies in this month, on or before
  today, that the bank has not sent back (status pending: no return or reject
  imported). A collection dated later this month is not counted yet.
- sent back (returned this month): collections dated in the same days, from the
  first of the month to today, that the bank returned (camt.054) or rejected
  (pain.002). They are counted by collection date, not by the day the return
  arrived (returned_on), so that collected + sent back are this month's collections
  and a late return moves a collection from one figure to the other.
- return rate: sent back / (collected + sent back), as a percentage; None when no
  collection is dated this month yet.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from donations.models import Collection, Gift, Sponsorship

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Month:
    first: date  # the first day
    end: date  # the first day of the next month

    @classmethod
    def of(cls, day):
        first = day.replace(day=1)
        return cls(first, (first + timedelta(days=32)).replace(day=1))

    def previous(self):
        return Month.of(self.first - timedelta(days=1))

    @property
    def last(self):
        return self.end - timedelta(days=1)

    def start_at(self):
        """The month's first moment in the site's time zone, as an aware datetime."""
        return timezone.make_aware(datetime.combine(self.first, time()))

    def end_at(self):
        return timezone.make_aware(datetime.combine(self.end, time()))


@dataclass
class CurrencyFigures:
    currency: str
    active: int = 0
    active_total: Decimal = ZERO
    new: int = 0
    cancelled: int = 0
    collected: int = 0
    collected_total: Decimal = ZERO
    sent_back: int = 0
    sent_back_total: Decimal = ZERO
    gifts: int = 0
    gifts_total: Decimal = ZERO

    @property
    def return_rate(self):
        """Sent back as a percentage of this month's collections so far, or None."""
        collections = self.collected + self.sent_back
        if not collections:
            return None
        return (Decimal(100) * self.sent_back / collections).quantize(Decimal("0.1"))


@dataclass
class MonthBar:
    month: date
    collected: Decimal = ZERO
    sent_back: Decimal = ZERO


@dataclass
class History:
    """Twelve months of one currency's collections, oldest first."""

    currency: str
    months: list = field(default_factory=list)


def currencies(*row_lists):
    """The settings' currencies, then any other a row names, in that order."""
    found = {row["currency"] for rows in row_lists for row in rows}
    known = list(settings.DONATION_CURRENCIES)
    return known + sorted(found - set(known))


def this_month(today=None):
    """Each currency's figures for the month of `today`: [CurrencyFigures], three queries."""
    today = today or timezone.localdate()
    month = Month.of(today)
    sponsorships = list(Sponsorship.objects.figures(month.start_at(), month.end_at()))
    collections = list(Collection.objects.figures(month.first, min(today, month.last)))
    gifts = list(Gift.objects.received_between(month.first, month.last))
    figures = {code: CurrencyFigures(code) for code in currencies(sponsorships, collections)}
    for row in sponsorships:
        found = figures[row["currency"]]
        found.active, found.new, found.cancelled = row["active"], row["new"], row["cancelled"]
        found.active_total = row["active_total"] or ZERO
    for row in collections:
        found = figures[row["currency"]]
        found.collected, found.sent_back = row["collected"], row["sent_back"]
        found.collected_total = row["collected_total"] or ZERO
        found.sent_back_total = row["sent_back_total"] or ZERO
    for row in gifts:
        found = figures.setdefault(row["currency"], CurrencyFigures(row["currency"]))
        found.gifts, found.gifts_total = row["count"], row["total"] or ZERO
    return list(figures.values())


def last_months(today=None, count=12):
    """The months up to and including `today`'s, oldest first."""
    months = [Month.of(today or timezone.localdate())]
    while len(months) < count:
        months.insert(0, months[0].previous())
    return months


def history(today=None, count=12):
    """Per currency, the amounts collected and sent back in each of the last `count`
    months (this month up to today): [History], one query. Currencies without any
    collection in those months are left out."""
    today = today or timezone.localdate()
    months = last_months(today, count)
    rows = Collection.objects.monthly(months[0].first, today)
    by_currency = {}
    for row in rows:
        bars = by_currency.setdefault(row["currency"], {m.first: MonthBar(m.first) for m in months})
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        bars[month].collected = row["collected_total"] or ZERO
        bars[month].sent_back = row["sent_back_total"] or ZERO
    return [
        History(code, list(by_currency[code].values()))
        for code in currencies([{"currency": code} for code in by_currency])
        if code in by_currency
    ]
