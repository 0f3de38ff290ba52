"""Reads on read replicas, everything else on the primary.

``DATABASE_REPLICA_URLS`` (settings) adds the aliases ``replica1``, ``replica2``... Reads
go to a replica (one chosen at random per request) only while a safe (GET/HEAD) request outside
/admin/ is being answered: :class:`ReadReplicaMiddleware` marks such requests. Everything
else uses the primary (``default``): writes, the admin (a curator must see what they just
saved, not a lagging copy), POST and other unsafe methods, reads inside a transaction on
the primary, and code run outside a request (``ingest``, ``migrate``, the shell), which
reads what it wrote a moment ago. Migrations run only on the primary; replicas follow it
by streaming replication.

Who is logged in and what they saved is always read from the primary (sessions, users,
login attempts, saved searches and notes: :data:`PRIMARY_ONLY_APPS`): a session created
or a search saved a moment ago must not vanish because the replica is a few
milliseconds behind. Only the archive's content (articles, facts, search) is spread.
"""

from __future__ import annotations

import contextvars
import random

from django.conf import settings
from django.db import connections

PRIMARY = "default"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_ADMIN_PREFIX = "/admin/"
# Per-user state read right after it was written (login, saving a search): never stale.
# django_cache: the database cache holding the throttle counters shared by every worker.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "axes", "accounts", "django_cache"})

# The replica this request reads from, or None (the primary). One replica per request:
# the count, the results and the facets of one search see the same snapshot.
_replica = contextvars.ContextVar("replica", default=None)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


class ReadReplicaMiddleware:
    """Allows replica reads for GET/HEAD requests outside the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = replica_aliases()
        allowed = (
            replicas
            and request.method in SAFE_METHODS
            and not request.path_info.startswith(_ADMIN_PREFIX)
        )
        # Load spreading, not security: a uniform choice per request.
        chosen = random.choice(replicas) if allowed else None  # noqa: S311
        # gthread workers reuse threads: reset, or the next request would inherit it.
        token = _replica.set(chosen)
        try:
            return self.get_response(request)
        finally:
            _replica.reset(token)


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        replica = _replica.get()
        if replica is None or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if model is not None and model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        return replica

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
