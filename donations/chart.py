"""A bar chart of one currency's collections, month by month, as inline SVG written on
the server: no script, no external file. Each month's bar is the amount collected,
with the amount sent back stacked on top. Every text is escaped (format_html); the
numbers are also in a table next to the chart for screen readers."""

from decimal import Decimal

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from donations.money import format_money

# Chart units: at 390 px the chart is about 360 px wide, so a 16-unit text is 12 px.
WIDTH = 480
HEIGHT = 260
TOP = 28  # room for the scale's label
BOTTOM = 56  # room for the month labels and the legend
LEFT = 8
PLOT = HEIGHT - TOP - BOTTOM
FONT_SIZE = 16
COLLECTED = "#417690"  # the admin's own blue
SENT_BACK = "#ba2121"  # the admin's own error red
TEXT = "currentColor"  # the page's text colour, light or dark theme alike


def bar_height(value, scale):
    """The height of `value` in chart units when `scale` fills the plot."""
    if not scale:
        return Decimal(0)
    return (Decimal(PLOT) * value / scale).quantize(Decimal("0.1"))


def month_label(month):
    return formats.date_format(month, "M")


def bars(months, scale):
    slot = Decimal(WIDTH - 2 * LEFT) / len(months)
    width = (slot * Decimal("0.6")).quantize(Decimal("0.1"))
    base = Decimal(TOP + PLOT)
    rows = []
    for index, bar in enumerate(months):
        x = (LEFT + slot * index + (slot - width) / 2).quantize(Decimal("0.1"))
        collected = bar_height(bar.collected, scale)
        sent_back = bar_height(bar.sent_back, scale)
        middle = (x + width / 2).quantize(Decimal("0.1"))
        rows.append(
            format_html(
                '<g class="month" data-month="{}">'
                '<rect class="collected" x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<rect class="sent-back" x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{}">{}</text>'
                "</g>",
                f"{bar.month:%Y-%m}",
                x,
                base - collected,
                width,
                collected,
                COLLECTED,
                x,
                base - collected - sent_back,
                width,
                sent_back,
                SENT_BACK,
                middle,
                TOP + PLOT + 20,
                FONT_SIZE,
                TEXT,
                month_label(bar.month),
            )
        )
    return format_html_join("", "{}", ((row,) for row in rows))


def legend():
    """Below the month labels, on a line of its own so that longer words fit."""
    items = ((COLLECTED, _("Collected"), 0), (SENT_BACK, _("Sent back"), WIDTH // 2))
    y = HEIGHT - 6
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>'
        '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
        (
            (LEFT + offset, y - 13, colour, LEFT + offset + 20, y, FONT_SIZE, TEXT, label)
            for colour, label, offset in items
        ),
    )


def chart_svg(history, element_id):
    """The <svg> of one currency's History; `element_id` makes its ids unique."""
    months = history.months
    scale = max((bar.collected + bar.sent_back for bar in months), default=Decimal(0))
    currency = history.currency
    title = _("Collections in %(currency)s, last 12 months") % {"currency": currency}
    description = _(
        "Bars per month: the amount collected, with the amount sent back on top. "
        "The highest month is %(amount)s. The table below gives each month's amounts."
    ) % {"amount": format_money(scale, currency)}
    return format_html(
        '<svg class="overview-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<text x="{}" y="18" font-size="{}" fill="{}">{}</text>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        "{}{}</svg>",
        WIDTH,
        HEIGHT,
        element_id,
        element_id,
        element_id,
        title,
        element_id,
        description,
        LEFT,
        FONT_SIZE,
        TEXT,
        _("Highest: %(amount)s") % {"amount": format_money(scale, currency)},
        LEFT,
        TOP + PLOT,
        WIDTH - LEFT,
        TOP + PLOT,
        TEXT,
        legend(),
        bars(months, scale),
    )
