"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

One Chromium for the whole run (package scope); each test gets a fresh context (cookies,
language) and a live server over a database holding the gazetteer and the seed articles.
Playwright never downloads a browser here: it starts /usr/bin/chromium (or $CHROMIUM).
Where Chromium or the playwright package is missing, every test here is skipped with a
message saying what to install.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe.min.js"


def missing_requirement() -> str | None:
    if not CHROMIUM.exists():
        return (
            f"browser tests skipped: no Chromium at {CHROMIUM} "
            "(install Debian's: apt-get install -y chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is missing (pip install -e '.[dev]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_requirement()
    for item in items:
        if HERE not in Path(str(item.fspath)).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        # The marker makes pytest-django create the test database (it sets up only the
        # databases that marked tests ask for); the tests read in a transaction of their
        # own, while the live server reads the seeds the `site` fixture committed.
        item.add_marker(pytest.mark.django_db)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config):
    reason = missing_requirement()
    return reason or f"browser tests: {CHROMIUM}"


@pytest.fixture(scope="package")
def chromium():
    """One headless Chromium for every browser test."""
    # Playwright's sync API keeps an asyncio loop running on this thread, and Django
    # refuses ORM calls from a thread with a running loop; the calls are really
    # synchronous (fixtures, the flush between tests), so lift the guard while it runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # no sandbox: the tests run as root here, which Chromium's sandbox refuses.
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


SNAPSHOT = "browser_snapshot"


def _tables_with_rows(cursor) -> list[str]:
    from django.db import connection

    tables = []
    for table in connection.introspection.django_table_names(only_existing=True):
        cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')  # noqa: S608 - model table names
        if cursor.fetchone()[0]:
            tables.append(table)
    return tables


def _columns(cursor, table: str) -> str:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
        "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [SNAPSHOT, table],
    )
    return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


@pytest.fixture(scope="package")
def _test_database_sessions(django_db_setup, django_db_blocker):
    """At the end, end the sessions that the browser's requests left on the test database.

    The live server answers each browser connection in a thread of its own, which keeps
    its database session while the browser keeps the connection alive (until Chromium
    closes). One left over stops pytest-django from dropping the test database. Torn
    down after `chromium` and `site` (they are set up after it).
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        # This very session too: the teardown of the test database may run with
        # another connection object (Playwright's greenlets give each their own context).
        connection.close()


@pytest.fixture(scope="package")
def site(_test_database_sessions, chromium, django_db_setup, django_db_blocker):
    """The base URL of a live server over the test database with the seed articles ingested.

    pytest-django's live server (its LiveServer helper), started once for every browser
    test. Not the `live_server` fixture itself: it makes each test transactional, and the
    flush after each test (which also empties the gazetteer a migration loaded) plus the
    re-ingest cost 5-8 s a test on this machine. Here the seeds are ingested once (the
    `seeded` fixture's work, committed so the server thread sees it), the tests only read,
    and at the end the database is put back as the migrations left it: every table is
    emptied and the rows copied aside before the ingest are copied back.
    """
    from django.core.management import call_command
    from django.db import connection, transaction
    from pytest_django.live_server_helper import LiveServer

    from archive.ingest.pipeline import ingest
    from tests.conftest import SEEDS, restore_reference_data

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE; CREATE SCHEMA {SNAPSHOT}")
            tables = _tables_with_rows(cursor)
            for table in tables:
                cursor.execute(f'CREATE TABLE {SNAPSHOT}."{table}" AS TABLE "{table}"')
        try:
            restore_reference_data()  # an earlier transactional test may have flushed it
            report = ingest([str(SEEDS)])
            assert not report.failed, report.as_json()
            server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
            server._live_server_modified_settings.enable()
            try:
                yield server.url
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            with transaction.atomic(), connection.cursor() as cursor:
                for table in tables:
                    columns = _columns(cursor, table)
                    cursor.execute(
                        f'INSERT INTO "{table}" ({columns}) '  # noqa: S608 - model table names
                        f'SELECT {columns} FROM {SNAPSHOT}."{table}"'
                    )
                cursor.execute(f"DROP SCHEMA {SNAPSHOT} CASCADE")


@pytest.fixture
def page(chromium, site):
    """A fresh page (own cookies, Arabic first) at desktop width; its console errors fail the test."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="ar", base_url=site
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"script error: {error}"))

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            errors.append(f"{response.status} {response.request.method} {response.url}")

    page.on("response", on_response)
    yield page
    context.close()
    assert errors == [], f"errors in the browser: {errors}"


def html_lang_dir(page) -> tuple[str, str]:
    lang, direction = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir]"
    )
    return lang, direction


SLUG_PATH = re.compile(r"/organizations/[^/]+/$")
MEETING_PATH = re.compile(r"/meetings/\d+/$")
