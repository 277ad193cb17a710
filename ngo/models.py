import hashlib
import os
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from ngo.forms import PhotoFormField

# Widths of the responsive renditions; a photo gets those narrower than itself.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# Pillow's format for each rendition file extension.
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG", "png": "PNG"}
# The public folder of renditions, in the default storage (MEDIA_ROOT).
RENDITIONS_DIR = "photos/renditions"
# The stored original's extension follows its content, never the upload's name.
ORIGINAL_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PrivateStorage(FileSystemStorage):
    """Files in settings.PRIVATE_MEDIA_ROOT, which the web server never serves.

    The folder is read from the settings at each use (tests give each test a
    folder of its own), and there is no URL: nothing may link to these files.
    """

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(f"{name} is in the private storage and has no URL.")


_private_storage = PrivateStorage()


def private_storage():
    # A callable, so that migrations name it instead of freezing a folder.
    return _private_storage


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


class Photo(models.Model):
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
