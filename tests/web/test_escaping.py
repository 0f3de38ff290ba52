"""Text from an article is never rendered unescaped: results, article page, admin."""

import pytest

from archive.ingest.services import article_upsert

pytestmark = pytest.mark.django_db

TITLE = "<script>alert('t')</script> تعاون أمني"
BODY = '<img src=x onerror="alert(1)"> اجتمع ممثلو الإنتربول <b>لمكافحة</b> الإرهاب.'


@pytest.fixture
def hostile(db):
    return article_upsert(title=TITLE, body=BODY).article


def _assert_escaped(html):
    assert "<script>alert(" not in html
    assert "<img src=x" not in html and "<b>لمكافحة</b>" not in html
    assert "&lt;script&gt;" in html


def test_search_results_escape_article_markup(client, hostile):
    html = client.get("/search", {"q": "الإرهاب"}).content.decode()
    _assert_escaped(html)
    assert "<mark>الإرهاب</mark>" in html  # highlights are added after escaping
    snippet = client.get("/api/search", {"q": "الإرهاب"}).json()["results"][0]["snippet"]
    assert "<img" not in snippet and "&lt;b&gt;" in snippet and "<mark>" in snippet


def test_article_page_escapes_article_markup(client, hostile):
    _assert_escaped(client.get(f"/articles/{hostile.pk}/").content.decode())


def test_admin_escapes_article_markup(admin_client, hostile):
    _assert_escaped(admin_client.get("/admin/archive/article/").content.decode())
    _assert_escaped(
        admin_client.get(f"/admin/archive/article/{hostile.pk}/change/").content.decode()
    )
