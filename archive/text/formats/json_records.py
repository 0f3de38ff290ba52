"""JSON documents (read whole) and JSON Lines (streamed line by line)."""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from archive.text.formats.base import (
    DEFAULT_LIMITS,
    HEAD_SIZE,
    InputError,
    Limits,
    RawRecord,
    _normalize_newlines,
    _optional_text,
)
from archive.text.formats.encodings import _sniff_encoding, decode_bytes, looks_like_arabic
from archive.text.formats.html import html_to_text
from archive.text.formats.streams import _READ_ERRORS, LimitExceeded, _PrefixedRaw

# Field names accepted besides the canonical ones (exports from other tools).
_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "body": ("body", "text", "content", "article"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published_at": ("published_at", "published", "date", "pubDate"),
    "source": ("source", "outlet", "site_name"),
    "language": ("language", "lang"),
}
_CONTAINER_KEYS = ("articles", "items")
_TAG_RE = re.compile(r"</?(p|div|br|span|a|strong|em|b|i|h[1-6]|ul|ol|li|blockquote)\b[^>]*>", re.I)


def _field(obj: dict[str, Any], name: str) -> Any:
    for key in _FIELD_ALIASES[name]:
        if key in obj:
            return obj[key]
    return None


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [""])[0][:200]


# JSON can escape half of a surrogate pair ("\ud800"): no character, it cannot be
# encoded, stored or hashed.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(obj: dict[str, Any]) -> str | None:
    for key, value in obj.items():
        if isinstance(value, str) and _SURROGATE_RE.search(value):
            return key
        if isinstance(value, dict) and _lone_surrogate(value):
            return key
    return None


def _record_from_object(obj: Any, item: str, fmt: str, encoding: str) -> RawRecord | InputError:
    if isinstance(obj, dict) and (key := _lone_surrogate(obj)):
        return InputError(f"{key!r} holds a lone surrogate (not Unicode text)", item)
    if not isinstance(obj, dict):
        return InputError(f"expected a JSON object, found {_json_type(obj)}", item)
    body = _field(obj, "body")
    if body is None:
        return InputError("no body", item)
    if not isinstance(body, str):
        return InputError(f"body is {_json_type(body)}, not text", item)
    if len(_TAG_RE.findall(body[:20000])) >= 2:
        body = html_to_text(body)
    body = _normalize_newlines(body)
    if not body.strip():
        return InputError("empty body", item)
    title = _optional_text(_field(obj, "title"))
    if title and _TAG_RE.search(title):
        title = html_to_text(title).replace("\n", " ").strip() or None
    return RawRecord(
        item=item,
        title=title,
        body=body,
        url=_optional_text(_field(obj, "url")),
        published_at=_optional_text(_field(obj, "published_at")),
        source=_source_name(_field(obj, "source")),
        language=_optional_text(_field(obj, "language")),
        format=fmt,
        encoding=encoding,
    )


def _source_name(value: Any) -> str | None:
    if isinstance(value, dict):  # {"name": "...", "url": "..."} as some exporters write it
        value = value.get("name") or value.get("title")
    return _optional_text(value)


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), "null")


def _json_error(exc: json.JSONDecodeError, text: str, where: str) -> str:
    """'truncated JSON at line 3' when the text stops early, else what is wrong where."""
    if not text[exc.pos :].strip() or exc.msg.startswith("Unterminated string"):
        return f"truncated JSON at {where}"
    return f"invalid JSON at {where}: {exc.msg} (column {exc.colno})"


def _iter_json(display: str, data: bytes) -> Iterator[RawRecord | InputError]:
    # A JSON document is parsed whole (it is one value); batches too large for memory
    # belong in JSON Lines, which are streamed.
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(_json_error(exc, text, f"line {exc.lineno}")) from None
    except RecursionError:
        raise InputError("JSON nested too deeply") from None
    except ValueError as exc:  # a number of more digits than Python converts
        raise InputError(f"invalid JSON: {_first_line(exc)}") from None
    items: Any = value
    if isinstance(value, dict):
        for key in _CONTAINER_KEYS:
            if isinstance(value.get(key), list):
                items = value[key]
                break
        else:
            if _field(value, "body") is None:
                raise InputError('JSON object has no "body", "articles" or "items"')
            yield _record_from_object(value, display, "json", encoding)
            return
    if not isinstance(items, list):
        raise InputError(f"expected a JSON array or object, found {_json_type(items)}")
    if not items:
        raise InputError("JSON holds no articles (empty list)")
    for index, obj in enumerate(items, start=1):
        yield _record_from_object(obj, f"{display}#item {index}", "json", encoding)


