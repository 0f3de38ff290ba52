"""Anonymous searches answered from the cache for a short while.

Analysts share queries (the names of organizations, the news of the day): the same
search asked again within ARCHIVE_SEARCH_CACHE_SECONDS is served from the cache instead
of being computed again (one search costs tens of milliseconds of CPU; a cached answer,
well under one). When an answer is older than that, the first request to see it
computes it again while the others are still served the previous answer (for at most
STALE_FACTOR times as long): a popular query never sends every client to the database
at the same moment. What it trades: an anonymous search may be that many seconds behind
ingest and curation. Signed-in users (curators checking their corrections) are never
served from this cache.
"""

from __future__ import annotations

import hashlib
import random
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language

CACHED_PATHS = frozenset({"/search", "/api/search", "/search/feed"})
CACHE_HEADER = "X-Search-Cache"
STALE_FACTOR = 4  # a stale answer is served at most this many times the fresh period
REFRESH_LOCK_SECONDS = 30  # one request recomputes an answer; a failed one frees it then


def _key(request) -> str:
    # SECURITY INVARIANT: only answers that depend on nothing but the URL and the
    # language are shared: the request carries no session (so no user, no flash
    # message), the response sets no cookie, and the key holds the whole URL, the
    # active language, and the scheme and host (feeds and the API's next/previous
    # links are absolute: another host's answer would send a client elsewhere).
    raw = f"{get_language()}\n{request.scheme}://{request.get_host()}{request.get_full_path()}"
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
        entry = cache.get(key)
        if entry is not None:
            response, fresh_until = entry
            if time.time() < fresh_until:
                response[CACHE_HEADER] = "hit"
                return response
            if not cache.add(key + ":refresh", 1, REFRESH_LOCK_SECONDS):
                response[CACHE_HEADER] = "stale"  # another request is recomputing it
                return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            # Spread over +-25%: answers cached together are not all recomputed together.
            fresh = seconds * random.uniform(0.75, 1.25)  # noqa: S311 - not security
            cache.set(key, (response, time.time() + fresh), seconds * STALE_FACTOR)
            response[CACHE_HEADER] = "miss"
        cache.delete(key + ":refresh")
        return response
