"""Throttles per client for the JSON API and the search pages, counted in a cache that
every worker shares, and applied before the search cache answers.

SECURITY INVARIANT: the counters live in settings.ARCHIVE_THROTTLE_CACHE (Django's
database cache by default, table created by accounts migration 0003), never in one
process's memory: with per-worker counters each gunicorn worker granted the full rate.
The middleware runs before archive.search.cache, so a cached answer counts too. Rates
are read from settings on every request (a deployment's settings and a test's
override_settings both take effect); a rate of None switches a throttle off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja.throttling import AnonRateThrottle, UserRateThrottle

SEARCH_PATHS = frozenset({"/search", "/search/export.csv", "/search/feed"})


class _SharedRate:
    scope: str
    rates_setting: str

    def __init__(self) -> None:
        self.rate = None  # parsed at each request

    @property
    def cache(self):
        return caches[settings.ARCHIVE_THROTTLE_CACHE]

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.rates_setting).get(self.scope.split("-")[-1])
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        key = self.get_cache_key(request)
        cache = self.cache
        if key is None or not isinstance(cache, DatabaseCache):
            return super().allow_request(request)
        # Read, append and write the client's history under a transaction-scoped
        # advisory lock: concurrent workers never lose one another's counts.
        alias = router.db_for_write(cache.cache_model_class)
        lock = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        with transaction.atomic(using=alias):
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
            return super().allow_request(request)


class _Anonymous(_SharedRate, AnonRateThrottle):
    def get_cache_key(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return super().get_cache_key(request)


class _LoggedIn(_SharedRate, UserRateThrottle):
    def get_cache_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"user-{user.pk}"}


class AnonymousThrottle(_Anonymous):
    """API visitors who are not logged in, per client address."""

    scope, rates_setting = "anon", "NINJA_DEFAULT_THROTTLE_RATES"


class LoggedInThrottle(_LoggedIn):
    """API users who are logged in (session), per user: a more generous rate."""

    scope, rates_setting = "user", "NINJA_DEFAULT_THROTTLE_RATES"


class SearchAnonymousThrottle(_Anonymous):
    scope, rates_setting = "search-anon", "ARCHIVE_SEARCH_RATES"


class SearchLoggedInThrottle(_LoggedIn):
    scope, rates_setting = "search-user", "ARCHIVE_SEARCH_RATES"


class ThrottleMiddleware:
    """429 with Retry-After over the rate: JSON for /api/, a page for the search pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            throttles = (AnonymousThrottle(), LoggedInThrottle())
        elif path in SEARCH_PATHS:
            throttles = (SearchAnonymousThrottle(), SearchLoggedInThrottle())
        else:
            return self.get_response(request)
        for throttle in throttles:
            if not throttle.allow_request(request):
                return self._refuse(request, path, throttle.wait())
        return self.get_response(request)

    @staticmethod
    def _refuse(request, path, wait):
        message = _("Too many requests: please wait a moment and try again.")
        if path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=429)
        else:
            response = render(request, "429.html", {"message": message}, status=429)
        response["Retry-After"] = str(max(1, int(wait or 1)))
        return response
