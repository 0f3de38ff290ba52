"""Arabic ordinal numbers ("الرابعة والعشرون"), and the folded text the date reader matches.

Pure Python, no Django. Functions take raw text (harakat, tatweel, hamza variants, ة/ه,
ى/ي, Persian letters, any decimal digits).

    parse_ordinal("الرابعة والعشرين")   -> 24
    parse_ordinal("الـ24")              -> 24

``archive.text.dates`` matches on the same folded text: it uses ``normalize``,
``normalize_with_offsets`` and ``raw_span`` (spans map back into the raw text), builds its
patterns with ``alternation`` and ``ORDINAL_WORDS`` and reads an ordinal day with
``ordinal_value``.  The folding itself is ``archive.text.script``'s.
"""

from __future__ import annotations

import functools
import re

from archive.text import script

__all__ = [
    "ORDINAL_WORDS",
    "alternation",
    "normalize",
    "normalize_with_offsets",
    "ordinal_value",
    "parse_ordinal",
    "raw_span",
]

# ---------------------------------------------------------------------------
# Normalization with an offset map
# ---------------------------------------------------------------------------

# Punctuation, dashes, quotes and odd spaces the patterns are written without.
_MAP = {
    **script.PUNCTUATION_FOLDS,
    **script.SENTENCE_PUNCTUATION_FOLDS,
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "﹘": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "’": "'",
    "‘": "'",
}
for _c in ("\u00a0", "\u202f", "\u205f", "\u3000", "\t", "\r", "\f", "\v"):
    _MAP[_c] = " "
for _c in range(0x2000, 0x200B):
    _MAP[chr(_c)] = " "

_IGNORABLE = frozenset(script.IGNORABLE)


def _finish(ch: str) -> str:
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    if "A" <= ch <= "Z" or ord(ch) >= 0xC0:
        return ch.lower().translate(script.LATIN_FOLDS)
    return ch


@functools.cache
def _fold_char(ch: str) -> str:
    """The folded text of one raw character (the script's spelling fold, then punctuation
    and case); "" for an invisible one."""
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    return "".join(_finish(c) for c in script.fold(ch))


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with, for every output character, the
    index of the input character it came from (dropped characters have none).

    Folds: the script's spelling fold (``script.fold``: harakat, tatweel and invisible
    characters dropped, أ إ آ ٱ → ا, ؤ ئ → ء, ة → ه, ى/ی → ي, ک گ → ك, ..., every decimal
    digit → ASCII), "،" → ",", "؛" → ";", "؟" → "?", dashes → "-", odd spaces → " ", Latin
    lowercased without accents. A span (s, e) of the folded text is (offs[s], offs[e-1] + 1)
    in the input (see ``raw_span``).
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for f in folded:
            out.append(f)
            offsets.append(i)
    return "".join(out), offsets


def normalize(text: str) -> str:
    """The folded text of ``normalize_with_offsets`` alone."""
    return "".join(_fold_char(ch) for ch in text)


def raw_span(offsets: list[int], start: int, end: int, text: str | None = None) -> tuple[int, int]:
    """Map a span of the folded text back to the raw text; with ``text``, the end moves
    over the harakat, tatweel and invisible characters that follow the last character
    ("العشرونَ")."""
    if end <= start:
        pos = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if offsets else 0)
        return pos, pos
    a, b = offsets[start], offsets[end - 1] + 1
    if text is not None:
        while b < len(text) and text[b] in _IGNORABLE:
            b += 1
    return a, b


