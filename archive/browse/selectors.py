"""Reads for the browse pages: organizations, meetings, series, countries, the network.

Every page reads a small, fixed number of queries whatever the size of the
archive: counts are aggregates in the database, lists are cut to a limit, and
related rows come with select_related. A fact a curator rejected is not shown
and not counted anywhere here (LIVE).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Length, NullIf, Substr, TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from archive.models import (
    LIVE_STATUSES,
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    City,
    Country,
    Designation,
    Meeting,
    MeetingRole,
    MeetingSeries,
    MeetingStatus,
    Organization,
    OrganizationAlias,
    OrganizationKind,
)

# Written as a positive condition so that it applies to the very join it sits
# next to in a multi-valued filter() (a negated condition would become a subquery).
LIVE = LIVE_STATUSES

LIST_PAGE_SIZE = 50
ARTICLES_SHOWN = 10
MEETINGS_SHOWN = 200
PARTNERS_SHOWN = 15
NETWORK_SIZE = 30  # organizations drawn in the archive-wide network
NETWORK_EDGES_LISTED = 60
ROLE_ORDER = {
    MeetingRole.Role.ORGANIZER: 0,
    MeetingRole.Role.HOST: 1,
    MeetingRole.Role.PARTICIPANT: 2,
    MeetingRole.Role.OBSERVER: 3,
}

ORGANIZATION_SORTS = ("name", "meetings", "articles")
MEETING_SORTS = ("newest", "oldest", "name")
COUNTRY_SORTS = ("name", "meetings", "articles")


def _count(queryset: QuerySet, outer: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` rows whose `outer` column is the row's pk."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _distinct_count(queryset: QuerySet, outer: str, what: str) -> Coalesce:
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count(what, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _english_first(prefix: str = "") -> Coalesce:
    return Coalesce(NullIf(F(f"{prefix}name_en"), Value("")), F(f"{prefix}name_ar"))


def _name_order(language: str, prefix: str = "") -> list:
    if language == "ar":
        return [F(f"{prefix}name_ar").asc(), f"{prefix}pk" if prefix else "pk"]
    return [_english_first(prefix).asc(), f"{prefix}pk" if prefix else "pk"]


def _paginate(queryset: QuerySet, page: int) -> Page:
    # A page past the end shows the last one rather than an error.
    return Paginator(queryset, LIST_PAGE_SIZE).get_page(page)


def monthly(queryset: QuerySet, date_field: str) -> dict[datetime.date, int]:
    """Distinct rows of `queryset` per month of `date_field` (undated rows left out)."""
    rows = (
        queryset.filter(**{f"{date_field}__isnull": False})
        .annotate(month=TruncMonth(date_field))
        .order_by()
        .values("month")
        .annotate(n=Count("pk", distinct=True))
    )
    return {r["month"]: r["n"] for r in rows}


# --- Organizations ---------------------------------------------------------------


def _organization_counts(qs: QuerySet) -> QuerySet:
    return qs.annotate(
        meeting_count=_distinct_count(
            MeetingRole.objects.filter(status__in=LIVE), "organization", "meeting"
        ),
        article_count=_count(ArticleOrganization.objects.filter(status__in=LIVE), "organization"),
    )


def organization_list(
    *,
    kind: str = "",
    country: Country | None = None,
    q: str = "",
    sort: str = "name",
    named_only: bool = False,
    page: int = 1,
    language: str = "ar",
) -> Page:
    """Organizations with their meeting and article counts, filtered and sorted;
    ``named_only``: only those a live article link or meeting role names."""
    qs = Organization.objects.select_related("country")
    if named_only:
        qs = qs.filter(
            Exists(ArticleOrganization.objects.filter(organization=OuterRef("pk"), status__in=LIVE))
            | Exists(MeetingRole.objects.filter(organization=OuterRef("pk"), status__in=LIVE))
        )
    if kind:
        qs = qs.filter(kind=kind)
    if country is not None:
        qs = qs.filter(country=country)
    if q:
        qs = qs.filter(
            Q(name_ar__icontains=q)
            | Q(name_en__icontains=q)
            | Q(acronym__iexact=q)
            | Exists(
                OrganizationAlias.objects.filter(organization=OuterRef("pk"), name__icontains=q)
            )
        )
    qs = _organization_counts(qs)
    if sort == "meetings":
        qs = qs.order_by(F("meeting_count").desc(), *_name_order(language))
    elif sort == "articles":
        qs = qs.order_by(F("article_count").desc(), *_name_order(language))
    else:
        qs = qs.order_by(*_name_order(language))
    return _paginate(qs, page)


def countries_with_organizations() -> list[Country]:
    return list(Country.objects.filter(Exists(Organization.objects.filter(country=OuterRef("pk")))))


@dataclass
class MeetingEntry:
    """A meeting as seen from one organization or country: its roles there."""

    meeting: Meeting
    roles: list[str] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


@dataclass
class Partner:
    organization: Organization
    meetings: int


@dataclass
class NetworkData:
    nodes: list[Organization]  # each with .meeting_count
    edges: list[tuple[int, int, int]]  # (organization id, organization id, shared meetings)


@dataclass
class OrganizationPage:
    organization: Organization
    aliases: list
    meetings: list[MeetingEntry]
    meeting_count: int
    partners: list[Partner]
    articles: list[Article]
    article_count: int
    articles_per_month: dict[datetime.date, int]
    meetings_per_month: dict[datetime.date, int]
    network: NetworkData
    parts: list  # the bodies that belong to it (its children), with their article counts
    with_parts: bool  # the meetings and articles include those of its parts
    part_count: int  # every body below it (children, their children...)
    designations: list[str]  # the lists designating it a terrorist group (labels)

    @property
    def active_parts(self) -> list:
        """Its bodies that an article or a meeting names, most named first."""
        return [p for p in self.parts if p.article_count or p.meeting_count]

    @property
    def quiet_parts(self) -> list:
        return [p for p in self.parts if not (p.article_count or p.meeting_count)]


PARTS_SHOWN = 100
PART_DEPTH = 4  # how far below an organization its parts are followed


def organization_parts(organization: Organization) -> list[int]:
    """The ids of every body below ``organization`` (its children, theirs...), at most
    PART_DEPTH levels down; a cycle a curator made stops at an id already seen."""
    seen = {organization.pk}
    level, found = [organization.pk], []
    for _depth in range(PART_DEPTH):
        level = [
            pk
            for pk in Organization.objects.filter(parent_id__in=level).values_list("pk", flat=True)
            if pk not in seen
        ]
        if not level:
            break
        seen.update(level)
        found += level
    return found


def _group_roles(roles) -> list[MeetingEntry]:
    entries: dict[int, MeetingEntry] = {}
    for role in roles:
        entry = entries.setdefault(role.meeting_id, MeetingEntry(meeting=role.meeting))
        if role.role not in entry.roles:
            entry.roles.append(role.role)
        if role.organization not in entry.organizations:
            entry.organizations.append(role.organization)
    for entry in entries.values():
        entry.roles.sort(key=lambda r: ROLE_ORDER.get(r, 9))
    return list(entries.values())


_MEETING_RELATED = ("city", "country", "series")


def _meeting_order(prefix: str = "") -> list:
    return [F(f"{prefix}start_date").desc(nulls_last=True), f"-{prefix}id"]


def pair_counts(organization_ids: list[int]) -> list[tuple[int, int, int]]:
    """Shared meetings of every pair of these organizations: (a, b, n) with a < b."""
    rows = (
        MeetingRole.objects.filter(
            status__in=LIVE,
            organization_id__in=organization_ids,
            meeting__roles__status__in=LIVE,
            meeting__roles__organization_id__in=organization_ids,
            meeting__roles__organization_id__gt=F("organization_id"),
        )
        .order_by()
        .values("organization_id", "meeting__roles__organization_id")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    return sorted(
        (r["organization_id"], r["meeting__roles__organization_id"], r["n"]) for r in rows
    )


def organization_page(slug: str, *, with_parts: bool = False) -> OrganizationPage:
    """An organization's page; ``with_parts``: its meetings, partners and articles include
    those of the bodies that belong to it (a league's secretariat and councils)."""
    organization = (
        Organization.objects.select_related("country", "parent").filter(slug=slug).first()
    )
    if organization is None:
        raise Http404("No such organization")
    parts = organization_parts(organization)
    ids = [organization.pk, *parts] if with_parts else [organization.pk]
    limit = MEETINGS_SHOWN * 2  # an organization can hold two roles in one meeting
    roles = list(
        MeetingRole.objects.filter(organization_id__in=ids, status__in=LIVE)
        .select_related("organization", *(f"meeting__{r}" for r in _MEETING_RELATED))
        .order_by(*_meeting_order("meeting__"))[:limit]
    )
    meetings = _group_roles(roles)[:MEETINGS_SHOWN]
    mine = MeetingRole.objects.filter(organization_id__in=ids, status__in=LIVE).values("meeting_id")
    partners = list(
        Organization.objects.filter(meeting_roles__meeting__in=mine, meeting_roles__status__in=LIVE)
        .exclude(pk__in=ids)
        .annotate(n=Count("meeting_roles__meeting", distinct=True))
        .order_by("-n", "name_ar", "pk")[:PARTNERS_SHOWN]
    )
    articles_qs = Article.objects.filter(
        Exists(
            ArticleOrganization.objects.filter(
                article=OuterRef("pk"), organization_id__in=ids, status__in=LIVE
            )
        )
    )
    article_count = articles_qs.count()
    meetings_qs = Meeting.objects.public().filter(
        Exists(
            MeetingRole.objects.filter(
                meeting=OuterRef("pk"), organization_id__in=ids, status__in=LIVE
            )
        )
    )
    meeting_count = (
        len(meetings)
        if len(roles) < limit
        else meetings_qs.order_by().values("pk").distinct().count()
    )
    # The network around it: the organization and its partners, and how often
    # each pair met (edges between partners included).
    organization.meeting_count = meeting_count
    for partner in partners:
        partner.meeting_count = partner.n
    nodes = [organization, *partners]
    edges = pair_counts([o.pk for o in nodes]) if partners else []
    return OrganizationPage(
        organization=organization,
        aliases=list(organization.aliases.order_by("language", "name")),
        meetings=meetings,
        meeting_count=meeting_count,
        partners=[Partner(organization=p, meetings=p.n) for p in partners],
        articles=list(articles_qs.select_related("source").by_date()[:ARTICLES_SHOWN]),
        article_count=article_count,
        articles_per_month=monthly(articles_qs, "published_at") if article_count else {},
        meetings_per_month=monthly(meetings_qs, "start_date") if meeting_count else {},
        network=NetworkData(nodes=nodes, edges=edges),
        parts=list(
            _organization_counts(organization.children.all()).order_by(
                F("article_count").desc(), "name_ar"
            )[:PARTS_SHOWN]
        ),
        with_parts=with_parts and bool(parts),
        part_count=len(parts),
        designations=[
            Designation(code).label
            for code in organization.designations
            if code in Designation.values
        ],
    )


def network_data(*, size: int = NETWORK_SIZE) -> NetworkData:
    """The most active organizations (by meetings) and their shared meetings."""
    nodes = list(
        Organization.objects.filter(meeting_roles__status__in=LIVE)
        .select_related("parent")
        .annotate(meeting_count=Count("meeting_roles__meeting", distinct=True))
        .order_by("-meeting_count", "name_ar", "pk")[:size]
    )
    edges = pair_counts([o.pk for o in nodes]) if len(nodes) > 1 else []
    return NetworkData(nodes=nodes, edges=edges)


# --- Meetings ----------------------------------------------------------------------


def meeting_list(
    *,
    kind: str = "",
    series: MeetingSeries | None = None,
    country: Country | None = None,
    year: int | None = None,
    organization: Organization | None = None,
    participant_country: Country | None = None,
    security: bool = False,
    sort: str = "newest",
    page: int = 1,
) -> Page:
    """Public meetings by kind, series, host country, year, a participant (any live
    role), or the country a participant belongs to; ``security``: only those with
    security on their agenda."""
    qs = (
        Meeting.objects.public()
        .select_related(*_MEETING_RELATED)
        .annotate(article_count=_count(ArticleMeeting.objects.filter(status__in=LIVE), "meeting"))
    )
    if kind:
        qs = qs.filter(kind=kind)
    if security:
        qs = qs.filter(about_security=True)
    if series is not None:
        qs = qs.filter(series=series)
    if country is not None:
        qs = qs.filter(country=country)
    if year:
        qs = qs.filter(start_date__year=year)
    if organization is not None:
        qs = qs.filter(_with_role(organization=organization))
    if participant_country is not None:
        qs = qs.filter(_with_role(organization__country=participant_country))
    if sort == "oldest":
        qs = qs.order_by(F("start_date").asc(nulls_last=True), "id")
    elif sort == "name":
        qs = qs.order_by("name", "id")
    else:
        qs = qs.order_by(*_meeting_order())
    return _paginate(qs, page)


def meeting_filter_choices() -> dict:
    """What the meeting list can be filtered by: only values some meeting has."""
    kinds = list(
        Meeting.objects.public().order_by("kind").values_list("kind", flat=True).distinct()
    )
    series = list(
        MeetingSeries.objects.filter(Exists(Meeting.objects.public().filter(series=OuterRef("pk"))))
    )
    countries = list(
        Country.objects.filter(Exists(Meeting.objects.public().filter(country=OuterRef("pk"))))
    )
    roles = MeetingRole.objects.filter(status__in=LIVE)
    organizations = list(
        Organization.objects.filter(Exists(roles.filter(organization=OuterRef("pk"))))
    )
    participant_countries = list(
        Country.objects.filter(Exists(roles.filter(organization__country=OuterRef("pk"))))
    )
    return {
        "kinds": kinds,
        "series": series,
        "countries": countries,
        "organizations": organizations,
        "participant_countries": participant_countries,
    }


def _with_role(**target) -> Exists:
    """The meeting has a live role (organizer, host, participant...) matching target."""
    return Exists(MeetingRole.objects.filter(status__in=LIVE, meeting=OuterRef("pk"), **target))


@dataclass
class Fact:
    """One extracted attribute of a meeting and the sentence it came from."""

    name: str
    evidence: str


@dataclass
class MeetingPage:
    meeting: Meeting
    roles: list[MeetingRole]
    previous: Meeting | None
    next: Meeting | None
    reports: list[ArticleMeeting]
    facts: list[Fact]


# The order in which the meeting's extracted attributes are listed.
FACT_ORDER = (
    "name",
    "kind",
    "series",
    "edition",
    "dates",
    "start_date",
    "city",
    "country",
    "organizers",
    "hosts",
    "participants",
    "participant_countries",
)


def meeting_page(pk: int, *, candidates: bool = False) -> MeetingPage:
    """A meeting's page; a candidate's only when asked (``candidates``: a curator)."""
    meetings = Meeting.objects.all() if candidates else Meeting.objects.public()
    meeting = (
        meetings.select_related("city__country", "country", "series__organizer")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting")
    roles = sorted(
        meeting.roles.filter(status__in=LIVE).select_related("organization__country"),
        key=lambda r: (ROLE_ORDER.get(r.role, 9), r.organization.name_ar, r.pk),
    )
    previous = following = None
    if meeting.series_id and meeting.edition:
        neighbours = (
            Meeting.objects.public()
            .filter(series_id=meeting.series_id, edition__isnull=False)
            .exclude(pk=meeting.pk)
            .only("id", "name", "edition", "start_date")
            .order_by("edition")
        )
        for other in neighbours:
            if other.edition < meeting.edition:
                previous = other
            elif other.edition > meeting.edition and following is None:
                following = other
    reports = list(
        meeting.article_links.filter(status__in=LIVE)
        .select_related("article__source")
        .order_by(F("article__published_at").desc(nulls_last=True), "article_id")
    )
    evidence = meeting.evidence if isinstance(meeting.evidence, dict) else {}
    rank = {name: i for i, name in enumerate(FACT_ORDER)}
    facts = [
        Fact(name=str(name), evidence=str(sentence))
        for name, sentence in sorted(evidence.items(), key=lambda kv: (rank.get(kv[0], 99), kv[0]))
        if sentence
    ]
    return MeetingPage(
        meeting=meeting,
        roles=roles,
        previous=previous,
        next=following,
        reports=reports,
        facts=facts,
    )


# --- Series --------------------------------------------------------------------------


_PUBLIC_MEETINGS = Q(meetings__status=MeetingStatus.PUBLIC)


def series_list() -> list[MeetingSeries]:
    return list(
        MeetingSeries.objects.select_related("organizer")
        .annotate(
            meeting_count=Count("meetings", distinct=True, filter=_PUBLIC_MEETINGS),
            first_date=Min("meetings__start_date", filter=_PUBLIC_MEETINGS),
            last_date=Max("meetings__start_date", filter=_PUBLIC_MEETINGS),
            last_edition=Max("meetings__edition", filter=_PUBLIC_MEETINGS),
        )
        .order_by("name_ar", "pk")
    )


@dataclass
class SeriesPage:
    series: MeetingSeries
    editions: list[Meeting]


def series_page(slug: str) -> SeriesPage:
    series = MeetingSeries.objects.select_related("organizer").filter(slug=slug).first()
    if series is None:
        raise Http404("No such series")
    editions = list(
        series.meetings.public()
        .select_related("city", "country")
        .annotate(article_count=_count(ArticleMeeting.objects.filter(status__in=LIVE), "meeting"))
        .order_by(F("edition").asc(nulls_last=True), F("start_date").asc(nulls_last=True), "id")
    )
    return SeriesPage(series=series, editions=editions)


# --- Countries -----------------------------------------------------------------------


def country_by_iso(iso: str) -> Country:
    """The country whose ISO alpha-2 or alpha-3 code this is, in any letter case."""
    iso = (iso or "").upper()
    country = None
    if len(iso) == 2 and iso.isascii() and iso.isalpha():
        country = Country.objects.filter(code=iso).first()
    elif len(iso) == 3 and iso.isascii() and iso.isalpha():
        country = Country.objects.filter(iso3=iso).first()
    if country is None:
        raise Http404("No such country")
    return country


# The home page's totals and the country list's counts change only with ingest and
# curation, and counting them reads whole fact tables: they are kept for a minute.
HOME_COUNTS_KEY = "archive:home-counts"
TOTALS_SECONDS = 60


def country_list(*, sort: str = "name", everything: bool = False, language: str = "ar") -> list:
    """Countries with their counts of meetings, articles and organizations (each
    ordering kept for TOTALS_SECONDS)."""
    key = f"archive:countries:{sort}:{int(everything)}:{language}"
    return cache.get_or_set(
        key,
        lambda: _country_list(sort=sort, everything=everything, language=language),
        TOTALS_SECONDS,
    )


def _country_list(*, sort: str, everything: bool, language: str) -> list:
    qs = Country.objects.annotate(
        meeting_count=_count(Meeting.objects.public(), "country"),
        article_count=_count(ArticleCountry.objects.filter(status__in=LIVE), "country"),
        organization_count=_count(Organization.objects.all(), "country"),
    )
    if not everything:
        qs = qs.filter(Q(meeting_count__gt=0) | Q(article_count__gt=0))
    if sort == "meetings":
        qs = qs.order_by(F("meeting_count").desc(), *_name_order(language))
    elif sort == "articles":
        qs = qs.order_by(F("article_count").desc(), *_name_order(language))
    else:
        qs = qs.order_by(*_name_order(language))
    return list(qs)


@dataclass
class Place:
    country: Country
    meetings: int
    cities: list[tuple[City | None, int]]


def meeting_places(country: Country | None = None) -> list[Place]:
    """Where meetings were held: per country (most first), and per city within it."""
    qs = Meeting.objects.public().filter(country__isnull=False)
    if country is not None:
        qs = qs.filter(country=country)
    rows = (
        qs.order_by()
        .values("country_id", "city_id")
        .annotate(n=Count("id"))
        .order_by("country_id", "city_id")
    )
    rows = list(rows)
    countries = Country.objects.in_bulk({r["country_id"] for r in rows})
    cities = City.objects.in_bulk({r["city_id"] for r in rows if r["city_id"]})
    places: dict[int, Place] = {}
    for r in rows:
        place = places.setdefault(
            r["country_id"], Place(country=countries[r["country_id"]], meetings=0, cities=[])
        )
        place.meetings += r["n"]
        place.cities.append((cities.get(r["city_id"]), r["n"]))
    for place in places.values():
        place.cities.sort(key=lambda c: (c[0] is None, -c[1], c[0].name_ar if c[0] else ""))
    return sorted(places.values(), key=lambda p: (-p.meetings, p.country.name_ar))


# Organizations that belong to no one country, wherever their seat is.
INTERNATIONAL_KINDS = [
    OrganizationKind.UN_BODY,
    OrganizationKind.INTERGOVERNMENTAL,
    OrganizationKind.REGIONAL,
    OrganizationKind.SECURITY_ALLIANCE,
    OrganizationKind.INTERNATIONAL_POLICE,
    OrganizationKind.COALITION,
]


@dataclass
class CountryPage:
    country: Country
    held: list[Meeting]
    held_count: int
    attended: list[MeetingEntry]
    attended_count: int
    organizations: list[Organization]
    articles: list[Article]
    article_count: int
    articles_per_month: dict[datetime.date, int]
    meetings_per_month: dict[datetime.date, int]
    cities: list[tuple[City | None, int]]


def country_page(country: Country) -> CountryPage:
    held_qs = Meeting.objects.public().filter(country=country)
    held = list(
        held_qs.select_related(*_MEETING_RELATED).order_by(*_meeting_order())[:MEETINGS_SHOWN]
    )
    held_count = len(held) if len(held) < MEETINGS_SHOWN else held_qs.count()
    limit = MEETINGS_SHOWN * 3  # several of its bodies can attend one meeting
    # Its bodies: national agencies and ministries based there, not the international
    # organizations it hosts (RATS sits in Tashkent but is not an Uzbek body).
    bodies = MeetingRole.objects.filter(organization__country=country, status__in=LIVE).exclude(
        organization__kind__in=INTERNATIONAL_KINDS
    )
    roles = list(
        bodies.select_related(
            "organization", *(f"meeting__{r}" for r in _MEETING_RELATED)
        ).order_by(*_meeting_order("meeting__"), "organization__name_ar")[:limit]
    )
    attended = _group_roles(roles)[:MEETINGS_SHOWN]
    attended_count = (
        len(attended) if len(roles) < limit else bodies.values("meeting_id").distinct().count()
    )
    articles_qs = Article.objects.filter(
        country_links__country=country, country_links__status__in=LIVE
    )
    article_count = articles_qs.count()
    cities = Counter()
    for meeting in held:
        cities[meeting.city] += 1
    return CountryPage(
        country=country,
        held=held,
        held_count=held_count,
        attended=attended,
        attended_count=attended_count,
        organizations=list(Organization.objects.filter(country=country).order_by("name_ar")[:100]),
        articles=list(articles_qs.select_related("source").by_date()[:ARTICLES_SHOWN]),
        article_count=article_count,
        articles_per_month=monthly(articles_qs, "published_at") if article_count else {},
        meetings_per_month=monthly(held_qs, "start_date") if held_count else {},
        cities=sorted(
            cities.items(), key=lambda c: (c[0] is None, -c[1], c[0].name_ar if c[0] else "")
        ),
    )


# --- Home and search -------------------------------------------------------------


@dataclass
class HomePage:
    latest: list[Article]
    counts: dict[str, int]
    active_organizations: list[Organization]
    upcoming: list[Meeting]
    recent: list[Meeting]


def _ids(qs, field: str) -> set[int]:
    return set(qs.order_by().values_list(field, flat=True).distinct())


def _home_counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        # Organizations and countries the archive says something about, not the
        # whole gazetteer.
        "organizations": len(
            _ids(ArticleOrganization.objects.filter(status__in=LIVE), "organization_id")
            | _ids(MeetingRole.objects.filter(status__in=LIVE), "organization_id")
        ),
        "meetings": Meeting.objects.public().count(),
        "countries": len(
            _ids(ArticleCountry.objects.filter(status__in=LIVE), "country_id")
            | _ids(Meeting.objects.public().filter(country__isnull=False), "country_id")
        ),
    }


def home_page(*, today: datetime.date | None = None) -> HomePage:
    today = today or datetime.date.today()
    counts = cache.get_or_set(HOME_COUNTS_KEY, _home_counts, TOTALS_SECONDS)
    active = list(
        Organization.objects.filter(article_links__status__in=LIVE)
        .annotate(n=Count("article_links"))
        .order_by("-n", "name_ar", "pk")[:8]
    )
    meetings = Meeting.objects.public().select_related(*_MEETING_RELATED)
    return HomePage(
        latest=list(Article.objects.select_related("source").by_date()[:10]),
        counts=counts,
        active_organizations=active,
        upcoming=list(meetings.filter(start_date__gte=today).order_by("start_date", "id")[:5]),
        recent=list(meetings.exclude(start_date__gte=today).order_by(*_meeting_order())[:6]),
    )


def search_meetings_per_month(ids: list[int]) -> dict[datetime.date, int]:
    """Meetings reported by these articles (a search's counted matches), per month they
    were held."""
    return monthly(
        Meeting.objects.public().filter(
            article_links__article_id__any=ids, article_links__status__in=LIVE
        ),
        "start_date",
    )


# --- One article's text ------------------------------------------------------------

# SECURITY INVARIANT: an article is read and served in parts of at most this many
# characters, cut in the database, so a huge stored body (hundreds of MB, from before the
# ingest limit) never reaches a worker's memory whole.
BODY_PART_CHARS = 100_000


@dataclass
class ArticleText:
    article: Article  # its body deferred: never loaded
    text: str  # the part asked for
    part: int
    parts: int


def article_text(pk: int, *, part: int = 1) -> ArticleText:
    """The article and one part of its body; 404 for a part it does not have."""
    start = (max(part, 1) - 1) * BODY_PART_CHARS + 1
    article = get_object_or_404(
        Article.objects.select_related("source", "near_duplicate_of")
        .defer("body", "near_duplicate_of__body")
        .annotate(
            body_length=Length("body"),
            body_part=Substr("body", start, BODY_PART_CHARS),
        ),
        pk=pk,
    )
    parts = max(1, -(-article.body_length // BODY_PART_CHARS))
    if not 1 <= part <= parts:
        raise Http404("no such part")
    return ArticleText(article=article, text=article.body_part, part=part, parts=parts)
