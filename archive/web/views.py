"""Web pages; thin: reads go through archive.search.selectors."""

from __future__ import annotations

import csv
import html
import itertools
import re
from datetime import UTC

from django.contrib.syndication.views import Feed
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from archive.browse import selectors as browse_selectors
from archive.browse.views import home_context, search_timeline
from archive.models import LIVE_STATUSES, Country, Meeting, Organization
from archive.search import highlight as search_highlight
from archive.search.parameters import FILTERS
from archive.search.selectors import (
    COUNT_CAP,
    PAGE_SIZE,
    SearchRequest,
    article_search,
    fact_names,
    matching_articles,
    ordered_matches,
)
from archive.templatetags.browse_tags import language_label, localname
from archive.text.query_parser import QueryError
from archive.web.forms import SearchForm

EXPORT_LIMIT = 10_000
FEED_SIZE = 50


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = home_context()
    home = context["home"]
    context.update(latest=home.latest, article_count=home.counts["articles"])
    return render(request, "archive/home.html", context)


def _search_request(request: HttpRequest) -> tuple[SearchForm, SearchRequest | None]:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, SearchRequest.from_form(form.cleaned_data)


def query_error_response(error: QueryError) -> HttpResponse:
    """A query the compiler refuses is the client's mistake: a 400 with the localized
    message, the same in every plain-text output (CSV export, Atom feed)."""
    return HttpResponse(error.localized(_), status=400, content_type="text/plain")


def _query_string(request: HttpRequest, **changes) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    params.pop("page", None) if "page" not in changes else None
    return urlencode(sorted((k, v) for k, v in params.items() if v not in ("", None)))


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form, search_request = _search_request(request)
    if search_request is None:
        return render(
            request,
            "archive/search.html",
            {"form": form, "error": form.error_message(), "query": request.GET.get("q", "")},
            status=400,
        )
    results = article_search(search_request)
    if results.error:
        return render(
            request,
            "archive/search.html",
            {"form": form, "error": results.error, "query": search_request.q},
            status=400,
        )
    rows = [
        {
            "article": article,
            "title": search_highlight.highlight(article.title, results.compiled),
            "snippet": search_highlight.snippet(article.body, results.compiled),
        }
        for article in results.articles
    ]
    peak = max((b["count"] for b in results.histogram), default=0)
    for bucket in results.histogram:
        bucket["percent"] = round(100 * bucket["count"] / peak) if peak else 0
    facet_links = {
        name: [
            dict(
                item,
                url="?" + _query_string(request, **{name: item["value"]}),
                active=str(getattr(search_request, name)) == str(item["value"]),
            )
            for item in items
        ]
        for name, items in results.facets.items()
    }
    context = {
        "form": form,
        "results": results,
        "rows": rows,
        "query": search_request.q,
        "sort": search_request.sort,
        "facets": facet_links,
        "timeline": search_timeline(results),
        "no_expand_url": "?" + _query_string(request, expand="0"),
        "sort_relevance_url": "?" + _query_string(request, sort="relevance"),
        "sort_date_url": "?" + _query_string(request, sort="date"),
        "next_url": "?" + _query_string(request, page=search_request.page + 1),
        "previous_url": "?" + _query_string(request, page=search_request.page - 1),
        "suggestion_url": "?" + _query_string(request, q=results.suggestion),
        "export_url": reverse("search-export") + "?" + _query_string(request),
        "feed_url": reverse("search-feed") + "?" + _query_string(request),
        "count_cap": COUNT_CAP,
        "first_rank": (search_request.page - 1) * PAGE_SIZE + 1,
        "active_filters": [
            {
                "name": name,
                "value": getattr(search_request, name),
                "label": _filter_label(name, getattr(search_request, name)),
                "clear_url": "?" + _query_string(request, **{name: None}),
            }
            for name in (p.name for p in FILTERS)
            if getattr(search_request, name)
        ],
    }
    return render(request, "archive/search.html", context)


def _filter_label(name: str, value) -> str:
    """A filter chip's text: the field's label and the value's name in the reader's
    language ("Organization: الأمم المتحدة", not "un")."""
    shown = str(value)
    if name == "organization":
        found = Organization.objects.filter(slug=value).first()
        shown = localname(found) if found else shown
    elif name == "country":
        found = Country.objects.filter(code=str(value).upper()).first()
        shown = localname(found) if found else shown
    elif name == "meeting":
        found = Meeting.objects.filter(pk=value).only("name").first()
        shown = found.name if found else shown
    elif name == "language":
        shown = language_label(value)
    elif name in ("date_from", "date_to"):
        shown = date_format(value, "DATE_FORMAT")
    elif name == "security":
        return str(SearchForm.base_fields[name].label)  # a switch: its label says it all
    return f"{SearchForm.base_fields[name].label}: {shown}"


class _Echo:
    def write(self, value):
        return value


EXPORT_COLUMNS = [
    "id",
    "title",
    "url",
    "published_at",
    "source",
    "language",
    "page",
    "snippet",
    "organizations",
    "countries",
    "meeting",
]


