"""Encodings: UTF-8, UTF-16 and windows-1256, recognised, never guessed (see the package)."""

from __future__ import annotations

import codecs
import re
import unicodedata

from archive.text import script
from archive.text.formats.base import HEAD_SIZE, InputError

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
