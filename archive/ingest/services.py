"""Writes: every change to articles goes through these services.

Keyword-only, typed and atomic (HackSoft style); the ingest command and the
admin call them, and they are the only place the search vector is written.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import re
from dataclasses import dataclass

import psycopg
from django.db import connection, transaction
from django.db.models import Case, Value, When
from django.db.models.expressions import RawSQL
from django.utils.text import slugify
from psqlextra.types import ConflictAction

from archive.facts.kinds import ARTICLE_KINDS, FactKind
from archive.models import (
    Article,
    ArticleBand,
    ArticleMeeting,
    City,
    Country,
    FactStatus,
    Meeting,
    MeetingRole,
    MeetingSeries,
    MeetingStatus,
    Organization,
    Source,
    UnresolvedMention,
)
from archive.search import config as search_config
from archive.text import fingerprint
from archive.text.extraction.event_confidence import PUBLIC_AT

logger = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")


def content_hash(*, title: str, body: str) -> str:
    """SHA-256 of the title and body with white space collapsed."""
    text = _SPACES.sub(" ", title).strip() + "\n" + _SPACES.sub(" ", body).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UpsertResult:
    article_id: int
    status: str  # "new" | "updated" | "duplicate"
    stored: Article | None = None  # the record, when the service has it at hand

    @property
    def article(self) -> Article:
        # The batch writer knows only the id: building a model instance per article
        # costs more than the rest of its work in the main process.
        return self.stored if self.stored is not None else Article(pk=self.article_id)


def _source_id(name: str) -> int:
    """The source's id in one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING).

    The conflict "update" rewrites the name with itself, so a curator's edits to the
    source (domain, country) are kept.
    """
    name = name.strip()[:200]
    return Source.objects.on_conflict(
        ["name"], ConflictAction.UPDATE, update_values={"name": name}
    ).insert(name=name, domain="")


@transaction.atomic
def article_upsert(
    *,
    title: str,
    body: str,
    url: str = "",
    published_at: datetime.date | None = None,
    source_name: str | None = None,
    language: str = "ar",
    derived: Derived | None = None,
) -> UpsertResult:
    """Create or update one article; the same text twice is one article.

    Identity: the URL when there is one (a changed text updates the record),
    otherwise the content hash. ``derived`` is the vector and fingerprint already
    computed from this title and body (by an ingest worker), else computed here.
    """
    digest = content_hash(title=title, body=body)
    source_id = _source_id(source_name) if source_name and source_name.strip() else None
    fields = {
        "title": title,
        "body": body,
        "url": url or "",
        "published_at": published_at,
        "language": language,
        "content_hash": digest,
        "source_id": source_id,
    }
    existing = None
    if url:
        # Unordered: a non-empty URL is unique, and "the first by date" could have the
        # planner walk the date index in search of it.
        existing = next(
            iter(Article.objects.select_for_update().filter(url=url).order_by()[:1]), None
        )
    if existing is None:
        existing = Article.objects.select_for_update().filter(content_hash=digest).first()
    if existing is not None:
        if (
            existing.content_hash == digest
            and existing.analyzer_version == search_config.analyzer_version()
        ):
            return UpsertResult(existing.pk, "duplicate", existing)
        for name, value in fields.items():
            if value is not None or name == "published_at" and existing.published_at is None:
                setattr(existing, name, value)
        existing.save()
        _write_vector(existing, derived=derived)
        return UpsertResult(existing.pk, "updated", existing)
    derived = derived or article_derived(title=title, body=body)
    article = Article.objects.create(**fields, **_vector_fields(derived))
    near = _near_duplicate_of(derived, exclude=article.pk)
    if near is not None:
        article.near_duplicate_of_id = near
        Article.objects.filter(pk=article.pk).update(near_duplicate_of_id=near)
    return UpsertResult(article.pk, "new", article)


@transaction.atomic
def article_ingest(
    *,
    title: str,
    body: str,
    url: str = "",
    published_at: datetime.date | None = None,
    source_name: str | None = None,
    language: str = "ar",
    extraction=None,
    derived: Derived | None = None,
    refs: IngestRefs | None = None,
) -> UpsertResult:
    """Write one ingested article and what was extracted from it, all or nothing."""
    result = article_upsert(
        title=title,
        body=body,
        url=url,
        published_at=published_at,
        source_name=source_name,
        language=language,
        derived=derived,
    )
    if extraction is not None and result.status != "duplicate":
        article_facts_sync(
            article=result.article,
            extraction=extraction,
            is_new=result.status == "new",
            refs=refs,
        )
    return result


def articles_reanalyze(*, batch_size: int = 500) -> int:
    """Rewrite the vectors analysed by an older analyzer; returns how many were rewritten.

    Runs in batches, each its own transaction, so it can be stopped and resumed.
    """
    done = 0
    current = search_config.analyzer_version()
    while True:
        with transaction.atomic():
            batch = list(
                Article.objects.exclude(analyzer_version=current)
                .select_for_update(skip_locked=True)
                .only("id", "title", "body")[:batch_size]
            )
            if not batch:
                return done
            for article in batch:
                _write_vector(article)
            done += len(batch)


# --- Derived columns: the search vector and the near-duplicate fingerprint ----------
#
# The only source of Article.search_vector, analyzer_version and fingerprint: derived
# from the title and body they are written with, in the same statement or transaction,
# so they never drift from them. Computing them needs no database, so ingest workers
# call article_derived() in other processes; writing them happens only in this module.


@dataclass(frozen=True)
class Derived:
    vector: str  # tsvector literal (archive.search.build_vector)
    analyzer_version: str
    fingerprint: list[int]  # MinHash bands (archive.text.fingerprint)
    signature: list[int]  # MinHash values, to confirm near-duplicate candidates


def article_derived(*, title: str, body: str) -> Derived:
    vector, words = search_config.analyze_article(title=title, body=body)
    bands, signature = fingerprint.bands_and_signature(fingerprint.word_shingles(words))
    return Derived(
        vector=vector,
        analyzer_version=search_config.analyzer_version(),
        fingerprint=bands,
        signature=signature,
    )


def _vector_fields(derived: Derived) -> dict:
    return {
        "search_vector": RawSQL("%s::tsvector", [derived.vector]),  # noqa: S611 - bound
        "analyzer_version": derived.analyzer_version,
        "fingerprint": derived.fingerprint,
        "signature": derived.signature,
    }


# The first stored articles (lowest ids) sharing a band with a text: for each band, an
# index scan of archive_articleband that stops after CANDIDATES rows, however many
# articles share the band; then the first CANDIDATES of those, each read by its primary
# key (OFFSET 0: never a hash join over the whole table, which the planner may prefer
# from its estimates).
CANDIDATES = 20
_BAND_TABLE = ArticleBand._meta.db_table
# For a group of texts at once: (text's index, id, root, signature), first stored first;
# the last parameter is an id to leave out (the article being checked, if stored).
_CANDIDATES_SQL = f"""
WITH shared AS (
    SELECT DISTINCT q.i, s.article_id FROM unnest(%s::int[], %s::bigint[]) AS q(i, band)
    CROSS JOIN LATERAL (
        SELECT article_id FROM {_BAND_TABLE}
        WHERE band = q.band AND article_id <> %s ORDER BY article_id LIMIT {CANDIDATES}
    ) AS s
), ranked AS (
    SELECT i, article_id, row_number() OVER (PARTITION BY i ORDER BY article_id) AS n
    FROM shared
)
SELECT r.i, a.id, a.near_duplicate_of_id, a.signature FROM ranked AS r
CROSS JOIN LATERAL (
    SELECT id, near_duplicate_of_id, signature FROM {Article._meta.db_table}
    WHERE id = r.article_id OFFSET 0
) AS a
WHERE r.n <= {CANDIDATES}
ORDER BY r.i, a.id
"""  # noqa: S608 - model metadata only


# _PLANNED_EACH_TIME: the two reads of a batch (_LOOKUP_SQL, _CANDIDATES_SQL) are never
# prepared. A batch starts on a table that may be empty and grows it: a generic plan made
# for the first groups is kept for the whole batch, and one that suited a few hundred
# rows (a sequential scan, or reading every row of a band and sorting them) made each
# group cost more as the table grew, 3 ms and 22 ms a group at 40,000 articles
# (measured). Planned for each group, they cost under a millisecond of planning.

# The stored articles with these texts or URLs (a group's lookup, ArticleBatchWriter):
# one index probe per value (LIMIT 1 keeps each probe a probe: the hash and a non-empty
# URL are unique), a plan that does not depend on the table's statistics. Written as
# "content_hash = ANY(...) OR url = ANY(...)", the planner estimated a sixth of the
# table to match the URLs while it had no statistics (before autovacuum analyses a
# growing table, or where it is off) and took a sequential scan at some sizes: 50 ms a
# group at 100,000 articles, half the ingest rate (measured).
_LOOKUP_SQL = f"""
SELECT a.* FROM unnest(%s::text[]) AS k(hash) CROSS JOIN LATERAL (
    SELECT id, url, content_hash, analyzer_version FROM {Article._meta.db_table}
    WHERE content_hash = k.hash LIMIT 1
) AS a
UNION ALL
SELECT a.* FROM unnest(%s::text[]) AS k(url) CROSS JOIN LATERAL (
    SELECT id, url, content_hash, analyzer_version FROM {Article._meta.db_table}
    WHERE url = k.url AND url <> '' LIMIT 1
) AS a
"""  # noqa: S608 - model metadata only


def _int_array(values: list[int]) -> str:
    """An integer array as its SQL literal, for a parameter cast on the server (psycopg
    adapts a Python list element by element: several times slower)."""
    return "{" + ",".join(map(str, values)) + "}"


def _candidates(bands_of: dict[int, list[int]], *, exclude: int = 0) -> dict[int, list]:
    """The near-duplicate candidates among the stored articles of each text (its index:
    its bands), in one query: {index: [(id, root, signature), ...] first stored first}."""
    indexes, bands = [], []
    for index, text_bands in bands_of.items():
        indexes += [index] * len(text_bands)
        bands += text_bands
    found: dict[int, list[tuple]] = {}
    if not bands:
        return found
    with _raw_cursor() as cursor:
        cursor.execute(
            _CANDIDATES_SQL,
            (_int_array(indexes), _int_array(bands), exclude),
            prepare=False,  # see _PLANNED_EACH_TIME
        )
        for index, pk, root, signature in cursor.fetchall():
            found.setdefault(index, []).append((pk, root, signature))
    return found


def _near_duplicate_of(derived: Derived, *, exclude: int | None = None) -> int | None:
    """The first telling of the same story (the first stored article sharing a band whose
    estimated Jaccard similarity with this text is >= NEAR_DUPLICATE_JACCARD), if any."""
    if not derived.fingerprint:
        return None
    candidates = _candidates({0: derived.fingerprint}, exclude=exclude or 0)
    return _first_telling(derived, candidates.get(0, []))


def _first_telling(derived: Derived, candidates: list[tuple]) -> int | None:
    """The root of the first of `candidates` ((id, root, signature) each, first stored
    first) that this text near-duplicates, if any. An article stored before signatures
    existed has none until `reanalyze` gives it one: its signature is computed here."""
    for pk, root, signature in candidates:
        if not signature:
            text = Article.objects.filter(pk=pk).values_list("title", "body").first()
            signature = article_derived(title=text[0], body=text[1]).signature if text else []
        similarity = fingerprint.estimated_jaccard(derived.signature, signature)
        if similarity >= fingerprint.NEAR_DUPLICATE_JACCARD:
            return root or pk  # the first telling, so a cluster has one root
    return None


def _write_vector(article: Article, *, derived: Derived | None = None) -> None:
    derived = derived or article_derived(title=article.title, body=article.body)
    Article.objects.filter(pk=article.pk).update(**_vector_fields(derived))


# --- Extracted facts -------------------------------------------------------------
#
# Re-extraction never undoes a curator: a fact a curator accepted or rejected keeps
# its status (only its evidence may be refreshed); automatic facts that the new
# extraction no longer finds are removed; new ones are added as automatic.


# The statuses of facts no curator decided on (ingest may rewrite or remove them).
_UNDECIDED = (FactStatus.AUTOMATIC, FactStatus.CANDIDATE)


def _sync_links(*, model, article: Article, key_field: str, found: dict) -> None:
    existing = {
        getattr(link, f"{key_field}_id"): link for link in model.objects.filter(article=article)
    }
    for key_id, link in existing.items():
        if key_id not in found and link.status in _UNDECIDED:
            link.delete()
    for key_id, values in found.items():
        link = existing.get(key_id)
        if link is None:
            model.objects.create(article=article, **{f"{key_field}_id": key_id}, **values)
        else:
            for name, value in values.items():
                setattr(link, name, value)
            link.save(update_fields=list(values))


def _series(facts, refs: IngestRefs | None = None) -> MeetingSeries | None:
    if not facts.series_key:
        return None
    slug = slugify(facts.series_key, allow_unicode=True)[:150] or None
    if slug is None:
        return None
    if refs is not None and slug in refs.series:
        return refs.series[slug]
    series, _created = MeetingSeries.objects.get_or_create(
        slug=slug, defaults={"name_ar": (facts.series_name or facts.name)[:300]}
    )
    if refs is not None:
        refs.series[slug] = series
    return series


def meeting_upsert(
    *, facts, city: City | None, country: Country | None, refs: IngestRefs | None = None
) -> Meeting:
    """The one meeting record for these facts: two reports of a meeting share it."""
    series = _series(facts, refs)
    start, end = facts.start, facts.end
    if start and (end is None or end < start):
        end = start
    values = {
        "kind": facts.kind,
        "name": facts.name[:500],
        "series": series,
        "edition": facts.edition,
        "city": city,
        "country": country,
        "start_date": start,
        "end_date": end,
    }
    key = (facts.kind, values["name"], series and series.pk, facts.edition, start, city and city.pk)
    meeting = refs.meetings.get(key) if refs is not None else None
    if meeting is not None and not _meeting_changes(meeting, values, facts):
        # The meeting this batch already found or created for the same facts, and these
        # facts add nothing to it: no query at all.
        return meeting
    if meeting is not None:
        # About to change it: decide on what is stored now (a curator may have edited
        # it since), which also drops what the check above set on the instance.
        meeting.refresh_from_db()
    else:
        meeting = _meeting_lookup(facts, series=series, city=city)
    if meeting is None:
        meeting = Meeting(**values, evidence=dict(facts.evidence), confidence=0.0)
        _meeting_judged(meeting, facts)
        meeting.save(force_insert=True)
    elif changed := _meeting_changes(meeting, values, facts):
        meeting.save(update_fields=[*changed, "updated_at"])
    if refs is not None:
        refs.meetings[key] = meeting
    return meeting


def _meeting_lookup(facts, *, series: MeetingSeries | None, city: City | None) -> Meeting | None:
    """The stored meeting these facts report, if any: by series and edition, else by kind,
    start date and city, else (no series, no date) by name."""
    # Deterministic: of several stored candidates, the one that shares the most with these
    # facts (city, then name), then the first stored, whatever order the batch came in.
    meeting = None
    if series is not None and facts.edition:
        meeting = (
            Meeting.objects.filter(series=series, edition=facts.edition).order_by("pk").first()
        )
    if meeting is None and facts.start:
        candidates = Meeting.objects.filter(kind=facts.kind, start_date=facts.start)
        if city is not None:
            candidates = candidates.filter(city=city)
        if series is not None:
            candidates = candidates.filter(series=series)
        name = facts.name[:500]
        meeting = (
            candidates.annotate(
                same_name=Case(When(name=name, then=Value(1)), default=Value(0)),
                no_city=Case(When(city__isnull=True, then=Value(1)), default=Value(0)),
            )
            .order_by("-same_name", "-no_city" if city is None else "pk", "pk")
            .first()
        )
    if meeting is None and series is None and not facts.start:
        meeting = (
            Meeting.objects.filter(name=facts.name[:500], start_date__isnull=True)
            .order_by("pk")
            .first()
        )
    return meeting


def _meeting_judged(meeting: Meeting, facts) -> list[str]:
    """Fold one more report's judgement into the meeting (set on the instance): its
    confidence is its most confident report's, with that report's reasons; security is
    on its agenda when a report says so. A public record from PUBLIC_AT on, else a
    candidate, unless a curator decided (curated "status"). The fields that changed."""
    changed = []
    if facts.confidence > meeting.confidence:
        meeting.confidence = facts.confidence
        meeting.confidence_reasons = list(facts.reasons)
        changed += ["confidence", "confidence_reasons"]
    if facts.security and not meeting.about_security:
        meeting.about_security = True
        changed.append("about_security")
    reasons = list(dict.fromkeys([*meeting.security_reasons, *facts.security_reasons]))[:8]
    if facts.security and reasons != meeting.security_reasons:
        meeting.security_reasons = [r[:120] for r in reasons]
        changed.append("security_reasons")
    if "status" not in meeting.curated_fields:
        status = (
            MeetingStatus.PUBLIC if meeting.confidence >= PUBLIC_AT else MeetingStatus.CANDIDATE
        )
        if status != meeting.status:
            meeting.status = status
            changed.append("status")
    return changed


def _meeting_changes(meeting: Meeting, values: dict, facts) -> list[str]:
    """Complete `meeting` with what these facts add (set on the instance, not saved); the
    names of the fields that changed."""
    changed = _meeting_judged(meeting, facts)
    for name, value in values.items():
        # Curated attributes stay; other reports only fill what is still empty.
        # (the stored value by its column: a foreign key is compared by id, not fetched)
        if (
            name in meeting.curated_fields
            or value in (None, "")
            or getattr(meeting, Meeting._meta.get_field(name).attname) not in (None, "")
        ):
            continue
        setattr(meeting, name, value)
        changed.append(name)
    if meeting.start_date and meeting.end_date and meeting.end_date < meeting.start_date:
        # Dates filled from two reports that disagree: keep the first report's span.
        meeting.end_date = meeting.start_date
        changed.append("end_date")
    merged = {**dict(facts.evidence), **meeting.evidence}
    if merged != meeting.evidence:
        meeting.evidence = merged
        changed.append("evidence")
    return changed


class IngestRefs:
    """The ids ingest links facts to: organizations, countries, cities, sources, series.

    ``IngestRefs.preload()`` reads the gazetteer's ids once for a whole batch (a few
    hundred rows), so writing an article's facts needs no lookup query; a plain
    ``IngestRefs()`` looks each one up when asked (one article at a time). Sources and
    series that the batch creates are remembered, and forgotten when a transaction that
    created them is rolled back (``forget_uncommitted``).
    """

    def __init__(self) -> None:
        self.preloaded = False
        self.organizations: dict[str, int] = {}
        self.countries: dict[str, Country] = {}
        self.cities: dict[tuple[str, str], int] = {}  # (name_en, iso2) -> id
        self._city_rows: dict[int, City] = {}
        self.sources: dict[str, int] = {}
        self.series: dict[str, MeetingSeries] = {}
        self.meetings: dict[tuple, Meeting] = {}  # by the facts that led to them

    @classmethod
    def preload(cls) -> IngestRefs:
        refs = cls()
        refs.preloaded = True
        refs.organizations = dict(Organization.objects.values_list("slug", "id"))
        refs.countries = {c.code: c for c in Country.objects.all()}
        # Ids only (thousands of GeoNames cities); a City row is read when a meeting needs it.
        refs.cities = {
            (name_en, code): pk
            for pk, name_en, code in City.objects.values_list("pk", "name_en", "country__code")
        }
        refs.sources = dict(Source.objects.values_list("name", "id"))
        return refs

    def forget_uncommitted(self) -> None:
        if self.preloaded:
            self.sources = dict(Source.objects.values_list("name", "id"))
        self.series = {}
        self.meetings = {}

    def organization_ids(self, slugs) -> dict[str, int]:
        slugs = set(slugs)
        if self.preloaded:
            return {s: self.organizations[s] for s in slugs if s in self.organizations}
        return dict(Organization.objects.filter(slug__in=slugs).values_list("slug", "id"))

    def country_ids(self, codes) -> dict[str, int]:
        codes = set(codes)
        if self.preloaded:
            return {c: self.countries[c].pk for c in codes if c in self.countries}
        return dict(Country.objects.filter(code__in=codes).values_list("code", "id"))

    def city_ids(self, keys) -> dict[str, int]:
        """{extraction key "name_en|ISO2": city id} for the cities the archive holds."""
        found = {}
        for key in set(keys):
            if self.preloaded:
                name_en, _sep, code = key.partition("|")
                pk = self.cities.get((name_en, code))
            else:
                city = self.city(key)
                pk = city.pk if city is not None else None
            if pk is not None:
                found[key] = pk
        return found

    def country(self, code: str | None) -> Country | None:
        if not code:
            return None
        if self.preloaded:
            return self.countries.get(code)
        return Country.objects.filter(code=code).first()

    def city(self, key: str | None) -> City | None:
        """The city of an extraction key "name_en|ISO2"."""
        if not key:
            return None
        name_en, _sep, code = key.partition("|")
        if self.preloaded:
            pk = self.cities.get((name_en, code))
            if pk is None:
                return None
            if pk not in self._city_rows:
                self._city_rows[pk] = City.objects.select_related("country").get(pk=pk)
            return self._city_rows[pk]
        return (
            City.objects.select_related("country")
            .filter(name_en=name_en, country__code=code)
            .first()
        )

    def source_id(self, name: str | None) -> int | None:
        if not name or not name.strip():
            return None
        name = name.strip()[:200]
        if name not in self.sources:
            self.sources[name] = _source_id(name)
        return self.sources[name]


def _raw_cursor():
    """A psycopg cursor on Django's connection (same transaction) that binds parameters
    on the server, so the statements ingest repeats are prepared once."""
    connection.ensure_connection()
    return psycopg.Cursor(connection.connection)


# The rows of a new article's facts, as data-modifying CTEs, one per kind of article
# fact (archive.facts.kinds; named by its code: o organizations, c countries, m
# meetings): {article} is the article's id and {source} what it is selected from. A
# statement holds the CTEs of the kinds of facts it writes only: each CTE opens and
# locks its table and indexes even to insert nothing (most articles name countries and
# nothing else). Written with the facts alone (_new_facts_sql) or with the article
# itself (_new_article_sql). Table and column names come from model metadata only.
def _fact_cte(kind: FactKind) -> str:
    columns = ["article_id", kind.target_column]
    values = ["{article}", "x.k"]
    record = ["k bigint"]
    if kind.counted:
        columns.append(kind.model._meta.get_field("mentions").column)
        values.append("x.n")
        record.append("n int")
    for name, _value in kind.fixed:
        columns.append(kind.model._meta.get_field(name).column)
        values.append(f"%({name})s")
    columns += ["status", "evidence"]
    values += ["%(status)s", "x.e"]
    record.append("e text")
    return (
        f"{kind.code} AS (\n"  # noqa: S608 - names from model metadata only
        f"    INSERT INTO {kind.table} ({', '.join(columns)})\n"
        f"    SELECT {', '.join(values)}\n"
        f"    FROM {{source}} jsonb_to_recordset(%(facts)s::jsonb -> '{kind.code}')"
        f" AS x({', '.join(record)})\n)"
    )


_FACT_CTES = {kind.code: _fact_cte(kind) for kind in ARTICLE_KINDS}
# The article's unresolved organization phrases (code "u"; not a fact: no target, no
# status, rewritten with every extraction).
_UNRESOLVED_TABLE = UnresolvedMention._meta.db_table
_FACT_CTES["u"] = (
    "u AS (\n"  # noqa: S608 - names from model metadata only
    f"    INSERT INTO {_UNRESOLVED_TABLE} (article_id, key, phrase, head, mentions, evidence)\n"
    "    SELECT {article}, x.k, x.p, x.h, x.n, x.e\n"
    "    FROM {source} jsonb_to_recordset(%(facts)s::jsonb -> 'u')"
    " AS x(k text, p text, h text, n int, e text)\n    ON CONFLICT DO NOTHING\n)"
)
_FIXED = {name: value for kind in ARTICLE_KINDS for name, value in kind.fixed}


def _fact_ctes(kinds: str, *, article: str, source: str) -> str:
    return ", ".join(_FACT_CTES[kind].format(article=article, source=source) for kind in kinds)


@functools.cache
def _new_facts_sql(kinds: str) -> str:
    """The facts of an existing article, of these kinds ("oc": organizations, countries)."""
    return "WITH " + _fact_ctes(kinds, article="%(article)s", source="") + " SELECT 1"


def _new_article_sql(columns: list, kinds: str) -> str:
    """A new article and its facts of these kinds in one statement: the facts' INSERTs
    read the article's id from its RETURNING, so all of them or none are stored."""
    names = ", ".join(f.column for f in columns)
    values = ", ".join(
        f"%({f.attname})s"
        + {
            "search_vector": "::tsvector",
            "fingerprint": "::bigint[]",
            "signature": "::bigint[]",
            "security_reasons": "::varchar[]",
        }.get(f.attname, "")
        for f in columns
    )
    return (
        f"WITH a AS (INSERT INTO {Article._meta.db_table} ({names}) VALUES ({values}) "  # noqa: S608 - model metadata only
        "RETURNING id)"
        + (", " + _fact_ctes(kinds, article="a.id", source="a,") if kinds else "")
        + " SELECT id FROM a"
    )