def alternation(words) -> str:
    """A regex alternation of folded ``words``, longest first; spaces match any run."""
    forms = sorted({normalize(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) + ")"


# ---------------------------------------------------------------------------
# Vocabulary (written naturally, folded when the patterns are built)
# ---------------------------------------------------------------------------

_UNITS_M = [
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
]
_UNITS_F = [
    "الأولى",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
    "العاشرة",
]

_UNIT_VALUE: dict[str, int] = {}
for _n, (_m, _f) in enumerate(zip(_UNITS_M, _UNITS_F, strict=True), start=1):
    _UNIT_VALUE[normalize(_m[2:])] = _n
    _UNIT_VALUE[normalize(_f[2:])] = _n

# Units inside 11..19 and 21..99: 1 is حادي/حادية (and واحد/واحدة before the tens).
_TEEN_UNIT = {k: v for k, v in _UNIT_VALUE.items() if 2 <= v <= 9}
_TEEN_UNIT.update({"حادي": 1, normalize("حادية"): 1})
_COMPOUND_UNIT = dict(_TEEN_UNIT)
_COMPOUND_UNIT.update({"واحد": 1, normalize("واحدة"): 1})

# Tens (the same word for the cardinal and the ordinal; ون nominative, ين oblique).
_TENS = {
    "عشر": 20,
    "ثلاث": 30,
    "اربع": 40,
    "خمس": 50,
    "ست": 60,
    "سبع": 70,
    "ثمان": 80,
    "تسع": 90,
}
_HUNDRED = [normalize("مائة"), normalize("مئة"), normalize("ماية")]

_U = alternation(_UNIT_VALUE)
_TU = alternation(_TEEN_UNIT)
_CU = alternation(_COMPOUND_UNIT)
_T = alternation(_TENS)
_H = alternation(_HUNDRED)

# A folded ordinal phrase, most specific alternative first (Python alternation is
# ordered, so "الرابع والعشرون" is taken whole before "الرابع" could be).
_COMPOUND = rf"(?:ال)?{_CU}\s*و\s*(?:ال)?{_T}(?:ون|ين)"
_TEEN = rf"(?:ال)?{_TU}\s+عشره?"
_TENS_ART = rf"ال{_T}(?:ون|ين)"
_HUNDRED_ART = rf"ال{_H}"
_UNIT = rf"(?:ال)?{_U}"

ORDINAL_WORDS = rf"(?:{_COMPOUND}|{_TEEN}|{_TENS_ART}|{_HUNDRED_ART}|{_UNIT})"
"""Pattern (folded text, no boundaries, no groups) of an Arabic ordinal in words."""


def _value_folded(s: str) -> int | None:
    """The value of a folded ordinal phrase (without a leading conjunction)."""
    s = s.strip()
    m = re.fullmatch(r"(?:ال\s?)?([0-9]{1,4})(?:st|nd|rd|th)?", s)
    if m:
        n = int(m.group(1))
        return n if n >= 1 else None
    m = re.fullmatch(rf"(?:ال)?({_CU})\s*و\s*(?:ال)?({_T})(?:ون|ين)", s)
    if m:
        return _COMPOUND_UNIT[m.group(1)] + _TENS[m.group(2)]
    m = re.fullmatch(rf"(?:ال)?({_TU})\s+عشره?", s)
    if m:
        return 10 + _TEEN_UNIT[m.group(1)]
    m = re.fullmatch(rf"(?:ال)?({_T})(?:ون|ين)", s)
    if m:
        return _TENS[m.group(1)]
    if re.fullmatch(rf"(?:ال)?{_H}", s):
        return 100
    m = re.fullmatch(rf"(?:ال)?({_U})", s)
    if m:
        return _UNIT_VALUE[m.group(1)]
    return None


def ordinal_value(folded: str) -> int | None:
    """The value of an already folded ordinal phrase (used by ``dates``)."""
    return _value_folded(folded)


# ---------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------

_EN_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_EN_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_EN_TENS_ORD = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}
_EN_TENS_CARD = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def _english_value(s: str) -> int | None:
    s = re.sub(r"^the\s+", "", s.strip())
    simple = {**_EN_UNITS, **_EN_TEENS, **_EN_TENS_ORD}
    if s in simple:
        return simple[s]
    m = re.fullmatch(r"([a-z]+)[\s-]+([a-z]+)", s)
    if m and m.group(1) in _EN_TENS_CARD and m.group(2) in _EN_UNITS:
        return _EN_TENS_CARD[m.group(1)] + _EN_UNITS[m.group(2)]
    return None


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

_STRIP = " \n.,:;!?()[]{}\"'«»-"


def parse_ordinal(text: str) -> int | None:
    """An ordinal phrase, in Arabic words, digits or English, as an int; else None.

    Arabic: الأول/الأولى … العاشر/العاشرة, الحادي عشر/الحادية عشرة … التاسع عشر/
    التاسعة عشرة (عشر/عشرة either way), العشرون/العشرين … التسعون/التسعين, compounds
    الحادي والعشرون/الحادية والعشرين/الواحد والعشرين … التاسع والتسعون, المائة/المئة,
    with or without the article (ثاني, رابع, عشرون). Digits: "24", "الـ24", "٢٤", "۲۴".
    English: "24th", "second", "twenty-fourth". Anything else: None. Never raises.
    """
    if not isinstance(text, str):
        return None
    s = normalize(text).strip(_STRIP)
    s = re.sub(r"\s+", " ", s)
    if not s or len(s) > 60:
        return None
    if s.startswith("و") and s[1:].startswith("ال"):
        s = s[1:]
    if re.fullmatch(r"[0-9]{1,4}", s):
        n = int(s)
        return n if n >= 1 else None
    value = _value_folded(s)
    if value is not None:
        return value
    return _english_value(s)
