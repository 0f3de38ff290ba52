"""Arabic ordinal numbers ("الدورة الرابعة والعشرون") and meeting edition numbers.

Pure Python, no Django. Every function takes raw text (harakat, tatweel, hamza
variants, ة/ه, ى/ي, Arabic-Indic and Persian digits) and reports spans as
offsets into that raw text.

    parse_ordinal("الرابعة والعشرين")            -> 24
    find_ordinals("المؤتمر العربي الرابع والعشرون") -> [(24, (15, 31), "الرابع والعشرون")]
    find_edition("الدورة الثانية للقمة الدولية")   -> (2, (0, 14), "الدورة الثانية")

The small normalization used here (``normalize_with_offsets``) is shared with
``archive.text.dates``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "find_edition",
    "find_ordinals",
    "normalize",
    "normalize_with_offsets",
    "parse_ordinal",
]

# ---------------------------------------------------------------------------
# Normalization with an offset map
# ---------------------------------------------------------------------------

_DROP = (
    {chr(c) for c in range(0x064B, 0x0660)}  # harakat, tanween, shadda, sukun, ...
    | {chr(c) for c in range(0x06D6, 0x06EE)}  # Quranic annotation marks
    | {chr(c) for c in range(0x200B, 0x2010)}  # zero-width spaces, joiners, LRM/RLM
    | {chr(c) for c in range(0x202A, 0x202F)}  # bidi embeddings
    | {chr(c) for c in range(0x2066, 0x206A)}  # bidi isolates
    | {"\u0640", "\u0670", "\u061c", "\ufeff", "\u00ad"}  # tatweel, dagger alef, ALM, BOM, SHY
)

_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ة": "ه",
    "ۀ": "ه",
    "ى": "ي",
    "ی": "ي",  # Persian yeh
    "ې": "ي",
    "ک": "ك",  # Persian kaf
    "ڪ": "ك",
    "گ": "ك",
    "ڤ": "ف",  # Maghrebi "v"
    "ڨ": "ق",  # Maghrebi "g"
    "،": ",",
    "٬": ",",
    "؛": ";",
    "؟": "?",
    "٫": ".",
    "٪": "%",
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
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits
for _c in ("\u00a0", "\u202f", "\u205f", "\u3000", "\t", "\r", "\f", "\v"):
    _MAP[_c] = " "
for _c in range(0x2000, 0x200B):
    _MAP[chr(_c)] = " "


_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0640", "\u0670"}


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    mapped = _MAP.get(ch)
    if mapped is not None:
        return mapped
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        # Arabic presentation forms (ligatures from PDFs): decompose, then fold again.
        return "".join(_fold_char(c) for c in unicodedata.normalize("NFKC", ch))
    if "A" <= ch <= "Z" or code >= 0xC0:
        low = ch.lower()
        if len(low) == 1:
            return low
    return ch


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with, for every output character, the
    index of the input character it came from (dropped characters have none).

    Folds: harakat and tatweel dropped, أ إ آ ٱ → ا, ة → ه, ى/ی → ي, Arabic-Indic and
    Persian digits → ASCII, "،" → ",", "؛" → ";", "؟" → "?", dashes → "-", odd spaces →
    " ", Latin lowercased. A span (s, e) of the folded text is (offs[s], offs[e-1] + 1)
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
    over the harakat and tatweel that follow the last character ("العشرونَ")."""
    if end <= start:
        pos = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if offsets else 0)
        return pos, pos
    a, b = offsets[start], offsets[end - 1] + 1
    if text is not None:
        while b < len(text) and text[b] in _MARKS:
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
_DIGITS_ART = r"ال\s?[0-9]{1,4}"
_DIGITS_EN = r"[0-9]{1,4}(?:st|nd|rd|th)"
_UNIT = rf"(?:ال)?{_U}"

ORDINAL_WORDS = rf"(?:{_COMPOUND}|{_TEEN}|{_TENS_ART}|{_HUNDRED_ART}|{_UNIT})"
"""Pattern (folded text, no boundaries, no groups) of an Arabic ordinal in words."""