def _iter_json_lines(
    display: str, raw: BinaryIO, head: bytes, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawRecord | InputError]:
    at_eof = len(head) < HEAD_SIZE
    try:
        encoding = _sniff_encoding(head, final=at_eof)
    except InputError as exc:
        exc.item = display
        raise
    reader = io.BufferedReader(_PrefixedRaw(head, raw), buffer_size=HEAD_SIZE)
    if encoding.startswith("utf-16"):
        yield from _iter_utf16_lines(display, reader, encoding, limits)
        return
    if encoding == "windows-1256" and not looks_like_arabic(head.decode(encoding)):
        encoding = "utf-8"  # a few bad lines in a UTF-8 file: they fail one by one below
    # UTF-8 (with or without BOM) and windows-1256 split on b"\n" safely: read bytes
    # line by line and decode each line, so one bad line is one bad item.
    line_encoding = "utf-8" if encoding.startswith("utf-8") else encoding
    lineno = 0
    max_line = limits.max_line_bytes
    while True:
        try:
            # Security invariant: a line is read up to the line limit, never whole; the
            # rest of a longer line is skipped in bounded pieces.
            line = reader.readline(max_line + 1)
            too_long = len(line) > max_line
            while line and too_long and not line.endswith(b"\n"):
                line = reader.readline(HEAD_SIZE)
        except _READ_ERRORS as exc:
            yield InputError(f"input breaks off after line {lineno}: {exc}", display)
            return
        except LimitExceeded as exc:
            yield InputError(f"{exc.reason} after line {lineno}; the rest is not read", display)
            return
        if not line:
            return
        lineno += 1
        if too_long:
            yield InputError(
                f"line longer than {max_line:,} bytes (ARCHIVE_INGEST_MAX_LINE_BYTES)",
                f"{display}:line {lineno}",
            )
            continue
        if lineno == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        item = f"{display}:line {lineno}"
        try:
            text = line.decode(line_encoding)
        except UnicodeDecodeError:
            try:
                text, _ = decode_bytes(line)
            except InputError as exc:
                yield InputError(exc.reason, item)
                continue
        yield from _json_line_record(text, item, encoding)


def _iter_utf16_lines(
    display: str, reader: BinaryIO, encoding: str, limits: Limits = DEFAULT_LIMITS
) -> Iterator[RawRecord | InputError]:
    codec = (
        "utf-16" if reader.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else encoding
    )  # type: ignore[attr-defined]
    text_stream = io.TextIOWrapper(reader, encoding=codec, errors="strict", newline="\n")
    lineno = 0
    while True:
        try:
            # Two bytes a character: the line limit in characters.
            max_chars = limits.max_line_bytes // 2
            line = text_stream.readline(max_chars + 1)
            too_long = len(line) > max_chars
            while line and too_long and not line.endswith("\n"):
                line = text_stream.readline(HEAD_SIZE)
        except LimitExceeded as exc:
            yield InputError(f"{exc.reason} after line {lineno}; the rest is not read", display)
            return
        except UnicodeDecodeError:
            yield InputError(f"not valid UTF-16 after line {lineno}; the rest is skipped", display)
            return
        except _READ_ERRORS as exc:
            yield InputError(f"input breaks off after line {lineno}: {exc}", display)
            return
        if not line:
            return
        lineno += 1
        if too_long:
            yield InputError(
                f"line longer than {limits.max_line_bytes:,} bytes (ARCHIVE_INGEST_MAX_LINE_BYTES)",
                f"{display}:line {lineno}",
            )
            continue
        yield from _json_line_record(line, f"{display}:line {lineno}", encoding)


def _json_line_record(text: str, item: str, encoding: str) -> Iterator[RawRecord | InputError]:
    stripped = text.strip()
    if not stripped:
        return  # blank lines are allowed between records
    try:
        obj = json.loads(stripped)
    except json.JSONDecodeError as exc:
        yield InputError(_json_error(exc, stripped, item.rsplit(":", 1)[-1]), item)
        return
    except RecursionError:
        yield InputError("JSON nested too deeply", item)
        return
    except ValueError as exc:  # a number of more digits than Python converts
        yield InputError(f"invalid JSON: {_first_line(exc)}", item)
        return
    yield _record_from_object(obj, item, "jsonl", encoding)
