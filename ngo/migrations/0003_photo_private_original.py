"""Photo originals move to the private storage; renditions get names of their own.

Until now the originals sat in MEDIA_ROOT, which the web server serves, and
renditions were named after the upload's file name only, so two uploads called
"family" showed each other's pixels. This moves every original to
PRIVATE_MEDIA_ROOT, records its content hash, deletes the old renditions and
makes new ones (named by id and hash) for the photos that are public today.
"""

import hashlib
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

import ngo.models

# The widths and extensions the old code named renditions by.
OLD_WIDTHS = (320, 640, 960, 1280, 1920)
OLD_EXTENSIONS = ("webp", "jpg", "png")


def move(name, source, target):
    """Move a file from one storage to the other; the name it has there.

    A copy already in the target (from a run that stopped half-way) is used
    when it holds the same bytes."""
    if not source.exists(name):
        return name
    with source.open(name, "rb") as file:
        content = file.read()
    stored = name if holds(target, name, content) else target.save(name, ContentFile(content))
    source.delete(name)
    return stored


def holds(storage, name, content):
    if not storage.exists(name):
        return False
    with storage.open(name, "rb") as file:
        return file.read() == content


def old_rendition_names(name, width):
    stem = PurePosixPath(name).stem
    widths = [w for w in OLD_WIDTHS if w < width] + [min(width, OLD_WIDTHS[-1])]
    return [f"photos/renditions/{stem}-{w}.{ext}" for w in widths for ext in OLD_EXTENSIONS]


def public_today(photos):
    today = timezone.localdate()
    return photos.filter(published=True).filter(
        Q(shows_identifiable_child=False) | Q(consent_on_file=True, consent_expires__gte=today)
    )


def make_private(apps, schema_editor):
    Photo = apps.get_model("ngo", "Photo")
    private = ngo.models.private_storage()
    for photo in Photo.objects.exclude(image=""):
        for name in old_rendition_names(photo.image.name, photo.width):
            default_storage.delete(name)
        name = move(photo.image.name, default_storage, private)
        if not private.exists(name):
            continue  # the file was lost before; the row stays as it was
        with private.open(name, "rb") as file:
            content_hash = hashlib.sha256(file.read()).hexdigest()
        Photo.objects.filter(pk=photo.pk).update(image=name, content_hash=content_hash)
    make_renditions(public_today(Photo.objects.exclude(content_hash="")))


def make_renditions(photos):
    # The rendition code of the model as it is now, on an unsaved copy of each
    # row that carries only the fields this migration knows.
    for row in photos:
        photo = ngo.models.Photo(
            pk=row.pk,
            image=row.image.name,
            width=row.width,
            height=row.height,
            content_hash=row.content_hash,
        )
        photo.make_renditions()


def make_public_again(apps, schema_editor):
    """Back to the old layout: the originals return to MEDIA_ROOT. The old code
    makes renditions only on upload, so upload the photos again after this."""
    Photo = apps.get_model("ngo", "Photo")
    private = ngo.models.private_storage()
    for photo in Photo.objects.exclude(image=""):
        ngo.models.Photo(pk=photo.pk).remove_renditions()
        name = move(photo.image.name, private, default_storage)
        Photo.objects.filter(pk=photo.pk).update(image=name)


class Migration(migrations.Migration):
    dependencies = [
        ("ngo", "0002_photo"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="content_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="photo",
            name="image",
            field=ngo.models.PhotoField(
                height_field="height",
                storage=ngo.models.private_storage,
                upload_to="photos/",
                verbose_name="image",
                width_field="width",
            ),
        ),
        migrations.RunPython(make_private, make_public_again),
    ]
