"""Plain text: one file, one article (its title is found by the cleaning step)."""

from __future__ import annotations

from archive.text.formats.base import InputError, RawRecord, _normalize_newlines
from archive.text.formats.encodings import decode_bytes


def _text_record(display: str, data: bytes) -> RawRecord:
    text, encoding = decode_bytes(data)
    text = _normalize_newlines(text)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    # A plain-text file is one article; its title is found by the cleaning step.
    return RawRecord(item=display, title=None, body=text, format="text", encoding=encoding)
