"""JSON API throttles per client, with rates read from settings on every request.

django-ninja's throttles read their rate once, when created (at import); these read
NINJA_DEFAULT_THROTTLE_RATES each time, so a deployment's settings and a test's
override_settings both take effect. A rate of None switches a throttle off.
"""

from __future__ import annotations

from ninja.conf import settings as ninja_settings
from ninja.throttling import AnonRateThrottle, UserRateThrottle


class _RateFromSettings:
    scope: str

    def __init__(self) -> None:
        self.rate = None  # parsed at each request

    def allow_request(self, request) -> bool:
        self.rate = ninja_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AnonymousThrottle(_RateFromSettings, AnonRateThrottle):
    """Visitors who are not logged in, per client address."""

    scope = "anon"

    def get_cache_key(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return super().get_cache_key(request)


class LoggedInThrottle(_RateFromSettings, UserRateThrottle):
    """Logged-in users (session), per user: a more generous rate."""

    scope = "user"

    def get_cache_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().get_cache_key(request)
