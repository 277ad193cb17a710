import pytest
from django.core.cache import cache

LANGUAGE_CODES = ["en", "nl", "fr", "nb", "da"]


@pytest.fixture(autouse=True)
def _clear_cache():
    # The cache may be a shared Redis: start and end every test with it empty
    # so rate limits and cached pages never leak between tests.
    cache.clear()
    yield
    cache.clear()
