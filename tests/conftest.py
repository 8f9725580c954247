import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test's database starts again from the same data version, so cached lists must not carry over."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db):
    return APIClient()
