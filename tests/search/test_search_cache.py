"""Anonymous searches answered from the cache: the same answer, faster; never for a
signed-in user, never across languages, and gone after ARCHIVE_SEARCH_CACHE_SECONDS."""

import pytest

from archive.ingest.services import article_upsert
from archive.search.cache import CACHE_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 30
    settings.ARCHIVE_SEARCH_CACHE = "default"  # in memory: cleared before each test
    article_upsert(title="الإنتربول يعقد اجتماعا", body="اجتمع ممثلو الانتربول لمكافحة الإرهاب.")


@pytest.mark.parametrize("path", ["/search", "/api/search", "/search/feed"])
def test_a_repeated_anonymous_search_is_answered_from_the_cache(client, cached, path):
    first = client.get(path, {"q": "الإنتربول"})
    assert first.status_code == 200 and first[CACHE_HEADER] == "miss"
    assert not first.cookies  # nothing user-specific: no CSRF or session cookie
    # A new article is not seen until the cached answer expires...
    article_upsert(title="الإنتربول مرة أخرى", body="خبر جديد عن الانتربول.")
    second = client.get(path, {"q": "الإنتربول"})
    assert second[CACHE_HEADER] == "hit" and second.content == first.content
    # ...while another query, or the same one in another language, is computed afresh.
    other = client.get(path, {"q": "الإنتربول", "page": "1"})
    assert other[CACHE_HEADER] == "miss" and other.content != first.content
    english = client.get(path, {"q": "الإنتربول"}, headers={"accept-language": "en"})
    assert english[CACHE_HEADER] == "miss"


def test_signed_in_users_and_errors_are_never_cached(client, cached, django_user_model):
    bad = client.get("/api/search", {"q": "x" * 10_001})
    assert bad.status_code == 400 and CACHE_HEADER not in bad
    assert client.get("/api/search", {"q": "الإنتربول"})[CACHE_HEADER] == "miss"
    user = django_user_model.objects.create_user("analyst", password="pw-long-enough-1")
    client.force_login(user)
    response = client.get("/api/search", {"q": "الإنتربول"})
    assert response.status_code == 200 and CACHE_HEADER not in response


def test_the_cache_expires_and_can_be_turned_off(client, cached, settings):
    from django.core.cache import cache

    assert client.get("/api/search", {"q": "الإنتربول"})[CACHE_HEADER] == "miss"
    cache.clear()  # what expiry does
    article_upsert(title="الإنتربول مرة أخرى", body="خبر جديد عن الانتربول.")
    fresh = client.get("/api/search", {"q": "الإنتربول"})
    assert fresh[CACHE_HEADER] == "miss" and fresh.json()["count"] == 2
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 0
    assert CACHE_HEADER not in client.get("/api/search", {"q": "الإنتربول"})


def test_the_language_switch_needs_no_csrf_cookie():
    """Anonymous pages carry no CSRF token (so they can be shared from the cache) and
    the language switch still works."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get("/search", {"q": "الإرهاب"})
    assert "csrfmiddlewaretoken" not in page.content.decode()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/search"}, follow=True)
    assert '<html lang="en" dir="ltr">' in switched.content.decode()


def test_an_expired_answer_is_recomputed_once_while_others_get_the_previous_one(
    client, cached, monkeypatch
):
    import time

    from django.core.cache import cache

    from archive.search import cache as search_cache

    first = client.get("/api/search", {"q": "الإنتربول"})
    assert first[CACHE_HEADER] == "miss" and first.json()["count"] == 1
    article_upsert(title="الإنتربول مرة أخرى", body="خبر جديد عن الانتربول.")
    later = time.time() + 38  # past the 30 (+-25%) fresh seconds
    monkeypatch.setattr(search_cache.time, "time", lambda: later)
    # While one request recomputes the answer (it holds the refresh lock)...
    key = next(k for k in cache._cache if "search-page:" in k and ":refresh" not in k)
    lock = key.split(":", 2)[-1] + ":refresh"
    assert cache.add(lock, 1, 30)
    stale = client.get("/api/search", {"q": "الإنتربول"})
    assert stale[CACHE_HEADER] == "stale" and stale.json()["count"] == 1
    # ...and once it is done, the next request computes and stores the new answer.
    cache.delete(lock)
    fresh = client.get("/api/search", {"q": "الإنتربول"})
    assert fresh[CACHE_HEADER] == "miss" and fresh.json()["count"] == 2
    assert client.get("/api/search", {"q": "الإنتربول"})[CACHE_HEADER] == "hit"


def test_the_configured_cache_is_shared_by_the_worker_processes(client, settings, tmp_path):
    """Answers are kept in files (one directory for every worker of the machine)."""
    from django.core.cache import caches

    from archive.ingest.services import article_upsert as upsert

    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 30
    search_cache = caches[settings.ARCHIVE_SEARCH_CACHE]
    assert "FileBasedCache" in type(search_cache).__name__
    search_cache._dir = str(tmp_path)  # this test's own directory
    upsert(title="الإنتربول يعقد اجتماعا", body="اجتمع ممثلو الانتربول.")
    assert client.get("/api/search", {"q": "الإنتربول"})[CACHE_HEADER] == "miss"
    assert list(tmp_path.iterdir())  # written where another process can read it
    assert client.get("/api/search", {"q": "الإنتربول"})[CACHE_HEADER] == "hit"
