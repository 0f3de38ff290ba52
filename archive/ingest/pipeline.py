"""The ingest pipeline: inputs → records → clean articles → extracted facts → services.

The management command stays thin; this module streams the inputs item by item
(memory stays flat whatever the batch size), reports every item, and writes each
article and its facts in one transaction through archive.ingest.services.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import datetime
import gc
import itertools
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings

from archive.facts.gazetteer import database_gazetteer
from archive.ingest import services
from archive.ingest import writer as batch
from archive.models import Source
from archive.search import config as search_config
from archive.search import lexicon
from archive.text import cleaning, dates, extraction, formats, language, script

logger = logging.getLogger(__name__)

# Work per article is bounded whatever its length: datelines are looked for at the
# top, and extraction reads the first EXTRACTION_CHARS characters (the whole body is
# stored; archive.search indexes a bounded prefix too).
DATELINE_CHARS = 2_000
EXTRACTION_CHARS = 100_000


@dataclass
class ItemReport:
    item: str
    status: str  # new | updated | duplicate | failed | parsed (dry run) | skipped
    reason: str = ""
    article_id: int | None = None
    title: str = ""
    url: str = ""
    published_at: str | None = None
    organizations: list[str] = field(default_factory=list)
    meeting: str | None = None


@dataclass
class IngestReport:
    """Counts and failure reasons in memory; the items themselves go to `sink`."""

    counts: Counter = field(default_factory=Counter)
    failures: list[ItemReport] = field(default_factory=list)  # kept for the summary
    sink: Callable[[ItemReport], None] | None = None
    max_failures_kept: int = 1000

    def add(self, item: ItemReport) -> None:
        self.counts[item.status] += 1
        if item.status == "failed" and len(self.failures) < self.max_failures_kept:
            self.failures.append(item)
        if self.sink:
            self.sink(item)

    @property
    def failed(self) -> bool:
        return self.counts["failed"] > 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        c = self.counts
        text = (
            f"new {c['new']}, updated {c['updated']}, duplicate {c['duplicate']}, "
            f"failed {c['failed']}"
        )
        if c["parsed"]:
            text += f", parsed (dry run) {c['parsed']}"
        if c["skipped"]:
            text += f", skipped {c['skipped']}"
        return text

    def reasons(self) -> Counter:
        return Counter(f.reason for f in self.failures)


class JsonReportWriter:
    """Writes the --report file as it goes: {"items": [...], "summary": {...}}."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.first = True
        fh.write('{"items": [\n')

    def __call__(self, item: ItemReport) -> None:
        if not self.first:
            self.fh.write(",\n")
        self.first = False
        # The fields as they are (all flat): dataclasses.asdict deep-copies every value,
        # which cost the main process a tenth of its time in a large batch.
        self.fh.write(json.dumps(vars(item), ensure_ascii=False))

    def close(self, report: IngestReport, *, interrupted: bool = False) -> None:
        summary = {k: report.counts.get(k, 0) for k in ("new", "updated", "duplicate", "failed")}
        for extra in ("parsed", "skipped"):
            if report.counts.get(extra):
                summary[extra] = report.counts[extra]
        self.fh.write("\n],\n")
        self.fh.write(
            f'"summary": {json.dumps(summary)}, "interrupted": {json.dumps(interrupted)}}}\n'
        )
        self.fh.flush()


@dataclass
class Prepared:
    """One record, cleaned and analysed, ready to be written."""

    item: str
    title: str
    body: str
    url: str
    published_at: datetime.date | None
    source: str | None
    language: str
    extraction: extraction.Extraction | None = None


# A character no web address holds: controls (NUL cannot even be stored), white space,
# surrogates.
_BAD_URL_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\ud800-\udfff]")


def _valid_url(url: str | None) -> str:
    # Only web addresses are kept: a "javascript:" URL must never reach a link.
    url = (url or "").strip()
    if _BAD_URL_CHAR.search(url):
        return ""
    return url[:2000] if url.lower().startswith(("http://", "https://")) else ""


