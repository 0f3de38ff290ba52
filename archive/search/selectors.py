"""Reads: the one search used by the page, the API, the export, the feed and the admin."""

from __future__ import annotations

import datetime
import json
import math
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, make_dataclass
from functools import lru_cache

from django.db import connections, models, transaction
from django.db.models import Exists, F, Max, Min, OuterRef, Q, signals
from django.utils.translation import gettext

from archive.facts.gazetteer import table_signature
from archive.facts.kinds import FACET_KINDS
from archive.models import (
    LIVE_STATUSES,
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    Organization,
    OrganizationAlias,
    Source,
)
from archive.search import config as search_config
from archive.search import expressions as search_expressions
from archive.search import parameters as search_parameters
from archive.search import query as search_query
from archive.search.suggest import suggest
from archive.text.query_parser import Clause, ParsedQuery, QueryError, Term, parse

PAGE_SIZE = 20
# Counting stops here: beyond it the total is shown as "more than 500" (finding more
# matches of a common word means reading more rows; see "How results are ranked" in
# the README). The facets and the histogram count these newest matches.
COUNT_CAP = 500
FACET_SIZE = 10


class _SearchRequestMethods:
    @classmethod
    def from_form(cls, cleaned: dict) -> SearchRequest:
        return cls(
            **{k: v for k, v in cleaned.items() if k in cls.__dataclass_fields__ and v is not None}
        )

    def has_filters(self) -> bool:
        return any(getattr(self, p.name) for p in search_parameters.FILTERS)


# One field per row of the table of parameters (archive.search.parameters).
SearchRequest = make_dataclass(
    "SearchRequest",
    [(p.name, p.type, field(default=p.default)) for p in search_parameters.PARAMETERS],
    bases=(_SearchRequestMethods,),
    namespace={"__module__": __name__},
)


@dataclass
class Expansion:
    organization: Organization
    names: list[str]


@dataclass
class SearchResults:
    request: SearchRequest
    articles: list[Article] = field(default_factory=list)
    count: int = 0
    count_is_exact: bool = True
    compiled: search_query.CompiledQuery | None = None
    expansions: list[Expansion] = field(default_factory=list)
    facets: dict[str, list[dict]] = field(default_factory=dict)
    histogram: list[dict] = field(default_factory=list)
    suggestion: str = ""
    error: str = ""
    # The ids the count, facets and histogram were computed from (at most COUNT_CAP).
    counted_ids: list[int] = field(default_factory=list)

    @property
    def has_next(self) -> bool:
        return self.request.page * PAGE_SIZE < self.count

    @property
    def has_previous(self) -> bool:
        return self.request.page > 1

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


# --- Names across scripts ------------------------------------------------------


@lru_cache(maxsize=4)
def _name_index(version: tuple) -> dict[str, tuple[int, tuple[str, ...]]]:
    """normalized name → (organization id, every name of that organization)."""
    norm = search_config.analyzer().normalize
    names: dict[int, list[str]] = {}
    for org in Organization.objects.only("id", "name_ar", "name_en", "acronym"):
        names[org.pk] = [n for n in (org.name_ar, org.name_en, org.acronym) if n]
    for org_id, name in OrganizationAlias.objects.values_list("organization_id", "name"):
        names.setdefault(org_id, []).append(name)
    index: dict[str, tuple[int, tuple[str, ...]]] = {}
    for org_id, org_names in names.items():
        unique = tuple(dict.fromkeys(org_names))
        for name in unique:
            key = norm(name)
            if key:
                index.setdefault(key, (org_id, unique))
    return index


# Rebuilt whenever a curator adds, removes or edits an organization or an alias (a
# rename changes no id, no count and no organization's updated_at: the signature reads
# every row). Reading every row of the grown gazetteer (~12,000 organizations) costs tens
# of milliseconds, too much for every search: the signature is read again at most every
# NAME_INDEX_RECHECK seconds, and at once after a save or delete in this process (the
# signals below); another process sees a change within those seconds.
NAME_INDEX_RECHECK = 2.0
_name_signature: tuple[float, tuple] | None = None


def forget_name_index(**_kwargs) -> None:
    """Make the next search read the organizations' signature again."""
    global _name_signature
    _name_signature = None