_ROLES_SQL = """
INSERT INTO archive_meetingrole (meeting_id, organization_id, role, status, evidence)
SELECT %(meeting)s, x.k, x.r, %(status)s, x.e
FROM unnest(%(org_ids)s::bigint[], %(roles)s::text[], %(evidence)s::text[]) AS x(k, r, e)
ON CONFLICT (meeting_id, organization_id, role) DO NOTHING
"""


def _found(mentions, ids: dict) -> dict[int, dict]:
    return {
        ids[m.key]: {"mentions": m.count, "evidence": m.evidence} for m in mentions if m.key in ids
    }


def _facts_found(extraction, refs: IngestRefs) -> tuple[dict, ...]:
    """What extraction found that the archive knows, as {id: link values} per kind of
    article fact (archive.facts.kinds.ARTICLE_KINDS, in order); a meeting is created or
    completed here."""
    if extraction is None:
        return tuple({} for _kind in ARTICLE_KINDS)
    found = []
    for kind in ARTICLE_KINDS:
        value = getattr(extraction, kind.extracted)
        if kind.refs_ids is None:
            found.append(_FINDERS[kind.name](value, refs) if value else {})
        else:
            ids = getattr(refs, kind.refs_ids)(m.key for m in value)
            found.append(_found(value, ids))
    return tuple(found)


