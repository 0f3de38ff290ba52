"""The batch writer: many articles, few round trips, the search index merged alongside.

Ingest's main process writes through ArticleBatchWriter inside ingest_session(); the
single-article writes it falls back on, and the facts' SQL, are archive.ingest.services.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
from django.db import DatabaseError, InterfaceError, connection, transaction
from django.utils import timezone

from archive.ingest import services
from archive.models import Article
from archive.search import config as search_config

logger = logging.getLogger(__name__)

# --- Batch writer: many articles, few round trips ------------------------------------

# The search index takes new entries into its pending list (GIN "fast update"), which
# must be merged into its tree: the largest part of what storing an article costs the
# server, and single-threaded. Merged by the inserting connection when the list is full,
# it stalls the writer, the pipeline's bottleneck, for a second at a time while a core
# idles (the analysis workers wait for the writer). So a batch merges it from a second
# connection (PendingListMerger) every MERGE_EVERY articles, in parallel with the writes;
# a longer list merged with more memory also costs the server about a quarter less per
# article (measured on 5,000 articles, merges included).
_INGEST_SESSION = {
    # Not waiting for the WAL flush on commit makes a batch several times faster; a
    # server crash can lose only the last commits, never leave half an article, and a
    # re-run restores them.
    "synchronous_commit": "off",
    # The bound of the pending list: reached only when the merger is behind or could
    # not start (not the index's owner); then the writer merges it itself.
    "gin_pending_list_limit": "64MB",
    "work_mem": "128MB",  # the merge's memory when an insert triggers it
}
_PREPARE_THRESHOLD = 5  # psycopg's default
_SEARCH_INDEX = next(
    i.name for i in Article._meta.indexes if "search_vector" in getattr(i, "fields", ())
)
_MERGE_SQL = "SELECT gin_clean_pending_list(%s::regclass)"
MERGE_EVERY = 2048  # articles written between two merges (about 15 MB of pending list)


class PendingListMerger:
    """Merges the search index's pending list from its own connection and thread, once
    every `every` articles written (``written``), while the batch goes on.

    The thread starts at the first merge (a small batch never opens a connection) and
    spends its time waiting on the server, so it does not hold the GIL. A merge that
    fails (not the index's owner, a lost connection) ends the merger: the pending list
    is then merged by the writer at its limit, as without it.
    """

    def __init__(self, *, every: int | None = None) -> None:
        self.every = every or MERGE_EVERY
        self.index = _SEARCH_INDEX
        self.merges = 0
        self.error: str | None = None
        self._since = 0
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None
        self._connection: psycopg.Connection | None = None

    def written(self, count: int) -> None:
        self._since += count
        if self._since < self.every or self.error is not None:
            return
        self._since = 0
        if self._thread is None:
            params = connection.get_connection_params()
            self._thread = threading.Thread(
                target=self._run, args=(params,), name="ingest-merger", daemon=True
            )
            self._thread.start()
        self._wake.set()

    def _run(self, params: dict) -> None:
        try:
            with psycopg.connect(**params, autocommit=True) as merger:
                self._connection = merger
                while True:
                    self._wake.wait()
                    self._wake.clear()
                    if self._stop:
                        return
                    merger.execute(_MERGE_SQL, [self.index])
                    self.merges += 1
        except psycopg.Error as error:
            self.error = str(error).strip()
            if not self._stop:
                logger.info("search index pending list merged by the writer: %s", error)
        finally:
            self._connection = None

    def close(self, *, cancel: bool = False) -> None:
        """Stop the thread; with `cancel`, abandon a merge under way (the merged part
        stays merged, the rest is merged later)."""
        if self._thread is None:
            return
        self._stop = True
        self._wake.set()
        merger = self._connection
        if cancel and merger is not None:
            with contextlib.suppress(psycopg.Error):
                merger.cancel_safe()
        self._thread.join()


@contextlib.contextmanager
def ingest_session() -> Iterator[PendingListMerger]:
    """Set Django's connection up for writing a batch (_INGEST_SESSION), merge the
    search index's pending list alongside; at the end, merge the rest and give the
    connection back as Django configures it. Call ``written(n)`` on what it yields
    after writing n articles."""
    with connection.cursor() as cursor:
        for name, value in _INGEST_SESSION.items():
            cursor.execute("SELECT set_config(%s, %s, false)", [name, value])
    # Django turns psycopg's prepared statements off (for transaction poolers); the
    # writer's own statements (services._raw_cursor, prepare=True) are prepared once per batch
    # instead of parsed and planned for every article. Django's cursors bind on the
    # client and are never prepared, whatever this says.
    connection.connection.prepare_threshold = _PREPARE_THRESHOLD
    merger = PendingListMerger()
    completed = False
    try:
        yield merger
        completed = True
    finally:
        merger.close(cancel=not completed)
        _ingest_session_end()


def _ingest_session_end() -> None:
    """Merge the search index's pending list now rather than at some later insert, and
    restore the connection's settings. Never raises: it runs when a batch ends, also
    after an interruption or a lost connection, whose own error is the one to report."""
    if connection.connection is not None:
        # As Django has it (the statements prepared stay until the connection closes).
        connection.connection.prepare_threshold = None
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_MERGE_SQL, [_SEARCH_INDEX])
    except (DatabaseError, InterfaceError, psycopg.Error) as error:
        # Not the index's owner, or no connection: autovacuum will merge the list.
        logger.info("search index pending list left to autovacuum: %s", error)
    try:
        with connection.cursor() as cursor:
            for name in _INGEST_SESSION:
                cursor.execute(f"RESET {name}")  # our own setting names, never input
    except (DatabaseError, InterfaceError, psycopg.Error) as error:  # a lost connection
        logger.info("ingest session settings not reset: %s", error)


@dataclass
class ArticleInput:
    """One analysed article, ready to be written (see archive.ingest)."""

    title: str
    body: str
    url: str
    published_at: datetime.date | None
    source_name: str | None
    language: str
    content_hash: str
    derived: services.Derived
    extraction: object | None = None


class ArticleBatchWriter:
    """Writes groups of ingested articles with the same result as ``services.article_ingest`` one
    at a time, in a fraction of the round trips.

    Each article is its own transaction: a new article, its search vector, fingerprint,
    near-duplicate link and extracted facts are ONE statement (``services._new_article_sql``: an INSERT
    with the facts' INSERTs as data-modifying CTEs), which PostgreSQL runs as one
    transaction when the connection is in autocommit; inside an outer transaction (the
    tests) or when the article reports a meeting (created or completed first), it runs in
    ``transaction.atomic()``. A run killed at any point leaves whole articles, and an
    article that cannot be stored fails alone. The stored articles a group may touch are
    looked up once per group, the ids the facts point to are preloaded
    (``services.IngestRefs.preload``) and the statements are prepared once. New articles take
    this fast path; an article that exists (a changed text, an older analyzer) goes
    through ``services.article_ingest``.
    """

    def __init__(self) -> None:
        self.refs = services.IngestRefs.preload()
        self._columns = [
            f
            for f in Article._meta.concrete_fields
            if not f.primary_key and not f.generated  # period_vector: PostgreSQL's
        ]
        self._insert_sql: dict[str, str] = {}  # by the kinds of facts written
        # What ingest never sets, as the database takes it (prepared once), and the
        # time stamps, set to the time of writing.
        self._defaults, self._stamps = {}, []
        for f in self._columns:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self._stamps.append(f.attname)
            else:
                self._defaults[f.attname] = f.get_db_prep_save(f.get_default(), connection)

    def write(self, items: list[ArticleInput]) -> list[services.UpsertResult | Exception]:
        """One result per item, in order: the services.UpsertResult, or the error that kept that
        article out (its transaction rolled back whole)."""
        if not items:
            return []
        try:
            # Inside a transaction (the tests), a savepoint: a refused lookup must not
            # abort the outer transaction.
            guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
            with guard:
                kinds = self._kinds(items)
                candidates = services._candidates(
                    {
                        i: it.derived.fingerprint
                        for i, it in enumerate(items)
                        if kinds[i][0] == "new"
                    }
                )
        except Exception as error:  # noqa: BLE001 - one item's value broke the group's lookups
            # The group's lookups hold every item's text and URL: one that the server
            # refuses fails them all, so each item is looked up and written alone and
            # only the culprit fails.
            if len(items) == 1:
                self.refs.forget_uncommitted()
                return [error]
            return [result for item in items for result in self.write([item])]
        written: list[tuple[int, int | None, services.Derived]] = []  # this group's new ones
        results: list[services.UpsertResult | Exception] = []
        for index, (item, (kind, stored)) in enumerate(zip(items, kinds, strict=True)):
            try:
                if kind == "duplicate":
                    # This exact text is stored, analysed by this analyzer: nothing to write.
                    results.append(services.UpsertResult(stored, "duplicate"))
                elif kind == "existing":
                    results.append(self._ingest(item))
                    candidates = None  # stored articles changed: look candidates up again
                else:
                    near = self._near_duplicate(item, index, candidates, written)
                    result = self._insert(item, near)
                    results.append(result)
                    written.append((result.article_id, near, item.derived))
            except Exception as error:  # noqa: BLE001 - this article's failure, the batch goes on
                self.refs.forget_uncommitted()
                results.append(error)
        return results

    def _kinds(self, items: list[ArticleInput]) -> list[tuple[str, int | None]]:
        """What each item is, from one lookup of the stored articles: ("duplicate",
        stored id): this exact text is stored; ("existing", None): a changed text, an
        older analyzer or a repeat within the group (services.article_ingest decides); ("new",
        None)."""
        current = search_config.analyzer_version()
        by_hash, by_url = self._stored(items)
        seen: set[str] = set()
        kinds = []
        for item in items:
            keys = {"h:" + item.content_hash} | ({"u:" + item.url} if item.url else set())
            repeated = bool(keys & seen)
            seen |= keys
            stored = by_hash.get(item.content_hash)
            if (
                not repeated
                and stored is not None
                and stored[3] == current
                and (not item.url or stored[1] in (item.url, ""))
            ):
                kinds.append(("duplicate", stored[0]))
            elif repeated or stored is not None or (item.url and item.url in by_url):
                kinds.append(("existing", None))
            else:
                kinds.append(("new", None))
        return kinds

    def _near_duplicate(
        self, item: ArticleInput, index: int, candidates: dict | None, written: list
    ) -> int | None:
        """As services._near_duplicate_of, with the group's candidates looked up beforehand: the
        stored ones first (all older), then the ones this group wrote, in order."""
        derived = item.derived
        if not derived.fingerprint:
            return None
        if candidates is None:
            return services._near_duplicate_of(derived)
        mine = candidates.get(index, [])
        if len(mine) < services.CANDIDATES:
            bands = set(derived.fingerprint)
            mine = mine + [
                (pk, root, other.signature)
                for pk, root, other in written
                if not bands.isdisjoint(other.fingerprint)
            ]
        return services._first_telling(derived, mine[: services.CANDIDATES])

    def _stored(self, items: list[ArticleInput]) -> tuple[dict, dict]:
        """The stored articles with these texts or URLs: {hash: row}, {url: row}."""
        with services._raw_cursor() as cursor:
            cursor.execute(
                services._LOOKUP_SQL,
                ([i.content_hash for i in items], [i.url for i in items if i.url]),
                prepare=False,  # see _PLANNED_EACH_TIME
            )
            rows = cursor.fetchall()
        by_hash = {row[2]: row for row in rows}
        by_url = {row[1]: row for row in rows if row[1]}
        return by_hash, by_url

    def _ingest(self, item: ArticleInput) -> services.UpsertResult:
        return services.article_ingest(
            title=item.title,
            body=item.body,
            url=item.url,
            published_at=item.published_at,
            source_name=item.source_name,
            language=item.language,
            extraction=item.extraction,
            derived=item.derived,
            refs=self.refs,
        )

    def _insert(self, item: ArticleInput, near: int | None) -> services.UpsertResult:
        meeting = item.extraction is not None and item.extraction.meeting is not None
        if meeting or connection.in_atomic_block:
            with transaction.atomic():
                return self._insert_one(item, near)
        try:
            return self._insert_one(item, near)
        except psycopg.errors.UniqueViolation:
            # Stored by another process since the group's lookup: that statement, its
            # own transaction, was rolled back whole; this text is now an update or a
            # duplicate, which services.article_ingest decides.
            return self._ingest(item)

    def _insert_one(self, item: ArticleInput, near: int | None) -> services.UpsertResult:
        derived = item.derived
        params = dict(self._defaults)
        now = timezone.now()
        for name in self._stamps:
            params[name] = now
        params.update(
            title=item.title,
            body=item.body,
            url=item.url or "",
            published_at=item.published_at,
            language=item.language,
            content_hash=item.content_hash,
            source_id=self.refs.source_id(item.source_name),
            search_vector=derived.vector,
            analyzer_version=derived.analyzer_version,
            fingerprint=services._int_array(derived.fingerprint),
            signature=services._int_array(derived.signature),
            near_duplicate_of_id=near,
            **services._security_fields(item.extraction),
        )
        found = services._facts_found(item.extraction, self.refs)
        kinds, facts = services._facts_params(
            *found, unresolved=services._unresolved_rows(item.extraction)
        )
        params.update(facts)
        sql = self._insert_sql.get(kinds)
        if sql is None:
            sql = self._insert_sql[kinds] = services._new_article_sql(self._columns, kinds)
        with services._raw_cursor() as cursor:
            cursor.execute(sql, params, prepare=True)
            pk = cursor.fetchone()[0]
        # in the same transaction as the meeting's (see _insert)
        services.meeting_facts_status(meeting_ids=found[services.MEETING_KIND])
        return services.UpsertResult(pk, "new")
