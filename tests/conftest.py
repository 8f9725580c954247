import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from common.early_answers import forget_asks
from common.response_cache import forget_recent_bodies


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test's database starts again from the same data version, so cached lists must not carry over."""
    cache.clear()
    forget_recent_bodies()
    forget_asks()
    yield
    cache.clear()
    forget_recent_bodies()
    forget_asks()


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Tests that make users need no slow, attack-resistant hashing: MD5 saves seconds across the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
