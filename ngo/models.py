from io import BytesIO
from pathlib import PurePosixPath

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from ngo.forms import PhotoFormField

# Widths of the responsive renditions; a photo gets those narrower than itself.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# Pillow's format for each rendition file extension.
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG", "png": "PNG"}


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


class Photo(models.Model):
    image = PhotoField(_("image"), upload_to="photos/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
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

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created"]

    def __str__(self):
        return self.alt_text or PurePosixPath(self.image.name).name

    def save(self, *args, **kwargs):
        new_upload = bool(self.image) and not self.image._committed
        if new_upload:
            self._strip_metadata()
        super().save(*args, **kwargs)
        if new_upload:
            self.make_renditions()

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
        """Re-encode the upload without EXIF, GPS or other metadata."""
        upload = self.image.file
        upload.seek(0)
        with Image.open(upload) as source:
            image_format = source.format
            # Apply the orientation tag before it is dropped with the rest.
            image = ImageOps.exif_transpose(source)
            image.load()
        buffer = BytesIO()
        options = {"quality": 88, "optimize": True} if image_format == "JPEG" else {}
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, format=image_format, **options)
        name = PurePosixPath(self.image.name).name
        self.image.save(name, ContentFile(buffer.getvalue()), save=False)
        # Read the size from the stored file (a rotated photo swaps width and height).
        self._meta.get_field("image").update_dimension_fields(self, force=True)

    # Renditions live beside the original: photos/renditions/<stem>-<width>.<ext>.
    @property
    def fallback_extension(self):
        """Browsers without WebP get PNG for PNG uploads (keeps transparency), else JPEG."""
        return "png" if PurePosixPath(self.image.name).suffix.lower() == ".png" else "jpg"

    def rendition_name(self, width, extension):
        stem = PurePosixPath(self.image.name).stem
        return f"photos/renditions/{stem}-{width}.{extension}"

    def rendition_widths(self):
        widths = [w for w in RENDITION_WIDTHS if w < self.width]
        return widths + [min(self.width, RENDITION_WIDTHS[-1])] if self.width else []

    def renditions(self, extension):
        storage = self.image.storage
        return [
            (storage.url(self.rendition_name(w, extension)), w) for w in self.rendition_widths()
        ]

    def make_renditions(self):
        """Write every rendition that is not on disk yet; existing ones are kept."""
        storage = self.image.storage
        with self.image.open("rb") as original, Image.open(original) as source:
            source.load()
            for width in self.rendition_widths():
                height = max(1, round(source.height * width / source.width))
                resized = None
                for extension in ("webp", self.fallback_extension):
                    name = self.rendition_name(width, extension)
                    if storage.exists(name):
                        continue
                    resized = resized or source.resize((width, height), Image.LANCZOS)
                    image = resized
                    if extension == "jpg" and image.mode not in ("RGB", "L"):
                        image = image.convert("RGB")
                    buffer = BytesIO()
                    image.save(buffer, format=RENDITION_FORMATS[extension], quality=82)
                    storage.save(name, ContentFile(buffer.getvalue()))


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


class TranslationStatusMixin:
    """Which languages a translated model still misses (all listed fields must be filled)."""

    translation_required_fields = ()

    def missing_languages(self):
        return [
            code
            for code, _name in settings.LANGUAGES
            if any(
                not (getattr(self, f"{field}_{code}", "") or "").strip()
                for field in self.translation_required_fields
            )
        ]

    def is_translated(self, code):
        return code not in self.missing_languages()


# Rich text written by editors: structure and links only. No scripts, styles,
# event handlers or images (an <img> could load from another host).
RICH_TEXT_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}


def clean_rich_text(value):
    return nh3.clean(
        value or "",
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


class RichTextMixin:
    """Sanitises every language version of the listed rich-text fields on save."""

    rich_text_fields = ()

    def save(self, *args, **kwargs):
        for field in self.rich_text_fields:
            for code, _name in settings.LANGUAGES:
                name = f"{field}_{code}"
                value = getattr(self, name, None)
                if value:
                    setattr(self, name, clean_rich_text(value))
        super().save(*args, **kwargs)
