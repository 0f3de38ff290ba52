"""Reading ingest inputs: plain text, HTML pages, JSON, JSON Lines and RSS/Atom feeds.

No Django here. ``iter_paths`` expands the operator's arguments into files,
``iter_records`` turns one file (or stdin) into ``RawRecord`` items. Every problem
with the input is an ``InputError`` whose ``str()`` the operator can read; no other
exception escapes for bad input (``tests/text/test_formats.py`` fuzzes this).

Encodings (``decode_bytes``), in this order, never guessed beyond these:

* empty input is an error;
* a byte-order mark decides: UTF-8, UTF-16 LE or BE (UTF-32 is refused);
* UTF-16 without a BOM is recognised when one byte of every pair is nearly always a
  "high byte" (00 for ASCII, 06 for Arabic, ...) and the other is not;
* any other NUL byte means a binary file;
* valid UTF-8 is UTF-8;
* otherwise windows-1256, but only when the decoded text looks like Arabic: Arabic letters
  make up at least 30% of the letters, Arabic letters do not appear inside Latin words (a
  Latin-1 "É" decodes to "ة" in windows-1256, so "ةlysée" betrays a Latin-1 file), and in a
  longer text enough words carry the article "ال" or are common function words (this
  rejects ISO-8859-6 read as windows-1256). windows-1256 keeps the French letters à â ç è é
  ê ë î ï ô ù û ü at their Latin-1 places, so lower-case French in Latin-1 decodes "fine"
  as windows-1256 but has no Arabic letters: it is refused, not guessed.
* decoded text with more than 1% control characters (other than tab, newlines, form
  feed) is binary.

HTML and XML inputs that fail these rules may still be read with the charset they
declare (``<meta charset>``, ``<?xml encoding>``): that is a declaration, not a guess.

Compressed inputs (gzip, bzip2, xz) are recognised by their magic bytes and streamed.
"""

from __future__ import annotations

import bz2
import codecs
import contextlib
import gzip
import io
import json
import lzma
import os
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from archive.text import script

__all__ = [
    "InputError",
    "RawRecord",
    "decode_bytes",
    "detect_format",
    "iter_paths",
    "iter_records",
]

HEAD_SIZE = 64 * 1024  # bytes read up front to sniff compression, encoding and format
# Text, HTML, JSON and feeds are read whole (one document); past this size the operator
# is told to use JSON Lines, which are streamed whatever their size.
MAX_WHOLE_FILE_BYTES = 1024 * 1024 * 1024
STDIN_NAME = "<stdin>"

# Files a directory walk picks up. A file named explicitly on the command line is
# always read, whatever its extension.
INPUT_EXTENSIONS = frozenset(
    {
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".json",
        ".jsonl",
        ".ndjson",
        ".xml",
        ".rss",
        ".atom",
    }
)
COMPRESSED_EXTENSIONS = frozenset({".gz", ".bz2", ".xz"})

