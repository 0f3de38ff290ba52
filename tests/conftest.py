"""Shared fixtures: the seed articles ingested once per test that needs them."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def suite_database_url() -> str:
    """A URL to the database the suite runs on, for child processes (manage.py ...)."""
    from django.db import connection

    db = connection.settings_dict
    host = db["HOST"] or "localhost"
    auth = f"{db['USER']}:{db['PASSWORD'] or ''}"
    if host.startswith("/"):  # a unix socket directory (the embedded cluster)
        return f"postgres://{auth}@/{db['NAME']}?host={host}"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def restore_reference_data():
    """Put back what the migrations load (gazetteer, analyzer lexicon) if a transactional
    test's flush emptied it: tests that run after one and need it call this."""
    from django.core.management import call_command

    from archive.search import lexicon

    call_command("load_gazetteer", verbosity=0)
    lexicon.load_shipped()
    lexicon.reset()


@pytest.fixture
def migrated_data(transactional_db):
    """A transactional test that starts from what the migrations load (the gazetteer, the
    analyzer's lexicon, the role groups), committed, even after another one's flush.
    Reloading it in bulk takes a few seconds; Django's serialized rollback saved the ~20,000
    rows of the gazetteer one by one (about 20 s a test)."""
    from archive.accounts.roles import sync_roles

    restore_reference_data()
    sync_roles()


@pytest.fixture
def seeded(db):
    from archive.ingest.pipeline import ingest

    report = ingest([str(SEEDS)])
    assert not report.failed, report.summary()
    return report


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty in-process caches. The cache of anonymous searches is off (tests change the archive between two identical
    searches); tests/search/test_search_cache.py turns it on."""
    from django.conf import settings

    if not settings.configured:  # under `pytest -p no:django` (unit tests, prod-check)
        yield
        return
    from django.core.cache import caches

    # Not the throttle counters' shared cache: it is a database table, and deleting its
    # rows inside a test's transaction would lock them against the live server's
    # requests (browser tests). Tests of the throttles clear it themselves.
    for alias, config in settings.CACHES.items():
        if not config["BACKEND"].endswith("db.DatabaseCache"):
            caches[alias].clear()
    from archive.search.selectors import forget_name_index

    forget_name_index()  # rows written in bulk by the previous test send no signal
    seconds = settings.ARCHIVE_SEARCH_CACHE_SECONDS
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 0
    yield
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = seconds


# Property tests are reproducible in CI: the same generated examples on every run.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass
