"""Reads: the one search used by the page, the API, the export, the feed and the admin."""

from __future__ import annotations

import datetime
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connections, transaction
from django.db.models import Count, F, Max
from django.utils.translation import gettext

from archive import search
from archive.models import (
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    FactStatus,
    Organization,
    OrganizationAlias,
)
from archive.text.query_parser import Clause, ParsedQuery, QueryError, Term, parse

PAGE_SIZE = 20
# Counting stops here: beyond it the total is shown as "more than 1,000" (finding more
# matches of a common word means reading more vectors; see "How results are ranked" in
# the README). The facets and the histogram count these first matches.
COUNT_CAP = 1_000
FACET_SIZE = 10


@dataclass
class SearchRequest:
    q: str = ""
    level: str = "stem"
    sort: str = "relevance"
    expand: bool = True
    organization: str = ""
    country: str = ""
    meeting: int | None = None
    source: str = ""
    language: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    page: int = 1

    @classmethod
    def from_form(cls, cleaned: dict) -> SearchRequest:
        return cls(
            **{k: v for k, v in cleaned.items() if k in cls.__dataclass_fields__ and v is not None}
        )

    def has_filters(self) -> bool:
        return any(
            [
                self.organization,
                self.country,
                self.meeting,
                self.source,
                self.language,
                self.date_from,
                self.date_to,
            ]
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
    compiled: search.CompiledQuery | None = None
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
    norm = search.analyzer().normalize
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


def name_index() -> dict[str, tuple[int, tuple[str, ...]]]:
    # Rebuilt whenever a curator changes an organization or an alias.
    version = (
        Organization.objects.aggregate(m=Max("updated_at"), n=Count("id")).values(),
        OrganizationAlias.objects.aggregate(m=Max("id"), n=Count("id")).values(),
    )
    return _name_index(tuple(tuple(v) for v in version))


def _name_term(name: str) -> Term | None:
    """A name as a query term (a phrase when it has several words)."""
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
    norm = search.analyzer().normalize
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
    orgs = Organization.objects.in_bulk(list(expansions))
    return ParsedQuery(clauses=tuple(clauses)), [
        Expansion(organization=orgs[i], names=n) for i, n in expansions.items() if i in orgs
    ]


# --- The search ----------------------------------------------------------------


def _filtered(qs, request: SearchRequest):
    if request.organization:
        qs = qs.filter(
            organization_links__organization__slug=request.organization,
        ).exclude(organization_links__status=FactStatus.REJECTED)
    if request.country:
        qs = qs.filter(country_links__country__code=request.country)
    if request.meeting:
        qs = qs.filter(meeting_links__meeting_id=request.meeting)
    if request.source:
        qs = qs.filter(source__name=request.source)
    if request.language:
        qs = qs.filter(language=request.language)
    if request.date_from:
        qs = qs.filter(published_at__gte=request.date_from)
    if request.date_to:
        qs = qs.filter(published_at__lte=request.date_to)
    return qs


def _verified(qs, compiled: search.CompiledQuery):
    # Spelling and exact levels: each positive clause must also match its regular
    # expression in the original text. The patterns come from the analyzer and
    # are bound as parameters (never formatted into the SQL).
    for pattern in compiled.clause_patterns:
        qs = qs.filter(search.TextMatches("title", "body", pattern))
    return qs


def matching_articles(request: SearchRequest):
    """(queryset of matches, compiled query, expansions); raises QueryError."""
    parsed = parse(request.q)
    expansions: list[Expansion] = []
    if request.expand and not parsed.is_empty():
        parsed, expansions = _expand(parsed)
    compiled = search.compile_query(parsed, level=request.level)
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
# Ranking an article means reading its whole search vector (several KB from TOAST):
# ranking every match of a word found in a third of a million articles takes
# seconds. So relevance ranks a bounded set of candidates: the RANK_CANDIDATES newest
# matches (found by walking the date index, or by sorting the matches when they are
# few). When a query matches at most RANK_CANDIDATES articles, which is most analyst
# queries, every match is ranked and the order is exact; beyond that, the ranked
# newest matches come first and the older ones follow newest first. The trade-off is
# documented in the README ("How results are ranked").

RANK_CANDIDATES = 1_000


def _newest_first(qs):
    return qs.order_by(F("published_at").desc(nulls_last=True), F("pk").desc())


# Finding the newest matches: PostgreSQL either walks the date index testing each
# article (fast for common words: a match is never far) or collects every match through
# the GIN index and sorts them (fast for rarer ones). Its cost model does not see that
# testing an article means reading its whole vector, so it walks the index for words
# in a few per cent of the archive, one vector read per article walked: seconds at a
# million articles. So the choice is made here from its own estimate of the number of
# matches m: walking reads about RANK_CANDIDATES * N / m vectors (~30 us each), collecting
# reads m rows (~7 us each); they cost the same at m = sqrt(4,500 * N).
WALK_FACTOR = 4_500


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


def newest_matches(qs, limit: int) -> list[int]:
    """The ids of the `limit` newest matches, newest first."""
    newest = _newest_first(qs).values_list("pk", flat=True)[:limit]
    if _estimated_rows(qs) >= math.sqrt(WALK_FACTOR * _table_rows(qs.db)):
        return list(newest)  # common: the planner's walk of the date index
    with transaction.atomic(using=qs.db), connections[qs.db].cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")  # collect and sort instead
        return list(newest)


def rank_candidates(qs) -> list[int]:
    """The ids of the newest RANK_CANDIDATES matches."""
    return newest_matches(qs, RANK_CANDIDATES)


def _in_order(ids: list[int]) -> list:
    found = Article.objects.select_related("source").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def ranked_page(
    qs, compiled, request: SearchRequest, *, start: int, size: int, candidates: list[int]
) -> list:
    """Articles start..start+size of the matches `qs`, in the request's order;
    `candidates` are the ids of the newest matches (newest_matches)."""
    if compiled is None:
        return list(qs.by_date().select_related("source")[start : start + size])
    complete = len(candidates) < RANK_CANDIDATES  # every match is a candidate
    page = []
    if request.sort == "date":
        page = _in_order(candidates[start : start + size])
    elif start < len(candidates):
        page = list(
            Article.objects.filter(pk__in=candidates)
            .ranked(compiled)
            .by_relevance()
            .select_related("source")[start : start + size]
        )
    if not complete and len(page) < size:
        # Past the candidates: the older matches, newest first.
        offset = max(0, start - len(candidates))
        rest = qs.exclude(pk__in=candidates).by_date().select_related("source")
        page += list(rest[offset : offset + size - len(page)])
    return page


def ordered_matches(
    qs, compiled, request: SearchRequest, *, limit: int, fields: tuple[str, ...] = ()
) -> Iterator:
    """The first `limit` matches in the request's order, streamed (the CSV export);
    `fields` limits the columns loaded (e.g. no body)."""

    def shaped(rows):
        rows = rows.select_related("source")
        return rows.only(*fields) if fields else rows

    if compiled is None or request.sort == "date":
        yield from shaped(qs.by_date())[:limit].iterator(chunk_size=500)
        return
    candidates = rank_candidates(qs)
    ranked = Article.objects.filter(pk__in=candidates).ranked(compiled).by_relevance()
    yield from shaped(ranked)[:limit]
    if len(candidates) == RANK_CANDIDATES and limit > len(candidates):
        rest = shaped(qs.exclude(pk__in=candidates).by_date())
        yield from rest[: limit - len(candidates)].iterator(chunk_size=500)


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
        capped = newest_matches(qs, COUNT_CAP + 1)
    else:
        capped = list(qs.order_by().values_list("pk", flat=True)[: COUNT_CAP + 1])
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
        ids = results.counted_ids = capped[:COUNT_CAP]
        rows = _article_rows(ids)
        results.facets = facets(ids, rows=rows)
        results.histogram = histogram(ids, rows=rows)
    return results


def facets(ids, rows=None) -> dict[str, list[dict]]:
    """Counts of matching articles per organization, country, meeting, source, language."""
    orgs = (
        ArticleOrganization.objects.filter(article__in=ids)
        .exclude(status=FactStatus.REJECTED)
        .values(
            "organization__slug",
            "organization__name_ar",
            "organization__name_en",
            "organization__acronym",
        )
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "organization__name_ar")[:FACET_SIZE]
    )
    countries = (
        ArticleCountry.objects.filter(article__in=ids)
        .exclude(status=FactStatus.REJECTED)
        .values("country__code", "country__name_ar", "country__name_en")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "country__name_ar")[:FACET_SIZE]
    )
    meetings = (
        ArticleMeeting.objects.filter(article__in=ids)
        .exclude(status=FactStatus.REJECTED)
        .values("meeting_id", "meeting__name")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "meeting__name")[:FACET_SIZE]
    )
    rows = rows if rows is not None else _article_rows(ids)
    source_counts = Counter(source for source, _lang, _day in rows if source is not None)
    language_counts = Counter(lang for _source, lang, _day in rows)
    sources = [
        {"source__name": name, "n": n}
        for name, n in sorted(source_counts.items(), key=lambda i: (-i[1], i[0]))[:FACET_SIZE]
    ]
    languages = [
        {"language": lang, "n": n}
        for lang, n in sorted(language_counts.items(), key=lambda i: (-i[1], i[0]))[:FACET_SIZE]
    ]
    return {
        "organization": [
            {
                "value": r["organization__slug"],
                "label": r["organization__name_ar"],
                "label_en": r["organization__name_en"] or r["organization__name_ar"],
                "acronym": r["organization__acronym"],
                "count": r["n"],
            }
            for r in orgs
        ],
        "country": [
            {
                "value": r["country__code"],
                "label": r["country__name_ar"],
                "label_en": r["country__name_en"],
                "count": r["n"],
            }
            for r in countries
        ],
        "meeting": [
            {
                "value": r["meeting_id"],
                "label": r["meeting__name"],
                "label_en": r["meeting__name"],
                "count": r["n"],
            }
            for r in meetings
        ],
        "source": [
            {
                "value": r["source__name"],
                "label": r["source__name"],
                "label_en": r["source__name"],
                "count": r["n"],
            }
            for r in sources
        ],
        "language": [
            {
                "value": r["language"],
                "label": r["language"],
                "label_en": r["language"],
                "count": r["n"],
            }
            for r in languages
        ],
    }


