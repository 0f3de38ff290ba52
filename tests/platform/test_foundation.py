"""The foundation a newcomer relies on: models, idempotent ingest, search, health."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from archive.models import Article, Organization, Source
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.django_db


def test_article_content_hash_is_unique():
    Article.objects.create(title="a", body="b", content_hash="x" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="another", body="text", content_hash="x" * 64)


def test_organization_slug_is_unique():
    Organization.objects.create(slug="ct-test-centre", name_ar="مركز الاختبار")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(slug="ct-test-centre", name_ar="مركز آخر")


def test_the_gazetteer_is_loaded_by_migration():
    interpol = Organization.objects.get(slug="interpol")
    assert interpol.acronym == "INTERPOL"
    assert interpol.aliases.filter(name="الانتربول").exists()
    assert Organization.objects.count() >= 150
    cis = Organization.objects.get(slug="cis")
    assert (
        cis.aliases.filter(name="كومنولث الدول المستقلة").exists()
        or cis.name_ar == "كومنولث الدول المستقلة"
    )


def _counts():
    return Article.objects.count(), Source.objects.count()


def test_ingesting_the_seeds_twice_gives_the_same_rows():
    out = io.StringIO()
    call_command("ingest", str(SEEDS), stdout=out)
    assert "new 5" in out.getvalue()
    first = _counts()
    out = io.StringIO()
    call_command("ingest", str(SEEDS), stdout=out)
    assert "new 0, updated 0, duplicate 5, failed 0" in out.getvalue()
    # Two outlets are named in the texts: "– RT World News" and "المصدر: صحيفة الجزيرة".
    assert _counts() == first == (5, 2)
    titles = set(Article.objects.values_list("title", flat=True))
    assert "السعودية تستضيف الدورة الثانية للقمة الدولية لمراكز التميز في مكافحة الإرهاب" in titles


def _result_titles(response):
    return [row["article"].title for row in response.context["rows"]]


def test_search_page_lists_the_seed_articles_containing_a_word(client, seeded):
    response = client.get("/search", {"q": "الإرهاب"})
    assert response.status_code == 200
    # Every seed speaks of terrorism (الإرهاب, والإرهاب, للإرهاب...).
    assert response.context["results"].count == 5
    html = response.content.decode()
    assert "<mark>الإرهاب</mark>" in html


def test_search_page_for_a_word_in_one_seed(client, seeded):
    response = client.get("/search", {"q": "طشقند"})
    assert response.status_code == 200
    titles = _result_titles(response)
    assert len(titles) == 1
    assert titles[0].startswith("رابطة الدول المستقلة ومنظمة شنغهاي للتعاون")


def test_search_page_for_a_word_in_no_seed(client, seeded):
    response = client.get("/search", {"q": "كرة القدم"})
    assert response.status_code == 200
    assert response.context["results"].count == 0
    assert _result_titles(response) == []


def test_result_links_to_the_article_page(client, seeded):
    response = client.get("/search", {"q": "طشقند"})
    article = response.context["rows"][0]["article"]
    assert f'href="/articles/{article.pk}/"' in response.content.decode()
    page = client.get(f"/articles/{article.pk}/")
    assert page.status_code == 200
    assert "طشقند" in page.content.decode()


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY", "DJANGO_DEBUG"}}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"
    env["DJANGO_ENV_FILE"] = ""  # a production machine has no development .env
    proc = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in proc.stderr


def test_every_model_is_in_the_admin(admin_client):
    from django.apps import apps
    from django.contrib import admin

    for model in apps.get_app_config("archive").get_models():
        if model._meta.auto_created or model.__name__.startswith("Historical"):
            continue  # history tables (django-simple-history) are read on each record
        if model._meta.model_name.startswith("article") and model is not Article:
            continue  # fact tables are edited inline on the article
        assert admin.site.is_registered(model), model
    response = admin_client.get("/admin/archive/article/")
    assert response.status_code == 200


@pytest.mark.parametrize("key", ["x", "a" * 60, "abcd" * 20, "short-but-varied-key-0123456789"])
def test_production_settings_refuse_a_short_or_repetitive_secret_key(key):
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_ENV_FILE": ""}
    env.update(DJANGO_SECRET_KEY=key, DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    proc = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY is too short" in proc.stderr
