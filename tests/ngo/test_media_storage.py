"""Uploaded files through the storage API alone, as with media in an object store.

Both storages are Django's in-memory storage here: nothing reaches MEDIA_ROOT or
PRIVATE_MEDIA_ROOT, so any code that went to the disk by path would fail or leave
the folders non-empty."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import InMemoryStorage, default_storage, storages

from ngo.models import Photo, private_storage
from tests.builders import jpeg_bytes, make_photo, make_publication, upload

pytestmark = pytest.mark.django_db

IN_MEMORY = {
    "default": {
        "BACKEND": "django.core.files.storage.InMemoryStorage",
        "OPTIONS": {"base_url": "https://media.example.org/media/"},
    },
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def in_memory(settings):
    settings.STORAGES = IN_MEMORY


def nothing_on_disk():
    return not any(
        path.is_file()
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        for path in Path(root).rglob("*")
    )


def renditions(photo):
    return [
        photo.rendition_name(width, extension)
        for width in photo.rendition_widths()
        for extension in ("webp", photo.fallback_extension)
    ]


def test_the_storages_are_the_configured_ones():
    assert isinstance(default_storage, InMemoryStorage)
    assert isinstance(private_storage(), InMemoryStorage)
    private_storage().exists("anything")  # looked up on first use
    assert private_storage()._wrapped is storages["private"] is not storages["default"]
    assert private_storage() is Photo._meta.get_field("image").storage


def test_a_published_photo_has_its_original_private_and_its_renditions_public(
    django_capture_on_commit_callbacks,
):
    photo = make_photo(image=upload("hill.jpg"))

    assert private_storage().exists(photo.image.name)
    assert not default_storage.exists(photo.image.name)
    assert renditions(photo)
    assert all(default_storage.exists(name) for name in renditions(photo))
    assert all(not private_storage().exists(name) for name in renditions(photo))
    srcset = photo.renditions("webp")
    assert srcset[0][0].startswith("https://media.example.org/media/photos/renditions/")
    assert nothing_on_disk()


def test_unpublishing_removes_the_renditions_and_keeps_the_original():
    photo = make_photo()
    names = renditions(photo)

    photo.published = False
    photo.save()

    assert not any(default_storage.exists(name) for name in names)
    assert private_storage().exists(photo.image.name)

    photo.published = True
    photo.save()
    assert all(default_storage.exists(name) for name in names)


def test_a_new_image_replaces_the_old_files(django_capture_on_commit_callbacks):
    photo = make_photo()
    old_original, old_renditions = photo.image.name, renditions(photo)

    with django_capture_on_commit_callbacks(execute=True):
        photo.image = upload("other.jpg", jpeg_bytes(colour=(0, 0, 255)))
        photo.save()

    assert not private_storage().exists(old_original)
    assert private_storage().exists(photo.image.name)
    assert not any(default_storage.exists(name) for name in old_renditions)
    assert all(default_storage.exists(name) for name in renditions(photo))


def test_deleting_a_photo_deletes_its_original_and_renditions(django_capture_on_commit_callbacks):
    photo = make_photo()
    original, names = photo.image.name, renditions(photo)

    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()

    assert not private_storage().exists(original)
    assert not any(default_storage.exists(name) for name in names)
    assert nothing_on_disk()


def test_the_admin_shows_the_original_from_the_private_storage(admin_client):
    photo = make_photo()
    with private_storage().open(photo.image.name, "rb") as original:
        stored = original.read()

    response = admin_client.get(f"/admin/ngo/photo/{photo.pk}/original/")

    assert response.status_code == 200
    assert stored.startswith(b"\xff\xd8")  # a JPEG
    assert b"".join(response.streaming_content) == stored


def test_a_publication_pdf_goes_to_the_public_storage():
    publication = make_publication()

    assert default_storage.exists(publication.file.name)
    assert publication.file.url.startswith("https://media.example.org/media/publications/")
    assert nothing_on_disk()
