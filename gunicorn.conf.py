"""gunicorn settings for the archive: `gunicorn -c gunicorn.conf.py archive.wsgi:application`.

Sized from the CPU count; every value can be overridden from the environment
(GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_BIND...).
Logs: one JSON object per line on standard output (archive.observability), the access
line with the request id the Django middleware sets.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 - inside a container

# Search is CPU work in PostgreSQL plus some in Python (highlighting, templates):
# 2 processes per core plus one, each with a few threads to overlap database waits.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)

# A search that takes longer than this is killed and logged, not waited for.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM/SIGHUP, requests in flight get this long to finish (graceful reload).
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then, staggered, so slow memory growth never adds up. Not
# often: a fresh worker re-reads the lexicon and the name index, and under load (the
# load test: 800 requests/s) recycling every 2,000 requests stalled a request in twenty.
max_requests = _int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 5_000)

# Django, the templates and the gazetteer load once in the master; workers fork from it.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"

# Limits on what a client may send (the longest legitimate URL is a search with filters).
limit_request_line = 8190
limit_request_fields = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "archive.platform.observability.GunicornJsonLogger"
# X-Forwarded-* is trusted from these addresses only (the load balancer or compose network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    # What the master loaded (Django, the gazetteer, the analyzer's tables) is never
    # freed: kept out of the workers' garbage collections, which then stay short and
    # leave those pages shared (Python's gc.freeze documentation).
    import gc

    gc.freeze()


def post_fork(server, worker):
    # Connections opened in the master (preload) must not be shared by workers.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
