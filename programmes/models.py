from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

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


class SDGQuerySet(models.QuerySet):
    def used_by(self, projects):
        return self.filter(projects__in=projects).distinct()


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 UN goals, loaded by a migration; editors only pick them."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    objects = SDGQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Programme(TranslationStatusMixin, RichTextMixin, Scheduled):
    title = models.CharField(_("title"), max_length=200)
    slug = slug_field()
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Paragraphs, headings, lists and links.")
    )
    hero_photo = photo_link(_("hero photo"))
    published = models.BooleanField(_("published"), default=False)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    rich_text_fields = ("body",)
    translation_required_fields = ("title", "slug", "summary")

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["order", "id"]
        constraints = [*unique_slugs("programme"), schedule_constraint("programme")]
        indexes = search_indexes("programme", "title", ("summary", "body"))

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:programme-detail", kwargs={"slug": self.slug})


class Principle(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="principles")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["order", "id"]

    def __str__(self):
        return self.heading


class KeyFigure(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="key_figures")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    value = models.CharField(_("value"), max_length=40, help_text=_('For example "138".'))
    label = models.CharField(_("label"), max_length=120, help_text=_('For example "countries".'))

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.value} {self.label}"


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    logo = photo_link(_("logo"))

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


# Running projects are listed first, then planned ones, then completed ones.
STATUS_ORDER = (ProjectStatus.RUNNING, ProjectStatus.PLANNED, ProjectStatus.COMPLETED)


def status_on(today):
    """The status rule, written once: planned before its start date, completed
    after its end date, running in between (also without an end date)."""
    return models.Case(
        models.When(start_date__gt=today, then=models.Value(ProjectStatus.PLANNED)),
        models.When(end_date__lt=today, then=models.Value(ProjectStatus.COMPLETED)),
        default=models.Value(ProjectStatus.RUNNING),
        output_field=models.CharField(),
    )


class ProjectQuerySet(PublishedQuerySet):
    def published(self, now=None):
        """A project is public only while its programme is public too."""
        return self.filter(published_q(now=now), published_q("programme__", now))

    def with_current_status(self, today=None):
        """Each row with `current_status`, by the rule in status_on()."""
        return self.annotate(current_status=status_on(today or timezone.localdate()))

    def with_status(self, status, today=None):
        return self.with_current_status(today).filter(current_status=status)

    def in_country(self, code):
        # Countries are stored as comma-separated two-letter codes.
        return self.filter(
            models.Q(countries=code) | models.Q(countries__regex=rf"(^|,){code}(,|$)")
        )

    def country_codes(self):
        """The two-letter codes of the countries these projects work in."""
        codes = set()
        # The distinct stored values only ("KE", "KE,UG"…): a few rows, not one per project.
        for value in self.order_by().values_list("countries", flat=True).distinct():
            # Read back as a list or, from some backends, as the stored text.
            codes.update(
                str(code)
                for code in (value.split(",") if isinstance(value, str) else value or [])
                if code
            )
        return codes

    def open_for_sponsorship(self):
        return self.published().filter(open_for_sponsorship=True)

    def status_ordered(self, today=None):
        """Running projects first, then planned, then completed; newest first in each."""
        rank = models.Case(
            *(models.When(current_status=s, then=i) for i, s in enumerate(STATUS_ORDER)),
            output_field=models.IntegerField(),
        )
        return (
            self.with_current_status(today)
            .annotate(status_rank=rank)
            .order_by("status_rank", "-start_date", "id")
        )


class Project(TranslationStatusMixin, RichTextMixin, Scheduled):
    name = models.CharField(_("name"), max_length=250)
    slug = slug_field()
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Paragraphs, headings, lists and links.")
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="projects"
    )
    countries = CountryField(_("countries"), multiple=True)
    places = models.CharField(
        _("places"), max_length=250, blank=True, help_text=_('For example "Nanjing and Guizhou".')
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    funders = models.ManyToManyField(
        Funder, verbose_name=_("funders"), blank=True, related_name="projects"
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        related_name="projects",
    )
    hero_photo = photo_link(_("hero photo"))
    open_for_sponsorship = models.BooleanField(
        _("open for sponsorship"),
        default=False,
        help_text=_("Offer this project as a place in the sponsorship form."),
    )
    published = models.BooleanField(_("published"), default=False)
    modified = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    rich_text_fields = ("body",)
    translation_required_fields = ("name", "slug", "summary")

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "id"]
        constraints = [*unique_slugs("project"), schedule_constraint("project")]
        indexes = search_indexes("project", "name", ("summary", "body", "places"))

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:project-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date can not be before the start date.")},
                code="end_before_start",
            )

    def get_status_display(self):
        return ProjectStatus(self.status).label

    @property
    def status(self):
        """Read from the list's annotation; a single row asks the database the same rule."""
        if getattr(self, "current_status", None) is None:
            self.current_status = (
                Project.objects.filter(pk=self.pk).with_current_status().get().current_status
            )
        return self.current_status


class Goal(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("goal"), max_length=300)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class ReachKind(models.TextChoices):
    REACHED = "reached", _("Reached")
    TARGET = "target", _("Target")


class ReachFigure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reach_figures")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    value = models.CharField(_("value"), max_length=40, help_text=_('For example "over 5,000".'))
    label = models.CharField(
        _("label"), max_length=160, help_text=_('For example "children reached".')
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ReachKind.choices, default=ReachKind.REACHED
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reach figure")
        verbose_name_plural = _("reach figures")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.value} {self.label}"