def histogram(ids, rows=None) -> list[dict]:
    """Matching articles per month of publication, oldest first."""
    rows = rows if rows is not None else _article_rows(ids)
    months = Counter(day.replace(day=1) for _source, _lang, day in rows if day is not None)
    return [{"month": month, "count": n} for month, n in sorted(months.items())]


def _article_rows(ids) -> list[tuple]:
    """(source name, language, publication date) of each article: one query for the
    source and language facets and the histogram."""
    return list(
        Article.objects.filter(pk__in=ids).values_list("source__name", "language", "published_at")
    )


# --- "Did you mean" ------------------------------------------------------------

_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويء"


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ARABIC_LETTERS}
    inserts = {a + c + b for a, b in splits for c in _ARABIC_LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


def suggest(query: str) -> str:
    """A corrected query when a close word form exists in the archive, else ""."""
    try:
        parsed = parse(query)
    except QueryError:
        return ""
    analyzer = search.analyzer()
    changed, words = False, []
    for clause in parsed.positive:
        for term in clause.terms:
            for word in term.words:
                stems = analyzer.query_stems(word)
                if not stems or _exists(stems[0]) or not 3 <= len(stems[0]) <= 20:
                    words.append(word)
                    continue
                best = _best_existing(word)
                words.append(best or word)
                changed = changed or bool(best)
    return " ".join(words) if changed else ""


def _exists(lexeme: str) -> bool:
    compiled = search.CompiledQuery(
        sql="(%s::tsquery)", params=(search._quote_lexeme(lexeme),), lexemes=frozenset([lexeme])
    )
    return Article.objects.search(compiled).exists()


def _best_existing(word: str) -> str:
    """The most frequent one-edit variant of `word` (by its stem) found in the archive."""
    analyzer = search.analyzer()
    normalized = analyzer.normalize(word).replace(" ", "")
    candidates = {}
    for variant in _edits(normalized):
        stems = analyzer.query_stems(variant)
        if stems and stems[0] not in candidates.values():
            candidates[variant] = stems[0]
    if not candidates:
        return ""
    # One query: which candidate lexemes occur, and in how many articles (capped).
    values = list(dict.fromkeys(candidates.values()))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT lexeme, (SELECT count(*) FROM (
                SELECT 1 FROM archive_article
                WHERE search_vector @@ quote_literal(lexeme)::tsquery LIMIT 1000) s) AS n
            FROM unnest(%s::text[]) AS lexeme
            """,
            [values],
        )
        found = {lexeme: n for lexeme, n in cursor.fetchall() if n}
    if not found:
        return ""
    best = max(found, key=lambda lexeme: (found[lexeme], lexeme))
    return next(v for v, s in sorted(candidates.items()) if s == best)