def _security_fields(extraction) -> dict:
    """The article's security relevance columns from its extraction (none without one)."""
    security = getattr(extraction, "security", None)
    if security is None:
        return {}
    return {
        "about_security": security.about,
        "security_score": security.score,
        "security_reasons": [reason[:120] for reason in security.reasons],
    }


def _unresolved_rows(extraction) -> list[dict]:
    """The unresolved phrases of an extraction, as the "u" rows of _facts_params."""
    return [
        {
            "k": u.key[:300],
            "p": u.phrase[:300],
            "h": u.head[:40],
            "n": u.count,
            "e": u.evidence[:2000],
        }
        for u in getattr(extraction, "unresolved", ())
    ]


def _facts_params(*found: dict, unresolved: list[dict] | None = None) -> tuple[str, dict]:
    """The kinds of facts to write (their codes, "oc": organizations and countries; see
    _FACT_CTES) and their parameters: the rows as one JSON document (one parameter to
    adapt instead of ten arrays). ``unresolved``: the article's unresolved phrases
    (_unresolved_rows), code "u"."""
    facts = {}
    for kind, links in zip(ARTICLE_KINDS, found, strict=True):
        if links:
            facts[kind.code] = [
                {"k": k, "n": v["mentions"], "e": v["evidence"]}
                if kind.counted
                else {"k": k, "e": v["evidence"]}
                for k, v in links.items()
            ]
    if unresolved:
        facts["u"] = unresolved
    params = {
        "status": FactStatus.AUTOMATIC.value,
        **_FIXED,
        "facts": json.dumps(facts, ensure_ascii=False),
    }
    return "".join(facts), params


