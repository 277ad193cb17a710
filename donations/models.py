from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from donations import places
from donations.banking import Scheme, random_code, random_mandate_reference
from donations.crypto import SecretNumbers, secret_number_fields


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


class Donor(SecretNumbers, models.Model):
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
    national_id_encrypted, national_id_hint = secret_number_fields(blank=True)
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
        self.keep_secret("national_id", value, hint=value[-2:])

    def reveal_national_id(self):
        return self.reveal_secret("national_id")

    @property
    def national_id_masked(self):
        return self.masked_secret("national_id")


class Mandate(SecretNumbers, models.Model):
    """The donor's authorisation to collect the monthly amount from their account."""

    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="mandates"
    )
    # SEPA: the mandate reference; AvtaleGiro: the agreement's KID;
    # Betalingsservice: the customer number.
    reference = models.CharField(_("mandate reference"), max_length=35, unique=True)
    account_holder = models.CharField(_("account holder"), max_length=70)
    account_encrypted, account_hint = secret_number_fields()
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
    notices_waived = models.BooleanField(
        _("no notice before each collection"),
        default=False,
        help_text=_(
            "AvtaleGiro only: tick when the donor's agreement with their bank says they do "
            "not want a notice before each collection."
        ),
    )
    # A bank return that means no collection can work on this mandate again (the
    # account is closed, the bank knows no mandate): nothing is collected on it.
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True, editable=False)
    suspended_reason = models.CharField(
        _("reason for suspension"), max_length=4, blank=True, editable=False
    )

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
        self.keep_secret("account", account.number, hint=account.hint)
        self.account_country = account.country

    def reveal_account(self):
        return self.reveal_secret("account")

    @property
    def account_masked(self):
        return self.masked_secret("account")


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
    def collected_on(self, day):
        """Sponsorships the bank is asked to collect on this date: active, neither
        they nor their mandate suspended (bank returns), begun, and this day of the
        month their collection day. Collection runs and collection notices both
        follow this rule."""
        return self.filter(
            status=Status.ACTIVE,
            suspended_at__isnull=True,
            mandate__suspended_at__isnull=True,
            collection_day=day.day,
            first_collection__lte=day,
        )

    def monthly_totals(self):
        """What active sponsorships give each month, per currency: [{currency, total}]."""
        return (
            self.filter(status=Status.ACTIVE)
            .values("currency")
            .annotate(total=models.Sum("amount"))
            .order_by("currency")
        )

    def figures(self, start, end):
        """Per currency: active sponsorships (count, monthly total), sponsorships made
        and sponsorships cancelled between the aware datetimes `start` and `end`, in
        one query: [{currency, active, active_total, new, cancelled}]."""
        active = models.Q(status=Status.ACTIVE)
        cancelled = models.Q(
            status=Status.CANCELLED, status_changed_at__gte=start, status_changed_at__lt=end
        )
        return (
            self.values("currency")
            .annotate(
                active=models.Count("pk", filter=active),
                active_total=models.Sum("amount", filter=active),
                new=models.Count("pk", filter=models.Q(created__gte=start, created__lt=end)),
                cancelled=models.Count("pk", filter=cancelled),
            )
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
    # Two collections in a row returned or rejected: no more are made until staff
    # have called the donor.
    suspended_at = models.DateTimeField(
        _("collections suspended"), null=True, blank=True, editable=False
    )
    needs_call = models.BooleanField(_("needs a call"), default=False, editable=False)

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


class GiftQuerySet(models.QuerySet):
    def received_between(self, first, last):
        """Gifts the bank credited from `first` to `last` (dates, both included), per
        currency: [{currency, count, total}], the total being what was received."""
        return (
            self.filter(received_on__gte=first, received_on__lte=last)
            .values("currency")
            .annotate(count=models.Count("pk"), total=models.Sum("received_amount"))
            .order_by("currency")
        )


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
    # What the bank credited under the payment reference, from an imported statement.
    received_amount = models.DecimalField(
        _("amount received"), max_digits=9, decimal_places=2, null=True, editable=False
    )
    received_on = models.DateField(_("received on"), null=True, editable=False)
    # Not the amount promised: the gift stays pending until staff decide.
    amount_differs = models.BooleanField(
        _("received amount differs"), default=False, editable=False
    )

    objects = GiftQuerySet.as_manager()

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


class RunState(models.TextChoices):
    READY = "ready", _("File ready")
    SUBMITTED = "submitted", _("Sent to the bank")


class CollectionRun(models.Model):
    """One bank file: every sponsorship of one scheme due on one collection date."""

    scheme = models.CharField(_("scheme"), max_length=20, choices=Scheme.choices)
    collection_date = models.DateField(_("collection date"))
    state = models.CharField(
        _("state"), max_length=20, choices=RunState.choices, default=RunState.READY
    )
    currency = models.CharField(_("currency"), max_length=3)
    count = models.PositiveIntegerField(_("collections"))
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    file_name = models.CharField(_("file"), max_length=100)
    # The file names donors and their account numbers: kept encrypted, and kept
    # as written, so every download gives the same bytes.
    file_encrypted = models.TextField(editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("sent to the bank"), null=True, editable=False)

    class Meta:
        verbose_name = _("collection run")
        verbose_name_plural = _("collection runs")
        ordering = ["-collection_date", "-created"]

    def __str__(self):
        return f"{self.get_scheme_display()} · {self.collection_date:%Y-%m-%d}"


class CollectionStatus(models.TextChoices):
    PENDING = "pending", _("In a bank file")
    RETURNED = "returned", _("Returned by the bank")
    REJECTED = "rejected", _("Rejected by the bank")


class Sequence(models.TextChoices):
    # SEPA only: a mandate's first collection, and every one after it.
    FIRST = "FRST", _("First")
    RECURRING = "RCUR", _("Recurring")


SENT_BACK = (CollectionStatus.RETURNED, CollectionStatus.REJECTED)


class CollectionQuerySet(models.QuerySet):
    """A collection is *collected* once its collection date has come and the bank has
    not sent it back (status still pending: no return or reject imported); it is
    *sent back* when the bank returned (camt.054) or rejected (pain.002) it."""

    def sent_back(self):
        return self.filter(status__in=SENT_BACK)

    def collected(self):
        return self.exclude(status__in=SENT_BACK)

    def figures(self, first, last):
        """Per currency, the collections dated from `first` to `last` (both included):
        how many and how much were collected and sent back, in one query:
        [{currency, count, collected, collected_total, sent_back, sent_back_total}]."""
        back = models.Q(status__in=SENT_BACK)
        return (
            self.filter(collection_date__gte=first, collection_date__lte=last)
            .values("currency")
            .annotate(
                count=models.Count("pk"),
                collected=models.Count("pk", filter=~back),
                collected_total=models.Sum("amount", filter=~back),
                sent_back=models.Count("pk", filter=back),
                sent_back_total=models.Sum("amount", filter=back),
            )
            .order_by("currency")
        )

    def monthly(self, first, last):
        """Per currency and month of collection date, from `first` to `last`: the
        amounts collected and sent back, in one query:
        [{currency, month, collected_total, sent_back_total}]."""
        back = models.Q(status__in=SENT_BACK)
        return (
            self.filter(collection_date__gte=first, collection_date__lte=last)
            .annotate(month=TruncMonth("collection_date"))
            .values("currency", "month")
            .annotate(
                collected_total=models.Sum("amount", filter=~back),
                sent_back_total=models.Sum("amount", filter=back),
            )
            .order_by("currency", "month")
        )


class Collection(models.Model):
    """One sponsorship's monthly amount, asked of the donor's bank on one date."""

    run = models.ForeignKey(
        CollectionRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="collections"
    )
    sponsorship = models.ForeignKey(
        Sponsorship,
        verbose_name=_("sponsorship"),
        on_delete=models.PROTECT,
        related_name="collections",
    )
    collection_date = models.DateField(_("collection date"))
    # The end-to-end id in the bank file, which returns name the collection by.
    reference = models.CharField(_("reference"), max_length=35, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    sequence = models.CharField(_("sequence"), max_length=4, choices=Sequence.choices, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CollectionStatus.choices,
        default=CollectionStatus.PENDING,
    )
    return_reason = models.CharField(_("reason code"), max_length=4, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["run", "id"]
        constraints = [
            # Two staff starting the same run at once: the second finds these taken.
            models.UniqueConstraint(
                fields=["sponsorship", "collection_date"],
                name="one_collection_per_sponsorship_and_date",
            )
        ]

    def __str__(self):
        return self.reference


class PreNotice(models.Model):
    """The email telling a donor the amount and date of one coming collection: one per
    sponsorship and date (unique in the database), sent once (`sent_at`)."""

    sponsorship = models.ForeignKey(
        Sponsorship,
        verbose_name=_("sponsorship"),
        on_delete=models.PROTECT,
        related_name="pre_notices",
    )
    collection_date = models.DateField(_("collection date"))
    # What the donor was told, kept as told.
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, editable=False)

    class Meta:
        verbose_name = _("collection notice")
        verbose_name_plural = _("collection notices")
        ordering = ["-collection_date", "-queued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sponsorship", "collection_date"],
                name="one_pre_notice_per_sponsorship_and_date",
            )
        ]

    def __str__(self):
        return f"{self.sponsorship} · {self.collection_date:%Y-%m-%d}"


