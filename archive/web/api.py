"""The JSON API (django-ninja), described at /api/openapi.json.

Thin: the search goes through archive.search.selectors.article_search like the page does.
"""

from __future__ import annotations

import datetime
import functools
import re
from urllib.parse import urlencode

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from pydantic import create_model

from archive.accounts.roles import sees_candidates
from archive.browse import selectors as browse_selectors
from archive.browse.views import MeetingFilterForm, meetings_page
from archive.facts.kinds import ARTICLE_KINDS
from archive.models import (
    LIVE_STATUSES,
    Article,
    ArticleCity,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    FactStatus,
    Meeting,
    MeetingRole,
)
from archive.search import highlight as search_highlight
from archive.search.config import LIST_MAX_PAGE
from archive.search.parameters import PARAMETERS
from archive.search.selectors import PAGE_SIZE, SearchRequest, article_search, filtered_articles
from archive.web.forms import SearchForm

api = NinjaAPI(
    title="Counter-terrorism cooperation archive API",
    version="1",
    description="Search the archive and read articles with what was extracted from them.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs page loads its assets from a CDN
    # Throttled per client by archive.accounts.throttling.ThrottleMiddleware (before
    # the search cache, so cached answers count too).
)


class Error(Schema):
    detail: str


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    # A wrong parameter is the client's mistake: 400 with a readable message, never a 500.
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
        for e in exc.errors
    )
    return api.create_response(request, {"detail": f"Invalid parameters: {problems}"}, status=400)


class OrganizationOut(Schema):
    slug: str
    name_ar: str
    name_en: str
    acronym: str
    kind: str  # archive.models.OrganizationKind: "armed_group", "media", "ministry"...
    parent: str | None  # the slug of the body it belongs to


class CountryOut(Schema):
    code: str
    name_ar: str
    name_en: str


class CityOut(Schema):
    name_ar: str
    name_en: str
    country: CountryOut
    latitude: float | None
    longitude: float | None
    population: int  # GeoNames' figure; 0 when unknown
    geonameid: int | None


class RoleOut(Schema):
    organization: OrganizationOut
    role: str


class MeetingOut(Schema):
    id: int
    kind: str
    name: str
    series: str | None
    edition: int | None
    city: str | None  # the city's Arabic name (kept for older clients; see place)
    place: CityOut | None
    country: CountryOut | None
    start: datetime.date | None
    end: datetime.date | None
    organizations: list[RoleOut]
    # public (a public record) or candidate (below the confidence threshold: only a
    # curator who asks with ?candidates=1 sees one)
    status: str
    confidence: float  # 0..1: how sure extraction is that an article reports it
    confidence_reasons: list[str]  # the reasons' codes (docs: extraction, meetings)
    about_security: bool  # security or terrorism on its agenda
    security_reasons: list[str]  # the words and bodies that say so


class MeetingList(Schema):
    count: int
    page: int
    next: str | None
    previous: str | None
    results: list[MeetingOut]


class NetworkNode(OrganizationOut):
    meetings: int  # meetings it took part in (any live role)


class NetworkEdge(Schema):
    source: str  # organization slugs
    target: str
    meetings: int  # meetings both took part in


class Network(Schema):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class MeetingFilters(Schema):
    kind: str | None = None
    series: str | None = None  # a series' slug
    country: str | None = None  # where it was held (ISO alpha-2)
    year: int | None = None
    organization: str | None = None  # a participant's slug (any live role)
    participant_country: str | None = None  # the country a participant belongs to
    sort: str | None = None  # newest (default), oldest, name
    agenda: str | None = None  # all (default), security: security on the agenda
    page: int = 1


class SearchHit(Schema):
    id: int
    title: str
    url: str
    published_at: datetime.date | None
    source: str | None
    snippet: str
    score: float
    organizations: list[OrganizationOut]


