"""Readiness, request ids in responses and logs, and reads routed to replicas."""

import io
import json
import logging
import os
import subprocess
import sys
import textwrap

import psycopg
import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory, override_settings
from psycopg import sql

from archive.models import Article
from archive.platform import db_router
from archive.platform.observability import JsonFormatter, RequestIdFilter, RequestIdMiddleware
from archive.web import views
from tests.conftest import ROOT

# --- /readyz -------------------------------------------------------------------


@pytest.mark.django_db
def test_readyz_says_ready_when_the_database_answers_and_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_503_with_the_reason_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)
    monkeypatch.setattr(views, "_unapplied_migrations", lambda: ["archive.9999_future"])
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["reason"] == "unapplied migrations"
    assert body["migrations"] == ["archive.9999_future"]


@pytest.mark.django_db
def test_readyz_and_healthz_are_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["reason"].startswith("database unreachable")
    assert client.get("/healthz").status_code == 503


# --- request ids ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_sane_request_id_is_echoed_and_a_hostile_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c2e-01")["X-Request-ID"] == (
        "lb-7f3a9c2e-01"
    )
    for hostile in ["x" * 500, "abc\ndef-forged-line", "<script>alert(1)</script>", "short", ""]:
        given = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)["X-Request-ID"]
        assert given != hostile
        assert given.isalnum() and len(given) == 32
    first = client.get("/healthz")["X-Request-ID"]
    assert first != client.get("/healthz")["X-Request-ID"]


def test_every_log_line_of_a_request_is_json_with_its_request_id():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("archive.test_production")
    log.addHandler(handler)
    log.setLevel(logging.INFO)

    def view(request):
        log.info("searching %s", "الإرهاب")
        from django.http import HttpResponse

        return HttpResponse("ok")

    try:
        middleware = RequestIdMiddleware(view)
        request = RequestFactory().get("/search", HTTP_X_REQUEST_ID="req-0123456789")
        response = middleware(request)
        log.info("after the request")
    finally:
        log.removeHandler(handler)
    during, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert response["X-Request-ID"] == "req-0123456789"
    assert during["request_id"] == "req-0123456789"
    assert during["message"] == "searching الإرهاب" and during["level"] == "INFO"
    assert after["request_id"] == "-"  # the id does not leak into the next request


# --- read replicas: the router's decisions ----------------------------------------


@override_settings(DATABASE_REPLICAS=["replica1"])
def test_reads_go_to_a_replica_only_for_get_requests_outside_the_admin():
    router = db_router.ReadReplicaRouter()
    seen = {}

    def view(request):
        seen[(request.method, request.path)] = router.db_for_read(Article)
        from django.http import HttpResponse

        return HttpResponse()

    middleware = db_router.ReadReplicaMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/search"))
    middleware(factory.head("/api/articles"))
    middleware(factory.get("/admin/archive/article/"))
    middleware(factory.post("/search"))
    middleware(factory.delete("/api/articles/1"))
    assert seen == {
        ("GET", "/search"): "replica1",
        ("HEAD", "/api/articles"): "replica1",
        ("GET", "/admin/archive/article/"): "default",
        ("POST", "/search"): "default",
        ("DELETE", "/api/articles/1"): "default",
    }
    assert router.db_for_read(Article) == "default"  # outside a request: ingest, shell
    assert router.db_for_write(Article) == "default"
    assert router.allow_migrate("replica1", "archive") is False
    assert router.allow_migrate("default", "archive") is True


@override_settings(DATABASE_REPLICAS=["replica1", "replica2"])
def test_sessions_and_accounts_are_read_from_the_primary_and_one_replica_serves_a_request():
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from archive.accounts.models import SavedSearch

    router = db_router.ReadReplicaRouter()

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(
            " ".join(
                router.db_for_read(model)
                for model in (Article, Session, get_user_model(), SavedSearch, Article)
            )
        )

    middleware = db_router.ReadReplicaMiddleware(view)
    for _ in range(20):
        article, session, user, saved, again = (
            middleware(RequestFactory().get("/search")).content.decode().split()
        )
        assert article in {"replica1", "replica2"} and again == article
        assert session == user == saved == "default"