class ImportKind(models.TextChoices):
    RETURNS = "camt054", _("Returned collections (camt.054)")
    REJECTS = "pain002", _("Rejected collections (pain.002)")
    STATEMENT = "camt053", _("Bank statement in euro (camt.053)")
    OCR_GIRO = "ocr_giro", _("OCR Giro payments in Norwegian kroner")


class BankImport(models.Model):
    """One file from the bank, imported once: kept encrypted as it came, with what
    it changed line by line (ImportLine)."""

    kind = models.CharField(_("kind of file"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    # The file names donors and their accounts: kept encrypted.
    file_encrypted = models.TextField(editable=False)
    # The same file twice is refused: it was recognised by this hash.
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    counts = models.JSONField(_("counts"), default=dict, editable=False)

    class Meta:
        verbose_name = _("bank import")
        verbose_name_plural = _("bank imports")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "sha256"], name="one_import_per_file")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.file_name}"


class LineOutcome(models.TextChoices):
    RETURNED = "returned", _("Returned")
    REJECTED = "rejected", _("Rejected")
    RECEIVED = "received", _("Received")
    AMOUNT_DIFFERS = "amount_differs", _("Amount differs")
    UNMATCHED = "unmatched", _("Not matched")
    ALREADY_DONE = "already_done", _("Already done")


class ImportLine(models.Model):
    """What one line of an imported file was, and what it changed. References and
    amounts only: never the names or accounts the file holds."""

    bank_import = models.ForeignKey(
        BankImport, verbose_name=_("import"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveIntegerField(_("line"))
    outcome = models.CharField(_("what happened"), max_length=20, choices=LineOutcome.choices)
    # The collection's end-to-end id, or the gift's structured communication or KID.
    reference = models.CharField(_("reference"), max_length=140, blank=True)
    # The bank's own reference of the entry, to find it in the bank's portal.
    bank_reference = models.CharField(_("bank reference"), max_length=140, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    date = models.DateField(_("date"), null=True)
    reason_code = models.CharField(_("reason code"), max_length=35, blank=True)
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_lines",
    )
    gift = models.ForeignKey(
        Gift,
        verbose_name=_("one-off gift"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_lines",
    )

    class Meta:
        verbose_name = _("imported line")
        verbose_name_plural = _("imported lines")
        ordering = ["bank_import", "position"]

    def __str__(self):
        return str(self.position)
