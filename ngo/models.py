import hashlib
import math
from decimal import InvalidOperation
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from ngo import page_cache, storage
from ngo.content import (
    PublishedQuerySet,
    RichTextMixin,
    Scheduled,
    TranslationStatusMixin,
    published_q,
    schedule_constraint,
    slug_field,
    unique_slugs,
)
from ngo.forms import PhotoFormField
from ngo.search import search_indexes

# Widths of the responsive renditions; a photo gets those narrower than itself.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# Pillow's format for each rendition file extension.
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG", "png": "PNG"}
# The public folder of renditions, in the default storage.
RENDITIONS_DIR = "photos/renditions"
# The stored original's extension follows its content, never the upload's name.
ORIGINAL_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def private_storage():
    # A callable, so that migrations name it instead of freezing a folder; the
    # storage itself is STORAGES["private"] (ngo/storage.py).
    return storage.private_storage


def encode_clean(image, image_format, **options):
    """The pixels alone, encoded anew: no EXIF, GPS, XMP, IPTC, comment or text chunk.

    Pillow writes some of an image's `info` back on save (a JPEG comment, and
    in newer versions XMP), so the pixels go into a copy whose `info` is empty;
    only the colour profile, and a PNG's transparent colour, are passed on.
    """
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        if image.mode == "CMYK":
            icc_profile = None  # a CMYK profile would misdescribe the RGB pixels
        image = image.convert("RGB")
    clean = image.copy()
    clean.info = {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if image_format == "PNG" and transparency is not None:
        options["transparency"] = transparency
    buffer = BytesIO()
    clean.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def resizable(image):
    """Palette and other modes as RGB(A): they resize smoothly and keep transparency."""
    if image.mode in ("RGB", "RGBA"):
        return image
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


class PhotoField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})


class PhotoQuerySet(models.QuerySet):
    def consent_expired(self, today=None):
        """Photos of identifiable children whose consent is missing or has run out."""
        today = today or timezone.localdate()
        return self.filter(shows_identifiable_child=True).filter(
            models.Q(consent_on_file=False)
            | models.Q(consent_expires__isnull=True)
            | models.Q(consent_expires__lt=today)
        )


