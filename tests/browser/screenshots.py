"""PNG screenshots of each page type at desktop (1280 px) and phone (390 px) widths.

    DJANGO_DEBUG=1 .venv/bin/python tests/browser/screenshots.py [--out var/screenshots]

`make screenshots` runs it after `make seed`, over the database of DATABASE_URL (the
embedded cluster when unset). It serves the site from a thread of this process (Django's
live-server thread, static files included), picks one page of each type from the
database, and drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) with Playwright.
Files: <out>/<type>-<desktop|mobile>.png in Arabic, <type>-desktop-en.png in English.
A page type whose page is missing (404) is reported and skipped.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"desktop": (1280, 900), "mobile": (390, 844)}
QUERY = "مكافحة الإرهاب"


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()


def _reverse_or(path: str, names: tuple[str, ...], *args) -> str:
    """The URL of the first route name that exists, else the path the issue gives."""
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return path


def pick_pages() -> dict[str, str]:
    """One URL per page type, chosen from the database (the richest record of each kind)."""
    from django.db.models import Count

    from archive.models import Article, Country, Meeting, MeetingSeries, Organization

    pages = {"home": "/", "search": "/search?" + _query(q=QUERY)}
    article = (
        Article.objects.annotate(n=Count("meeting_links") + Count("organization_links"))
        .order_by("-n", "pk")
        .first()
    )
    if article:
        pages["article"] = f"/articles/{article.pk}/"
    organization = (
        Organization.objects.annotate(n=Count("meeting_roles", distinct=True))
        .order_by("-n", "slug")
        .first()
    )
    if organization:
        pages["organization"] = _reverse_or(
            f"/organizations/{organization.slug}/",
            ("organization", "organization-detail"),
            organization.slug,
        )
    # A named organization with bodies of its own, their meetings and articles included.
    parent = (
        Organization.objects.filter(article_links__isnull=False)
        .annotate(c=Count("children", distinct=True))
        .filter(c__gt=0)
        .order_by("-c", "slug")
        .first()
    )
    if parent:
        pages["organization-parts"] = f"/organizations/{parent.slug}/?parts=1"
    meeting = Meeting.objects.annotate(n=Count("roles")).order_by("-n", "pk").first()
    if meeting:
        pages["meeting"] = _reverse_or(
            f"/meetings/{meeting.pk}/", ("meeting", "meeting-detail"), meeting.pk
        )
    series = MeetingSeries.objects.annotate(n=Count("meetings")).order_by("-n", "pk").first()
    if series:
        pages["series"] = _reverse_or(
            f"/series/{series.slug}/", ("series", "series-detail"), series.slug
        )
    # The country with the most meetings held there, then the most articles.
    country = (
        Country.objects.annotate(
            held=Count("meetings", distinct=True), n=Count("article_links", distinct=True)
        )
        .filter(n__gt=0)
        .order_by("-held", "-n", "code")
        .values_list("code", flat=True)
        .first()
    )
    if country:
        pages["country"] = _reverse_or(
            f"/countries/{country.lower()}/", ("country", "country-detail"), country
        )
    pages["organizations"] = _reverse_or("/organizations/", ("organizations", "organization-list"))
    pages["meetings"] = _reverse_or("/meetings/", ("meetings", "meeting-list"))
    pages["countries"] = _reverse_or("/countries/", ("countries", "country-list"))
    pages["series-list"] = _reverse_or("/series/", ("series-list",))
    pages["network"] = _reverse_or("/network/", ("network",))
    return pages


def _query(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _start_server():
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread, f"http://127.0.0.1:{thread.port}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "var" / "screenshots"))
    args = parser.parse_args(argv)
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        print(f"no Chromium at {chromium}: apt-get install -y chromium", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("the playwright package is missing: pip install -e '.[dev]'", file=sys.stderr)
        return 2

    _setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    pages = pick_pages()
    thread, base = _start_server()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written, missing = [], []
    started = time.perf_counter()
    # The server thread uses the ORM while Playwright's loop runs on this one.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(chromium),
                args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            )
            shots = [(w, "ar") for w in WIDTHS] + [("desktop", "en")]
            for width, language in shots:
                w, h = WIDTHS[width]
                context = browser.new_context(
                    viewport={"width": w, "height": h},
                    base_url=base,
                    extra_http_headers={"Accept-Language": language},
                    device_scale_factor=1,
                )
                page = context.new_page()
                for name, url in pages.items():
                    response = page.goto(url)
                    if response is None or response.status >= 400:
                        status = response.status if response else "no response"
                        if language == "ar" and width == "desktop":
                            missing.append(f"{name} {url}: {status}")
                        continue
                    page.evaluate("document.fonts.ready")
                    suffix = "" if language == "ar" else f"-{language}"
                    path = out / f"{name}-{width}{suffix}.png"
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
                context.close()
            browser.close()
    finally:
        thread.terminate()
    elapsed = time.perf_counter() - started
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    print(f"{len(written)} screenshots in {elapsed:.1f} s")
    for line in missing:
        print(f"missing page: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