def limits() -> formats.Limits:
    """The reading limits as configured (the ARCHIVE_INGEST_* settings)."""
    return formats.Limits(
        max_line_bytes=settings.ARCHIVE_INGEST_MAX_LINE_BYTES,
        max_record_bytes=settings.ARCHIVE_INGEST_MAX_RECORD_BYTES,
        max_decompressed_bytes=settings.ARCHIVE_INGEST_MAX_DECOMPRESSED_BYTES,
        max_compression_ratio=settings.ARCHIVE_INGEST_MAX_COMPRESSION_RATIO,
    )


def prepare(record: formats.RawRecord) -> Prepared:
    """Clean the text and read its metadata (no database access)."""
    clean = cleaning.clean_article(title=record.title, body=record.body)
    if not clean.body.strip() and not clean.title.strip():
        raise formats.InputError("no article text after removing boilerplate")
    published = dates.parse_date(record.published_at) if record.published_at else None
    if published is None and clean.dateline:
        published = dates.parse_date(clean.dateline)
    if published is None:
        found = dates.find_publication_date(clean.body[:DATELINE_CHARS])
        published = found[0] if found else None
    lang = (record.language or "").strip().lower()[:8] or language.detect_language(
        clean.title + "\n" + clean.body
    )
    return Prepared(
        item=record.item,
        title=(clean.title or clean.body.split("\n", 1)[0])[:2000],
        body=clean.body or clean.title,
        url=_valid_url(record.url),
        published_at=published,
        source=script.clean_name(record.source or clean.source_hint or None),
        language=lang if lang != "und" else "ar",
    )


# --- The pipeline -------------------------------------------------------------------
#
# The main process reads the inputs (streamed) and cuts them into chunks; a pool of
# worker processes does the CPU-bound work of each record (cleaning, dates, language,
# extraction against the gazetteer, the search vector and the fingerprint: `analyze`);
# the main process writes each chunk's results in order through one
# archive.ingest.writer.ArticleBatchWriter (few round trips, whole articles per transaction) and
# reports every item. At most WINDOW_PER_WORKER chunks per worker are in flight, so
# memory stays flat whatever the batch size.

CHUNK = 32  # records per task and per write transaction
WINDOW_PER_WORKER = 3
WORKER_NICE = 10  # the workers' scheduling priority below the writer's (see _worker_start)


def default_workers() -> int:
    """One worker per core (the main process mostly waits on the database)."""
    return max(1, (os.cpu_count() or 1))


@dataclass(frozen=True)
class Analysis:
    """What every record's analysis needs, set once per batch (and copied into each
    worker): the matcher, the sources' countries as curators set them (they resolve an
    ambiguous name, "المملكة" in the Saudi press), and the article size limit."""

    gazetteer: object
    source_countries: Mapping[str, str]  # a source's name -> ISO alpha-2
    max_chars: int


def analysis_for_batch(gazetteer) -> Analysis:
    countries = dict(
        Source.objects.filter(country__isnull=False).values_list("name", "country__code")
    )
    return Analysis(
        gazetteer=gazetteer,
        source_countries=countries,
        max_chars=settings.ARCHIVE_INGEST_MAX_ARTICLE_CHARS,
    )


@dataclass
class Analyzed:
    """A record after the CPU-bound work, for the writer."""

    item: ItemReport
    article: batch.ArticleInput


def analyze(
    record: formats.RawRecord, *, analysis: Analysis, dry_run: bool
) -> ItemReport | Analyzed:
    """Everything ingest computes for a record without the database; any error of this
    one record is its failure (the batch goes on)."""
    size = len(record.body) + len(record.title or "")
    max_chars = analysis.max_chars
    if size > max_chars:
        return ItemReport(
            item=record.item,
            status="failed",
            reason=f"article longer than {max_chars:,} characters"
            f" (ARCHIVE_INGEST_MAX_ARTICLE_CHARS): {size:,}",
        )
    try:
        return _analyze(record, analysis=analysis, dry_run=dry_run)
    except formats.InputError as error:
        return ItemReport(item=record.item, status="failed", reason=str(error))
    except Exception as error:  # noqa: BLE001 - one item's failure, reported with its reason
        logger.debug("analysis of %s failed", record.item, exc_info=error)
        return ItemReport(
            item=record.item, status="failed", reason=_reason("could not be analysed", error)
        )