# Files a directory walk skips even with an input extension: documentation that
# travels with a batch, and the reports an ingest run writes next to its inputs
# (the ingest command should name them "ingest-report*" or "*.report.json").
IGNORED_NAME_RE = re.compile(
    r"""^(
        readme | license | licence | changelog | notice | copying   # docs of a batch
      )(\..*)?$
      | ^ingest[-_.]?report                                         # ingest reports
      | \.report\.[a-z]+$
      | ^(ingest[-_.])?errors?\.[a-z]+$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Editor and system leftovers.
TEMP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".part", ".crdownload")


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


# --------------------------------------------------------------------------- encodings

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
UNDECODABLE = "not valid UTF-8, UTF-16 or windows-1256"

# The high byte of a UTF-16 code unit in the scripts we expect: 00 (ASCII, Latin-1),
# 06 (Arabic), 04/05 (Cyrillic, Hebrew), 20 (punctuation such as ’ “ – …),
# FB/FE (Arabic presentation forms).
_UTF16_HIGH_BYTES = frozenset({0x00, 0x06, 0x04, 0x05, 0x20, 0xFB, 0xFE})
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# An Arabic word of decoded text: the script's letters and the tatweel that stretches them.
_ARABIC_LETTER_RE = re.compile(f"[{script.char_class(script.ARABIC_LETTERS + script.TATWEEL)}]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_ARABIC_FUNCTION_WORDS = frozenset(
    {"في", "من", "على", "إلى", "الى", "عن", "أن", "ان", "مع", "هذا", "هذه", "التي", "الذي"}
)


def _is_arabic_char(ch: str) -> bool:
    return bool(_ARABIC_LETTER_RE.match(ch))


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad / len(text)


def _check_not_binary(text: str) -> None:
    if _control_share(text) > 0.01:
        raise InputError("binary file (control characters)")


def _utf16_byte_order(data: bytes) -> str | None:
    """'le' or 'be' when the byte pattern is that of UTF-16 text without a BOM."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    if len(even) != len(odd):  # an odd number of bytes: tolerate one dangling byte
        even = even[: len(odd)]
    n = len(odd)
    high_even = sum(1 for b in even if b in _UTF16_HIGH_BYTES) / n
    high_odd = sum(1 for b in odd if b in _UTF16_HIGH_BYTES) / n
    if high_odd >= 0.7 and high_even <= 0.35:
        return "le"
    if high_even >= 0.7 and high_odd <= 0.35:
        return "be"
    return None


def looks_like_arabic(text: str) -> bool:
    """Whether single-byte decoded text reads as Arabic (see the module docstring)."""
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if _is_arabic_char(ch))
    if arabic < 2 or arabic / len(letters) < 0.3:
        return False
    arabic_words = 0
    mixed_words = 0
    marked_words = 0
    for word in _WORD_RE.findall(text):
        n_ar = sum(1 for ch in word if _is_arabic_char(ch))
        if not n_ar:
            continue
        if n_ar != len(word):
            mixed_words += 1
            continue
        arabic_words += 1
        if word.startswith(("ال", "وال", "بال", "لل", "فال")) or word in _ARABIC_FUNCTION_WORDS:
            marked_words += 1
    if mixed_words > 0.05 * arabic_words:
        return False
    # Real Arabic prose: about a third of the words carry the article or are function
    # words. Only judged on texts long enough for the share to mean something.
    return not (arabic_words >= 8 and marked_words / arabic_words < 0.08)


def _sniff_encoding(data: bytes, *, final: bool) -> str:
    """The encoding of ``data`` (all of it when ``final``, else a head that may end mid-character)."""
    if not data:
        raise InputError("empty file")
    if data[:4] in _UTF32_BOMS:
        # FF FE 00 00 could also be a UTF-16 LE BOM before a NUL character, which no
        # text starts with: it is the UTF-32 BOM.
        raise InputError("UTF-32 text is not supported (convert it to UTF-8)")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    order = None
    if b"\x00" in data or data.count(b"\x06") > len(data) // 8:
        order = _utf16_byte_order(data)
        if order:
            return "utf-16-" + order
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    return "windows-1256"


def _strict_decode(data: bytes, encoding: str, *, final: bool = True) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole input: ``(text, encoding)``; raise ``InputError`` when it is not text.

    The BOM is dropped from the text; line endings are left as they are.
    """
    encoding = _sniff_encoding(data, final=True)
    try:
        text = _strict_decode(data, encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig":
            raise InputError("not valid UTF-8 (despite its UTF-8 byte-order mark)") from exc
        if encoding.startswith("utf-16"):
            raise InputError("not valid UTF-16 (broken surrogate or odd length)") from exc
        raise InputError(UNDECODABLE) from exc
    if text.startswith("\ufeff"):  # the utf-16-le/be codecs keep the BOM
        text = text[1:]
    _check_not_binary(text)
    if encoding == "windows-1256" and not looks_like_arabic(text):
        raise InputError(UNDECODABLE)
    return text, encoding


_DECLARED_CHARSET_RE = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([a-zA-Z0-9_.:-]+)""",
    re.IGNORECASE,
)