_ORD_SEARCH = re.compile(
    rf"(?<!\w)(?:و(?=ال))?(?P<ord>{_COMPOUND}|{_TEEN}|{_TENS_ART}|{_HUNDRED_ART}"
    rf"|{_DIGITS_ART}|{_DIGITS_EN}|{_UNIT})(?!\w)"
)

# Month names that contain an ordinal word: "كانون الأول", "ربيع الثاني", "جمادى الأولى".
_MONTH_HEAD = re.compile(
    r"(?:" + alternation(["كانون", "تشرين", "ربيع", "جمادى", "جماد"]) + r")\s+$"
)
# Words that look like a bare (article-less) feminine ordinal but rarely are one:
# ثانية is "a second" (time) or "again", رابعة is mostly رابعة العدوية.
_BARE_EXCLUDED = {normalize("ثانية"), normalize("رابعة")}
# "في المائة" / "بالمائة" are "per cent".
_PERCENT_BEFORE = re.compile(r"(?:في\s+|ب)$")


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


def _excluded(folded: str, start: int, ord_text: str) -> bool:
    before = folded[max(0, start - 16) : start]
    if _MONTH_HEAD.search(before):
        return True  # كانون الأول, تشرين الثاني, ربيع الأول, جمادى الأولى …
    if ord_text in _BARE_EXCLUDED:
        return True
    return bool(re.fullmatch(r"ال(?:مائه|مئه|مايه)", ord_text) and _PERCENT_BEFORE.search(before))


def _iter_ordinals(folded: str):
    for m in _ORD_SEARCH.finditer(folded):
        ord_text = m.group("ord")
        if _excluded(folded, m.start("ord"), ord_text):
            continue
        value = _value_folded(ord_text)
        if value is None:
            continue
        yield value, m.start("ord"), m.end("ord")


def find_ordinals(text: str) -> list[tuple[int, tuple[int, int], str]]:
    """Every ordinal in running text, in order: (value, (start, end), matched text).

    The longest phrase wins at each position ("الرابع والعشرون" is 24, not 4).
    Ordinals inside month names (كانون الأول, تشرين الثاني, ربيع الأول, جمادى الأولى)
    are skipped, and so are bare "ثانية" (a second, again), bare "رابعة" and
    "في المائة". Bare digits are numbers, not ordinals: only "الـ24" and "24th" count.
    """
    if not isinstance(text, str) or not text:
        return []
    folded, offs = normalize_with_offsets(text)
    out = []
    for value, s, e in _iter_ordinals(folded):
        a, b = raw_span(offs, s, e, text)
        out.append((value, (a, b), text[a:b]))
    return out


