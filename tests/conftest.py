import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from ngo.services import CONTENT_EDITORS, FUNDRAISING

LANGUAGE_CODES = ["en", "nl", "fr", "nb", "da"]


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache may be a shared Redis: start and end every test with it empty
    # so rate limits and cached pages never leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded photos and their renditions go to a folder of each test's own.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _english_to_start():
    # A request leaves its language active on the thread; each test starts in
    # English so that builders fill the English fields.
    translation.activate("en")
    yield
    translation.activate("en")


def staff_client(client, django_user_model, group):
    user = django_user_model.objects.create_user(
        f"staff-{group}", password="a-long-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, django_user_model):
    return staff_client(client, django_user_model, CONTENT_EDITORS)


@pytest.fixture
def fundraising_client(client, django_user_model):
    return staff_client(client, django_user_model, FUNDRAISING)