class SearchPage(Schema):
    count: int
    count_is_exact: bool
    also_searched: list[OrganizationOut]
    suggestion: str
    facets: dict[str, list[Facet]]
    histogram: list[MonthCount]
    page: int
    next: str | None
    previous: str | None
    results: list[SearchHit]


class ArticleSummary(Schema):
    id: int
    title: str
    url: str
    published_at: datetime.date | None
    source: str | None
    language: str


class ArticleList(Schema):
    count: int
    page: int
    next: str | None
    previous: str | None
    results: list[ArticleSummary]


class ArticleOut(ArticleSummary):
    body: str
    body_part: int  # `body` holds this part of the text (?part=, 1 first) ...
    body_parts: int  # ... of this many parts of at most BODY_PART_CHARS characters
    about_security: bool  # about terrorism, counter-terrorism or security
    security_score: float | None  # 0..1, None before the article was extracted
    security_reasons: list[str]  # the words and bodies that made it so, weightiest first
    organizations: list[OrganizationOut]
    countries: list[CountryOut]
    cities: list[CityOut]
    meetings: list[MeetingOut]


# The OpenAPI description of /api/search's parameters, from the one table of parameters
# (archive.search.parameters); the request is validated by the same form as /search.
SearchParams = create_model(
    "SearchParams",
    __base__=Schema,
    **{p.name: ((p.type | None, None) if p.narrows else (p.type, p.default)) for p in PARAMETERS},
)


class Facet(Schema):
    value: str
    label: str
    count: int


class MonthCount(Schema):
    month: datetime.date
    count: int


class ArticleFilters(Schema):
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published_after: datetime.date | None = None
    published_before: datetime.date | None = None
    page: int = 1


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _page_link(request: HttpRequest, page: int | None) -> str | None:
    if page is None:
        return None
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(request.path + "?" + urlencode(sorted(params.items())))


# An organization in the API: its fields, and the lookups that read them in one query.
_ORGANIZATION_FIELDS = {
    "slug": "slug",
    "name_ar": "name_ar",
    "name_en": "name_en",
    "acronym": "acronym",
    "kind": "kind",
    "parent": "parent__slug",  # the body it belongs to, or null
}


def _organization(o) -> dict:
    out = {name: getattr(o, name) for name in _ORGANIZATION_FIELDS if name != "parent"}
    out["parent"] = o.parent.slug if o.parent_id else None
    return out


def _organizations_of(article_ids: list[int]) -> dict[int, list[dict]]:
    """The organizations each article names (most mentioned first), in one query."""
    found: dict[int, list[dict]] = {pk: [] for pk in article_ids}
    links = (
        ArticleOrganization.objects.filter(article_id__any=article_ids)
        .filter(status__in=LIVE_STATUSES)
        .order_by("article_id", "-mentions", "organization__name_ar")
        .values_list("article_id", *(f"organization__{f}" for f in _ORGANIZATION_FIELDS.values()))
    )
    for article_id, *values in links:
        found[article_id].append(dict(zip(_ORGANIZATION_FIELDS, values, strict=True)))
    return found


def _organizations(article: Article) -> list[dict]:
    return _organizations_of([article.pk])[article.pk]


def _country(country) -> dict | None:
    if country is None:
        return None
    return {"code": country.code, "name_ar": country.name_ar, "name_en": country.name_en}


def _bad_page(page: int) -> bool:
    return page < 1 or page > LIST_MAX_PAGE


