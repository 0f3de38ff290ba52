"""The ingest pipeline: inputs → records → clean articles → extracted facts → services.

The management command stays thin; this module streams the inputs item by item
(memory stays flat whatever the batch size), reports every item, and writes each
article and its facts in one transaction through archive.services.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import IO

from django.db import DatabaseError, connection

from archive import services
from archive.gazetteer import database_gazetteer
from archive.text import cleaning, dates, extraction, formats, language

logger = logging.getLogger(__name__)

# Work per article is bounded whatever its length: datelines are looked for at the
# top, and extraction reads the first EXTRACTION_CHARS characters (the whole body is
# stored; archive.search indexes a bounded prefix too).
DATELINE_CHARS = 2_000
EXTRACTION_CHARS = 100_000


@dataclass
class ItemReport:
    item: str
    status: str  # new | updated | duplicate | failed | parsed (dry run)
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
        self.fh.write(json.dumps(asdict(item), ensure_ascii=False))

    def close(self, report: IngestReport, *, interrupted: bool = False) -> None:
        summary = {k: report.counts.get(k, 0) for k in ("new", "updated", "duplicate", "failed")}
        if report.counts.get("parsed"):
            summary["parsed"] = report.counts["parsed"]
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


def _valid_url(url: str | None) -> str:
    # Only web addresses are kept: a "javascript:" URL must never reach a link.
    url = (url or "").strip()
    return url[:2000] if url.lower().startswith(("http://", "https://")) else ""


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
        source=(record.source or clean.source_hint or None),
        language=lang if lang != "und" else "ar",
    )


def ingest(
    args: Iterable[str],
    *,
    dry_run: bool = False,
    stdin: IO[bytes] | None = None,
    report: IngestReport | None = None,
    progress: Callable[[ItemReport], None] | None = None,
) -> IngestReport:
    report = report if report is not None else IngestReport()
    gazetteer = database_gazetteer()
    if not dry_run:
        # Each article is its own transaction. Not waiting for the WAL flush on
        # commit makes a batch several times faster; a server crash can lose only
        # the last commits, never leave half an article, and a re-run restores them.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    for path in formats.iter_paths(args):
        stream = (stdin or sys.stdin.buffer) if path == "-" else None
        try:
            for record in formats.iter_records(path, stream=stream):
                if isinstance(record, formats.InputError):
                    item = ItemReport(
                        item=record.item or str(path), status="failed", reason=str(record)
                    )
                else:
                    item = _ingest_record(record, gazetteer=gazetteer, dry_run=dry_run)
                report.add(item)
                if progress:
                    progress(item)
        except formats.InputError as error:
            item = ItemReport(item=error.item or str(path), status="failed", reason=str(error))
            report.add(item)
            if progress:
                progress(item)
    return report


def _ingest_record(record: formats.RawRecord, *, gazetteer, dry_run: bool) -> ItemReport:
    try:
        prepared = prepare(record)
    except formats.InputError as error:
        return ItemReport(item=record.item, status="failed", reason=str(error))
    item = ItemReport(
        item=prepared.item,
        status="parsed",
        title=prepared.title,
        url=prepared.url,
        published_at=prepared.published_at.isoformat() if prepared.published_at else None,
    )
    if not dry_run:
        unchanged = services.article_unchanged(
            title=prepared.title, body=prepared.body, url=prepared.url
        )
        if unchanged is not None:
            item.status, item.article_id = "duplicate", unchanged.pk
            return item
    prepared.extraction = extraction.extract(
        title=prepared.title,
        body=prepared.body[:EXTRACTION_CHARS],
        published=prepared.published_at,
        gazetteer=gazetteer,
    )
    item.organizations = [m.key for m in prepared.extraction.organizations]
    item.meeting = prepared.extraction.meeting.name if prepared.extraction.meeting else None
    if dry_run:
        return item
    try:
        result = services.article_ingest(
            title=prepared.title,
            body=prepared.body,
            url=prepared.url,
            published_at=prepared.published_at,
            source_name=prepared.source,
            language=prepared.language,
            extraction=prepared.extraction,
        )
    except (DatabaseError, ValueError) as error:
        # The article's transaction was rolled back whole: nothing half-written. The
        # batch goes on; the operator reads why in the report.
        logger.debug("ingest of %s failed", prepared.item, exc_info=True)
        first_line = (str(error).splitlines() or [""])[0][:300]
        item.status = "failed"
        item.reason = f"could not be stored: {type(error).__name__}: {first_line}"
        return item
    item.status, item.article_id = result.status, result.article.pk
    return item
