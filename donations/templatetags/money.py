from django import template

from donations.money import format_money

register = template.Library()


@register.filter
def money(amount, currency):
    """{{ donation.amount|money:donation.currency }} in the active language."""
    if amount in (None, ""):
        return ""
    return format_money(amount, currency)