# Meeting nouns: with the article (and a clitic: للمؤتمر، وبالدورة) or with a possessive
# suffix (دورتها، اجتماعه، نسختها).
_NOUNS_DEF = [
    "مؤتمر",
    "اجتماع",
    "اجتماعات",
    "دورة",
    "قمة",
    "منتدى",
    "ملتقى",
    "نسخة",
    "جولة",
    "تمرين",
    "ندوة",
    "لقاء",
    "مناورة",
    "مناورات",
    "حوار",
    "جلسة",
    "ورشة",
    "مهرجان",
    "معرض",
    "مشاورات",
    "اجتماعات",
]
_NOUNS_SUFFIXED = [
    "مؤتمر",
    "اجتماع",
    "دورت",
    "قمت",
    "منتدا",
    "ملتقا",
    "نسخت",
    "جولت",
    "تمرين",
    "ندوت",
    "لقاء",
    "مناورت",
    "جلست",
    "مهرجان",
    "معرض",
]
_NOUNS_INDEF = [
    "مؤتمر",
    "اجتماع",
    "دورة",
    "قمة",
    "منتدى",
    "ملتقى",
    "نسخة",
    "جولة",
    "تمرين",
    "ندوة",
    "لقاء",
    "مناورة",
    "جلسة",
]
_NOUN = re.compile(
    r"(?<!\w)(?:"
    rf"(?:و|ف)?(?:ال|لل|بال|كال){alternation(_NOUNS_DEF)}"
    rf"|(?:و|ف)?(?:ب|ل)?{alternation(_NOUNS_SUFFIXED)}(?:ه|ها|هم|هما)"
    r")(?!\w)"
)
_ORD_AT = re.compile(
    rf"\s+(?P<ord>{_COMPOUND}|{_TEEN}|{_TENS_ART}|{_HUNDRED_ART}|{_DIGITS_ART}|{_UNIT})(?!\w)"
)
# Bare digits right after the noun count ("الدورة 27 لأيام قرطاج") when what follows is
# a genitive or nothing, not a counted noun ("الاجتماع 3 ساعات").
_DIGITS_AT = re.compile(
    r"\s+(?P<ord>[0-9]{1,3})(?![0-9])(?=\s*(?:$|[,.;:)\"'!?-]|(?:من|في)(?!\w)|ل|ال))"
)
_ADJ_AT = re.compile(r"\s+(?!ال\s?[0-9])ال\w+")
# What may stand between the noun and its ordinal: nisba adjectives (العربي، الدولية،
# السنوي) and a few common others; a definite noun ("المرتبة") ends the search.
_ADJ_WORDS = {
    normalize(w)
    for w in [
        "القادم",
        "القادمة",
        "المقبل",
        "المقبلة",
        "المشترك",
        "المشتركة",
        "الموسع",
        "الموسعة",
        "الطارئ",
        "الطارئة",
        "الكبير",
        "الكبرى",
        "الخاص",
        "الخاصة",
        "العام",
        "العامة",
        "الرفيع",
        "الجديد",
        "الجديدة",
        "الأممي",
    ]
}


def _is_adjective(word: str) -> bool:
    return word in _ADJ_WORDS or word.endswith(("ي", "يه", "يين", "يون"))


# "أول اجتماع", "ثاني قمة", "رابع دورة".
_ORD_BEFORE_NOUN = re.compile(
    rf"(?<!\w)(?:و)?(?P<ord>{_U})\s+(?:{alternation(_NOUNS_INDEF)})(?!\w)"
)


def find_edition(text: str) -> tuple[int, tuple[int, int], str] | None:
    """The edition number of a meeting named in ``text``; None if there is none.

    An ordinal right after a meeting noun (المؤتمر، الاجتماع، الدورة، القمة، المنتدى،
    الملتقى، النسخة، الجولة، التمرين، الندوة … also دورتها، اجتماعه), possibly after
    one or two definite adjectives ("المؤتمر العربي الرابع والعشرون", "في دورتها
    العادية الثالثة والثلاثين"), or "الـ24"/bare digits ("النسخة الـ24 من", "الدورة 27
    لأيام قرطاج"), or a bare ordinal before an indefinite noun ("أول اجتماع"). The
    first one in the text is returned as (value, (start, end), matched text), the span
    running from the meeting noun to the end of the ordinal.
    """
    if not isinstance(text, str) or not text:
        return None
    folded, offs = normalize_with_offsets(text)
    found: list[tuple[int, int, int]] = []  # (start, end, value)
    for nm in _NOUN.finditer(folded):
        pos = nm.end()
        for hops in range(3):
            om = _ORD_AT.match(folded, pos)
            if om and not _excluded(folded, om.start("ord"), om.group("ord")):
                value = _value_folded(om.group("ord"))
                if value is not None:
                    found.append((nm.start(), om.end("ord"), value))
                    break
            if hops == 0:
                dm = _DIGITS_AT.match(folded, pos)
                if dm and int(dm.group("ord")) >= 1:
                    found.append((nm.start(), dm.end("ord"), int(dm.group("ord"))))
                    break
            am = _ADJ_AT.match(folded, pos)
            if not am or not _is_adjective(am.group().strip()):
                break
            pos = am.end()
    for om in _ORD_BEFORE_NOUN.finditer(folded):
        if om.group("ord") in _BARE_EXCLUDED:
            continue
        value = _value_folded(om.group("ord"))
        if value is not None:
            found.append((om.start("ord"), om.end(), value))
    if not found:
        return None
    start, end, value = min(found)
    a, b = raw_span(offs, start, end, text)
    return value, (a, b), text[a:b]