def _decode_markup(data: bytes) -> tuple[str, str]:
    """Decode HTML/XML: our rules first, then the charset the document declares."""
    try:
        return decode_bytes(data)
    except InputError as exc:
        match = _DECLARED_CHARSET_RE.search(data[:HEAD_SIZE])
        if not match or b"\x00" in data:
            raise
        declared = match.group(1).decode("ascii").lower()
        try:
            codecs.lookup(declared)
            text = data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"{exc.reason}, nor the declared charset {declared!r}") from exc
        _check_not_binary(text)
        return text, declared


# --------------------------------------------------------------------------- formats

_FEED_RE = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_RE = re.compile(
    r"<(!doctype\s+html|html|head|body|article|main|div|p|meta|title|section|h1|table)[\s>/]",
    re.IGNORECASE,
)
_JSON_START_RE = re.compile(r'^(\[\s*([{"\]\[]|$)|\{\s*("|\}|$))')
_JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines")


def _strip_compression_suffix(name: str) -> str:
    root, ext = os.path.splitext(name)
    return root if ext.lower() in COMPRESSED_EXTENSIONS else name


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
    except ValueError:
        return False
    return isinstance(first, dict) and complete[1].startswith("{")


# --------------------------------------------------------------------------- paths


def _walk_skipped(name: str) -> bool:
    lower = name.lower()
    return (
        name.startswith((".", "_", "#"))
        or lower.endswith(TEMP_SUFFIXES)
        or bool(IGNORED_NAME_RE.search(name))
    )


def _has_input_extension(name: str) -> bool:
    inner = _strip_compression_suffix(name.lower())
    return os.path.splitext(inner)[1] in INPUT_EXTENSIONS


def iter_paths(args: Iterable[str]) -> Iterator[str]:
    """Expand the operator's arguments into the inputs to read, in a stable order.

    * "-" (stdin) and files named explicitly pass through as given, whatever their name.
    * A directory is walked recursively in sorted order; it yields files with an input
      extension (``INPUT_EXTENSIONS``, optionally compressed: ".jsonl.gz"), and skips
      hidden files and directories (".git", ".DS_Store"), files and directories whose
      name starts with "_" ("__pycache__", "_drafts"; files also "#"), editor leftovers
      ("~", ".swp", ".bak", ...), batch docs (README, LICENSE, ...) and ingest reports
      ("ingest-report*", "*.report.json", "errors.txt").
    * A path that does not exist (or a directory that cannot be listed) is yielded as
      given, never raised: ``iter_records`` then raises ``InputError("no such file or
      directory")`` for it, so the caller reports it with the other failures and goes on.
    * Symbolic links to directories are not followed (no loops); each file is yielded once.
    """
    seen: set[str] = set()
    for arg in args:
        if arg == "-" or not os.path.isdir(arg):
            yield arg
            continue
        unreadable: list[str] = []
        for root, dirs, files in os.walk(arg, onerror=lambda err, bad=unreadable: bad.append(err)):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "__pycache__")
            for name in sorted(files):
                if _walk_skipped(name) or not _has_input_extension(name):
                    continue
                path = os.path.join(root, name)
                key = os.path.realpath(path)
                if key in seen:
                    continue
                seen.add(key)
                yield path
        for err in unreadable:
            yield getattr(err, "filename", None) or arg


# --------------------------------------------------------------------------- streams


