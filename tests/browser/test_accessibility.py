"""axe-core (vendored from the npm registry, see vendor/README.md) finds no serious or
critical accessibility violation on the pages analysts use most, in Arabic and English."""

from __future__ import annotations

from tests.browser.conftest import AXE

BLOCKING = {"serious", "critical"}


def _pages() -> dict[str, str]:
    from archive.models import Article, Meeting, MeetingRole, Organization

    organization = (
        Organization.objects.filter(pk__in=MeetingRole.objects.values("organization_id"))
        .order_by("slug")
        .first()
    )
    meeting = Meeting.objects.order_by("pk").first()
    article = Article.objects.order_by("pk").first()
    assert organization and meeting and article, "the seeds should give these pages"
    return {
        "home": "/",
        "search results": "/search?q=مكافحة الإرهاب",
        "article": f"/articles/{article.pk}/",
        "organization": f"/organizations/{organization.slug}/",
        "meeting": f"/meetings/{meeting.pk}/",
    }


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"      at {' '.join(node['target'])}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"        {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def test_no_serious_or_critical_violation(chromium, site):
    failures = []
    for language in ("ar", "en"):
        context = chromium.new_context(
            viewport={"width": 1280, "height": 900},
            base_url=site,
            extra_http_headers={"Accept-Language": language},
        )
        # An init script is injected by the browser itself, so a Content-Security-Policy
        # that forbids inline scripts does not stop it.
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        try:
            for name, url in _pages().items():
                response = page.goto(url)
                assert response.ok, f"{name} page {url}: HTTP {response.status}"
                result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
                if blocking:
                    failures.append(f"{name} page ({language}) {url}:\n{_report(blocking)}")
        finally:
            context.close()
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)