def _reason(what: str, error: BaseException) -> str:
    first_line = (str(error).splitlines() or [""])[0][:300]
    return f"{what}: {type(error).__name__}: {first_line}"


def _analyze(
    record: formats.RawRecord, *, analysis: Analysis, dry_run: bool
) -> ItemReport | Analyzed:
    prepared = prepare(record)
    item = ItemReport(
        item=prepared.item,
        status="parsed",
        title=prepared.title,
        url=prepared.url,
        published_at=prepared.published_at.isoformat() if prepared.published_at else None,
    )
    prepared.extraction = extraction.extract(
        title=prepared.title,
        body=prepared.body[:EXTRACTION_CHARS],
        published=prepared.published_at,
        gazetteer=analysis.gazetteer,
        source_country=analysis.source_countries.get(prepared.source or ""),
    )
    item.organizations = [m.key for m in prepared.extraction.organizations]
    item.meeting = prepared.extraction.meeting.name if prepared.extraction.meeting else None
    if dry_run:
        return item
    return Analyzed(
        item=item,
        article=batch.ArticleInput(
            title=prepared.title,
            body=prepared.body,
            url=prepared.url,
            published_at=prepared.published_at,
            source_name=prepared.source,
            language=prepared.language,
            content_hash=services.content_hash(title=prepared.title, body=prepared.body),
            derived=services.article_derived(title=prepared.title, body=prepared.body),
            extraction=prepared.extraction,
        ),
    )


def _analyze_chunk(chunk: list, *, analysis: Analysis, dry_run: bool) -> list:
    return [
        x if isinstance(x, ItemReport) else analyze(x, analysis=analysis, dry_run=dry_run)
        for x in chunk
    ]


# The worker processes' state, set once by _worker_start (inherited when forked).
_worker_analysis: Analysis | None = None


def _worker_start(analysis: Analysis, configured: dict | None) -> None:
    global _worker_analysis
    _worker_analysis = analysis
    # The analyzer the main process uses (curators' lexicon), so vectors match queries.
    if configured is not None:
        search_config.configure_lexicon(configured)
    # Ctrl-C is the main process's to handle (it stops the pool); a worker whose main
    # process died (SIGKILL) ends too instead of waiting forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The writer (the main process and its database connection, one article after the
    # other) is the pipeline's bottleneck: the workers take the CPU it leaves, instead
    # of taking turns with it.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICE)
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _worker_chunk(chunk: list, dry_run: bool) -> list:
    return _analyze_chunk(chunk, analysis=_worker_analysis, dry_run=dry_run)


def _inputs(
    args: Iterable[str], stdin: IO[bytes] | None
) -> Iterator[formats.RawRecord | ItemReport]:
    """Every input item in order: a record, or the report of an input that failed (or
    that the walk skipped). Any error reading one input is that input's failure."""
    skipped: list[ItemReport] = []

    def on_skip(path: str, reason: str) -> None:
        skipped.append(ItemReport(item=path, status="skipped", reason=reason))

    read_limits = limits()
    for path in formats.iter_paths(args, on_skip=on_skip):
        yield from skipped
        skipped.clear()
        stream = (stdin or sys.stdin.buffer) if path == "-" else None
        try:
            for record in formats.iter_records(path, stream=stream, limits=read_limits):
                if isinstance(record, formats.InputError):
                    yield ItemReport(
                        item=record.item or str(path), status="failed", reason=str(record)
                    )
                else:
                    yield record
        except formats.InputError as error:
            yield ItemReport(item=error.item or str(path), status="failed", reason=str(error))
        except Exception as error:  # noqa: BLE001 - a reader's bug on hostile input
            logger.debug("reading %s failed", path, exc_info=error)
            yield ItemReport(
                item=str(path), status="failed", reason=_reason("could not be read", error)
            )
    yield from skipped


