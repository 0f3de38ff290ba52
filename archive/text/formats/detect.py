"""Which format an input is: its content first, its extension as a hint."""

from __future__ import annotations

import json
import os
import re

from archive.text.formats.paths import _strip_compression_suffix

_FEED_RE = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_RE = re.compile(
    r"<(!doctype\s+html|html|head|body|article|main|div|p|meta|title|section|h1|table)[\s>/]",
    re.IGNORECASE,
)
_JSON_START_RE = re.compile(r'^(\[\s*([{"\]\[]|$)|\{\s*("|\}|$))')
_JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines")


def detect_format(name: str, head: str) -> str:
    """The format of an input from its name and first characters: content first, extension as a hint.

    Returns "html", "feed", "json", "jsonl" or "text".
    """
    ext = os.path.splitext(_strip_compression_suffix(name))[1].lower()
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        markup_head = stripped[:4096]
        if _FEED_RE.search(markup_head):
            return "feed"
        if _HTML_RE.search(markup_head) or ext in (".html", ".htm", ".xhtml"):
            return "html"
        if stripped.startswith("<?xml"):
            return "feed" if ext in (".rss", ".atom", ".xml") else "html"
    if _JSON_START_RE.match(stripped[:200]) or (
        ext in (".json", *_JSONL_EXTENSIONS) and stripped[:1] in "[{"
    ):
        if stripped.startswith("["):
            return "json"
        if ext in _JSONL_EXTENSIONS:
            return "jsonl"
        return "jsonl" if _looks_like_json_lines(stripped) else "json"
    if ext in (".html", ".htm", ".xhtml") and "<" in stripped[:4096]:
        return "html"
    if ext == ".json":  # not JSON at all: parsing it says what is wrong
        return "json"
    if ext in _JSONL_EXTENSIONS:
        return "jsonl"
    return "text"


def _looks_like_json_lines(text: str) -> bool:
    """Whether text starts with a complete JSON object on its first line and another object follows."""
    lines = [line.strip() for line in text.split("\n")]
    # The head may end mid-line: only complete lines count.
    complete = [line for line in lines[:-1] if line]
    if len(complete) < 2:
        return False
    try:
        first = json.loads(complete[0])
    except (ValueError, RecursionError):
        return False
    return isinstance(first, dict) and complete[1].startswith("{")
