import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from chronology.corpus import corpus_load
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


@pytest.fixture(scope="module")
def _seed_loaded(django_db_setup, django_db_blocker):
    """Load the seed corpus once for the module that asks, inside a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield corpus_load(path=settings.CORPUS_DIR)
        transaction.set_rollback(True)


@pytest.fixture
def seed(_seed_loaded, db):
    """The seed corpus (fixtures/seed), loaded: the load's report."""
    return _seed_loaded
