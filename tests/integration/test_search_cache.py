"""Anonymous searches answered from the cache: the same answer, faster; never for a
signed-in user, never across languages, and gone after ARCHIVE_SEARCH_CACHE_SECONDS."""

import pytest

from archive.search_cache import CACHE_HEADER
from archive.services import article_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.ARCHIVE_SEARCH_CACHE_SECONDS = 30
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
