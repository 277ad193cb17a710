"""The texts a donor agrees to, one per collection scheme, and who the creditor is.

A mandate row keeps the exact text shown, so these may be reworded later without
changing what earlier donors signed.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from donations.banking import Scheme


def creditor_name():
    """The organisation as creditor: a fixed legal name if set, else the site's name
    in the active language."""
    return settings.CREDITOR_NAME or str(settings.SITE_NAME)


def creditor_identifiers(scheme):
    """(identifier, group) that the scheme knows the organisation by."""
    if scheme == Scheme.AVTALEGIRO:
        return settings.AVTALEGIRO_ORGANISATION_NUMBER, ""
    if scheme == Scheme.BETALINGSSERVICE:
        return settings.BETALINGSSERVICE_PBS_NUMBER, settings.BETALINGSSERVICE_DEBTOR_GROUP
    return settings.SEPA_CREDITOR_ID, ""


def mandate_title(scheme):
    return {
        Scheme.SEPA: _("SEPA direct debit"),
        Scheme.AVTALEGIRO: _("AvtaleGiro"),
        Scheme.BETALINGSSERVICE: _("Betalingsservice"),
    }[scheme]


def agreement_label(scheme):
    return {
        Scheme.SEPA: _("I agree to this direct debit mandate."),
        Scheme.AVTALEGIRO: _("I agree to this AvtaleGiro agreement."),
        Scheme.BETALINGSSERVICE: _("I agree to this Betalingsservice agreement."),
    }[scheme]


def mandate_text(scheme):
    """The agreement in the active language, with the organisation's identifiers."""
    identifier, group = creditor_identifiers(scheme)
    values = {"creditor": creditor_name(), "identifier": identifier, "group": group}
    if scheme == Scheme.AVTALEGIRO:
        return (
            _(
                "By agreeing, you authorise %(creditor)s (organisation number %(identifier)s) to "
                "collect your monthly gift from your Norwegian account by AvtaleGiro. Your bank "
                "notifies you of the amount and the date before each collection, unless you have "
                "told your bank that you do not want such notices. No collection will be larger "
                "than the monthly amount you choose here. You can stop a single collection by "
                "contacting your bank before its due date, and end the agreement at any time in "
                "your online bank or by contacting us."
            )
            % values
        )
    if scheme == Scheme.BETALINGSSERVICE:
        return (
            _(
                "By agreeing, you authorise %(creditor)s (PBS number %(identifier)s, debtor group "
                "%(group)s) to collect your monthly gift from your Danish account through "
                "Betalingsservice. Before each payment you receive an overview showing the amount "
                "and the payment date. You can reject a payment through your bank until the last "
                "business day before the payment date, and you can end the agreement at any time "
                "in your online bank or by contacting us."
            )
            % values
        )
    return (
        _(
            "By agreeing to this mandate, you authorise %(creditor)s (creditor identifier "
            "%(identifier)s) to collect your monthly gift from your account, and your bank to "
            "debit your account as %(creditor)s instructs. You may ask your bank for a refund "
            "within eight weeks of a collection, under your bank's terms. You can stop your "
            "sponsorship at any time."
        )
        % values
    )


def account_label(scheme):
    return {
        Scheme.SEPA: _("IBAN"),
        Scheme.AVTALEGIRO: _("Account number"),
        Scheme.BETALINGSSERVICE: _("Registration and account number"),
    }[scheme]


def account_help(scheme):
    return {
        Scheme.SEPA: _(
            "Your account in IBAN form, from a SEPA country, for example BE71 0961 2345 6769."
        ),
        Scheme.AVTALEGIRO: _(
            "Your Norwegian account number: 11 digits, for example "
            "1234 56 78903. A Norwegian IBAN is fine too."
        ),
        Scheme.BETALINGSSERVICE: _(
            "Your registration number (4 digits) and account number, "
            "for example 1234 0012345678. A Danish IBAN is fine too."
        ),
    }[scheme]


def identifier_label(scheme):
    """What the organisation's identifier is called in the scheme."""
    return {
        Scheme.SEPA: _("Creditor identifier"),
        Scheme.AVTALEGIRO: _("Organisation number"),
        Scheme.BETALINGSSERVICE: _("PBS number"),
    }[scheme]


def reference_label(scheme):
    """What the donor's agreement is called in the scheme."""
    return {
        Scheme.SEPA: _("Mandate reference"),
        Scheme.AVTALEGIRO: _("KID"),
        Scheme.BETALINGSSERVICE: _("Customer number"),
    }[scheme]


def mandate_summary(mandate):
    """(label, value) rows that describe a mandate to its donor."""
    scheme = mandate.scheme
    creditor = mandate.creditor_id
    if mandate.creditor_group:
        creditor = _("%(number)s, debtor group %(group)s") % {
            "number": creditor,
            "group": mandate.creditor_group,
        }
    return [
        (_("Collected by"), mandate_title(scheme)),
        (reference_label(scheme), mandate.reference),
        (_("Creditor"), mandate.creditor_name),
        (identifier_label(scheme), creditor),
        (_("Account"), mandate.account_masked),
    ]


def payment_reference_label(currency):
    """The word the donor's bank uses for a transfer's reference."""
    return {"EUR": _("Structured communication"), "NOK": _("KID")}.get(
        currency, _("Payment reference")
    )