@api.get("/search", response={200: SearchPage, 400: Error}, summary="Search articles")
def search_articles(request: HttpRequest, params: Query[SearchParams]):
    """Full-text search with the same query language, filters and ranking as /search.

    `count` is exact up to 500 matches (`count_is_exact` false beyond). `facets` and
    `histogram` count the matching articles (the newest 500 when there are more) per
    organization, country, meeting, source, language and month of publication.
    """
    form = SearchForm(request.GET)
    if not form.is_valid():
        return Status(400, {"detail": form.error_message()})
    search_request = SearchRequest.from_form(form.cleaned_data)
    results = article_search(search_request)
    if results.error:
        return Status(400, {"detail": results.error})
    organizations = _organizations_of([a.pk for a in results.articles])
    hits = [
        {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "published_at": article.published_at,
            "source": article.source.name if article.source else None,
            "snippet": str(search_highlight.snippet(article.body, results.compiled)),
            "score": round(float(getattr(article, "rank", 0.0) or 0.0), 6),
            "organizations": organizations[article.pk],
        }
        for article in results.articles
    ]
    page = search_request.page
    return {
        "count": results.count,
        "count_is_exact": results.count_is_exact,
        "also_searched": [_organization(e.organization) for e in results.expansions],
        "suggestion": results.suggestion,
        "facets": {
            name: [
                {"value": str(i["value"]), "label": i["label"], "count": i["count"]} for i in items
            ]
            for name, items in results.facets.items()
        },
        "histogram": results.histogram,
        "page": page,
        "next": _page_link(request, page + 1 if results.has_next else None),
        "previous": _page_link(request, page - 1 if results.has_previous else None),
        "results": hits,
    }


@api.get("/articles", response={200: ArticleList, 400: Error}, summary="List articles")
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]):
    """Articles, newest first, filtered by URL, source, language or publication dates."""
    if _bad_page(filters.page):
        return Status(400, {"detail": f"page must be between 1 and {LIST_MAX_PAGE}"})
    for name in ("url", "source", "language"):
        value = getattr(filters, name) or ""
        if len(value) > 2000 or _CONTROL.search(value):
            # PostgreSQL text cannot hold NUL: refuse rather than fail in the query.
            return Status(
                400, {"detail": f"{name} must be at most 2000 characters, no control characters"}
            )
    qs = Article.objects.for_display().by_date()
    if filters.url:
        qs = qs.filter(url=filters.url)
    qs = filtered_articles(
        qs,
        SearchRequest(
            source=filters.source or "",
            language=filters.language or "",
            date_from=filters.published_after,
            date_to=filters.published_before,
        ),
    )
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(qs[start : start + PAGE_SIZE + 1])
    count = qs.count()
    return {
        "count": count,
        "page": filters.page,
        "next": _page_link(request, filters.page + 1 if len(rows) > PAGE_SIZE else None),
        "previous": _page_link(request, filters.page - 1 if filters.page > 1 else None),
        "results": [_summary(a) for a in rows[:PAGE_SIZE]],
    }


def _summary(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "published_at": article.published_at,
        "source": article.source.name if article.source else None,
        "language": article.language,
    }


def _meeting(meeting) -> dict:
    roles = (
        MeetingRole.objects.filter(meeting=meeting)
        .filter(status__in=LIVE_STATUSES)
        .select_related("organization__parent")
        .order_by("role", "organization__name_ar")
    )
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "name": meeting.name,
        "series": meeting.series.name_ar if meeting.series else None,
        "edition": meeting.edition,
        "city": meeting.city.name_ar if meeting.city else None,
        "place": _city(meeting.city),
        "country": _country(meeting.country),
        "start": meeting.start_date,
        "end": meeting.end_date,
        "status": meeting.status,
        "confidence": meeting.confidence,
        "confidence_reasons": meeting.confidence_reasons,
        "about_security": meeting.about_security,
        "security_reasons": meeting.security_reasons,
        "organizations": [
            {
                "organization": _organization(r.organization),
                "role": r.role,
            }
            for r in roles
        ],
    }


def _countries(article: Article) -> list[dict]:
    countries = (
        ArticleCountry.objects.filter(article=article)
        .filter(status__in=LIVE_STATUSES)
        .select_related("country")
        .order_by("-mentions", "country__name_ar")
    )
    return [_country(link.country) for link in countries]


def _city(city) -> dict | None:
    if city is None:
        return None
    return {
        "name_ar": city.name_ar,
        "name_en": city.name_en,
        "country": _country(city.country),
        "latitude": city.latitude,
        "longitude": city.longitude,
        "population": city.population,
        "geonameid": city.geonameid,
    }


