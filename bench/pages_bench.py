"""Server time of each page type (p50/p90), over the database of DATABASE_URL.

    DATABASE_URL=postgres://... .venv/bin/python bench/pages_bench.py [--requests 40]
    .venv/bin/python bench/pages_bench.py --base-url http://127.0.0.1:8000   # a running server

Product goal: every page under 100 ms at the 90th percentile with the benchmark
corpus loaded. By default each request goes through Django's test client in this process:
the whole middleware stack, view, queries and template, with DEBUG off (production
settings, plain static file names so no collectstatic is needed), and no network or WSGI
server; the SQL query count per page is shown as well. With --base-url the same URLs are
fetched over HTTP from a running server (time to the last byte, loopback included).

Each page type is requested over several objects of its kind (the busiest ones and a
seeded random sample), after one warm-up round; `healthz` (one `SELECT 1`) is the floor
of the same run. A page type whose URL answers 404 (not built yet) is reported as such.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
TARGET_P90_MS = 100.0
QUERIES = ["مكافحة الإرهاب", "الأمم المتحدة", '"مجلس وزراء الداخلية العرب"', "الانتربول", "تمويل"]


def _django(debug: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ["DJANGO_DEBUG"] = "1" if debug else "0"
    if not debug:
        os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 50)
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _url(path: str, names: tuple[str, ...], *args) -> str:
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return path


def page_urls(per_type: int, seed: int) -> dict[str, list[str]]:
    """For each page type, the URLs to request: the busiest objects, then a random sample."""
    from django.db.models import Count

    from archive.models import Article, Country, Meeting, MeetingSeries, Organization

    rng = random.Random(seed)

    def pick(qs, busiest_by: str | None, key: str = "pk") -> list:
        busiest = (
            list(
                qs.annotate(n=Count(busiest_by))
                .order_by("-n")
                .values_list(key, flat=True)[: per_type // 2]
            )
            if busiest_by
            else []
        )
        ids = list(qs.values_list(key, flat=True)[:50_000])
        chosen = set(busiest)
        rest = [i for i in ids if i not in chosen]
        return busiest + rng.sample(rest, min(len(rest), per_type - len(busiest)))

    pages: dict[str, list[str]] = {
        "healthz (floor)": ["/healthz"],
        "home": ["/"],
        "search": ["/search?" + urlencode({"q": q}) for q in QUERIES]
        + ["/search?" + urlencode({"q": QUERIES[0], "sort": "date", "page": 2})],
    }
    organizations = pick(Organization.objects.all(), "article_links", key="slug")
    if organizations:
        pages["search (organization filter)"] = [
            "/search?" + urlencode({"q": QUERIES[0], "organization": slug})
            for slug in organizations[:5]
        ]
    pages["article"] = [f"/articles/{pk}/" for pk in pick(Article.objects.all(), None)]
    pages["organization"] = [
        _url(f"/organizations/{slug}/", ("organization", "organization-detail"), slug)
        for slug in organizations
    ]
    pages["meeting"] = [
        _url(f"/meetings/{pk}/", ("meeting", "meeting-detail"), pk)
        for pk in pick(Meeting.objects.all(), "article_links")
    ]
    pages["series"] = [
        _url(f"/series/{slug}/", ("series", "series-detail"), slug)
        for slug in pick(MeetingSeries.objects.all(), "meetings", key="slug")
    ]
    pages["country"] = [
        _url(f"/countries/{code.lower()}/", ("country", "country-detail"), code)
        for code in pick(Country.objects.all(), "meetings", key="code")
    ]
    pages["organization list"] = [_url("/organizations/", ("organizations", "organization-list"))]
    pages["meeting list"] = [_url("/meetings/", ("meetings", "meeting-list"))]
    pages["country list"] = [_url("/countries/", ("countries", "country-list"))]
    return {name: urls for name, urls in pages.items() if urls}


class InProcess:
    """Django's test client: server time without a network, with the SQL query count."""

    def __init__(self, language: str):
        from django.test import Client
        from django.test.utils import override_settings

        self.client = Client(HTTP_ACCEPT_LANGUAGE=language)
        # Production settings hash static names through a manifest that only collectstatic
        # writes; plain names cost the same to render and need no build step.
        override_settings(
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
            ALLOWED_HOSTS=["testserver"],
        ).enable()

    def get(self, url: str) -> tuple[int, float, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = self.client.get(url, secure=True)  # as behind the HTTPS proxy
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - start
        return response.status_code, elapsed, len(queries)


class OverHttp:
    def __init__(self, base_url: str, language: str):
        import urllib.request

        self.base = base_url.rstrip("/")
        self.opener = urllib.request.build_opener()
        self.opener.addheaders = [("Accept-Language", language)]

    def get(self, url: str) -> tuple[int, float, int]:
        import urllib.error

        start = time.perf_counter()
        try:
            with self.opener.open(self.base + url, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, time.perf_counter() - start, -1


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page type")
    parser.add_argument("--objects", type=int, default=20, help="objects sampled per page type")
    parser.add_argument("--language", default="ar", choices=["ar", "en"])
    parser.add_argument("--base-url", help="measure a running server over HTTP instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--debug", action="store_true", help="DJANGO_DEBUG=1 (slower: not the goal)"
    )
    args = parser.parse_args(argv)

    _django(args.debug)
    from django.conf import settings
    from django.db import connection

    from archive.models import Article

    pages = page_urls(args.objects, args.seed)
    target = OverHttp(args.base_url, args.language) if args.base_url else InProcess(args.language)
    db = settings.DATABASES["default"]
    print(
        f"database {db.get('NAME')} on {db.get('HOST') or 'socket'}: "
        f"{Article.objects.count():,} articles; PostgreSQL {connection.pg_version}; "
        f"{'HTTP ' + args.base_url if args.base_url else 'in-process test client'}, "
        f"DEBUG {'on' if settings.DEBUG else 'off'}, language {args.language}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    header = f"{'page':30} {'n':>4} {'p50 ms':>8} {'p90 ms':>8} {'max ms':>8} {'SQL':>5}  status"
    print(header)
    print("-" * len(header))
    slow = []
    for name, urls in pages.items():
        for url in urls:  # warm-up: connections, caches, template loading
            target.get(url)
        times, queries, statuses = [], [], set()
        for i in range(args.requests):
            status, elapsed, n_queries = target.get(urls[i % len(urls)])
            statuses.add(status)
            times.append(elapsed * 1000)
            queries.append(n_queries)
        if statuses == {404}:
            print(f"{name:30} {'':>4} {'':>8} {'':>8} {'':>8} {'':>5}  404: page not built")
            continue
        p50, p90 = percentile(times, 0.5), percentile(times, 0.9)
        sql = f"{max(queries)}" if queries and queries[0] >= 0 else "-"
        verdict = "" if p90 <= TARGET_P90_MS else "  over target"
        if p90 > TARGET_P90_MS and not name.startswith("healthz"):
            slow.append(name)
        print(
            f"{name:30} {len(times):>4} {p50:>8.1f} {p90:>8.1f} {max(times):>8.1f} {sql:>5}  "
            f"{','.join(map(str, sorted(statuses)))}{verdict}"
        )
    print(
        f"\ntarget: p90 <= {TARGET_P90_MS:.0f} ms per page type; over target: {', '.join(slow) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
