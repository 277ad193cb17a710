from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_PHOTO_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
PHOTO_TOO_LARGE = _("The file is %(size)s; photos may be at most %(limit)s.")


def check_size(upload, limit, message):
    """Refuse an upload over `limit` bytes, telling its size and the limit in the
    message's words (which names what kind of file it is)."""
    if upload.size > limit:
        raise forms.ValidationError(
            message,
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


class PhotoFormField(forms.ImageField):
    """An image upload checked by its content before Pillow decodes it.

    The size and pixel limits are checked from the file header, so a
    decompression bomb is refused without ever being decoded.
    """

    def to_python(self, data):
        if data in self.empty_values:
            return None
        check_size(data, settings.PHOTO_MAX_BYTES, PHOTO_TOO_LARGE)
        try:
            with Image.open(data) as image:
                width, height = image.size
                image_format = image.format
        except Image.DecompressionBombError as error:
            raise forms.ValidationError(
                _("This image claims an enormous size and may be a decompression bomb."),
                code="decompression_bomb",
            ) from error
        except Exception as error:
            raise forms.ValidationError(
                _("This file is not an image we can read. Upload a JPEG, PNG or WebP photo."),
                code="invalid_image",
            ) from error
        finally:
            data.seek(0)
        if image_format not in ALLOWED_PHOTO_FORMATS:
            raise forms.ValidationError(
                _("Photos must be JPEG, PNG or WebP, not %(format)s."),
                code="format_not_allowed",
                params={"format": image_format},
            )
        if width * height > settings.PHOTO_MAX_PIXELS:
            raise forms.ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels; photos may have at most "
                    "%(limit)s million pixels."
                ),
                code="too_many_pixels",
                params={
                    "width": width,
                    "height": height,
                    "limit": settings.PHOTO_MAX_PIXELS // 1_000_000,
                },
            )
        return super().to_python(data)