@require_GET
def search_export(request: HttpRequest) -> HttpResponse:
    """The matching articles as CSV (at most EXPORT_LIMIT rows), streamed."""
    form, search_request = _search_request(request)
    if search_request is None:
        return HttpResponse(form.error_message(), status=400, content_type="text/plain")
    try:
        qs, compiled, _expansions = matching_articles(search_request)
    except QueryError as error:
        return query_error_response(error)
    except ValueError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    rows = ordered_matches(
        qs,
        compiled,
        search_request,
        limit=EXPORT_LIMIT,
        fields=("id", "title", "url", "published_at", "language", "source__name", "body"),
    )
    writer = csv.writer(_Echo())
    language = get_language()

    def cells(article, facts) -> list:
        excerpt = html.unescape(strip_tags(search_highlight.snippet(article.body, compiled)))
        return [
            article.pk,
            _csv_safe(article.title),
            _csv_safe(article.url),
            article.published_at.isoformat() if article.published_at else "",
            _csv_safe(article.source.name if article.source else ""),
            article.language,
            request.build_absolute_uri(reverse("article", args=[article.pk])),
            # Added after the first seven columns (a contract: columns are only added).
            _csv_safe(" ".join(excerpt.split())),
            _csv_safe("; ".join(facts.organizations)),
            _csv_safe("; ".join(facts.countries)),
            _csv_safe("; ".join(facts.meetings)),
        ]

    def stream():
        yield "\ufeff"  # so spreadsheet programs read the Arabic as UTF-8
        yield writer.writerow(EXPORT_COLUMNS)
        # The facts of 500 rows at a time: three queries per chunk, never one per row.
        rows_left = iter(rows)
        while chunk := list(itertools.islice(rows_left, 500)):
            facts = fact_names([a.pk for a in chunk], language=language)
            for article in chunk:
                yield writer.writerow(cells(article, facts[article.pk]))

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="archive-search.csv"'
    return response


# SECURITY INVARIANT: a cell starting with one of these is run as a formula by
# spreadsheet programs (the fullwidth forms too: some programs fold them to ASCII);
# such a cell gets a leading apostrophe.
_FORMULA_STARTS = frozenset("=+-@|\t\r\uff1d\uff0b\uff0d\uff20\uff5c")


def _csv_safe(value: str) -> str:
    return "'" + value if value[:1] in _FORMULA_STARTS else value


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    # XML 1.0 cannot carry these at all (not even escaped): a query or a scraped text
    # containing one made the feed a 500.
    return _XML_ILLEGAL.sub("", value)


class SearchFeed(Feed):
    """An Atom feed of the newest articles matching a query: subscribe to a search."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        form, search_request = _search_request(request)
        if search_request is None:
            return None
        search_request.sort = "date"
        return search_request

    def title(self, obj):
        return _("Archive search: %(query)s") % {"query": _xml_safe(obj.q) if obj else ""}

    def link(self, obj):
        # The search page of exactly this search: every filter, not only the words.
        return reverse("search") + "?" + _query_string(self.request)

    def feed_url(self, obj):
        # rel="self": the feed's own address with its query (Django's default drops it).
        return reverse("search-feed") + "?" + _query_string(self.request)

    def subtitle(self, obj):
        return _("The newest articles matching this search.")

    def items(self, obj):
        if obj is None:
            return []
        try:
            qs, _compiled, _expansions = matching_articles(obj)
        except ValueError:
            return []
        return list(qs.by_date().for_display()[:FEED_SIZE])

    def item_title(self, item):
        return _xml_safe(item.title)

    def item_description(self, item):
        return _xml_safe(item.body[:600])

    def item_link(self, item):
        return reverse("article", args=[item.pk])

    def item_pubdate(self, item):
        if item.published_at:
            from datetime import datetime, time

            return datetime.combine(item.published_at, time(), tzinfo=UTC)
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


def search_feed(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.error_message(), status=400, content_type="text/plain")
    try:
        # Compiled here once so that an unsearchable query is a 400, not an empty feed.
        matching_articles(SearchRequest.from_form(form.cleaned_data))
    except QueryError as error:
        return query_error_response(error)
    return SearchFeed()(request)


def _part_number(request: HttpRequest) -> int | None:
    """?part= of a long article: a whole number (1 when absent), else None."""
    raw = request.GET.get("part", "1")
    return int(raw) if raw.isdigit() and len(raw) <= 6 else None


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    part = _part_number(request)
    if part is None:
        return HttpResponse(_("part must be a whole number"), status=400, content_type="text/plain")
    shown = browse_selectors.article_text(pk, part=part)
    article = shown.article
    live = Q(status__in=LIVE_STATUSES)
    context = {
        "article": article,
        "text": shown,
        "organizations": article.organization_links.filter(live)
        .select_related("organization")
        .order_by("-mentions", "organization__name_ar"),
        "countries": article.country_links.filter(live)
        .select_related("country")
        .order_by("-mentions", "country__name_ar"),
        "meetings": article.meeting_links.filter(live).select_related(
            "meeting__city", "meeting__country", "meeting__series"
        ),
    }
    return render(request, "archive/article.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


_migrations_applied = False  # once true for this process, it stays true (new code = new process)


def _unapplied_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the primary database answers and every migration is applied."""
    global _migrations_applied
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if not _migrations_applied:
            pending = _unapplied_migrations()
            if pending:
                return JsonResponse(
                    {
                        "status": "unavailable",
                        "database": "ok",
                        "reason": "unapplied migrations",
                        "migrations": pending,
                    },
                    status=503,
                )
            _migrations_applied = True
    except Exception as error:  # noqa: BLE001 - any database failure means not ready
        return JsonResponse(
            {
                "status": "unavailable",
                "database": "error",
                "reason": f"database unreachable: {type(error).__name__}",
            },
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "applied"})