def _cities(article: Article) -> list[dict]:
    links = (
        ArticleCity.objects.filter(article=article)
        .filter(status__in=LIVE_STATUSES)
        .select_related("city__country")
        .order_by("-mentions", "city__name_ar")
    )
    return [_city(link.city) for link in links]


def _meetings(article: Article, *, candidates: bool = False) -> list[dict]:
    shown = (*LIVE_STATUSES, FactStatus.CANDIDATE) if candidates else LIVE_STATUSES
    links = (
        ArticleMeeting.objects.filter(article=article)
        .filter(status__in=shown)
        .select_related("meeting__series", "meeting__city__country", "meeting__country")
    )
    return [_meeting(link.meeting) for link in links]


# An article's facts of each kind in its API document, under the kind's plural
# (archive.facts.kinds; ArticleOut declares their shape).
_ARTICLE_FACTS = {
    "organization": _organizations,
    "country": _countries,
    "city": _cities,
    "meeting": _meetings,
}


@api.get("/articles/{article_id}", response={200: ArticleOut, 404: Error}, summary="One article")
def get_article(request: HttpRequest, article_id: int, part: int = 1, candidates: bool = False):
    """The article with the organizations, countries and meetings extracted from it.

    A text longer than 100,000 characters comes in parts: `body_parts` says how many,
    `?part=` asks for one (a part it does not have is a 404). `meetings` holds public
    records; a curator's `?candidates=1` adds the candidates."""
    if not 1 <= part <= 1_000_000:
        return Status(404, {"detail": "no such part"})
    shown = browse_selectors.article_text(article_id, part=part)
    article = shown.article
    candidates = candidates and sees_candidates(request.user)
    facts = {**_ARTICLE_FACTS, "meeting": functools.partial(_meetings, candidates=candidates)}
    return {
        **_summary(article),
        "body": shown.text,
        "body_part": shown.part,
        "body_parts": shown.parts,
        "about_security": article.about_security,
        "security_score": article.security_score,
        "security_reasons": article.security_reasons,
        **{kind.plural: facts[kind.name](article) for kind in ARTICLE_KINDS},
    }


@api.get("/meetings", response={200: MeetingList, 400: Error}, summary="List meetings")
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]):
    """Meetings with their roles, filtered as the /meetings/ page filters them (the same
    form validates both: an unknown value is a 400), 50 a page."""
    form = MeetingFilterForm(
        request.GET, choices=browse_selectors.meeting_filter_choices(), default_agenda="all"
    )
    if not form.is_valid():
        return Status(400, {"detail": form.error_message()})
    page = meetings_page(form)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "next": _page_link(request, page.next_page_number() if page.has_next() else None),
        "previous": _page_link(
            request, page.previous_page_number() if page.has_previous() else None
        ),
        "results": [_meeting(m) for m in page.object_list],
    }


@api.get("/meetings/{meeting_id}", response={200: MeetingOut, 404: Error}, summary="One meeting")
def get_meeting(request: HttpRequest, meeting_id: int):
    """A meeting with its kind, series, edition, place, dates and roles."""
    meetings = Meeting.objects.all() if sees_candidates(request.user) else Meeting.objects.public()
    meeting = get_object_or_404(
        meetings.select_related("city__country", "country", "series"), pk=meeting_id
    )
    return _meeting(meeting)


@api.get("/network", response={200: Network}, summary="Co-participation network")
def get_network(request: HttpRequest):
    """The network drawn on /network/: the most active organizations and, for each pair,
    the meetings both took part in."""
    data = browse_selectors.network_data()
    slugs = {o.pk: o.slug for o in data.nodes}
    return {
        "nodes": [{**_organization(o), "meetings": o.meeting_count} for o in data.nodes],
        "edges": [
            {"source": slugs[a], "target": slugs[b], "meetings": n} for a, b, n in data.edges
        ],
    }
