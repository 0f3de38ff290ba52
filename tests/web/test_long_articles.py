"""A very long article is read and served in parts, never whole (memory stays bounded)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.browse.selectors import BODY_PART_CHARS
from archive.ingest.services import article_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_article():
    # Three parts: each starts with a word found only in it.
    parts = [
        f"{word} " + "نص طويل عن التعاون الأمني. " * (BODY_PART_CHARS // 26)
        for word in ("بداية", "وسط", "خاتمة")
    ]
    body = "".join(p[:BODY_PART_CHARS] for p in parts[:2]) + parts[2][:1000]
    return article_upsert(title="مقال طويل جدا", body=body).article


def test_the_page_shows_one_part_with_links_to_the_others(client, long_article):
    with CaptureQueriesContext(connection) as queries:
        first = client.get(f"/articles/{long_article.pk}/")
    assert first.status_code == 200
    text = first.content.decode()
    assert "بداية" in text and "خاتمة" not in text and "وسط" not in text
    assert 'href="?part=2" rel="next"' in text
    # The body column is only ever read cut to a part, in the database.
    selects = [q["sql"] for q in queries.captured_queries if "archive_article" in q["sql"]]
    whole = [q for q in selects if re.search(r'(?<!\()(?:"archive_article"|T\d+)\."body"', q)]
    assert not whole, whole
    last = client.get(f"/articles/{long_article.pk}/", {"part": 3}).content.decode()
    assert "خاتمة" in last and "بداية" not in last and 'rel="prev"' in last
    assert client.get(f"/articles/{long_article.pk}/", {"part": 4}).status_code == 404
    assert client.get(f"/articles/{long_article.pk}/", {"part": "x"}).status_code == 400


def test_the_api_gives_the_text_in_parts(client, long_article):
    doc = client.get(f"/api/articles/{long_article.pk}").json()
    assert (doc["body_part"], doc["body_parts"]) == (1, 3)
    assert len(doc["body"]) == BODY_PART_CHARS and doc["body"].startswith("بداية")
    tail = client.get(f"/api/articles/{long_article.pk}", {"part": 3}).json()
    assert tail["body"].startswith("خاتمة") and len(tail["body"]) == 1000
    assert client.get(f"/api/articles/{long_article.pk}", {"part": 4}).status_code == 404
    assert client.get(f"/api/articles/{long_article.pk}", {"part": 0}).status_code == 404


def test_a_short_article_is_one_part_as_before(client):
    article = article_upsert(title="قصير", body="نص قصير عن الإرهاب.").article
    doc = client.get(f"/api/articles/{article.pk}").json()
    assert doc["body"] == "نص قصير عن الإرهاب." and doc["body_parts"] == 1
    assert 'rel="next"' not in client.get(f"/articles/{article.pk}/").content.decode()
