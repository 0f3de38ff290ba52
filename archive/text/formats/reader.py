"""``iter_records``: one input (a file or stdin) read as the format it is."""

from __future__ import annotations

import codecs
import contextlib
import os
from collections.abc import Iterator
from typing import BinaryIO

from archive.text.formats import feeds, html, json_records, text
from archive.text.formats.base import (
    DEFAULT_LIMITS,
    MAX_WHOLE_FILE_BYTES,
    STDIN_NAME,
    InputError,
    Limits,
    RawRecord,
)
from archive.text.formats.detect import detect_format
from archive.text.formats.encodings import _sniff_encoding
from archive.text.formats.streams import _READ_ERRORS, _open_input


def iter_records(
    path: str | os.PathLike[str],
    stream: BinaryIO | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[RawRecord | InputError]:
    """Read one input and yield its articles, one ``RawRecord`` each.

    A bad item (a truncated JSON line, an entry without text) is yielded as an
    ``InputError`` and reading goes on with the next item. An input that cannot be
    read at all (missing, binary, undecodable, empty, not parseable as its format)
    raises ``InputError`` when iteration starts; an input that breaks off in the
    middle (a corrupt gzip tail, a broken UTF-16 stream) yields a last ``InputError``.

    ``path`` "-" reads ``stream`` (the caller passes ``sys.stdin.buffer``); any other
    path is opened unless a ``stream`` is given for it. JSON Lines are streamed line by
    line with flat memory, whatever the file size; other formats are read whole.
    """
    name = os.fspath(path)
    display = STDIN_NAME if name == "-" else name
    if name == "-" and stream is None:
        raise InputError("no stream given for standard input", display)
    with contextlib.ExitStack() as stack:
        raw, head = _open_input(display, stream, limits)
        if stream is None:
            stack.callback(raw.close)
        if not head:
            raise InputError("empty file", display)
        fmt = detect_format("" if name == "-" else name, _head_text(head))
        if fmt == "jsonl":
            yield from json_records._iter_json_lines(display, raw, head, limits)
            return
        # Read whole, but never more than the record limit (plus one byte to know).
        limit = min(MAX_WHOLE_FILE_BYTES, limits.max_record_bytes)
        try:
            data = head + raw.read(max(0, limit + 1 - len(head)))
        except _READ_ERRORS as exc:
            raise InputError(f"cannot read: {exc}", display) from None
        except InputError as exc:
            exc.item = display
            raise
        if len(data) > limit:
            raise InputError(
                f"too large to read whole as {fmt} (over {limit:,} bytes,"
                " ARCHIVE_INGEST_MAX_RECORD_BYTES); split it or convert it to JSON Lines,"
                " which are streamed",
                display,
            )
        try:
            if fmt == "feed":
                yield from feeds._iter_feed(display, data)
            elif fmt == "html":
                yield html._html_record(display, data)
            elif fmt == "json":
                yield from json_records._iter_json(display, data)
            else:
                yield text._text_record(display, data)
        except InputError as exc:
            if exc.item is None:
                exc.item = display
            raise


def _head_text(head: bytes) -> str:
    """The head decoded just well enough to see its format (markup and JSON are ASCII)."""
    try:
        encoding = _sniff_encoding(head, final=False)
        if encoding == "windows-1256":
            return head.decode("latin-1")
        return codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, False)
    except InputError:
        return head.decode("latin-1")
