from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from advocacy.forms import PDFFormField, read_pdf
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
from ngo.models import photo_link
from ngo.search import search_indexes
from programmes.models import Programme


class Scope(models.TextChoices):
    # The order here is the order of the sections on the overview page.
    NATIONAL = "national", _("National")
    COUNTRIES = "countries", _("Countries where we work")
    EU = "eu", _("European Union")
    INTERNATIONAL = "international", _("United Nations and international")


class AgendaQuerySet(PublishedQuerySet):
    def with_published_publications(self):
        """Published agendas that published publications belong to (the list's filter)."""
        return self.published().filter(published_q("publications__")).distinct()

    def with_demand_counts(self):
        return self.annotate(
            demand_count=models.Count("demands"),
            achieved_count=models.Count(
                "demands", filter=models.Q(demands__status=DemandStatus.ACHIEVED)
            ),
        )


class Agenda(TranslationStatusMixin, RichTextMixin, Scheduled):
    title = models.CharField(_("title"), max_length=200)
    slug = slug_field()
    introduction = models.TextField(
        _("introduction"), help_text=_("Paragraphs, headings, lists and links.")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Only for a national agenda: whose government.")
    )
    addressee = models.CharField(
        _("addressed to"),
        max_length=200,
        help_text=_('Whom the demands are for, for example "the Norwegian government".'),
    )
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("related programmes"), blank=True, related_name="agendas"
    )
    published = models.BooleanField(_("published"), default=False)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = AgendaQuerySet.as_manager()

    rich_text_fields = ("introduction",)
    translation_required_fields = ("title", "slug", "introduction", "addressee")

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["order", "id"]
        indexes = search_indexes("agenda", "title", ("introduction", "addressee"))
        constraints = [
            *unique_slugs("agenda"),
            schedule_constraint("agenda"),
            # The database keeps the rule that clean() explains to editors.
            models.CheckConstraint(
                condition=(models.Q(scope="national") & ~models.Q(country=""))
                | (~models.Q(scope="national") & models.Q(country="")),
                name="agenda_country_only_for_national",
                violation_error_message=_(
                    "A national agenda needs a country; other agendas have none."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("advocacy:agenda-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.scope == Scope.NATIONAL and not self.country:
            raise ValidationError(
                {
                    "country": _(
                        "A national agenda needs the country whose government it addresses."
                    )
                },
                code="country_required",
            )
        if self.scope and self.scope != Scope.NATIONAL and self.country:
            raise ValidationError(
                {"country": _("Only a national agenda has a country; leave this empty.")},
                code="country_not_allowed",
            )


class DemandStatus(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet addressed")
    IN_PROGRESS = "in_progress", _("In progress")
    PARTLY = "partly", _("Partly achieved")
    ACHIEVED = "achieved", _("Achieved")


class DemandQuerySet(models.QuerySet):
    def published(self, now=None):
        """A demand is public when its agenda is."""
        return self.filter(published_q("agenda__", now))


class Demand(TranslationStatusMixin, models.Model):
    agenda = models.ForeignKey(
        Agenda, verbose_name=_("agenda"), on_delete=models.CASCADE, related_name="demands"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("demand"), max_length=400)
    status = models.CharField(
        _("status"), max_length=20, choices=DemandStatus.choices, default=DemandStatus.NOT_YET
    )
    status_changed_on = models.DateField(
        _("status since"),
        default=timezone.localdate,
        help_text=_("Set to today when the status changes, unless you give another date."),
    )
    evidence_url = models.URLField(
        _("evidence link"), blank=True, help_text=_("A public page that shows the change.")
    )
    modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = DemandQuerySet.as_manager()

    translation_required_fields = ("text",)

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["agenda", "order", "id"]
        indexes = search_indexes("demand", "text", ())

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        saved_status, saved_date = getattr(self, "_saved_status", (None, None))
        status_changed = self.status != saved_status
        if status_changed and saved_status is not None and self.status_changed_on == saved_date:
            # The editor changed the status but not its date: the change is today.
            self.status_changed_on = timezone.localdate()
        super().save(*args, **kwargs)
        if status_changed:
            self.status_changes.create(
                status=self.status,
                changed_on=self.status_changed_on,
                evidence_url=self.evidence_url,
            )
        self._saved_status = (self.status, self.status_changed_on)

    def get_absolute_url(self):
        return reverse("advocacy:demand-detail", kwargs={"slug": self.agenda.slug, "pk": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values):
        # Remember the stored status, so save() can tell when it changes.
        demand = super().from_db(db, field_names, values)
        demand._saved_status = (
            demand.__dict__.get("status"),
            demand.__dict__.get("status_changed_on"),
        )
        return demand

    def is_translated(self, code):
        return super().is_translated(code) and self.agenda.is_translated(code)


class DemandStatusChange(models.Model):
    """One step in a demand's history, recorded whenever its status changes."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=DemandStatus.choices)
    changed_on = models.DateField(_("date"))
    evidence_url = models.URLField(_("evidence link"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_on", "id"]

    def __str__(self):
        return f"{self.get_status_display()} ({self.changed_on:%Y-%m-%d})"


class Milestone(TranslationStatusMixin, models.Model):
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text"), blank=True)
    document_reference = models.CharField(
        _("document reference"),
        max_length=100,
        blank=True,
        help_text=_('For example the UN document symbol "A/RES/74/133".'),
    )
    url = models.URLField(_("link"), blank=True)
    agendas = models.ManyToManyField(
        Agenda, verbose_name=_("agendas"), blank=True, related_name="milestones"
    )
    demands = models.ManyToManyField(
        Demand,
        verbose_name=_("demands it advanced"),
        blank=True,
        related_name="milestones",
    )
    published = models.BooleanField(_("published"), default=False)

    objects = PublishedQuerySet.as_manager()

    translation_required_fields = ("title",)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["-date", "id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"


class Coalition(TranslationStatusMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), blank=True)
    logo = photo_link(_("logo"))
    agendas = models.ManyToManyField(
        Agenda, verbose_name=_("agendas"), blank=True, related_name="coalitions"
    )

    translation_required_fields = ("name",)

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Letters that Unicode does not split into a base letter and an accent, so
# slugify would drop them ("Søsken" would become "ssken").
LETTERS_WITHOUT_ACCENT_FORM = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss"})


def publication_path(instance, filename):
    # Always a .pdf name, whatever the upload was called: the content is checked
    # to be PDF, and the name decides the type the web server sends.
    stem = PurePosixPath(filename).stem.translate(LETTERS_WITHOUT_ACCENT_FORM)
    stem = slugify(stem)[:80] or "publication"
    return f"publications/{stem}.pdf"


class PDFField(models.FileField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PDFFormField, **kwargs})


class PublicationQuerySet(PublishedQuerySet):
    def languages(self):
        """The languages these publications' files are in."""
        return set(self.values_list("language", flat=True).distinct())


class Publication(TranslationStatusMixin, Scheduled):
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    date = models.DateField(_("date"))
    language = models.CharField(
        _("language of the file"), max_length=10, choices=settings.LANGUAGES
    )
    file = PDFField(_("PDF file"), upload_to=publication_path)
    file_size = models.PositiveIntegerField(editable=False, default=0)
    page_count = models.PositiveIntegerField(editable=False, default=0)
    agendas = models.ManyToManyField(
        Agenda, verbose_name=_("agendas"), blank=True, related_name="publications"
    )
    published = models.BooleanField(_("published"), default=False)
    modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    translation_required_fields = ("title",)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-date", "id"]
        indexes = search_indexes("publication", "title", ("summary",))
        constraints = [schedule_constraint("publication")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # Kept on the row so lists show sizes without asking the storage.
            self.file_size = self.file.size
            self.page_count = len(read_pdf(self.file).pages)
        super().save(*args, **kwargs)

    @property
    def language_name(self):
        """The file's language in its own words ("Nederlands"), as readers of it know it."""
        return get_language_info(self.language)["name_local"]