class _PrefixedRaw(io.RawIOBase):
    """A raw stream that replays ``head`` and then continues reading ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        return len(data)


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


_DECOMPRESSORS: tuple[tuple[re.Pattern[bytes], Any], ...] = (
    (re.compile(rb"\x1f\x8b\x08"), lambda f: gzip.GzipFile(fileobj=f, mode="rb")),
    (re.compile(rb"BZh[1-9]1AY&SY"), bz2.BZ2File),
    (re.compile(rb"\xfd7zXZ\x00"), lzma.LZMAFile),
)
# What a corrupt compressed stream or a failing disk raises while we read.
_READ_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


def _open_input(path: str, stream: BinaryIO | None) -> tuple[BinaryIO, bytes]:
    """(the stream, decompressed if need be, positioned after its head; the head)."""
    if stream is None:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the caller's ExitStack
        except FileNotFoundError:
            raise InputError("no such file or directory", path) from None
        except IsADirectoryError:
            raise InputError("is a directory", path) from None
        except PermissionError:
            raise InputError("permission denied", path) from None
        except OSError as exc:
            raise InputError(f"cannot open: {exc.strerror or exc}", path) from None
    try:
        head = _read_up_to(stream, HEAD_SIZE)
    except _READ_ERRORS as exc:
        raise InputError(f"cannot read: {exc}", path) from None
    for magic, opener in _DECOMPRESSORS:
        if magic.match(head):
            inner = opener(io.BufferedReader(_PrefixedRaw(head, stream)))
            try:
                return inner, _read_up_to(inner, HEAD_SIZE)
            except _READ_ERRORS as exc:
                raise InputError(f"corrupt compressed file ({exc})", path) from None
    return stream, head


def iter_records(
    path: str | os.PathLike[str], stream: BinaryIO | None = None
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
        raw, head = _open_input(display, stream)
        if stream is None:
            stack.callback(raw.close)
        if not head:
            raise InputError("empty file", display)
        fmt = detect_format("" if name == "-" else name, _head_text(head))
        if fmt == "jsonl":
            yield from _iter_json_lines(display, raw, head)
            return
        try:
            data = head + raw.read(max(0, MAX_WHOLE_FILE_BYTES + 1 - len(head)))
        except _READ_ERRORS as exc:
            raise InputError(f"cannot read: {exc}", display) from None
        if len(data) > MAX_WHOLE_FILE_BYTES:
            raise InputError(
                f"too large to read whole as {fmt} (over {MAX_WHOLE_FILE_BYTES // 2**20} MB);"
                " split it or convert it to JSON Lines, which are streamed",
                display,
            )
        try:
            if fmt == "feed":
                yield from _iter_feed(display, data)
            elif fmt == "html":
                yield _html_record(display, data)
            elif fmt == "json":
                yield from _iter_json(display, data)
            else:
                yield _text_record(display, data)
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


# --------------------------------------------------------------------------- text


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_record(display: str, data: bytes) -> RawRecord:
    text, encoding = decode_bytes(data)
    text = _normalize_newlines(text)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    # A plain-text file is one article; its title is found by the cleaning step.
    return RawRecord(item=display, title=None, body=text, format="text", encoding=encoding)


# --------------------------------------------------------------------------- JSON

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


def _optional_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text or None


def _record_from_object(obj: Any, item: str, fmt: str, encoding: str) -> RawRecord | InputError:
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


def _iter_json_lines(display: str, raw: BinaryIO, head: bytes) -> Iterator[RawRecord | InputError]:
    at_eof = len(head) < HEAD_SIZE
    try:
        encoding = _sniff_encoding(head, final=at_eof)
    except InputError as exc:
        exc.item = display
        raise
    reader = io.BufferedReader(_PrefixedRaw(head, raw), buffer_size=HEAD_SIZE)
    if encoding.startswith("utf-16"):
        yield from _iter_utf16_lines(display, reader, encoding)
        return
    if encoding == "windows-1256" and not looks_like_arabic(head.decode(encoding)):
        encoding = "utf-8"  # a few bad lines in a UTF-8 file: they fail one by one below
    # UTF-8 (with or without BOM) and windows-1256 split on b"\n" safely: read bytes
    # line by line and decode each line, so one bad line is one bad item.
    line_encoding = "utf-8" if encoding.startswith("utf-8") else encoding
    lineno = 0
    while True:
        try:
            line = reader.readline()
        except _READ_ERRORS as exc:
            yield InputError(f"input breaks off after line {lineno}: {exc}", display)
            return
        if not line:
            return
        lineno += 1
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
    display: str, reader: BinaryIO, encoding: str
) -> Iterator[RawRecord | InputError]:
    codec = (
        "utf-16" if reader.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else encoding
    )  # type: ignore[attr-defined]
    text_stream = io.TextIOWrapper(reader, encoding=codec, errors="strict", newline="\n")
    lineno = 0
    while True:
        try:
            line = text_stream.readline()
        except UnicodeDecodeError:
            yield InputError(f"not valid UTF-16 after line {lineno}; the rest is skipped", display)
            return
        except _READ_ERRORS as exc:
            yield InputError(f"input breaks off after line {lineno}: {exc}", display)
            return
        if not line:
            return
        lineno += 1
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
    yield _record_from_object(obj, item, "jsonl", encoding)


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote",
        "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
        "tr", "pre", "figure", "figcaption", "address", "hr", "form", "fieldset", "nav",
    }
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry, a JSON body): block elements become paragraphs."""
    # Imported here: lxml is only needed for HTML inputs.
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _squeeze(re.sub(r"<[^>]*>", " ", fragment))
    for bad in list(root.iter(*_DROP_TAGS)):
        bad.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _squeeze("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    # iterwalk, not recursion: hostile markup can nest deeper than Python's stack.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if event == "start":
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if tag is not None and el.text:
                current.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
            if el is not root and el.tail:
                current.append(el.tail)
    flush()
    return "\n\n".join(paragraphs)


def _element_text(el: Any) -> str:
    """Text of one element of trafilatura's output, keeping its <lb/> line breaks."""
    for lb in el.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    lines = (_squeeze(line) for line in "".join(el.itertext()).split("\n"))
    return "\n".join(line for line in lines if line)


def _trafilatura_paragraphs(body: Any) -> list[str]:
    """Paragraphs of trafilatura's XML body: headings, paragraphs, list items, table rows."""
    paragraphs: list[str] = []
    for el in body:
        if el.tag == "list":
            items = (_element_text(i) for i in el.iter("item"))
            paragraphs.extend(t for t in items if t)
        elif el.tag == "table":
            for row in el.iter("row"):
                cells = [_squeeze("".join(c.itertext())) for c in row.iter("cell")]
                line = " | ".join(c for c in cells if c)
                if line:
                    paragraphs.append(line)
        else:
            text = _element_text(el)
            if text:
                paragraphs.append(text)
    return paragraphs


def _extract_html(text: str, *, favor_precision: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        text,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        favor_precision=favor_precision,
        # Dates from the page's own metadata only: the "extensive" search takes a
        # copyright year ("© 2025") for the publication date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _html_record(display: str, data: bytes) -> RawRecord:
    text, encoding = _decode_markup(data)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    try:
        doc = _extract_html(text, favor_precision=False)
        paragraphs = (
            _trafilatura_paragraphs(doc.body) if doc is not None and doc.body is not None else []
        )
        # On short pages trafilatura falls back to whole-page text, navigation
        # included; its precision mode keeps to the article there.
        if paragraphs and sum(len(p) for p in paragraphs) < 600:
            precise = _extract_html(text, favor_precision=True)
            if precise is not None and precise.body is not None:
                precise_paragraphs = _trafilatura_paragraphs(precise.body)
                if precise_paragraphs:
                    doc, paragraphs = precise, precise_paragraphs
    except InputError:
        raise
    except Exception as exc:  # a third-party parser on hostile input: report, do not crash
        raise InputError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    title = _optional_text(doc.title) if doc is not None else None
    if paragraphs and title and _squeeze(paragraphs[0]) == _squeeze(title):
        paragraphs = paragraphs[1:]  # the page's <h1>, already the title
    if not paragraphs:
        raise InputError("no article text found")
    return RawRecord(
        item=display,
        title=title,
        body="\n\n".join(paragraphs),
        url=_optional_text(doc.url),
        published_at=_optional_text(doc.date),
        source=_optional_text(doc.sitename),
        language=_optional_text(doc.language) or _html_lang(text),
        format="html",
        encoding=encoding,
    )


_HTML_LANG_RE = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _html_lang(text: str) -> str | None:
    match = _HTML_LANG_RE.search(text[:HEAD_SIZE])
    return match.group(1).lower() if match else None


# --------------------------------------------------------------------------- feeds


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
