"""A cached answer never carries another caller's host or scheme in its links."""

import pytest

from archive.ingest.services import article_upsert
from archive.search.cache import CACHE_HEADER
from archive.search.selectors import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 30
    settings.ARCHIVE_SEARCH_CACHE = "default"
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    for n in range(PAGE_SIZE + 1):
        article_upsert(title=f"الإنتربول {n}", body=f"اجتمع ممثلو الانتربول رقم {n}.")


def test_feed_links_carry_each_callers_host_and_scheme(client, cached):
    first = client.get("/search/feed", {"q": "الإنتربول"})
    assert first[CACHE_HEADER] == "miss" and b"http://testserver/" in first.content
    other = client.get("/search/feed", {"q": "الإنتربول"}, HTTP_HOST="mirror.example.org")
    assert b"http://mirror.example.org/" in other.content
    assert b"testserver" not in other.content
    secure = client.get("/search/feed", {"q": "الإنتربول"}, secure=True)
    assert b"https://testserver/" in secure.content
    assert client.get("/search/feed", {"q": "الإنتربول"})[CACHE_HEADER] == "hit"


def test_api_next_link_carries_each_callers_host(client, cached):
    first = client.get("/api/search", {"q": "الإنتربول"}).json()
    assert first["next"].startswith("http://testserver/")
    other = client.get("/api/search", {"q": "الإنتربول"}, HTTP_HOST="mirror.example.org")
    assert other.json()["next"].startswith("http://mirror.example.org/")
