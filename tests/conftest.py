import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from common.response_cache import forget_recent_bodies


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Tests change the code under one release (settings, monkeypatches), which a real release never does:
    no body carries over from one test to the next."""
    cache.clear()
    forget_recent_bodies()
    yield
    cache.clear()
    forget_recent_bodies()


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Tests that make users need no slow, attack-resistant hashing: MD5 saves seconds across the suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
