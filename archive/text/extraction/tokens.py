"""Word tokens (normalized once) and sentence spans of an article."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from archive.text import script
from archive.text.arabic import ArabicAnalyzer

_AR = script.char_class(script.ARABIC_LETTERS)
# invisible inside a word: harakat, Quranic marks, tatweel, zero-width and bidi characters
_IGN = script.char_class(script.IGNORABLE)
_IGN_SET = frozenset(script.IGNORABLE)
_AR_SET = frozenset(script.ARABIC_LETTERS)
_DIGITS = script.char_class(script.ARABIC_DIGITS)
_FORMAT = script.char_class(script.FORMAT_CHARACTERS)
# Latin, Greek and Cyrillic letters, spelled out (see _SPLIT_RE)
_LAT = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff"
_TOKEN_RE = re.compile(
    rf"(?P<a>[{_AR}][{_AR}{_IGN}]*)"
    rf"|(?P<d>[{_DIGITS}][{_DIGITS}{_IGN}]*)"
    rf"|(?P<l>[{_LAT}][{_LAT}0-9{_IGN}]*)"
)
# The same, captured whole, for re.split (words and separators in C).  Latin, Greek and
# Cyrillic are spelled out: a lookahead excluding Arabic would be tried at every space.
_SPLIT_RE = re.compile(
    rf"([{_AR}][{_AR}{_IGN}]*|[{_DIGITS}][{_DIGITS}{_IGN}]*|[{_LAT}][{_LAT}0-9{_IGN}]*)"
)
# What may separate two tokens of one name: spaces (no line break), hyphens, apostrophes,
# and quotes (part of a name quoted: 'الجوهرة "اف ام"', 'قناة "الجزيرة"').
_JOIN_GAP_RE = re.compile(rf"[ \t\u00a0{_FORMAT}\u2009\u202f\-\u2010\u2011'’\"«»“”]+")
_NAME_GAP_RE = re.compile(rf"[ \t\u00a0{_FORMAT}\u2009\u202f]*")

_LATIN_LETTER_RE = re.compile(r"[^\W\d_]")

_NORM_CACHE: dict[str, str] = {}
_FOLD: dict[int, str] = {}


def _fold_table() -> dict[int, str]:
    """``str.translate`` table doing to one word what ``ArabicAnalyzer.normalize`` does
    (alef and hamza forms, ى/ی, ة, Persian letters, digits, harakat and tatweel removed,
    Latin lowercased without accents), built from the analyzer itself character by
    character, so the two cannot drift apart.  Ingest meets new words all the time, and
    the analyzer's running-text normalization costs ~20 µs a word; the table ~1 µs."""
    if not _FOLD:
        analyzer = ArabicAnalyzer.default()
        # every character a token may hold, and every one the script table folds
        token_char = re.compile(f"[{_AR}{_IGN}{_DIGITS}{_LAT}0-9]")
        chars = {chr(cp) for cp in range(0x10000) if token_char.match(chr(cp))}
        chars.update(map(chr, script.FOLD), map(chr, script.LATIN_FOLDS))
        for ch in sorted(chars):
            folded = analyzer.normalize(ch).replace(" ", "")
            if folded != ch:
                _FOLD[ord(ch)] = folded
    return _FOLD


def _norm(surface: str) -> str:
    """The normalized form of one word token (memoized)."""
    n = _NORM_CACHE.get(surface)
    if n is None:
        if len(_NORM_CACHE) > 300_000:
            _NORM_CACHE.clear()
        # a word made of marks only folds to nothing: keep a placeholder that matches nothing
        n = _NORM_CACHE[surface] = surface.translate(_FOLD or _fold_table()).lower() or "\x01"
    return n


@dataclass(slots=True)
class _Tokens:
    words: list[str]  # surfaces
    norms: list[str]  # normalized forms
    seps: list[str]  # seps[i]: the text before word i (seps[-1]: after the last word)
    starts: list[int]
    ends: list[int]


def _tokenize(text: str) -> _Tokens:
    """The word tokens of ``text``, built with C-level loops only (re.split, accumulate)."""
    parts = _SPLIT_RE.split(text)
    words = parts[1::2]
    norms = list(map(_NORM_CACHE.get, words))
    if None in norms:
        norms = [n if n is not None else _norm(w) for n, w in zip(norms, words, strict=True)]
    offsets = list(accumulate(map(len, parts)))
    return _Tokens(words, norms, parts[0::2], offsets[0:-1:2], offsets[1::2])


def _name_tokens(name: str) -> tuple[list[str], list[str], list[str]]:
    """Normalized tokens, surfaces and kinds of a gazetteer name form."""
    norms, surfaces, kinds = [], [], []
    for m in _TOKEN_RE.finditer(name):
        norms.append(_norm(m.group()))
        surfaces.append(m.group())
        kinds.append(m.lastgroup or "l")
    return norms, surfaces, kinds


def _without_letters(raw: str, cut: int) -> str:
    """``raw`` without its first ``cut`` letters and the marks on them."""
    k = pos = 0
    while pos < len(raw) and k < cut:
        if raw[pos] not in _IGN_SET:
            k += 1
        pos += 1
    while pos < len(raw) and raw[pos] in _IGN_SET:
        pos += 1
    return raw[pos:]


def _drop_proclitic(raw: str, cut: int, norm_first: str) -> str:
    """Remove ``cut`` proclitic letters from the first word ("وللمؤتمر" -> "المؤتمر")."""
    rest = _without_letters(raw, cut)
    # ل + ال is written لل: "للقمة" -> "القمة" (no event or head noun starts with ل)
    if norm_first[cut:].startswith("ل"):
        rest = "ا" + rest
    return rest


def _tok_range(starts: list[int], sent: tuple[int, int]) -> tuple[int, int]:
    """The tokens (first, last + 1) of a sentence span."""
    return bisect_left(starts, sent[0]), bisect_left(starts, sent[1])


# --------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------

# A sentence ends at a line break, or at . ! ? ؟ ؛ ; … with the closing quotes and brackets
# after them.  (One leading character class: an alternation or lookarounds here cost more
# than the rest of the function.)
_BOUNDARY_RE = re.compile(r"[\n.!?؟؛;…][.!?؟؛;…]*[\"'”’»)\]}]*")
_ALNUM_RE = re.compile(r"[^\W_]")
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: ends at . ! ? ؟ ؛ ; … (with the closing quotes and
    brackets after them) and at line breaks; a period between ASCII letters or digits
    (3.5, U.S.A) does not end a sentence.  Spans exclude the surrounding whitespace;
    sentences without a letter or digit are skipped."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    alnum = _ALNUM_RE.search
    for m in _BOUNDARY_RE.finditer(text):
        a, b = m.span()
        ch = text[a]
        if ch == "\n":
            end = a
        else:
            if (
                b - a == 1
                and ch == "."
                and a > 0
                and b < n
                and text[a - 1] in _ASCII_ALNUM
                and text[b] in _ASCII_ALNUM
            ):
                continue
            end = b
        if end > start and alnum(text, start, end):
            piece = text[start:end]
            spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
        start = b
    if n > start and alnum(text, start, n):
        piece = text[start:n]
        spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
    return spans
