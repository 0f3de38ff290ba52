"""The world map, the timelines on a phone, and the exports, as a browser shows them."""

from __future__ import annotations

import csv
import io
import re

from tests.browser.test_journey import QUERY, _picture


def test_the_world_map_colours_the_countries_with_meetings_and_links_them(page):
    page.goto("/countries/")
    picture = _picture(page, "world")
    assert picture and picture["width"] >= 300 and picture["marks"] >= 100  # every state
    assert picture["name"]
    assert picture["links"] >= 1  # the host countries of the seeds' meetings
    # The legend and the table of counts are beside it.
    assert page.locator("ul.map-legend li").count() >= 2
    link = page.locator("svg#world a[href]").first
    label = link.get_attribute("aria-label")
    # Activated as a keyboard or a tap would: the centre of a coastal state's box may be sea.
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/countries/[A-Z]{2}/$"))
    assert page.get_by_role("heading", level=1).inner_text() in label
    # The other measure is one link away.
    page.goto("/countries/")
    page.get_by_role("link", name=re.compile("المقالات|articles")).first.click()
    page.wait_for_url(re.compile(r"map=articles"))
    assert _picture(page, "world")["links"] >= picture["links"]


def _phone(chromium, site, locale):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale=locale, base_url=site
    )
    context.set_default_timeout(10_000)
    return context


def test_on_a_phone_the_map_fits_and_a_timeline_opens_at_its_recent_end(chromium, site):
    for language in ("ar", "en"):
        context = _phone(chromium, site, language)
        try:
            page = context.new_page()
            page.goto("/countries/")
            width = page.evaluate(
                "() => document.querySelector('svg#world').getBoundingClientRect().width"
            )
            assert 300 <= width <= 390
            if language == "en":  # the language switch posts a form
                page.locator("form.lang button").first.click()
                page.wait_for_load_state()
            page.goto("/search?q=" + QUERY)
            visible = page.evaluate(
                """() => {
                    const box = document.querySelector('.chart-scroll.recent-end');
                    const bars = [...box.querySelectorAll('svg#timeline rect title')]
                      .map(t => [t.textContent.split(':')[0], t.parentElement]);
                    bars.sort((a, b) => a[0] < b[0] ? -1 : 1);
                    const newest = bars[bars.length - 1][1].getBoundingClientRect();
                    const view = box.getBoundingClientRect();
                    return {scrolls: box.scrollWidth > box.clientWidth,
                            newest_in_view: newest.left >= view.left - 1 && newest.right <= view.right + 1,
                            dir: document.documentElement.dir};
                }"""
            )
            assert visible["newest_in_view"], visible
        finally:
            context.close()


def test_the_search_exports_open_and_parse(page):
    page.goto("/search?q=" + QUERY)
    response = page.request.get("/search/export.csv?q=" + QUERY)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.body().decode("utf-8-sig"))))
    assert rows and {"snippet", "organizations", "countries", "meeting"} <= set(rows[0])
    assert any(row["organizations"] for row in rows)
    data = page.request.get("/api/search?q=" + QUERY).json()
    assert data["count"] >= len(data["results"]) >= 1
    feed = page.request.get("/search/feed?q=" + QUERY)
    assert feed.ok and b"<feed" in feed.body()
