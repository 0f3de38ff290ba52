"""Anonymous searches answered from the cache for a short while.

Analysts share queries (the names of organizations, the news of the day): the same
search asked again within ARCHIVE_SEARCH_CACHE_SECONDS is served from the cache instead
of being computed again (one search costs tens of milliseconds of CPU; a cached answer,
well under one). What it trades: an anonymous search may be that many seconds behind
ingest and curation. Signed-in users (curators checking their corrections) are never
served from this cache.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

CACHED_PATHS = frozenset({"/search", "/api/search", "/search/feed"})
CACHE_HEADER = "X-Search-Cache"


def _key(request) -> str:
    # SECURITY INVARIANT: only answers that depend on nothing but the URL and the
    # language are shared: the request carries no session (so no user, no flash
    # message), the response sets no cookie, and the key holds the whole URL and the
    # active language.
    raw = f"{get_language()}\n{request.get_full_path()}"
    return "search-page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and request.path in CACHED_PATHS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
    )


class SearchCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.ARCHIVE_SEARCH_CACHE_SECONDS
        if seconds <= 0 or not _cacheable(request):
            return self.get_response(request)
        cache = caches[settings.ARCHIVE_SEARCH_CACHE]
        key = _key(request)
        response = cache.get(key)
        if response is not None:
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, response, seconds)
            response[CACHE_HEADER] = "miss"
        return response