def name_index() -> dict[str, tuple[int, tuple[str, ...]]]:
    global _name_signature
    now = time.monotonic()
    if _name_signature is None or now - _name_signature[0] > NAME_INDEX_RECHECK:
        _name_signature = (now, table_signature(Organization, OrganizationAlias))
    return _name_index(_name_signature[1])


for _model in (Organization, OrganizationAlias):
    signals.post_save.connect(forget_name_index, sender=_model, dispatch_uid=f"names-{_model}")
    signals.post_delete.connect(forget_name_index, sender=_model, dispatch_uid=f"names-d{_model}")


@lru_cache(maxsize=4096)
def _name_term(name: str) -> Term | None:
    """A name as a query term (a phrase when it has several words); parsing depends on
    nothing but the name, so it is done once per name."""
    try:
        words = tuple(w for c in parse(name).clauses for t in c.terms for w in t.words)
    except QueryError:
        return None
    return Term(words=words) if words else None


def _with_names(terms: list[Term], names: tuple[str, ...]) -> list[Term]:
    for name in names:
        if len(name) < 3:  # "UN", "EU": too ambiguous as words in running text
            continue
        term = _name_term(name)
        if term is not None and term not in terms:
            terms.append(term)
    return terms


def _expand(parsed: ParsedQuery) -> tuple[ParsedQuery, list[Expansion]]:
    """Add every name of an organization wherever the query names it one way."""
    index = name_index()
    norm = search_config.analyzer().normalize
    expansions: dict[int, list[str]] = {}
    clauses = []
    for clause in parsed.clauses:
        terms = list(clause.terms)
        if not clause.negated:
            for term in clause.terms:
                if term.prefix:
                    continue
                hit = index.get(norm(" ".join(term.words)))
                if not hit:
                    continue
                org_id, names = hit
                _with_names(terms, names)
                expansions.setdefault(org_id, list(names))
        clauses.append(Clause(terms=tuple(terms), negated=clause.negated))
    if not expansions:
        # The whole unquoted query may be one name: منظمة شنغهاي للتعاون
        words = tuple(w for c in parsed.positive for t in c.terms for w in t.words)
        if (
            len(parsed.clauses) > 1
            and not parsed.negative
            and all(len(c.terms) == 1 and not c.terms[0].prefix for c in parsed.clauses)
        ):
            hit = index.get(norm(" ".join(words)))
            if hit:
                org_id, names = hit
                clauses = [Clause(terms=tuple(_with_names([Term(words=words)], names)))]
                expansions[org_id] = list(names)
    orgs = Organization.objects.select_related("parent").in_bulk(list(expansions))
    return ParsedQuery(clauses=tuple(clauses)), [
        Expansion(organization=orgs[i], names=n) for i, n in expansions.items() if i in orgs
    ]


# --- The search ----------------------------------------------------------------


def _linked(model, **target) -> Exists:
    """The article has a live link (not rejected, not a candidate meeting's) of this kind to the target: one
    condition on one link, so another link's rejection does not hide the article."""
    return Exists(
        model.objects.filter(Q(status__in=LIVE_STATUSES), article_id=OuterRef("pk"), **target)
    )


# One method per filter of the table of parameters (archive.search.parameters): what
# ?<name>=<value> means for the articles.
def by_organization(qs, slug: str):
    return qs.filter(_linked(ArticleOrganization, organization__slug=slug))


def by_country(qs, code: str):
    return qs.filter(_linked(ArticleCountry, country__code=code))


def by_meeting(qs, meeting_id: int):
    return qs.filter(_linked(ArticleMeeting, meeting_id=meeting_id))


def by_source(qs, name: str):
    return qs.filter(source__name=name)


def by_language(qs, language: str):
    return qs.filter(language=language)


def by_security(qs, on: bool):
    # Articles the extractor read as about terrorism, counter-terrorism or security
    # (Article.about_security, archive.text.extraction.security).
    return qs.filter(about_security=True) if on else qs


def by_date_from(qs, day: datetime.date):
    return qs.filter(published_at__gte=day)


def by_date_to(qs, day: datetime.date):
    return qs.filter(published_at__lte=day)


