"""Settings, read from the environment (see .env.example).

DATABASE_URL            PostgreSQL URL; unset: the embedded cluster under var/ (archive.platform.embedded_db)
DJANGO_SECRET_KEY       required when DEBUG is off
DJANGO_DEBUG            1/true to enable debug (the .env that make writes on first run sets it)
DJANGO_ENV_FILE         the file read for unset variables (default: .env beside manage.py; "" for none)
DJANGO_ALLOWED_HOSTS    comma-separated host names
ARCHIVE_LOGIN_REQUIRED  1: every page needs a login (private deployment); default open
DJANGO_SECURE_SSL_REDIRECT / DJANGO_SECURE_PROXY_SSL_HEADER / DJANGO_SECURE_HSTS_*  HTTPS
DJANGO_NUM_PROXIES      reverse proxies in front of the site (client address for throttles)
ARCHIVE_API_RATE_ANON / ARCHIVE_API_RATE_USER  JSON API rates, e.g. 120/min (N/s, /min, /h, /day)
ARCHIVE_SEARCH_RATE_ANON / ARCHIVE_SEARCH_RATE_USER  search page rates (default: the API's)
ARCHIVE_LOGIN_FAILURE_LIMIT / ARCHIVE_LOGIN_COOLOFF_MINUTES  login lockout
ARCHIVE_SEARCH_CACHE_SECONDS  anonymous searches served from the cache (default 30; 0: off)
ARCHIVE_INGEST_MAX_*    ingest limits: ARTICLE_CHARS, LINE_BYTES, RECORD_BYTES, DECOMPRESSED_BYTES, COMPRESSION_RATIO (README)
DATABASE_REPLICA_URLS   comma-separated URLs of read replicas (optional)
DJANGO_LOG_FORMAT       json (default when DEBUG is off) or plain
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A local .env (make writes one on first run: debug on and a generated development key)
# fills in what the environment leaves unset, so `python manage.py ...` works in a new
# shell with nothing exported; a variable set in the environment always wins. Production
# images ship no .env (.dockerignore) and set DJANGO_ENV_FILE="".
_ENV_FILE = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if _ENV_FILE:
    load_dotenv(_ENV_FILE, override=False)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set and DJANGO_DEBUG is off: refusing to start. "
            "Set DJANGO_SECRET_KEY (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))') "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only
# SECURITY INVARIANT: outside DEBUG the key signs sessions, password resets and CSRF
# tokens; a short or repetitive one can be guessed, so refuse to start with one shorter
# than Django's recommended length (its check --deploy rule: 50 characters, 5 distinct).
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too short: at least 50 characters with at least 5 different "
        "ones are needed when DJANGO_DEBUG is off "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "psqlextra",
    "simple_history",
    "archive",
]

# One list, in the order requests pass through it.
MIDDLEWARE = [
    # every log line of a request carries its id; then the request picks its database
    "archive.platform.observability.RequestIdMiddleware",
    "archive.platform.db_router.ReadReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a session ends when its account is deactivated or loses its role
    "archive.accounts.middleware.AccessEndsWithTheAccountMiddleware",
    # NUL and other control characters in the path or a parameter: 400 on every route
    "archive.platform.request_guard.ControlCharacterMiddleware",
    # ARCHIVE_LOGIN_REQUIRED is decided before any cached answer is served
    "archive.accounts.middleware.SiteLoginRequiredMiddleware",
    # API and search-page throttles, counted for every worker, before any cached answer
    "archive.accounts.throttling.ThrottleMiddleware",
    "archive.search.cache.SearchCacheMiddleware",
    # history rows name the curator who made the change (django-simple-history)
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # analyzer built from the curators' lexicon (re-read at most every 10 s)
    "archive.search.lexicon.LexiconMiddleware",
    "axes.middleware.AxesMiddleware",  # axes wants to be last
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# With no DATABASE_URL the project brings up its own PostgreSQL (pgserver wheel)
# under var/pgdata, so `make run` and `make test` need nothing installed by hand.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if not DATABASE_URL:
    from archive.platform import embedded_db

    DATABASE_URL = embedded_db.database_url()

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
DATABASES["default"]["ENGINE"] = "psqlextra.backend"
if "host" in DATABASES["default"].get("OPTIONS", {}):  # unix socket given as ?host=
    DATABASES["default"]["HOST"] = DATABASES["default"]["OPTIONS"].pop("host")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# psqlextra would create the hstore extension on connect; we use no hstore field,
# and the embedded server does not ship it.
POSTGRES_EXTRA_AUTO_EXTENSION_SET_UP = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"  # see "Access and security" below

# --- Internationalization: Arabic first, English available -------------------
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "archive" / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files (whitenoise) ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Logging ----------------------------------------------------------------
# One JSON object per line on standard output, each with the request id
# (archive.platform.observability); DJANGO_LOG_FORMAT=plain for human-readable lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "archive.platform.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "archive.platform.observability.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Production: request ids, read replicas ----------------------------------
# The request id comes first so that every later middleware's log lines carry it.
# DATABASE_REPLICA_URLS: comma-separated URLs of streaming replicas of the primary;
# GET pages and the API read from them, writes and the admin use the primary.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=60)
    _replica["ENGINE"] = DATABASES["default"]["ENGINE"]
    if "host" in _replica.get("OPTIONS", {}):
        _replica["HOST"] = _replica["OPTIONS"].pop("host")
    _replica["CONN_HEALTH_CHECKS"] = True
    _replica["TEST"] = {"MIRROR": "default"}  # tests see one database unless they say so
    DATABASES[f"replica{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica{_number}")
DATABASE_ROUTERS = ["archive.platform.db_router.ReadReplicaRouter"]
# Health probes (compose, load balancers) ask over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]


def _axes_username(request, credentials=None):
    """The username axes records for a login attempt, cut to its column's 255 characters.

    Django's login forms (site and admin) do not enforce the username's length, so a
    longer one made the failure record's insert fail with a 500 (found by
    tests/web/test_fuzz.py); no real username is that long (150 at most).
    """
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "data", request.POST).get("username")
    return value[:255] if isinstance(value, str) else value


AXES_USERNAME_CALLABLE = _axes_username
# collectstatic elsewhere (make prod-check writes into a temporary directory).
if os.environ.get("DJANGO_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["DJANGO_STATIC_ROOT"])

# --- Access and security ------------------------------------------------------
# Roles, saved searches and curator notes live in archive.accounts (listed last so
# that its post_migrate role sync sees every other app's permissions).
INSTALLED_APPS += ["axes", "csp", "archive.accounts"]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# axes refuses logins for a locked-out client before the password is even checked;
# it needs `request` passed to authenticate() (Django's login forms do; in tests use
# client.force_login, or post to the login page).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Anonymous searches (/search, /api/search, /search/feed) are answered from the cache
# for this many seconds (0: never); see archive/search_cache.py.
_search_cache = os.environ.get("ARCHIVE_SEARCH_CACHE_SECONDS", "30").strip() or "0"
if not _search_cache.isdigit():
    raise ImproperlyConfigured(f"ARCHIVE_SEARCH_CACHE_SECONDS is not a number: {_search_cache!r}")
ARCHIVE_SEARCH_CACHE_SECONDS = int(_search_cache)
# Shared by every worker process of the machine (files under var/cache/search), so a
# popular search is computed once per period, not once per worker.
ARCHIVE_SEARCH_CACHE = "search"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "search": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("ARCHIVE_SEARCH_CACHE_DIR")
        or str(BASE_DIR / "var" / "cache" / "search"),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    # Throttle counters, shared by every worker of every machine (the table is created
    # by accounts migration 0003; any cache every worker reaches, e.g. Redis, will do).
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "archive_shared_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
ARCHIVE_THROTTLE_CACHE = "shared"

# Reading is open by default; ARCHIVE_LOGIN_REQUIRED=1 closes every page to anonymous
# visitors except these (health probes for the orchestrator, the login page itself).
ARCHIVE_LOGIN_REQUIRED = env_bool("ARCHIVE_LOGIN_REQUIRED", False)
ARCHIVE_LOGIN_EXEMPT_PATHS = ["/healthz", "/readyz", "/account/login/", "/i18n/setlang/"]

# Client address: behind N reverse proxies, the N-th address from the right of
# X-Forwarded-For; with none (the default) X-Forwarded-For is ignored, since any
# client can send it to dodge its throttle.
NUM_PROXIES = int(os.environ.get("DJANGO_NUM_PROXIES", "0") or 0)
NINJA_NUM_PROXIES = NUM_PROXIES
NINJA_DEFAULT_THROTTLE_RATES = {
    "anon": os.environ.get("ARCHIVE_API_RATE_ANON", "120/min"),
    "user": os.environ.get("ARCHIVE_API_RATE_USER", "600/min"),
}
# The search pages (/search, its CSV export and feed): the API's rates unless set.
ARCHIVE_SEARCH_RATES = {
    "anon": os.environ.get("ARCHIVE_SEARCH_RATE_ANON") or NINJA_DEFAULT_THROTTLE_RATES["anon"],
    "user": os.environ.get("ARCHIVE_SEARCH_RATE_USER") or NINJA_DEFAULT_THROTTLE_RATES["user"],
}
for _scope, _rate in [*NINJA_DEFAULT_THROTTLE_RATES.items(), *ARCHIVE_SEARCH_RATES.items()]:
    # Refuse to start on a typo rather than answer every API request with a 500.
    if not re.fullmatch(r"\d+/\d*(s|sec|m|min|h|hour|d|day)", _rate):
        raise ImproperlyConfigured(f"API rate for {_scope!r} is not like 120/min: {_rate!r}")
AXES_FAILURE_LIMIT = int(os.environ.get("ARCHIVE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ARCHIVE_LOGIN_COOLOFF_MINUTES", "15")))
# Lock the account for the client that failed, not for everyone: an attacker
# cannot lock a curator out of the archive from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No "AXES: BEGIN version ..." line at the start of every command; lockouts are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_HTTP_RESPONSE_CODE = 429
if NUM_PROXIES:
    AXES_IPWARE_PROXY_COUNT = NUM_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# HTTPS: on by default in production; off in DEBUG so `make run` works over http.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# (SECURE_REDIRECT_EXEMPT above spares the health probes.)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    # Only behind a TLS proxy that sets (and overwrites) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp), in every mode so tests see it. No inline
# script anywhere. style-src-attr allows style="" attributes only (the search
# page's histogram sets each bar's height with a CSS variable) and no <style>.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Ingest's limits (archive.text.formats.Limits): an item over one fails alone with an
# error naming its setting; together they keep ingest's memory bounded whatever the input.
ARCHIVE_INGEST_MAX_ARTICLE_CHARS = int(
    os.environ.get("ARCHIVE_INGEST_MAX_ARTICLE_CHARS", "2000000")
)
ARCHIVE_INGEST_MAX_LINE_BYTES = int(os.environ.get("ARCHIVE_INGEST_MAX_LINE_BYTES", str(8 * 2**20)))
ARCHIVE_INGEST_MAX_RECORD_BYTES = int(
    os.environ.get("ARCHIVE_INGEST_MAX_RECORD_BYTES", str(16 * 2**20))
)
ARCHIVE_INGEST_MAX_DECOMPRESSED_BYTES = int(
    os.environ.get("ARCHIVE_INGEST_MAX_DECOMPRESSED_BYTES", str(4 * 2**30))
)
ARCHIVE_INGEST_MAX_COMPRESSION_RATIO = int(
    os.environ.get("ARCHIVE_INGEST_MAX_COMPRESSION_RATIO", "100")
)