def _meeting_found(facts, refs: IngestRefs) -> dict[int, dict]:
    """The meeting these facts report (created or completed) with its organizations'
    roles; {meeting id: link values} for the article's meeting link."""
    city = refs.city(facts.city)
    country = refs.country(facts.country)
    meeting = meeting_upsert(
        facts=facts, city=city, country=country or (city.country if city else None), refs=refs
    )
    roles = [
        ("organizer", facts.organizers),
        ("host", facts.hosts),
        ("participant", facts.participants),
    ]
    ids = refs.organization_ids(s for _role, group in roles for s in group)
    evidence = facts.evidence
    rows = [
        (ids[slug], role, evidence.get(f"{role}s", evidence.get("name", ""))[:2000])
        for role, group in roles
        for slug in group
        if slug in ids
    ]
    if rows:
        # An existing role (maybe curated) is left as it is.
        _raw_cursor().execute(
            _ROLES_SQL,
            {
                "meeting": meeting.pk,
                "org_ids": [r[0] for r in rows],
                "roles": [r[1] for r in rows],
                "evidence": [r[2] for r in rows],
                "status": FactStatus.AUTOMATIC.value,
            },
            prepare=True,
        )
    return {meeting.pk: {"evidence": evidence.get("name", "")[:2000]}}