CHUNK_CHARS = 2_000_000  # a chunk's text at most (one article over it is a chunk alone)


def _chunks(items: Iterator, size: int, max_chars: int = CHUNK_CHARS) -> Iterator[list]:
    """Chunks of `size` items, cut earlier at `max_chars` characters of text: the chunks
    in flight hold a bounded amount of text whatever the articles' size."""
    chunk: list = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(getattr(item, "body", ""))
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _analyzed_chunks(
    chunks: Iterator[list], *, analysis: Analysis, dry_run: bool, workers: int
) -> Iterator[list]:
    """The chunks analysed, in input order: the first in-process (a small batch needs no
    pool), the rest by `workers` processes with a bounded number in flight."""
    first = next(chunks, None)
    if first is None:
        return
    yield _analyze_chunk(first, analysis=analysis, dry_run=dry_run)
    second = next(chunks, None)
    if second is None:  # the whole batch was one chunk: no pool to start
        return
    chunks = itertools.chain([second], chunks)
    context = _fork_context()
    if workers < 1 or context is None:
        for chunk in chunks:
            yield _analyze_chunk(chunk, analysis=analysis, dry_run=dry_run)
        return
    configured = search_config.lexicon_config()
    gc.collect()
    gc.freeze()  # forked workers share the gazetteer's pages instead of copying them
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(analysis, configured),
    )
    pending: collections.deque = collections.deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_worker_chunk, chunk, dry_run))
            if len(pending) >= workers * WINDOW_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: analyse in-process
        return None


def ingest(
    args: Iterable[str],
    *,
    dry_run: bool = False,
    stdin: IO[bytes] | None = None,
    report: IngestReport | None = None,
    progress: Callable[[ItemReport], None] | None = None,
    workers: int | None = None,
) -> IngestReport:
    """Ingest the inputs named by `args`; `workers` processes analyse the records (0: all
    in this process; None: one per CPU). The result is the same whatever `workers` is."""
    report = report if report is not None else IngestReport()
    workers = default_workers() if workers is None else workers
    # The curators' lexicon as the database holds it now: stored vectors are analysed
    # exactly as the site analyses queries (the workers get it too, _worker_start).
    lexicon.ensure_current(force=True)
    gazetteer = database_gazetteer()
    chunks = _chunks(_inputs(args, stdin), CHUNK)
    with contextlib.ExitStack() as stack:
        writer = session = None
        if not dry_run:
            session = stack.enter_context(batch.ingest_session())
            writer = batch.ArticleBatchWriter()
        for analysed in _analyzed_chunks(
            chunks, analysis=analysis_for_batch(gazetteer), dry_run=dry_run, workers=workers
        ):
            written = 0
            for item in _write(analysed, writer):
                report.add(item)
                written += item.status in ("new", "updated")
                if progress:
                    progress(item)
            if session is not None:
                session.written(written)
    return report


def _write(analysed: list, writer: batch.ArticleBatchWriter | None) -> list[ItemReport]:
    """Write one chunk (each article its own transaction, see ArticleBatchWriter); its
    items' reports."""
    pending = [x for x in analysed if isinstance(x, Analyzed)]
    results = iter(writer.write([x.article for x in pending]) if writer and pending else [])
    out = []
    for x in analysed:
        if not isinstance(x, Analyzed):
            out.append(x)
            continue
        item, result = x.item, next(results)
        if isinstance(result, Exception):
            # The article's transaction was rolled back whole: nothing half-written.
            # The batch goes on; the operator reads why in the report.
            logger.debug("ingest of %s failed", item.item, exc_info=result)
            item.status = "failed"
            item.reason = _reason("could not be stored", result)
        else:
            item.status, item.article_id = result.status, result.article_id
            if result.status == "duplicate":  # nothing was written from this extraction
                item.organizations, item.meeting = [], None
        out.append(item)
    return out
