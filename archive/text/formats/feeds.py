"""RSS and Atom feeds: one article per entry."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from archive.text.formats.base import (
    InputError,
    RawRecord,
    _normalize_newlines,
    _optional_text,
    _squeeze,
)
from archive.text.formats.encodings import _decode_markup
from archive.text.formats.html import html_to_text


def _iter_feed(display: str, data: bytes) -> Iterator[RawRecord | InputError]:
    import feedparser

    _text, encoding = _decode_markup(data)  # refuses binary and undecodable data early
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser on hostile input: report, do not crash
        raise InputError(f"feed could not be parsed ({type(exc).__name__})") from exc
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        detail = f": {_squeeze(str(reason))[:120]}" if reason else ""
        raise InputError(f"feed has no entries{detail}")
    feed = parsed.get("feed") or {}
    feed_title = _optional_text(feed.get("title"))
    feed_language = _optional_text(feed.get("language"))
    for index, entry in enumerate(entries, start=1):
        item = f"{display}#entry {index}"
        try:
            record = _feed_entry_record(entry, item, feed_title, feed_language, encoding)
        except Exception as exc:  # a malformed entry is one bad item, not a crash
            record = InputError(f"entry could not be read ({type(exc).__name__})", item)
        yield record


def _feed_entry_record(
    entry: Any, item: str, feed_title: str | None, feed_language: str | None, encoding: str
) -> RawRecord | InputError:
    html = ""
    contents = entry.get("content") or []
    if contents:
        # Several <content> alternatives: the longest is the full text.
        html = max((c.get("value") or "" for c in contents), key=len)
    if not html.strip():
        html = entry.get("summary") or entry.get("description") or ""
    body = html_to_text(html) if "<" in html else _normalize_newlines(html).strip()
    if not body.strip():
        return InputError("entry has no text", item)
    title = _optional_text(entry.get("title"))
    if title and "<" in title:
        title = _optional_text(html_to_text(title).replace("\n", " "))
    source = entry.get("source") or {}
    return RawRecord(
        item=item,
        title=title,
        body=body,
        url=_optional_text(entry.get("link")),
        published_at=_optional_text(entry.get("published") or entry.get("updated")),
        source=_optional_text(source.get("title") if isinstance(source, dict) else None)
        or feed_title,
        language=_optional_text((entry.get("title_detail") or {}).get("language")) or feed_language,
        format="feed",
        encoding=encoding,
    )
