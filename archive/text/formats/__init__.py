"""Reading ingest inputs: plain text, HTML pages, JSON, JSON Lines and RSS/Atom feeds.

No Django here. ``iter_paths`` expands the operator's arguments into files,
``iter_records`` turns one file (or stdin) into ``RawRecord`` items. Every problem
with the input is an ``InputError`` whose ``str()`` the operator can read; no other
exception escapes for bad input (``tests/text/test_formats.py`` fuzzes this).

One module per format family, as Aleph's ingest-file has one ingestor per family:

* ``base``: ``InputError``, ``RawRecord``, ``Limits``, small text helpers;
* ``encodings``: ``decode_bytes`` and the encoding rules below;
* ``streams``: opening an input, decompression (with its limits);
* ``paths``: the directory walk (``iter_paths``);
* ``detect``: ``detect_format``;
* ``reader``: ``iter_records``, which hands an input to its format's reader;
* ``text``, ``json_records`` (JSON and JSON Lines), ``html``, ``feeds`` (RSS, Atom).

To add a format: a module here with its reader, a case in ``detect_format`` and one in
``reader.iter_records``.

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

from archive.text.formats.base import (
    DEFAULT_LIMITS,
    HEAD_SIZE,
    STDIN_NAME,
    InputError,
    Limits,
    RawRecord,
)
from archive.text.formats.detect import detect_format
from archive.text.formats.encodings import UNDECODABLE, decode_bytes, looks_like_arabic
from archive.text.formats.html import html_to_text
from archive.text.formats.paths import (
    COMPRESSED_EXTENSIONS,
    IGNORED_NAME_RE,
    INPUT_EXTENSIONS,
    TEMP_SUFFIXES,
    iter_paths,
)
from archive.text.formats.reader import iter_records

__all__ = [
    "COMPRESSED_EXTENSIONS",
    "HEAD_SIZE",
    "IGNORED_NAME_RE",
    "INPUT_EXTENSIONS",
    "STDIN_NAME",
    "TEMP_SUFFIXES",
    "UNDECODABLE",
    "DEFAULT_LIMITS",
    "InputError",
    "Limits",
    "RawRecord",
    "decode_bytes",
    "detect_format",
    "html_to_text",
    "iter_paths",
    "iter_records",
    "looks_like_arabic",
]
