from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from donations import places
from donations.banking import Scheme, random_code, random_mandate_reference
from donations.crypto import decrypt, encrypt, mask


def currency_choices():
    return [(code, code) for code in settings.DONATION_CURRENCIES]


def unused(model, field, make):
    """A value from `make()` that no row of `model` has in `field` yet."""
    while True:
        value = make()
        if not model.objects.filter(**{field: value}).exists():
            return value


class DonationKind(models.TextChoices):
    SPONSORSHIP = "sponsorship", _("Monthly sponsorship")
    GIFT = "gift", _("One-off gift")


class AmountRule(models.Model):
    """The amounts a form offers in one currency, and the limits of a free amount."""

    kind = models.CharField(_("form"), max_length=20, choices=DonationKind.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    presets = models.CharField(
        _("preset amounts"),
        max_length=100,
        help_text=_("Whole amounts separated by spaces, for example “25 35 50”."),
    )
    minimum = models.DecimalField(_("minimum"), max_digits=9, decimal_places=2)
    maximum = models.DecimalField(_("maximum"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("amount rule")
        verbose_name_plural = _("amount rules")
        ordering = ["kind", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "currency"], name="one_amount_rule_per_form")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.currency}"

    def clean(self):
        if self.minimum is not None and self.minimum <= 0:
            raise ValidationError({"minimum": _("The minimum must be more than zero.")})
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise ValidationError({"maximum": _("The maximum can not be below the minimum.")})
        try:
            amounts = self.preset_amounts()
        except (InvalidOperation, ValueError):
            raise ValidationError(
                {"presets": _("Write the amounts as numbers separated by spaces.")}
            ) from None
        if not amounts:
            raise ValidationError({"presets": _("Give at least one amount.")})
        if self.minimum is not None and self.maximum is not None:
            outside = [a for a in amounts if not self.minimum <= a <= self.maximum]
            if outside:
                raise ValidationError(
                    {"presets": _("Every preset must lie between the minimum and the maximum.")}
                )

    def preset_amounts(self):
        """Finite, positive amounts with at most two decimals, or ValueError."""
        amounts = [Decimal(part) for part in self.presets.split()]
        for amount in amounts:
            if not amount.is_finite() or amount <= 0 or amount.as_tuple().exponent < -2:
                raise ValueError(amount)
        return [amount.quantize(Decimal("0.01")).normalize() + 0 for amount in amounts]


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Cancelled")


class Donor(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    language = models.CharField(
        _("language of correspondence"), max_length=10, choices=settings.LANGUAGES
    )
    wants_tax_receipt = models.BooleanField(_("tax receipt"), default=False)
    national_id_encrypted = models.TextField(editable=False, blank=True)
    national_id_hint = models.CharField(max_length=4, editable=False, blank=True)
    privacy_consent_version = models.CharField(max_length=20, editable=False)
    privacy_consent_text = models.TextField(editable=False)
    privacy_consent_at = models.DateTimeField(editable=False)
    newsletter = models.BooleanField(_("newsletter"), default=False)
    newsletter_consent_text = models.TextField(editable=False, blank=True)
    newsletter_consent_at = models.DateTimeField(editable=False, null=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["-created"]
        permissions = [("reveal_donor_data", _("Can reveal account and national numbers"))]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def set_national_id(self, value):
        self.national_id_encrypted = encrypt(value)
        self.national_id_hint = value[-2:] if value else ""

    def reveal_national_id(self):
        return decrypt(self.national_id_encrypted)

    @property
    def national_id_masked(self):
        return mask(self.national_id_hint)


class Mandate(models.Model):
    """The donor's authorisation to collect the monthly amount from their account."""

    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="mandates"
    )
    # SEPA: the mandate reference; AvtaleGiro: the agreement's KID;
    # Betalingsservice: the customer number.
    reference = models.CharField(_("mandate reference"), max_length=35, unique=True)
    account_holder = models.CharField(_("account holder"), max_length=70)
    account_encrypted = models.TextField(editable=False)
    account_hint = models.CharField(max_length=4, editable=False)
    account_country = CountryField(_("country of the account"))
    creditor_name = models.CharField(_("creditor"), max_length=70)
    creditor_id = models.CharField(
        _("creditor identifier"),
        max_length=35,
        help_text=_("SEPA creditor identifier, Norwegian organisation number or PBS number."),
    )
    creditor_group = models.CharField(
        _("debtor group"), max_length=5, blank=True, help_text=_("Betalingsservice only.")
    )
    text = models.TextField(_("mandate text as signed"))
    signed_at = models.DateTimeField(_("signed"))

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-signed_at"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = unused(
                Mandate, "reference", lambda: random_mandate_reference(self.scheme)
            )
        super().save(*args, **kwargs)

    def set_account(self, account):
        """Keep a banking.Account encrypted, with its last digits as a hint."""
        self.account_encrypted = encrypt(account.number)
        self.account_hint = account.hint
        self.account_country = account.country

    def reveal_account(self):
        return decrypt(self.account_encrypted)

    @property
    def account_masked(self):
        return mask(self.account_hint)


class Donation(models.Model):
    """What a sponsorship and a gift share: a donor, an amount and a status."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    donor = models.ForeignKey(Donor, verbose_name=_("donor"), on_delete=models.PROTECT)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # One per form shown: a second submission of the same form finds the first.
    submission_token = models.UUIDField(unique=True, editable=False)
    # A keyed hash of what was submitted: the same form sent again with other
    # details is not taken for the first one (and says so).
    submission_digest = models.CharField(max_length=64, editable=False, blank=True)
    confirmation_sent = models.DateTimeField(
        _("confirmation email sent"), null=True, editable=False
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    reference_prefix = ""

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            prefix = self.reference_prefix
            self.reference = unused(type(self), "reference", lambda: random_code(prefix))
        super().save(*args, **kwargs)


class SponsorshipQuerySet(models.QuerySet):
    def monthly_totals(self):
        """What active sponsorships give each month, per currency: [{currency, total}]."""
        return (
            self.filter(status=Status.ACTIVE)
            .values("currency")
            .annotate(total=models.Sum("amount"))
            .order_by("currency")
        )


class Sponsorship(Donation):
    mandate = models.OneToOneField(
        Mandate, verbose_name=_("mandate"), on_delete=models.PROTECT, related_name="sponsorship"
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("Empty with no project: where the need is greatest.")
    )
    project = models.ForeignKey(
        "programmes.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sponsorships",
    )
    collection_day = models.PositiveSmallIntegerField(_("collection day"))
    first_collection = models.DateField(_("first collection"))

    objects = SponsorshipQuerySet.as_manager()

    reference_prefix = "S"

    class Meta(Donation.Meta):
        verbose_name = _("sponsorship")
        verbose_name_plural = _("sponsorships")

    @property
    def place(self):
        return places.Place.of(self)

    @property
    def place_name(self):
        return places.describe(self.place, self.project if self.project_id else None)


class Gift(Donation):
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("earmarked for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gifts",
    )
    payment_reference = models.CharField(_("payment reference"), max_length=40, blank=True)

    reference_prefix = "G"

    class Meta(Donation.Meta):
        verbose_name = _("one-off gift")
        verbose_name_plural = _("one-off gifts")
        constraints = [
            # The bank statement names the gift by it: two gifts never share one.
            models.UniqueConstraint(
                fields=["payment_reference"],
                condition=~models.Q(payment_reference=""),
                name="unique_gift_payment_reference",
            )
        ]

    @property
    def earmark(self):
        return self.programme.title if self.programme_id else _("The general fund")


class Reveal(models.Model):
    """A record of a staff member looking at a full account or national number."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT
    )
    donor = models.ForeignKey(Donor, verbose_name=_("donor"), on_delete=models.CASCADE)
    what = models.CharField(_("what was revealed"), max_length=100)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("reveal")
        verbose_name_plural = _("reveals")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} · {self.what} · {self.at:%Y-%m-%d %H:%M}"