def meeting_facts_status(*, meeting_ids) -> None:
    """SECURITY INVARIANT (what the public sees): the reports and roles of a candidate
    meeting are candidates, not live facts, so no public page, chart, export or API
    answer shows them; those of a public record are automatic. Run after a meeting's
    facts are written and after its status changes; a curator's accepted or rejected
    fact keeps its status."""
    ids = [int(pk) for pk in meeting_ids]
    if not ids:
        return
    for model in (ArticleMeeting, MeetingRole):
        table = model._meta.db_table
        _raw_cursor().execute(
            f"UPDATE {table} x SET status = CASE m.status WHEN %(public)s"  # noqa: S608 - model metadata only
            " THEN %(automatic)s ELSE %(candidate)s END"
            f" FROM {Meeting._meta.db_table} m"
            " WHERE x.meeting_id = m.id AND m.id = ANY(%(ids)s)"
            " AND x.status = ANY(%(undecided)s)"
            " AND x.status <> CASE m.status WHEN %(public)s"
            " THEN %(automatic)s ELSE %(candidate)s END",
            {
                "ids": ids,
                "public": MeetingStatus.PUBLIC.value,
                "automatic": FactStatus.AUTOMATIC.value,
                "candidate": FactStatus.CANDIDATE.value,
                "undecided": [str(status) for status in _UNDECIDED],
            },
            prepare=True,
        )