class Photo(TranslationStatusMixin, models.Model):
    # The original is private: the public only ever sees renditions (below).
    image = PhotoField(
        _("image"),
        upload_to="photos/",
        storage=private_storage,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # SHA-256 of the stored original: renditions are named by it, so a new image
    # never shows an older one's files.
    content_hash = models.CharField(max_length=64, editable=False, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for people who can not see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("photographer"), max_length=120, blank=True, help_text=_('Shown as "Photo: …".')
    )
    shows_identifiable_child = models.BooleanField(
        _("shows an identifiable child"),
        default=True,
        help_text=_("Leave ticked unless no child in the photo can be recognised."),
    )
    consent_on_file = models.BooleanField(_("consent on file"), default=False)
    consent_expires = models.DateField(_("consent expires"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    translation_required_fields = ("alt_text",)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created"]

    def __str__(self):
        return self.alt_text or PurePosixPath(self.image.name).name

    def save(self, *args, **kwargs):
        new_upload = bool(self.image) and not self.image._committed
        replaced = self._stored_image_name() if new_upload else None
        if new_upload:
            self._strip_metadata()
        super().save(*args, **kwargs)
        if replaced and replaced != self.image.name:
            self.remove_renditions()
            delete_original_on_commit(replaced, self._state.db)
        self.sync_renditions()

    def _stored_image_name(self):
        if self.pk is None:
            return None
        return Photo.objects.filter(pk=self.pk).values_list("image", flat=True).first()

    def clean(self):
        if self.shows_identifiable_child and self.consent_on_file and not self.consent_expires:
            raise ValidationError(
                {"consent_expires": _("Give the date the consent expires.")}, code="required"
            )
        if self.published and not self.has_valid_consent():
            raise ValidationError(
                {
                    "published": _(
                        "A photo of an identifiable child can only be published with consent "
                        "on file that has not expired."
                    )
                },
                code="no_consent",
            )

    def has_valid_consent(self, today=None):
        if not self.shows_identifiable_child:
            return True
        today = today or timezone.localdate()
        return bool(self.consent_on_file and self.consent_expires and self.consent_expires >= today)

    @property
    def is_public(self):
        """Shown on public pages: published, and no child without valid consent."""
        return self.published and self.has_valid_consent()

    def _strip_metadata(self):
        """Store the upload re-encoded, without EXIF, GPS or any other metadata."""
        upload = self.image.file
        upload.seek(0)
        with Image.open(upload) as source:
            image_format = source.format
            # Apply the orientation tag before it is dropped with the rest.
            image = ImageOps.exif_transpose(source)
        options = {"quality": 88, "optimize": True} if image_format == "JPEG" else {}
        content = encode_clean(image, image_format, **options)
        self.content_hash = hashlib.sha256(content).hexdigest()
        stem = PurePosixPath(self.image.name).stem
        name = f"{stem}.{ORIGINAL_EXTENSIONS[image_format]}"
        self.image.save(name, ContentFile(content), save=False)
        # Read the size from the stored file (a rotated photo swaps width and height).
        self._meta.get_field("image").update_dimension_fields(self, force=True)

    # Renditions: photos/renditions/<id>-<hash>-<width>.<ext> in the public
    # storage. The id and the content hash make each photo's names its own.
    @property
    def fallback_extension(self):
        """Browsers without WebP get PNG for PNG uploads (keeps transparency), else JPEG."""
        return "png" if PurePosixPath(self.image.name).suffix.lower() == ".png" else "jpg"

    def rendition_name(self, width, extension):
        return f"{RENDITIONS_DIR}/{self.pk}-{self.content_hash[:12]}-{width}.{extension}"

    def rendition_widths(self):
        widths = [w for w in RENDITION_WIDTHS if w < self.width]
        return widths + [min(self.width, RENDITION_WIDTHS[-1])] if self.width else []

    def renditions(self, extension):
        return [
            (default_storage.url(self.rendition_name(w, extension)), w)
            for w in self.rendition_widths()
        ]

    def sync_renditions(self):
        """Public renditions exist while the photo is public, and only then."""
        if self.is_public and self.image:
            self.make_renditions()
        else:
            self.remove_renditions()

    def make_renditions(self):
        """Write every rendition that is not in the public storage yet; existing ones are kept."""
        missing = [
            (width, extension)
            for width in self.rendition_widths()
            for extension in ("webp", self.fallback_extension)
            if not default_storage.exists(self.rendition_name(width, extension))
        ]
        if not missing:
            return
        with self.image.open("rb") as original, Image.open(original) as source:
            image = resizable(source)
            resized = {}
            for width, extension in missing:
                if width not in resized:
                    height = max(1, round(image.height * width / image.width))
                    resized[width] = image.resize((width, height), Image.LANCZOS)
                content = encode_clean(resized[width], RENDITION_FORMATS[extension], quality=82)
                default_storage.save(self.rendition_name(width, extension), ContentFile(content))

    def remove_renditions(self):
        """Delete every public rendition of this photo, of whatever image and size."""
        if self.pk is None:
            return
        try:
            _folders, files = default_storage.listdir(RENDITIONS_DIR)
        except FileNotFoundError:
            return
        for name in files:
            if name.startswith(f"{self.pk}-"):
                default_storage.delete(f"{RENDITIONS_DIR}/{name}")


def delete_original_on_commit(name, using):
    # Only once the change is committed: a rolled-back delete or replacement
    # must not lose the original that the consent record refers to.
    transaction.on_commit(lambda: private_storage().delete(name), using=using)


@receiver(post_delete, sender=Photo, dispatch_uid="ngo.photo_deleted")
def forget_deleted_photo(sender, instance, using, **kwargs):
    """A deleted photo leaves no file behind; also for queryset deletes."""
    instance.remove_renditions()
    if instance.image.name:
        delete_original_on_commit(instance.image.name, using)


def photo_link(verbose_name):
    """A link to a library photo; deleting the photo leaves the row without one."""
    return models.ForeignKey(
        "ngo.Photo",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Singleton(models.Model):
    """A model with one row, which editors change but never add or delete.

    `load()` gives that row, or an unsaved one with the defaults while there is
    none yet, so that pages work on an empty database.
    """

    SINGLETON_PK = 1

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def load(cls, queryset=None):
        queryset = cls.objects.all() if queryset is None else queryset
        return queryset.filter(pk=cls.SINGLETON_PK).first() or cls(pk=None)


# --- the home page ---------------------------------------------------------------------

# The least and most key figures the home page shows: fewer look thin, more are
# not read.
KEY_FIGURES_MIN, KEY_FIGURES_MAX = 3, 6
# Projects the home page shows when editors feature none: the latest ones.
LATEST_PROJECTS = 3


class HomePage(Singleton):
    title = models.CharField(
        _("title"), max_length=120, help_text=_("The lead statement, the page's main heading.")
    )
    lead = models.TextField(_("lead text"), max_length=600)
    photo = photo_link(_("photo"))
    featured_projects = models.ManyToManyField(
        "programmes.Project",
        verbose_name=_("featured projects"),
        blank=True,
        related_name="+",
        help_text=_("Without a choice, the home page shows the latest published projects."),
    )
    advocacy_highlight = models.ForeignKey(
        "advocacy.Agenda",
        verbose_name=_("advocacy highlight"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown while the agenda is published."),
    )

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")

    def __str__(self):
        return str(_("Home page"))


class KeyFigure(models.Model):
    home_page = models.ForeignKey(HomePage, on_delete=models.CASCADE, related_name="key_figures")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    value = models.CharField(_("number"), max_length=20, help_text=_('For example "7" or "5,000".'))
    label = models.CharField(_("label"), max_length=80, help_text=_('For example "countries".'))

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.value} {self.label}"


# --- simple pages ----------------------------------------------------------------------


class Placement(models.TextChoices):
    MAIN = "main", _("Main navigation")
    FOOTER = "footer", _("Footer")
    NONE = "none", _("Not linked")


class PageRole(models.TextChoices):
    # A page the site itself links to, under an address of its own.
    PRIVACY = "privacy", _("Privacy notice")


class Page(TranslationStatusMixin, RichTextMixin, Scheduled):
    title = models.CharField(_("title"), max_length=200)
    slug = slug_field()
    body = models.TextField(_("body"), help_text=_("Paragraphs, headings, lists and links."))
    published = models.BooleanField(_("published"), default=False)
    placement = models.CharField(
        _("link in"), max_length=10, choices=Placement.choices, default=Placement.NONE
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=PageRole.choices,
        blank=True,
        help_text=_("The donation forms link to the privacy notice: keep one page in this role."),
    )
    modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    rich_text_fields = ("body",)
    translation_required_fields = ("title", "slug", "body")

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "id"]
        indexes = search_indexes("page", "title", ("body",))
        constraints = [
            *unique_slugs("page"),
            models.UniqueConstraint(
                fields=["role"], condition=~models.Q(role=""), name="page_role_unique"
            ),
            schedule_constraint("page"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.role == PageRole.PRIVACY:
            return reverse("ngo:privacy")
        return reverse("ngo:page-detail", kwargs={"slug": self.slug})


# --- the footer ------------------------------------------------------------------------


def default_address():
    return "\n".join(settings.ORGANISATION_ADDRESS)


def default_organisation_number():
    return settings.ORGANISATION_NUMBER


def default_email():
    return settings.CONTACT_EMAIL


class SiteDetails(Singleton):
    """What the footer of every page says about the organisation."""

    address = models.TextField(
        _("address"),
        max_length=300,
        default=default_address,
        help_text=_("Each line of the address on a line of its own."),
    )
    email = models.EmailField(_("email"), default=default_email)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation_number = models.CharField(
        _("organisation number"), max_length=40, blank=True, default=default_organisation_number
    )
    register_name = models.CharField(
        _("charity register"),
        max_length=120,
        blank=True,
        help_text=_('The register the organisation is listed in, for example "ANBI".'),
    )
    register_number = models.CharField(_("registration number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("footer details")
        verbose_name_plural = _("footer details")

    def __str__(self):
        return str(_("Footer details"))

    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class QualitySeal(models.Model):
    site_details = models.ForeignKey(
        SiteDetails, on_delete=models.CASCADE, related_name="quality_seals"
    )
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("logo"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Its alternative text names the seal for people who can not see it."),
    )
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quality seal")
        verbose_name_plural = _("quality seals")
        ordering = ["order", "id"]

    def __str__(self):
        return str(self.photo)


# --- the emergency appeal --------------------------------------------------------------


class AppealQuerySet(models.QuerySet):
    def switched_on(self, today=None):
        """The appeal switched on for today, whatever its programme's publishing."""
        today = today or timezone.localdate()
        return self.filter(
            models.Q(starts_on__isnull=True) | models.Q(starts_on__lte=today),
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today),
            active=True,
        )

    def current(self, today=None, now=None):
        """The appeal switched on for today, for a programme that is public now."""
        return self.switched_on(today).filter(published_q("programme__", now))


class Appeal(TranslationStatusMixin, models.Model):
    title = models.CharField(_("title"), max_length=120)
    text = models.CharField(_("short text"), max_length=300)
    button_label = models.CharField(
        _("button label"), max_length=60, help_text=_('For example "Give now".')
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Gifts made through the appeal go to this programme."),
    )
    active = models.BooleanField(
        _("switched on"), default=False, help_text=_("Only one appeal can be switched on.")
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Included."))

    objects = AppealQuerySet.as_manager()

    translation_required_fields = ("title", "text", "button_label")

    class Meta:
        verbose_name = _("emergency appeal")
        verbose_name_plural = _("emergency appeals")
        ordering = ["-active", "-starts_on", "-id"]
        constraints = [
            # Every page shows the appeal that is on: there can be only one.
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="one_active_appeal"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="appeal_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ValidationError(
                _("The appeal can not end before it starts."), code="end_before_start"
            )
        if self.active and Appeal.objects.filter(active=True).exclude(pk=self.pk).exists():
            errors["active"] = ValidationError(
                _("Another appeal is switched on. Switch it off first."), code="one_active"
            )
        if errors:
            raise ValidationError(errors)

    def preset_amounts(self):
        """{currency: [amounts]} for the currencies the appeal has its own amounts in."""
        return {row.currency: row.preset_amounts() for row in self.amounts.all()}


def currency_choices():
    return [(code, code) for code in settings.DONATION_CURRENCIES]


class AppealAmounts(models.Model):
    """The preset amounts the gift form offers in one currency during an appeal."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="amounts")
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices)
    presets = models.CharField(
        _("preset amounts"),
        max_length=100,
        help_text=_("Whole amounts separated by spaces, for example “25 35 50”."),
    )

    class Meta:
        verbose_name = _("preset amounts")
        verbose_name_plural = _("preset amounts")
        ordering = ["currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "currency"], name="one_appeal_amounts_per_currency"
            )
        ]

    def __str__(self):
        return f"{self.currency}: {self.presets}"

    def gift_rule(self):
        """The gift form's amount rule in this currency: its presets' parser and limits."""
        from donations.models import AmountRule, DonationKind  # the form's own rule, reused

        rule = AmountRule.objects.filter(kind=DonationKind.GIFT, currency=self.currency).first()
        return rule or AmountRule(kind=DonationKind.GIFT, currency=self.currency)

    def preset_amounts(self):
        """As the gift form's own presets: finite, positive, two decimals at most."""
        rule = self.gift_rule()
        rule.presets = self.presets
        return rule.preset_amounts()

    def clean(self):
        problem = self.presets_problem()
        if problem:
            message, code = problem
            raise ValidationError({"presets": ValidationError(message, code=code)})

    def presets_problem(self):
        """(message, code) when the amounts break the gift form's rule, else None."""
        rule = self.gift_rule()
        try:
            amounts = self.preset_amounts()
        except (InvalidOperation, ValueError):
            return _("Write the amounts as numbers separated by spaces."), "invalid"
        if not amounts:
            return _("Give at least one amount."), "required"
        low, high = rule.minimum, rule.maximum
        if low is not None and high is not None and any(not low <= a <= high for a in amounts):
            message = _("Every amount must lie between the gift form's minimum and maximum.")
            return message, "outside_limits"
        return None


# --- what the header and footer of every page read --------------------------------------

SITE_CONTENT_CACHE_KEY = "ngo:site-content"
# A guard only: every change to what is cached clears it at once (below), and a
# scheduled page or programme shortens the entry to the minute it changes.
SITE_CONTENT_CACHE_SECONDS = 60 * 60


def site_content(today=None, now=None):
    """The linked pages, footer details and today's appeal, from the cache.

    The rows hold every language, so one cached copy serves them all. A miss
    costs four queries; the appeal's dates are checked against the day cached,
    and the entry is read again when a linked page's or the appeal programme's
    publishing window opens or closes ("until"), so no job has to clear it.
    """
    from programmes.models import Programme

    models_read = (Page, SiteDetails, QualitySeal, Appeal, AppealAmounts, Photo, Programme)
    # Pages cached whole show these rows without querying them (ngo/page_cache.py).
    page_cache.depends_on(*models_read)
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    # The entry counts only under the versions of the tables it was read from: a
    # request that read the rows before a change and stores them after the change
    # cleared the entry leaves one that no later request takes.
    tables = page_cache.versions.current(now)
    read_under = None
    if tables is not None:
        read_under = tuple(tables.get(model._meta.db_table) for model in models_read)
    cached = cache.get(SITE_CONTENT_CACHE_KEY)
    if (
        cached is not None
        and read_under is not None
        and cached.get("versions") == read_under
        and cached.get("day") == today
        and (cached.get("until") is None or now < cached["until"])
    ):
        return cached
    # Every published linked page, in or out of its window: the ones outside it
    # say when the links change. The window itself is checked as published_q does.
    linked = list(
        Page.objects.filter(
            published=True, placement__in=[Placement.MAIN, Placement.FOOTER]
        ).order_by("order", "id")
    )
    pages = [page for page in linked if page.is_live(now)]
    changes = [page.next_change(now) for page in linked]
    details = SiteDetails.load()
    seals = []
    if details.pk is not None:
        seals = [
            seal for seal in details.quality_seals.select_related("photo") if seal.photo.is_public
        ]
    appeal = Appeal.objects.switched_on(today).select_related("programme").first()
    if appeal is not None:
        changes.append(appeal.programme.next_change(now))
        if not appeal.programme.is_live(now):
            appeal = None
    until = min(filter(None, changes), default=None)
    content = {
        "versions": read_under,
        "day": today,
        "until": until,
        "nav_pages": [page for page in pages if page.placement == Placement.MAIN],
        "footer_pages": [page for page in pages if page.placement == Placement.FOOTER],
        "site_details": details,
        "quality_seals": seals,
        "appeal": appeal,
    }
    timeout = SITE_CONTENT_CACHE_SECONDS
    if until is not None:
        timeout = max(1, min(timeout, math.ceil((until - now).total_seconds())))
    if read_under is not None:
        cache.set(SITE_CONTENT_CACHE_KEY, content, timeout)
    return content


SITE_CONTENT_SENDERS = (Page, SiteDetails, QualitySeal, Appeal, Photo, "programmes.Programme")


def forget_site_content(using=None, **kwargs):
    # Now, and again once the change is committed: a request between the save and
    # the commit would read the old rows and cache them for the entry's lifetime.
    cache.delete(SITE_CONTENT_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(SITE_CONTENT_CACHE_KEY), using=using)


for _sender in SITE_CONTENT_SENDERS:
    for _signal in (post_save, post_delete):
        _signal.connect(
            forget_site_content, sender=_sender, dispatch_uid=f"ngo.site_content.{_sender}"
        )


# --- translation review ----------------------------------------------------------------


class TranslationEdit(models.Model):
    """When one language's text of a content item last changed (ngo.translation_review).

    A translation is outdated when the English text changed after it: this row
    for "en" is newer than the row for its language. Kept apart from the content
    tables so that every translated model is covered without a column of its own.
    """

    model = models.CharField(max_length=100)  # "programmes.programme"
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "language"], name="translation_edit_unique"
            )
        ]

    def __str__(self):
        return f"{self.model} {self.object_id} [{self.language}] {self.changed_at:%Y-%m-%d %H:%M}"
