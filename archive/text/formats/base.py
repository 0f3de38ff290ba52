"""What every reader shares: the item and error types, the head size, small text helpers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEAD_SIZE = 64 * 1024  # bytes read up front to sniff compression, encoding and format
# Text, HTML, JSON and feeds are read whole (one document); past this size the operator
# is told to use JSON Lines, which are streamed whatever their size.
MAX_WHOLE_FILE_BYTES = 1024 * 1024 * 1024
STDIN_NAME = "<stdin>"


# Every read is bounded, whatever the input (a gzip bomb, one endless line): the
# defaults are the ARCHIVE_INGEST_* settings' defaults (archive/settings.py), and an
# item over a limit fails with an error naming its setting.
@dataclass(frozen=True)
class Limits:
    max_line_bytes: int = 8 * 2**20  # one JSON Lines line
    max_record_bytes: int = 16 * 2**20  # one whole-file input (text, HTML, JSON, feed)
    max_decompressed_bytes: int = 4 * 2**30  # all a compressed input may expand to
    max_compression_ratio: int = 100  # decompressed / compressed, checked past 1 MB


DEFAULT_LIMITS = Limits()


class InputError(Exception):
    """An input (a file or one item in it) that cannot be ingested.

    ``str(error)`` is the reason, written for the operator ("empty file", "truncated
    JSON at line 3"); ``error.item`` names where ("path", "path:line 7", "path#entry 2")
    when known, so a report can print ``f"{e.item}: {e}"``.
    """

    def __init__(self, reason: str, item: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.item = item


@dataclass
class RawRecord:
    """One article as read from its input, before cleaning."""

    item: str  # "path", "path:line 12", "path#item 3", "path#entry 3"
    title: str | None
    body: str  # paragraphs separated by blank lines for HTML and feeds
    url: str | None = None
    published_at: str | None = None  # as given; dates are parsed elsewhere
    source: str | None = None
    language: str | None = None
    format: str = "text"  # "text" | "html" | "json" | "jsonl" | "feed"
    encoding: str = "utf-8"


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _optional_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text or None
