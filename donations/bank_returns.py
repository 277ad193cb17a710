"""ISO 20022 reason codes of returned and rejected collections, in words staff
understand, and what each one does to the mandate."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "AC01": _("Account number is wrong"),
    "AC04": _("Account closed"),
    "AC06": _("Account blocked"),
    "AG01": _("The bank does not allow direct debits on this account"),
    "AG02": _("The bank refused the kind of transaction"),
    "AM04": _("Not enough money on the account"),
    "AM05": _("Collected twice"),
    "BE05": _("The donor's bank does not know us as creditor"),
    "MD01": _("No mandate"),
    "MD02": _("Mandate details missing or wrong"),
    "MD06": _("Refund asked by the donor"),
    "MD07": _("The donor has died"),
    "MS02": _("Refused by the donor"),
    "MS03": _("Refused by the bank, no reason given"),
    "RC01": _("Bank identifier (BIC) is wrong"),
    "RR01": _("Donor's account or identification missing (regulatory reason)"),
    "RR02": _("Donor's name or address missing (regulatory reason)"),
    "RR03": _("Our name or address missing (regulatory reason)"),
    "RR04": _("Regulatory reason"),
    "SL01": _("Blocked by a service of the donor's bank"),
    "FF01": _("The file format is not valid"),
}

# After these no collection can work on the mandate: it is suspended.
SUSPEND_MANDATE = frozenset({"AC04", "MD01"})


def reason_words(code):
    """What the code means, for staff; an unknown code shows itself."""
    if not code:
        return ""
    if code in REASONS:
        return REASONS[code]
    return _("%(code)s: unknown reason") % {"code": code}


def describe_reason(code):
    """The code and its words, as the admin shows them: "AC04 · Account closed"."""
    if not code:
        return "—"
    if code not in REASONS:
        return str(reason_words(code))
    return f"{code} · {reason_words(code)}"