@override_settings(DATABASE_REPLICAS=[])
def test_without_replicas_everything_uses_the_primary():
    router = db_router.ReadReplicaRouter()
    middleware = db_router.ReadReplicaMiddleware(lambda r: router.db_for_read(Article))
    assert middleware(RequestFactory().get("/search")) == "default"


# --- read replicas: two real databases ----------------------------------------------

_ROUTING_SCRIPT = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from django.http import HttpResponse
    from django.test import Client, RequestFactory
    from archive.platform.db_router import ReadReplicaMiddleware
    from archive.models import Article

    pk, query = int(sys.argv[1]), sys.argv[2]
    client = Client()
    out = {"api_detail": client.get(f"/api/articles/{pk}").json()["title"]}
    out["api_list"] = [a["title"] for a in client.get("/api/articles").json()["results"]]
    out["api_search"] = [
        r["title"] for r in client.get("/api/search", {"q": query}).json()["results"]
    ]
    out["search"] = client.get("/search", {"q": query}).content.decode()
    out["page"] = client.get(f"/articles/{pk}/").content.decode()
    # Users and sessions exist on the primary only (the replica is an older copy): a
    # user who just logged in stays logged in on pages whose content the replica serves.
    from archive.accounts.services import user_create
    analyst = user_create(username="routing-analyst", role="analyst")
    client.force_login(analyst)
    out["search_logged_in"] = client.get("/search", {"q": query}).content.decode()
    admin = get_user_model().objects.create_superuser("routing-admin", "a@example.org", "x")
    client.force_login(admin)
    out["admin"] = client.get(f"/admin/archive/article/{pk}/change/").content.decode()
    post = ReadReplicaMiddleware(lambda r: HttpResponse(Article.objects.get(pk=pk).title))
    out["post"] = post(RequestFactory().post("/search")).content.decode()
    print(json.dumps(out))
    """
)


def _url(db, name):
    host = db["HOST"] or "localhost"
    auth = f"{db['USER']}:{db['PASSWORD'] or ''}"
    if host.startswith("/"):
        return f"postgres://{auth}@/{name}?host={host}"
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{name}"


def _conninfo(db, name):
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=name,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_data")
def test_pages_and_api_read_the_replica_while_admin_and_posts_use_the_primary(seeded):
    db = dict(connection.settings_dict)
    primary, replica = db["NAME"], f"{db['NAME']}_replica"
    article = Article.objects.order_by("pk").first()
    # Three words of its title: a search that finds it (the replica keeps its vector).
    query = " ".join([word for word in article.title.split() if word.isalpha()][:3])
    connection.close()  # CREATE DATABASE ... TEMPLATE needs the primary without sessions
    with psycopg.connect(_conninfo(db, "postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(replica)))
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(replica), sql.Identifier(primary)
            )
        )
    try:
        # The "replica" differs from the primary in one visible place: the marker title.
        with psycopg.connect(_conninfo(db, replica), autocommit=True) as conn:
            conn.execute(
                "UPDATE archive_article SET title = %s WHERE id = %s",
                ("REPLICA-MARKER", article.pk),
            )
        env = {
            **os.environ,
            "DATABASE_URL": _url(db, primary),
            "DATABASE_REPLICA_URLS": _url(db, replica),
            "DJANGO_DEBUG": "1",
            "DJANGO_LOG_LEVEL": "ERROR",
        }
        run = subprocess.run(
            [sys.executable, "-c", _ROUTING_SCRIPT, str(article.pk), query],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        out = json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        with psycopg.connect(_conninfo(db, "postgres"), autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(replica))
            )
    assert out["api_detail"] == "REPLICA-MARKER"
    assert "REPLICA-MARKER" in out["api_list"]
    assert "REPLICA-MARKER" in out["api_search"]
    assert "REPLICA-MARKER" in out["search"]
    assert "REPLICA-MARKER" in out["page"]
    assert (
        "REPLICA-MARKER" in out["search_logged_in"] and "routing-analyst" in out["search_logged_in"]
    )
    assert "REPLICA-MARKER" not in out["admin"] and article.title[:40] in out["admin"]
    assert out["post"] == article.title