_BY = {p.name: globals()[f"by_{p.name}"] for p in search_parameters.FILTERS}


def _filtered(qs, request: SearchRequest):
    for parameter in search_parameters.FILTERS:
        value = getattr(request, parameter.name)
        if value:
            qs = _BY[parameter.name](qs, value)
    return qs


def filtered_articles(qs, request: SearchRequest):
    """The search filters of ``request`` applied to ``qs``: one definition of what each
    filter means, for the search and for the API's article list."""
    return _filtered(qs, request)


def _verified(qs, compiled: search_query.CompiledQuery):
    # Spelling and exact levels: each positive clause must also match its regular
    # expression in the original text. The patterns come from the analyzer and
    # are bound as parameters (never formatted into the SQL).
    for pattern in compiled.clause_patterns:
        qs = qs.filter(search_expressions.TextMatches("title", "body", pattern))
    return qs


def matching_articles(request: SearchRequest):
    """(queryset of matches, compiled query, expansions); raises QueryError."""
    parsed = parse(request.q)
    expansions: list[Expansion] = []
    if request.expand and not parsed.is_empty():
        parsed, expansions = _expand(parsed)
    compiled = search_query.compile_query(parsed, level=request.level)
    if compiled is None:
        if parsed.is_empty() and request.has_filters():
            qs = _filtered(Article.objects.all(), request).distinct()
            return qs, None, []
        return Article.objects.none(), None, []
    qs = _verified(_filtered(Article.objects.search(compiled), request), compiled)
    if request.has_filters():
        qs = qs.distinct()
    return qs, compiled, expansions


# --- Ranking --------------------------------------------------------------------
#
# Ranking an article means reading its whole search vector (several KB from TOAST,
# about 25 us each at a million articles): ranking every match of a word found in a
# third of a million articles takes seconds. So relevance ranks a bounded set of
# candidates: the RANK_CANDIDATES newest matches (newest_matches). When a query
# matches at most RANK_CANDIDATES articles, which is most analyst
# queries, every match is ranked and the order is exact; beyond that, the ranked
# newest matches come first and the older ones follow newest first. The trade-off is
# documented in the README ("How results are ranked").

RANK_CANDIDATES = 500


def _newest_first(qs):
    return qs.order_by(F("published_at").desc(nulls_last=True), F("pk").desc())


# Finding the newest matches. Walking the date index and testing each article reads one
# whole vector per article walked (thousands for the 501 newest matches of a word in a
# few per cent of a million articles: seconds); collecting every match through the GIN
# index and sorting reads one row per match (seconds for a word in a third of them).
# Neither scales, so matches are collected period by period, newest first: the word is
# intersected with the few most recent months (Article.period_vector shares the GIN
# index with the words, so that is one index scan) and only when those hold too few
# matches does the search move on to the months before, in windows that double. The
# first window is sized from the planner's estimate of the word's frequency to hold
# about WINDOW_SLACK times the matches needed.
WINDOW_SLACK = 1.5


def _estimated_rows(qs) -> float:
    """The planner's estimate of the rows of `qs` (EXPLAIN: nothing runs)."""
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        # The statement is Django's compiled query with its parameters bound.
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return float(plan[0]["Plan"]["Plan Rows"])


def _table_rows(db: str) -> float:
    with connections[db].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Article._meta.db_table]
        )
        row = cursor.fetchone()
    return max(float(row[0]) if row else 0.0, 1.0)


# What newest_matches returns of each match: the facets of sources and languages and the
# monthly histogram come from these, read with the match (no second visit of the rows).
MATCH_FIELDS = ("pk", "published_at", "source_id", "language")


def _collected(qs, limit: int) -> list[tuple]:
    """The `limit` newest of the matches `qs`, collected through the GIN index and sorted:
    (id, published_at, source_id, language) each."""
    newest = _newest_first(qs).values_list(*MATCH_FIELDS)[:limit]
    with transaction.atomic(using=qs.db), connections[qs.db].cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")  # never the date-index walk
        return list(newest)


