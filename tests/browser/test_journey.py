"""What an analyst does in the browser: search, read, follow organizations and meetings."""

from __future__ import annotations

import re

from tests.browser.conftest import MEETING_PATH, SLUG_PATH, html_lang_dir
from tests.browser.screenshots import pick_pages

QUERY = "مكافحة الإرهاب"


def _organization_with_meetings():
    """An organization that the seeds show both in an article and at a meeting."""
    from archive.models import ArticleOrganization, MeetingRole

    with_meetings = MeetingRole.objects.values("organization_id")
    link = (
        ArticleOrganization.objects.filter(organization_id__in=with_meetings)
        .exclude(status="rejected")
        .select_related("article", "organization")
        .order_by("article_id")
        .first()
    )
    assert link, "the seeds should put an organization at a meeting"
    return link.article, link.organization


def test_search_read_and_follow_an_organization_to_a_meeting_and_back(page):
    article, organization = _organization_with_meetings()

    page.goto("/")
    assert html_lang_dir(page) == ("ar", "rtl")
    page.get_by_role("searchbox").fill(QUERY)
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    assert page.get_by_role("searchbox").input_value() == QUERY
    results = page.locator("ol.results > li")
    assert results.count() >= 1

    # Open the result that reports the organization.
    page.locator(f'ol.results a[href$="/articles/{article.pk}/"]').click()
    page.wait_for_url(f"**/articles/{article.pk}/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == article.title

    # The article names the organization and links to its page.
    page.locator(f'main a[href$="/organizations/{organization.slug}/"]').first.click()
    page.wait_for_url(SLUG_PATH)
    organization_url = page.url
    assert page.get_by_role("heading", level=1).is_visible()

    # Its meetings are listed; open one.
    meeting_link = page.locator('main a[href*="/meetings/"]').first
    meeting_link.click()
    page.wait_for_url(MEETING_PATH)
    assert page.get_by_role("heading", level=1).is_visible()
    # The meeting page names the organization with a link back to it...
    assert page.locator(f'main a[href$="/organizations/{organization.slug}/"]').count() >= 1
    # ...and the browser's back button returns to the organization.
    page.go_back()
    page.wait_for_url(organization_url)
    assert page.get_by_role("heading", level=1).is_visible()


def test_switching_the_language_keeps_the_page_and_turns_the_direction(page):
    page.goto("/search?q=" + QUERY)
    assert html_lang_dir(page) == ("ar", "rtl")
    arabic_heading = page.get_by_role("heading", level=1).inner_text()

    page.locator('form.lang button[value="en"]').click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert html_lang_dir(page) == ("en", "ltr")
    assert "/search" in page.url
    assert page.get_by_role("searchbox").input_value() == QUERY
    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    assert page.get_by_role("heading", level=1).inner_text() != arabic_heading
    # The language sticks while browsing.
    page.goto("/")
    assert html_lang_dir(page) == ("en", "ltr")

    page.locator('form.lang button[value="ar"]').click()
    page.wait_for_function("document.documentElement.lang === 'ar'")
    assert html_lang_dir(page) == ("ar", "rtl")


def _picture(page, chart_id: str) -> dict:
    """The inline SVG picture `chart_id` of the page: its drawn size, marks and name."""
    return page.evaluate(
        """id => {
            const svg = document.querySelector(`main figure.picture svg#${id}`);
            if (!svg) return null;
            const box = svg.getBoundingClientRect();
            const marks = [...svg.querySelectorAll('rect, circle, path, line')]
              .filter(m => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; });
            const name = (svg.getAttribute('aria-labelledby') || '').split(' ')
              .map(ref => (document.getElementById(ref) || {}).textContent || '').join(' ').trim();
            return {width: box.width, height: box.height, marks: marks.length, name,
                    links: svg.querySelectorAll('a[href]').length};
        }""",
        chart_id,
    )


def _busiest_organization():
    from django.db.models import Count

    from archive.models import Organization

    return (
        Organization.objects.annotate(n=Count("meeting_roles__meeting", distinct=True))
        .order_by("-n", "slug")
        .first()
    )


def test_the_pictures_render(page):
    """The timeline, the co-participation network and the geographic summary are drawn."""
    organization = _busiest_organization()
    pictures = [
        ("/search?q=" + QUERY, "timeline"),
        (f"/organizations/{organization.slug}/", "timeline"),
        (f"/organizations/{organization.slug}/", "network"),
        ("/network/", "network"),
        ("/countries/", "places"),
    ]
    for url, chart_id in pictures:
        page.goto(url)
        picture = _picture(page, chart_id)
        assert picture, f"no {chart_id} picture on {url}"
        # Drawn at a readable size, with bars, circles or lines in it, and named.
        assert picture["width"] >= 300 and picture["height"] >= 100, (url, picture)
        assert picture["marks"] >= 2, f"an empty {chart_id} picture on {url}: {picture}"
        assert picture["name"], f"the {chart_id} picture on {url} has no accessible name"
        if chart_id == "network":
            assert picture["links"] >= 2, f"the network on {url} links no organization"
        # Its numbers are also there as text, behind a disclosure that works without scripts.
        alternative = page.locator(f"figure.picture:has(svg#{chart_id}) details.alt")
        alternative.locator("summary").click()
        assert alternative.locator("table tbody tr").first.is_visible()

    # A node of the network opens the organization's page.
    page.goto("/network/")
    page.locator("svg#network a[href]").first.click()
    page.wait_for_url(SLUG_PATH)
    assert page.get_by_role("heading", level=1).is_visible()


def test_phone_width_without_javascript(chromium, site):
    """At 390 px with JavaScript off, pages fit the screen and the search still works."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
        locale="ar",
        base_url=site,
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_role("searchbox").fill(QUERY)
        page.get_by_role("button", name="بحث", exact=True).click()
        page.wait_for_url(re.compile(r"/search\?"))
        assert page.locator("ol.results > li").count() >= 1
        first = page.locator("ol.results h2 a").first
        first.click()
        page.wait_for_url(re.compile(r"/articles/\d+/"))
        # Every page type (the ones `make screenshots` takes) fits the phone's width.
        for name, url in pick_pages().items():
            response = page.goto(url)
            assert response.ok, f"{name} page {url}: HTTP {response.status}"
            assert page.get_by_role("heading", level=1).is_visible(), url
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"the {name} page {url} is {overflow}px wider than a 390px screen"
    finally:
        context.close()
