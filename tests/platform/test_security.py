"""Security settings a reviewer checks: headers, CSP without inline script, deploy check, throttles."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from archive.ingest.services import article_upsert

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def article(db):
    return article_upsert(title="تعاون أمني", body="اجتمع ممثلو الإنتربول لمكافحة الإرهاب.").article


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_security_headers_on_pages_and_api(client, article):
    for url in (
        "/",
        "/search?q=الإرهاب",
        f"/articles/{article.pk}/",
        "/api/search?q=x",
        "/account/login/",
        "/admin/login/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = _csp(response)
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"]  # no inline script, no eval, no other host
        assert "'unsafe-inline'" not in csp["style-src"]
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_handlers():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not INLINE_SCRIPT.search(text), template
        assert not EVENT_HANDLER.search(text), template


def test_rendered_pages_have_no_inline_script(client, admin_client, article):
    pages = [client.get(u) for u in ("/", "/search?q=الإرهاب", f"/articles/{article.pk}/")]
    pages += [
        admin_client.get(u) for u in ("/admin/", f"/admin/archive/article/{article.pk}/change/")
    ]
    for response in pages:
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html)
        assert not EVENT_HANDLER.search(html)


def _settings_in_subprocess(env_changes: dict[str, str], expression: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_"))}
    env["DJANGO_ENV_FILE"] = ""  # only the variables given here, not the development .env
    env.update(env_changes)
    env.setdefault("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "archive.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


def test_debug_serves_plain_http_and_production_redirects_to_https():
    expression = "(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)"
    assert _settings_in_subprocess({"DJANGO_DEBUG": "1"}, expression) == "(False, False, 0)"
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}
    assert _settings_in_subprocess(production, expression) == "(True, True, 31536000)"
    # Behind a TLS proxy that already redirects, the redirect can be switched off.
    assert (
        _settings_in_subprocess(
            {**production, "DJANGO_SECURE_SSL_REDIRECT": "0"}, "settings.SECURE_SSL_REDIRECT"
        )
        == "False"
    )


@override_settings(SECURE_SSL_REDIRECT=True)
def test_https_redirect_spares_the_health_probes(client):
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


def test_deploy_check_with_production_settings_reports_nothing():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_"))}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        DATABASE_URL=os.environ.get("DATABASE_URL") or "postgres://nobody@127.0.0.1:1/none",
    )
    proc = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "System check identified no issues" in proc.stdout


@pytest.fixture
def low_api_rates():
    cache.clear()
    with override_settings(NINJA_DEFAULT_THROTTLE_RATES={"anon": "3/min", "user": "5/min"}):
        yield
    cache.clear()


def test_api_throttles_each_client_with_429(client, low_api_rates):
    for _ in range(3):
        assert client.get("/api/articles").status_code == 200
    response = client.get("/api/articles")
    assert response.status_code == 429
    assert response.json()["detail"]
    assert int(response["Retry-After"]) >= 1
    # A forged X-Forwarded-For does not buy a fresh allowance (no proxy is configured)...
    assert client.get("/api/articles", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # ...but another client has its own.
    assert client.get("/api/articles", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_logged_in_users_have_their_own_allowance(client, low_api_rates, django_user_model):
    for _ in range(3):
        client.get("/api/articles")
    assert client.get("/api/articles").status_code == 429
    from archive.accounts.services import user_create

    # A role is what gives an account access (a role-less session is ended).
    client.force_login(user_create(username="reader", role="analyst"))
    statuses = [client.get("/api/articles").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]


@pytest.mark.django_db(transaction=True)
def test_api_throttle_counts_are_shared_by_every_worker_process(client, live_server):
    """Another process (another gunicorn worker) spends the allowance; this one sees it."""
    from django.core.cache import caches

    caches["shared"].clear()  # counts committed by earlier transactional tests
    script = (
        "import django, os; django.setup()\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "print([c.get('/api/articles').status_code for _ in range(3)])\n"
    )
    from tests.conftest import suite_database_url

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive.settings"}
    env["DATABASE_URL"] = suite_database_url()
    env["ARCHIVE_API_RATE_ANON"] = "3/min"
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert proc.stdout.strip().splitlines()[-1] == "[200, 200, 200]", proc.stderr[-2000:]
    with override_settings(NINJA_DEFAULT_THROTTLE_RATES={"anon": "3/min", "user": "5/min"}):
        assert client.get("/api/articles").status_code == 429


def test_cached_search_answers_and_the_search_page_are_throttled_too(client, settings):
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 30
    settings.ARCHIVE_SEARCH_CACHE = "default"
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": "3/min", "user": "5/min"}
    settings.ARCHIVE_SEARCH_RATES = {"anon": "2/min", "user": "5/min"}
    api = [client.get("/api/search", {"q": "الإرهاب"}) for _ in range(4)]
    assert [r.status_code for r in api] == [200, 200, 200, 429]
    assert api[1]["X-Search-Cache"] == "hit"  # the limit counted the cached answers
    pages = [client.get("/search", {"q": "الإرهاب"}).status_code for _ in range(3)]
    assert pages == [200, 200, 429]