# The finders of the kinds whose extraction result is not a list of mentions.
MEETING_KIND = next(i for i, kind in enumerate(ARTICLE_KINDS) if kind.name == "meeting")
_FINDERS = {"meeting": _meeting_found}


@transaction.atomic
def article_facts_sync(
    *, article: Article, extraction, is_new: bool = False, refs: IngestRefs | None = None
) -> None:
    """Write what extraction found in an article, keeping every curator decision.

    A new article's facts are one INSERT statement; an existing article's are reconciled
    with what is stored (curated facts kept, stale automatic ones removed).
    """
    refs = refs or IngestRefs()
    if security := _security_fields(extraction):
        Article.objects.filter(pk=article.pk).update(**security)
    found = _facts_found(extraction, refs)
    unresolved = _unresolved_rows(extraction)
    if is_new:
        if any(found) or unresolved:
            kinds, params = _facts_params(*found, unresolved=unresolved)
            _raw_cursor().execute(
                _new_facts_sql(kinds), {"article": article.pk, **params}, prepare=True
            )
        meeting_facts_status(meeting_ids=found[MEETING_KIND])
        return
    for kind, links in zip(ARTICLE_KINDS, found, strict=True):
        _sync_links(model=kind.model, article=article, key_field=kind.target, found=links)
    meeting_facts_status(meeting_ids=found[MEETING_KIND])
    if extraction is not None:
        # Not facts: nothing a curator decided on; what this extraction found replaces them.
        UnresolvedMention.objects.filter(article=article).delete()
        UnresolvedMention.objects.bulk_create(
            UnresolvedMention(
                article=article,
                key=u["k"],
                phrase=u["p"],
                head=u["h"],
                mentions=u["n"],
                evidence=u["e"],
            )
            for u in unresolved
        )


def articles_revector(*, ids: list[int], batch_size: int = 500) -> int:
    """Rewrite the vectors of the given articles with the analyzer in use now (after a
    change to the curators' lexicon, archive.search.lexicon); returns how many were rewritten."""
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        for article in Article.objects.filter(pk__in=chunk).only("id", "title", "body"):
            _write_vector(article)
            done += 1
    return done
