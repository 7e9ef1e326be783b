"""Fixtures shared by every app's tests. App-specific factories live in tests/<app>/factories.py."""

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite's test database lives in a file of this run, not in memory, so that another process
    (the Celery worker of tests/jobs/test_celery_worker.py) can open the same database."""
    from django.conf import settings

    for alias, database in settings.DATABASES.items():
        if database["ENGINE"] == "django.db.backends.sqlite3":
            path = tmp_path_factory.mktemp("db") / f"test_{alias}.sqlite3"
            database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded and generated files go to a throw-away folder, never into data/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Tests hash many passwords; the real hasher is slow on purpose, and not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_interface(settings):
    """Tests read the English source strings, so that rewording a French translation breaks
    nothing; tests/test_i18n.py checks the French default and the catalogue on their own."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
