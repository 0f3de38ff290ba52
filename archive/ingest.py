"""The ingest pipeline: inputs → records → clean articles → services.

The management command stays thin; this module reads inputs, reports each item,
and calls archive.services for every write (one transaction per article).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from archive import services


class InputError(Exception):
    """A bad input item; str(error) is the reason the operator reads."""


@dataclass
class Record:
    item: str
    title: str
    body: str
    url: str = ""
    published_at: object = None
    source: str | None = None
    language: str = "ar"


@dataclass
class ItemReport:
    item: str
    status: str  # new | updated | duplicate | failed
    reason: str = ""
    article_id: int | None = None
    title: str = ""


@dataclass
class IngestReport:
    items: list[ItemReport] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(i.status for i in self.items)

    @property
    def failed(self) -> bool:
        return self.counts["failed"] > 0

    def summary(self) -> str:
        c = self.counts
        return (
            f"new {c['new']}, updated {c['updated']}, duplicate {c['duplicate']}, "
            f"failed {c['failed']}"
        )

    def as_json(self) -> dict:
        return {"summary": dict(self.counts), "items": [asdict(i) for i in self.items]}


def iter_paths(args: Iterable[str]) -> Iterator[Path]:
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def _text_record(item: str, text: str) -> Record:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError("empty file")
    return Record(item=item, title=lines[0], body="\n\n".join(lines[1:]) or lines[0])


def _json_record(item: str, obj: object) -> Record:
    if not isinstance(obj, dict):
        raise InputError("a JSON item must be an object")
    body = obj.get("body")
    if not isinstance(body, str) or not body.strip():
        raise InputError("no body")
    title = obj.get("title") if isinstance(obj.get("title"), str) else ""
    return Record(
        item=item,
        title=(title or body.strip().splitlines()[0])[:1000],
        body=body.strip(),
        url=obj.get("url") or "",
        published_at=obj.get("published_at"),
        source=obj.get("source"),
        language=obj.get("language") or "ar",
    )


def read_records(path: Path) -> Iterator[Record | InputError]:
    item = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}") from error
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("not valid UTF-8") from error
    stripped = text.lstrip()
    if path.suffix in {".jsonl", ".ndjson"}:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    yield _json_record(f"{item}:{number}", json.loads(line))
                except (ValueError, InputError) as error:
                    yield InputError(f"{item}:{number}: {error}")
    elif path.suffix == ".json" or stripped.startswith(("{", "[")):
        try:
            obj = json.loads(text)
        except ValueError as error:
            raise InputError(f"invalid JSON: {error}") from error
        objs = obj if isinstance(obj, list) else [obj]
        for number, one in enumerate(objs, start=1):
            try:
                yield _json_record(f"{item}#{number}", one)
            except InputError as error:
                yield InputError(f"{item}#{number}: {error}")
    else:
        yield _text_record(item, text)


def ingest(args: Iterable[str], *, dry_run: bool = False) -> IngestReport:
    report = IngestReport()
    for path in iter_paths(args):
        try:
            for record in read_records(path):
                if isinstance(record, InputError):
                    item, _, reason = str(record).partition(": ")
                    report.items.append(ItemReport(item=item, status="failed", reason=reason))
                    continue
                report.items.append(_ingest_record(record, dry_run=dry_run))
        except InputError as error:
            report.items.append(ItemReport(item=str(path), status="failed", reason=str(error)))
    return report


def _ingest_record(record: Record, *, dry_run: bool) -> ItemReport:
    if dry_run:
        return ItemReport(item=record.item, status="parsed", title=record.title)
    result = services.article_upsert(
        title=record.title,
        body=record.body,
        url=record.url,
        source_name=record.source,
        language=record.language,
    )
    return ItemReport(
        item=record.item, status=result.status, article_id=result.article.pk,
        title=record.title,
    )
