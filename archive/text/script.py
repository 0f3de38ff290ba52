"""The Arabic script, written once: letters, invisible marks, letter folds and digits.

Pure Python, no Django. Every normalizer of ``archive.text`` takes its character sets,
regular-expression classes and translate tables from here: the search analyzer
(``arabic``), cleaning's matching key, extraction's tokenizer and fold, the ordinal and
date readers (``ordinals``, ``dates``) and the query parser.  So a spelling rule (a
letter fold, a mark range, a digit set) is written in one place, and
``tests/text/test_script.py`` checks over the whole Basic Multilingual Plane that each of
those modules does what these tables say.

These are the search analyzer's tables, and the stored search vectors were built with
them: a change here changes the analyzer's output, so it needs a new
``arabic.ANALYZER_VERSION`` (which rebuilds the vectors).

The character-level normalization is ``clean`` then ``FOLD`` (``fold`` does both):

1. ``clean``: the invisible characters (``IGNORABLE``) and the phrase ligatures are
   removed, NFKC folds presentation forms and ligatures, and what NFKC decomposed into
   marks (ٵ = ا + ٴ) is removed again.  Marks are removed BEFORE composition, so a
   decomposed "و" + hamza above stays "و".
2. ``FOLD``: one character to one character (cleaned and folded forms stay aligned):
   ``LETTER_FOLDS`` and ``DIGIT_FOLDS``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ARABIC_DIGITS",
    "ARABIC_INDIC_DIGITS",
    "ARABIC_LETTERS",
    "ARABIC_MARKS",
    "ASCII_DIGITS",
    "COMBINING_ACCENTS",
    "DELETABLE_FORMAT_CHARACTERS",
    "DIGIT_FOLDS",
    "FATHA",
    "FATHATAN",
    "FOLD",
    "FORMAT_CHARACTERS",
    "IGNORABLE",
    "JOINERS",
    "LATIN_FOLDS",
    "LETTER_FOLDS",
    "PERSIAN_DIGITS",
    "PHRASE_LIGATURES",
    "PRESENTATION_HARAKAT",
    "PUNCTUATION_FOLDS",
    "SENTENCE_PUNCTUATION_FOLDS",
    "TATWEEL",
    "VARIATION_SELECTORS",
    "char_class",
    "clean",
    "fold",
]


def _ranges(*spans: tuple[int, int]) -> str:
    return "".join(chr(c) for a, b in spans for c in range(a, b + 1))


# --------------------------------------------------------------------------------------
# Letters
# --------------------------------------------------------------------------------------

# Arabic-script letters: the base block, supplement, extended-A and the presentation forms
# (which NFKC turns into base letters).  A word of Arabic is a run of these.
ARABIC_LETTERS = _ranges(
    (0x0620, 0x063F),
    (0x0641, 0x064A),
    (0x066E, 0x066F),
    (0x0671, 0x0673),
    (0x0675, 0x06D3),
    (0x06D5, 0x06D5),
    (0x06EE, 0x06EF),
    (0x06FA, 0x06FC),
    (0x06FF, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08C9),
    (0xFB50, 0xFD3D),
    (0xFD50, 0xFDC7),
    (0xFDF0, 0xFDF9),  # ligatures such as ﷲ (FDFA/FDFB are whole phrases: not letters)
    (0xFE80, 0xFEFC),
)

# The alphabet of Arabic itself: the 28 letters with the hamza forms, ة and ى (U+0621-U+063A,
# U+0641-U+064A) and alef wasla; not the letters Persian, Urdu, Pashto, Kurdish or Uyghur
# add (پ چ ژ گ ک ی ے ۃ ...) nor the Maghrebi ڤ ڨ. Tells an Arabic spelling of a name from
# another language's (archive/facts/places.py).
ARABIC_ALPHABET = _ranges((0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x0671))

# Ligatures that NFKC turns into whole phrases with spaces (ﷺ "صلى الله عليه وسلم", ﷻ,
# ﷽ the basmala): honorific formulas, not words of the text.  Removed with the marks.
PHRASE_LIGATURES = "\ufdfa\ufdfb\ufdfd"

# --------------------------------------------------------------------------------------
# Invisible characters: ignored inside a word, removed by every normalizer
# --------------------------------------------------------------------------------------

# Harakat, shadda, sukun, dagger alef, high hamza, honorific signs, Quranic annotation
# marks.  Not 06DD-06DE and 06E9 (end of ayah, rub el hizb, place of sajdah): visible
# signs that stand between words.
ARABIC_MARKS = _ranges(
    (0x0610, 0x061A),  # Arabic signs (honorifics, small high letters)
    (0x064B, 0x065F),  # harakat, shadda, sukun, hamza above/below marks, ...
    (0x0670, 0x0670),  # dagger alef
    (0x0674, 0x0674),  # high hamza
    (0x06D6, 0x06DC),  # Quranic annotation signs
    (0x06DF, 0x06E8),  # Quranic marks, small waw/yeh
    (0x06EA, 0x06ED),
    (0x08CA, 0x08FF),  # extended Arabic marks
)
FATHATAN = "\u064b"  # the accusative ending ً, read by extraction and dates
FATHA = "\u064e"
TATWEEL = "\u0640"  # the kashida that stretches a word: no letter
COMBINING_ACCENTS = _ranges((0x0300, 0x036F), (0xFE20, 0xFE2F))  # decomposed Latin accents
VARIATION_SELECTORS = _ranges((0xFE00, 0xFE0F))
# Presentation forms of harakat: NFKC would turn them into a space and a mark.
PRESENTATION_HARAKAT = _ranges((0xFE70, 0xFE7F))
# Zero-width, bidi and other invisible format characters.
FORMAT_CHARACTERS = _ranges(
    (0x00AD, 0x00AD),  # soft hyphen
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x180E, 0x180E),  # Mongolian vowel separator (was a space, now a format character)
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
)
# The zero-width non-joiner and joiner change how Persian and Arabic letters are drawn.
JOINERS = "\u200c\u200d"
# What can be deleted from displayed text without changing how it looks: the format
# characters but the joiners.  (Displayed text keeps its harakat too.)
DELETABLE_FORMAT_CHARACTERS = "".join(ch for ch in FORMAT_CHARACTERS if ch not in JOINERS)

# Everything a word may hold that is not a letter of it: matching ignores these.
IGNORABLE = (
    ARABIC_MARKS
    + TATWEEL
    + COMBINING_ACCENTS
    + VARIATION_SELECTORS
    + PRESENTATION_HARAKAT
    + FORMAT_CHARACTERS
)

# --------------------------------------------------------------------------------------
# Letter folds: the spelling variants of a letter, all written as the first one
# --------------------------------------------------------------------------------------

# Alef forms; hamza carriers (مسؤول = مسئول); ya, alef maqsura and Persian ya; ta marbuta
# and ha; Persian, Urdu, Pashto, Kurdish, Maghrebi and Sindhi letters to the Arabic letter
# they are written for (ک گ -> ك, پ -> ب, چ -> ج, ژ -> ز, ڤ -> ف, ڨ -> ق, ...).
# Folding comes after NFKC, which writes ٵ ٶ ٷ ٸ as a letter and a high hamza: those four
# reach the fold as ا و ۇ ى (they are listed for word_pattern's spelling variants).
LETTER_FOLDS: dict[str, str] = {
    "ا": "اأإآٱٲٳٵ",
    "ء": "ءؤئٶٷ",
    "ي": "يىیېۍێےۓؠؽؾؿٸ",
    "ه": "هةۀہۃھەۂۿ",
    "ك": "كکڪګڬڭڮگڰڱڲڳڴػؼ",
    "ب": "بپٻڀݐݑݒݓݔݕݖ",
    "ج": "جچڃڄڇڿ",
    "ز": "زژڙ",
    "ر": "رڑڒړڔڕږڗ",
    "ف": "فڤڥڦڡڢڣ",
    "ق": "قڨڧ",
    "ت": "تٹٺټٿ",
    "ث": "ثٽ",
    "د": "دڈډڊڌڍڎڏڐ",
    "ن": "نںڻڼڽ",
    "و": "وۆۇۈۉۊۋۅۏ",
    "غ": "غڠۼ",
    "س": "سښڛ",
    "ش": "شڜۺ",
    "ص": "صڝڞ",
    "ض": "ضۻ",
    "ط": "طڟ",
    "ل": "لڵڶڷڸ",
    "ح": "حځڅ",
    "خ": "خڂ",
}

# --------------------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------------------

ASCII_DIGITS = "0123456789"
ARABIC_INDIC_DIGITS = _ranges((0x0660, 0x0669))  # ٠١٢٣٤٥٦٧٨٩
PERSIAN_DIGITS = _ranges((0x06F0, 0x06F9))  # ۰۱۲۳۴۵۶۷۸۹ (extended Arabic-Indic, also Urdu)
# The digit sets Arabic text is written with.
ARABIC_DIGITS = ASCII_DIGITS + ARABIC_INDIC_DIGITS + PERSIAN_DIGITS
# Every decimal digit of the Basic Multilingual Plane (Devanagari, Bengali, fullwidth, ...)
# to its ASCII digit.
DIGIT_FOLDS: dict[str, str] = {
    chr(cp): str(unicodedata.decimal(chr(cp)))
    for cp in range(0x10000)
    if chr(cp).isdecimal() and not "0" <= chr(cp) <= "9"
}

# --------------------------------------------------------------------------------------
# Punctuation with an ASCII equivalent
# --------------------------------------------------------------------------------------

# Folded by the analyzer: the percent sign, the decimal and thousands separators, the Urdu
# full stop.
PUNCTUATION_FOLDS = {"٪": "%", "٫": ".", "٬": ",", "۔": "."}
# The Arabic comma, semicolon and question mark: the analyzer keeps them as tokens of
# their own; readers that only look for the sign (dates, ordinals) fold them too.
SENTENCE_PUNCTUATION_FOLDS = {"،": ",", "؛": ";", "؟": "?"}

# --------------------------------------------------------------------------------------
# Latin letters with accents (Arabic news quotes French and English names)
# --------------------------------------------------------------------------------------


def _latin_folds() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base and base != ch and base.isascii():
            table[cp] = base
    table.update({ord("ß"): "ss", ord("æ"): "ae", ord("Æ"): "AE", ord("ø"): "o", ord("Ø"): "O"})
    table.update({ord("œ"): "oe", ord("Œ"): "OE", ord("ł"): "l", ord("Ł"): "L", ord("đ"): "d"})
    table.update({ord("ı"): "i"})
    return table


# ``str.translate`` table: an accented Latin letter to its letters without accents
# (é -> e, ß -> ss).  Applied after lowercasing.
LATIN_FOLDS: dict[int, str] = _latin_folds()

# --------------------------------------------------------------------------------------
# Derived tables and functions
# --------------------------------------------------------------------------------------

# ``str.translate`` table of the one-to-one folds: letters and digits.
FOLD: dict[int, str] = {
    **{ord(v): base for base, variants in LETTER_FOLDS.items() for v in variants if v != base},
    **{ord(d): ascii_digit for d, ascii_digit in DIGIT_FOLDS.items()},
}

_DELETE: dict[int, None] = dict.fromkeys(map(ord, IGNORABLE + PHRASE_LIGATURES))


def clean(text: str) -> str:
    """``text`` without invisible characters and phrase ligatures, NFKC-normalized."""
    return unicodedata.normalize("NFKC", text.translate(_DELETE)).translate(_DELETE)


def fold(text: str) -> str:
    """``clean`` then the letter and digit folds: the spelling key of Arabic text."""
    return clean(text).translate(FOLD)


def _escape(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def char_class(chars: str) -> str:
    """A regex bracket body for a set of characters (ranges collapsed, specials escaped),
    valid in Python ``re`` and PostgreSQL AREs: ``f"[{char_class(IGNORABLE)}]"``."""
    codes = sorted({ord(c) for c in chars})
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        a, b = _escape(chr(codes[i])), _escape(chr(codes[j]))
        out.append(a if i == j else f"{a}-{b}" if j > i + 1 else a + b)
        i = j + 1
    return "".join(out)


# Bidi controls and the other invisible format characters: a name shown on a page (a
# source, an organization) must not carry them; a U+202E reverses what follows it.
_FORMAT_RUN = re.compile(f"[{char_class(DELETABLE_FORMAT_CHARACTERS)}]")


def clean_name(name: str | None) -> str | None:
    """A stored name without invisible format characters, its spaces collapsed; None when
    nothing is left."""
    return " ".join(_FORMAT_RUN.sub("", name).split()) or None if name else None
