"""Where uploaded files are kept: STORAGES["default"] for what the public may fetch
(photo renditions, publication PDFs), STORAGES["private"] for photo originals,
which nothing links to. Both are local folders by default, or S3 buckets with
MEDIA_STORAGE=s3 (ngo/settings.py, docs/deployment.md).

The code reaches files only through these storages' API (save, open, exists,
listdir, delete, url), never by a path on disk, so either kind works.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

PRIVATE_STORAGE_ALIAS = "private"


class NoURLMixin:
    def url(self, name, *args, **kwargs):
        raise ValueError(f"{name} is in the private storage and has no URL.")


class PrivateStorage(NoURLMixin, FileSystemStorage):
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


try:
    from storages.backends.s3 import S3Storage
except ImportError:  # pragma: no cover - django-storages is a dependency
    S3Storage = None
else:

    class PrivateS3Storage(NoURLMixin, S3Storage):
        """Originals in a bucket (or prefix) of their own: private objects, no URL,
        never a signed link either."""

        default_acl = "private"


class PrivateStorageProxy(LazyObject):
    """STORAGES["private"], looked up again whenever the setting changes (tests)."""

    def _setup(self):
        self._wrapped = storages[PRIVATE_STORAGE_ALIAS]


private_storage = PrivateStorageProxy()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_storage._wrapped = empty