def _month_number(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(number: int) -> datetime.date:
    return datetime.date(number // 12, number % 12 + 1, 1)


def newest_matches(
    qs,
    limit: int,
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[int]:
    """The ids of the `limit` newest matches, newest first (undated ones last);
    `date_from`/`date_to`: the date filter already applied to `qs`, if any."""
    rows = newest_match_rows(qs, limit, date_from=date_from, date_to=date_to)
    return [row[0] for row in rows]


def newest_match_rows(
    qs,
    limit: int,
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[tuple]:
    """newest_matches with the MATCH_FIELDS of each match."""
    estimated = _estimated_rows(qs)
    if estimated <= 4 * limit:
        return _collected(qs, limit)  # few matches: sorting them all is cheap
    span = Article.objects.using(qs.db).aggregate(
        first=Min("published_at"), last=Max("published_at")
    )
    if span["first"] is None:
        return _collected(qs, limit)
    total = _table_rows(qs.db)
    per_month = total / (_month_number(span["last"]) - _month_number(span["first"]) + 1)
    first = max(span["first"], date_from or span["first"])
    last = min(span["last"], date_to or span["last"])
    oldest, end = _month_number(first), _month_number(last)
    months = end - oldest + 1
    expected = max(estimated / total, 1e-9) * per_month  # matches per month
    window = max(1, math.ceil(WINDOW_SLACK * limit / expected))
    if window * 2 >= months:
        return _collected(qs, limit)  # the windows would cover most of the archive
    found: list[tuple] = []
    undated = date_from is None and date_to is None
    while end >= oldest and len(found) < limit:
        start = max(oldest, end - window + 1)
        lexemes = search_config.period_lexemes(_month_start(start), _month_start(end))
        window_qs = qs.filter(search_expressions.PeriodMatch("period_vector", lexemes))
        found += _collected(window_qs, limit - len(found))
        if len(found) < limit // 4:
            # Far fewer than estimated (the planner overrates rare words): the word is
            # rare, so all its older matches at once are cheap.
            older = Q(published_at__lt=_month_start(start))
            rest = qs.filter(older | Q(published_at__isnull=True) if undated else older)
            return found + _collected(rest, limit - len(found))
        end, window = start - 1, window * 2
    if len(found) < limit and undated:
        found += _collected(qs.filter(published_at__isnull=True), limit - len(found))
    return found


def _newest_rows(qs, request: SearchRequest, limit: int) -> list[tuple]:
    """newest_match_rows of the matches of `request` (whose date filter `qs` holds)."""
    return newest_match_rows(qs, limit, date_from=request.date_from, date_to=request.date_to)


def _ranked_ids(compiled, candidates: list[int], *, start: int, size: int) -> list[tuple]:
    # Ranks the candidates reading only their ids and vectors; the page's rows are
    # fetched afterwards (20 rows, not the candidates' bodies). (id, rank) each.
    ranked = Article.objects.filter(pk__any=candidates).ranked(compiled).by_relevance()
    return list(ranked.values_list("pk", "rank")[start : start + size])


def _ranked_rows(ranked: list[tuple], rows=None) -> list:
    articles = _in_order([pk for pk, _rank in ranked], rows)
    ranks = dict(ranked)
    for article in articles:
        article.rank = ranks[article.pk]
    return articles


def _in_order(ids: list[int], rows=None) -> list:
    found = (rows if rows is not None else Article.objects.for_display()).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def ranked_page(
    qs, compiled, request: SearchRequest, *, start: int, size: int, candidates: list[int]
) -> list:
    """Articles start..start+size of the matches `qs`, in the request's order;
    `candidates` are the ids of the newest matches (newest_matches)."""
    if compiled is None:
        return list(qs.by_date().for_display()[start : start + size])
    complete = len(candidates) < RANK_CANDIDATES  # every match is a candidate
    page = []
    if request.sort == "date":
        page = _in_order(candidates[start : start + size])
    elif start < len(candidates):
        page = _ranked_rows(_ranked_ids(compiled, candidates, start=start, size=size))
    if not complete and len(page) < size:
        # Past the candidates: the older matches, newest first (the newest matches
        # from the candidates on: period by period, never a walk of the date index).
        first = len(candidates) + max(0, start - len(candidates))
        older = _newest_rows(qs, request, first + size - len(page))[first:]
        page += _in_order([row[0] for row in older])
    return page


def ordered_matches(
    qs, compiled, request: SearchRequest, *, limit: int, fields: tuple[str, ...] = ()
) -> Iterator:
    """The first `limit` matches in the request's order, streamed (the CSV export);
    `fields` limits the columns loaded (e.g. no body)."""

    def shaped(rows):
        rows = rows.select_related("source")
        return rows.only(*fields) if fields else rows

    if compiled is None:
        yield from shaped(qs.by_date())[:limit].iterator(chunk_size=500)
        return
    rows = shaped(Article.objects.all())
    ids = [row[0] for row in _newest_rows(qs, request, limit)]
    if request.sort != "date":
        candidates = ids[:RANK_CANDIDATES]
        ranked = _ranked_ids(compiled, candidates, start=0, size=len(candidates))
        ids = [pk for pk, _rank in ranked] + ids[len(candidates) :]
    for start in range(0, len(ids), 500):
        yield from _in_order(ids[start : start + 500], rows)


@dataclass
class ArticleFactNames:
    """What an export row says of an article's facts, in the reader's language."""

    organizations: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    meetings: list[str] = field(default_factory=list)


def fact_names(ids: list[int], *, language: str) -> dict[int, ArticleFactNames]:
    """The live (not rejected, not candidate) organizations, countries and reported meetings of these
    articles: three queries for any number of ids (the CSV export asks 500 at a time)."""
    english = language.startswith("en")
    live = Q(status__in=LIVE_STATUSES)
    out = {pk: ArticleFactNames() for pk in ids}
    for pk, ar, en in (
        ArticleOrganization.objects.filter(live, article_id__in=ids)
        .order_by("article_id", "-mentions", "organization__name_ar")
        .values_list("article_id", "organization__name_ar", "organization__name_en")
    ):
        out[pk].organizations.append(en or ar if english else ar)
    for pk, ar, en in (
        ArticleCountry.objects.filter(live, article_id__in=ids)
        .order_by("article_id", "-mentions", "country__name_ar")
        .values_list("article_id", "country__name_ar", "country__name_en")
    ):
        out[pk].countries.append(en or ar if english else ar)
    for pk, name in (
        ArticleMeeting.objects.filter(
            live, article_id__in=ids, relation=ArticleMeeting.Relation.REPORTS
        )
        .order_by("article_id", "meeting_id")
        .values_list("article_id", "meeting__name")
    ):
        out[pk].meetings.append(name)
    return out


def article_search(request: SearchRequest, *, with_facets: bool = True) -> SearchResults:
    """One page of ranked results, with counts, facets and the monthly histogram."""
    results = SearchResults(request=request)
    try:
        qs, compiled, expansions = matching_articles(request)
    except QueryError as error:
        results.error = error.localized(gettext)
        return results
    results.compiled, results.expansions = compiled, expansions
    # The newest matches' ids once (at most COUNT_CAP + 1): the count, the candidates
    # of the ranking, the facets and the histogram all use this list.
    if compiled is not None:
        matches = _newest_rows(qs, request, COUNT_CAP + 1)
    else:
        matches = list(qs.order_by().values_list(*MATCH_FIELDS)[: COUNT_CAP + 1])
    capped = [row[0] for row in matches]
    results.count = len(capped)
    if results.count > COUNT_CAP:
        results.count, results.count_is_exact = COUNT_CAP, False
    if compiled is None and not request.has_filters():
        return results
    start = (request.page - 1) * PAGE_SIZE
    results.articles = ranked_page(
        qs, compiled, request, start=start, size=PAGE_SIZE, candidates=capped[:RANK_CANDIDATES]
    )
    if results.count == 0 and compiled is not None:
        results.suggestion = suggest(request.q)
    if with_facets and results.count:
        results.counted_ids = capped[:COUNT_CAP]
        rows = matches[:COUNT_CAP]
        results.facets = facets(results.counted_ids, rows=rows)
        results.histogram = histogram(results.counted_ids, rows=rows)
    return results


# The facets of the kinds of article fact that have one (archive.facts.kinds: the
# organizations, countries and meetings): one statement. Each matching article's facts
# are looked up through their article_id index (LATERAL): a join the planner would
# choose from its estimates reads every fact of the archive instead.
_FACET_SELECT = """
(SELECT '{name}', v.{value}, v.{label}, v.{label_en}, {acronym}, t.n
   FROM ({counts}) t JOIN {targets} v ON v.id = t.key
   ORDER BY t.n DESC, v.{label} LIMIT %(size)s)"""
# Matching articles per value of one fact ("OFFSET 0" keeps the subquery a lookup per
# article: the planner would otherwise flatten it into a join). The lookups read the
# unique (article, value) index, which covers the status; being unique, count(*) is the
# number of articles.
_FACET_COUNTS = """
SELECT l.key, count(*) AS n FROM m CROSS JOIN LATERAL (
    SELECT x.{column} AS key FROM {table} x
    WHERE x.article_id = m.id AND x.status = ANY(%(live)s) OFFSET 0) l
GROUP BY l.key"""


def _text_value(kind) -> bool:
    """The facet's values are text (a slug, a code), not ids (a meeting's)."""
    field = kind.target_field.related_model._meta.get_field(kind.facet.value)
    return isinstance(field, (models.CharField, models.TextField))


def _facet_select(kind) -> str:
    facet = kind.facet
    return _FACET_SELECT.format(
        name=kind.name,
        value=facet.value + ("" if _text_value(kind) else "::text"),
        label=facet.label,
        label_en=facet.label_en,
        acronym=f"v.{facet.acronym}" if facet.acronym else "''",
        counts=_FACET_COUNTS.format(column=kind.target_column, table=kind.table),
        targets=kind.target_table,
    )


# Table and column names from model metadata only.
_FACETS_SQL = "\nWITH m AS (SELECT DISTINCT unnest(%(ids)s::bigint[]) AS id)" + (
    "\nUNION ALL".join(_facet_select(kind) for kind in FACET_KINDS)
)


# The facets whose values are ids (a meeting's), given back as numbers.
_INTEGER_VALUES = {kind.name: not _text_value(kind) for kind in FACET_KINDS}


def facets(ids, rows=None) -> dict[str, list[dict]]:
    """Counts of matching articles per organization, country, meeting, source, language;
    `rows` are the matches' MATCH_FIELDS when the caller has them."""
    found: dict[str, list[dict]] = {kind.name: [] for kind in FACET_KINDS}
    facets_of = {kind.name: kind.facet for kind in FACET_KINDS}
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(
            _FACETS_SQL,
            {
                "ids": search_expressions.id_array(ids),
                "live": [str(status) for status in LIVE_STATUSES],
                "size": FACET_SIZE,
            },
        )
        for kind, value, label, label_en, acronym, n in cursor.fetchall():
            entry = {"value": value, "label": label, "label_en": label_en or label, "count": n}
            if facets_of[kind].acronym:
                entry["acronym"] = acronym
            if _INTEGER_VALUES[kind]:
                entry["value"] = int(value)
            found[kind].append(entry)
    rows = rows if rows is not None else _article_rows(ids)
    by_source = Counter(source for _pk, _day, source, _lang in rows if source is not None)
    by_language = Counter(lang for _pk, _day, _source, lang in rows)
    names = dict(Source.objects.filter(pk__any=list(by_source)).values_list("pk", "name"))
    sources = sorted(
        ((names[pk], n) for pk, n in by_source.items() if pk in names),
        key=lambda i: (-i[1], i[0]),
    )
    found["source"] = [
        {"value": name, "label": name, "label_en": name, "count": n}
        for name, n in sources[:FACET_SIZE]
    ]
    found["language"] = [
        {"value": lang, "label": lang, "label_en": lang, "count": n}
        for lang, n in sorted(by_language.items(), key=lambda i: (-i[1], i[0]))[:FACET_SIZE]
    ]
    return found


def histogram(ids, rows=None) -> list[dict]:
    """Matching articles per month of publication, oldest first."""
    rows = rows if rows is not None else _article_rows(ids)
    months = Counter(day.replace(day=1) for _pk, day, _source, _lang in rows if day is not None)
    return [{"month": month, "count": n} for month, n in sorted(months.items())]


def _article_rows(ids) -> list[tuple]:
    """The MATCH_FIELDS of these articles."""
    return list(Article.objects.filter(pk__any=ids).values_list(*MATCH_FIELDS))
