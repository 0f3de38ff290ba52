"""Dates in Arabic news text: datelines, metadata dates and meeting date ranges.

Pure Python, no Django. Every function takes raw text (harakat, tatweel, hamza
variants, ة/ه, ى/ي, any decimal digits, "،": folded by ``ordinals.normalize``, i.e. by
``archive.text.script``) and reports spans as offsets into that raw text.

    parse_date("٢٠ ديسمبر، ٢٠١٩")                       -> date(2019, 12, 20)
    parse_date("١٥ رمضان ١٤٤٥هـ")                        -> date(2024, 3, 25)  (Umm al-Qura)
    find_publication_date(article)                     -> (date(2019, 12, 20), "٢٠ ديسمبر، ٢٠١٩")
    find_date_ranges("يومي 29 و30 أبريل الجاري", reference=date(2024, 4, 20))
        -> [DateRange(date(2024, 4, 29), date(2024, 4, 30), "29 و30 أبريل الجاري", ...)]

Month families: Egyptian/Gulf (يناير … ديسمبر), Levantine/Iraqi (كانون الثاني …
كانون الأول), Maghrebi (جانفي فيفري أفريل ماي جوان جويلية أوت), Moroccan (يوليوز
غشت شتنبر نونبر دجنبر), English and French names, and the Hijri months (converted
with the Umm al-Qura calendar of ``hijridate``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_tz

from hijridate import Gregorian, Hijri

from archive.text import script
from archive.text.ordinals import (
    ORDINAL_WORDS,
    alternation,
    normalize,
    normalize_with_offsets,
    ordinal_value,
    raw_span,
)

__all__ = [
    "HIJRI_MONTHS",
    "MONTHS",
    "DateRange",
    "find_date_ranges",
    "find_duration_days",
    "find_publication_date",
    "parse_date",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
# A written weekday picks the year of a year-less date only among candidates this close
# to the reference; farther away it is more likely a slip than a hint.
_WEEKDAY_WINDOW = 200

# ---------------------------------------------------------------------------
# Month names
# ---------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    # Egyptian / Gulf (transliterated)
    "يناير": 1,
    "فبراير": 2,
    "فبرایر": 2,
    "مارس": 3,
    "أبريل": 4,
    "ابريل": 4,
    "إبريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يونية": 6,
    "يوليو": 7,
    "يوليه": 7,
    "يولية": 7,
    "أغسطس": 8,
    "اغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
    # Levantine / Iraqi (Syriac)
    "كانون الثاني": 1,
    "كانون ثاني": 1,
    "شباط": 2,
    "آذار": 3,
    "اذار": 3,
    "نيسان": 4,
    "أيار": 5,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "آب": 8,
    "اب": 8,
    "أيلول": 9,
    "ايلول": 9,
    "تشرين الأول": 10,
    "تشرين الاول": 10,
    "تشرين أول": 10,
    "تشرين الثاني": 11,
    "تشرين ثاني": 11,
    "كانون الأول": 12,
    "كانون الاول": 12,
    "كانون أول": 12,
    # Maghrebi (Tunisia, Algeria); مارس سبتمبر أكتوبر نوفمبر ديسمبر are shared
    "جانفي": 1,
    "فيفري": 2,
    "أفريل": 4,
    "افريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويلية": 7,
    "جويليه": 7,
    "أوت": 8,
    "اوت": 8,
    # Moroccan
    "يوليوز": 7,
    "غشت": 8,
    "شتنبر": 9,
    "نونبر": 11,
    "دجنبر": 12,
    # English
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    # French (Maghrebi outlets)
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1,
    "المحرم": 1,
    "صفر": 2,
    "ربيع الأول": 3,
    "ربيع الاول": 3,
    "ربيع أول": 3,
    "ربيع الآخر": 4,
    "ربيع الاخر": 4,
    "ربيع الثاني": 4,
    "ربيع ثاني": 4,
    "جمادى الأولى": 5,
    "جمادى الاولى": 5,
    "جمادى الأول": 5,
    "جمادى الآخرة": 6,
    "جمادى الاخرة": 6,
    "جمادى الآخر": 6,
    "جمادى الثانية": 6,
    "جمادى الثاني": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11,
    "ذي القعدة": 11,
    "ذو الحجة": 12,
    "ذي الحجة": 12,
}

_GREG = {normalize(k): v for k, v in MONTHS.items()}
_HIJ = {normalize(k): v for k, v in HIJRI_MONTHS.items()}
_ENGLISH = {normalize(k) for k in list(MONTHS)[list(MONTHS).index("january") :]}


def _month_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip())


# ---------------------------------------------------------------------------
# Regex building blocks (on folded text)
# ---------------------------------------------------------------------------

_MONTH_NAME = alternation(list(MONTHS) + list(HIJRI_MONTHS)) + r"(?!\w)"
_EN_MONTH_NAME = alternation(_ENGLISH) + r"(?!\w)"
_REL_WORDS = {
    "الجاري": 0,
    "الحالي": 0,
    "المقبل": 1,
    "القادم": 1,
    "الموالي": 1,
    "الماضي": -1,
    "المنصرم": -1,
    "الفارط": -1,
    "المنقضي": -1,
    "السابق": -1,
}
_REL = alternation(_REL_WORDS) + r"(?!\w)"
# A month slot: a name, a double name ("كانون الأول/ديسمبر", "ديسمبر (كانون الأول)"),
# or "الشهر الجاري".
_MONTH_SLOT = rf"(?:{_MONTH_NAME}(?:\s*[/\\(]\s*{_MONTH_NAME}\s*\)?)?" rf"|الشهر\s+{_REL})"
_DAYNUM = r"(?<![0-9/:])(?:[12][0-9]|3[01]|0?[1-9])(?![0-9])(?![:./][0-9])(?:st|nd|rd|th)?"
_DAYTOK = rf"(?:{_DAYNUM}|غره(?!\w)|{ORDINAL_WORDS}(?=\s+من\s))"

_WEEKDAYS_AR = {
    "الاثنين": 0,
    "الإثنين": 0,
    "الثلاثاء": 1,
    "الثلاثا": 1,
    "الأربعاء": 2,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}
_WEEKDAYS_EN = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_WD_VALUE = {normalize(k): v for k, v in {**_WEEKDAYS_AR, **_WEEKDAYS_EN}.items()}
_WD_AR = alternation(_WEEKDAYS_AR) + r"(?!\w)"
_WD = alternation(list(_WEEKDAYS_AR) + list(_WEEKDAYS_EN)) + r"\.?(?!\w)"

_CAL = r"(?:\s*(?P<cal{n}>م|ه|ميلاديه|ميلادي|للميلاد|هجريه|هجري|للهجره)(?!\w))?"
_YEAR = (
    r"(?:\s*,?\s*(?:(?:من\s+)?(?:عام|سنه|العام|لعام|لسنه)\s*)?"
    r"(?P<y{n}>[0-9]{{4}})(?![0-9])" + _CAL + ")?"
)
_SEP = r"(?:-|الي\s+غايه|الي|حتي\s+يوم|حتي|لغايه|to|until|و|,|&|and)"

_MAIN = re.compile(
    rf"(?:(?<!\w)(?P<wd>{_WD})\s*,?\s*)?"
    rf"(?:(?<!\w)(?P<intro>من|بين|ما\s+بين|between|from)\s+)?"
    rf"(?P<d1>{_DAYTOK})"
    rf"(?:\s*(?:من\s+)?(?:شهر\s+)?(?P<m1>{_MONTH_SLOT}){_YEAR.format(n=1)})?"
    rf"(?P<chain>(?:\s*{_SEP}\s*(?:يوم\s+)?(?:{_WD}\s*,?\s*)?{_DAYTOK})*)"
    rf"\s*(?:من\s+|of\s+)?(?:شهر\s+)?(?P<m2>{_MONTH_SLOT}){_YEAR.format(n=2)}"
    rf"(?:\s+(?:من\s+)?(?P<scope>الشهر|العام|السنه)?\s*(?P<rel>{_REL}))?"
)
_CHAIN_ITEM = re.compile(rf"\s*(?P<sep>{_SEP})\s*(?:يوم\s+)?(?:{_WD}\s*,?\s*)?(?P<d>{_DAYTOK})")

# "December 20, 2019", "Friday, Dec. 20th 2019", "May 3-5, 2024"; Arabic names
# month-first only with a year ("ديسمبر 20, 2019").
_MONTH_FIRST = re.compile(
    rf"(?:(?<!\w)(?P<wd>{_WD})\s*,?\s*)?"
    rf"(?<!\w)(?P<m2>{_MONTH_NAME})\.?\s+(?P<d1>{_DAYNUM})"
    rf"(?:\s*(?:-|to|and|&)\s*(?P<d2>{_DAYNUM}))?"
    rf"(?:\s*,?\s*(?P<y2>[0-9]{{4}})(?![0-9]))?"
)
_NUMERIC_DMY = re.compile(
    r"(?<![0-9/.\-])(?P<a>[0-9]{1,2})(?P<s>[/.\-])(?P<b>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4})(?![0-9])"
    r"(?:\s*(?P<cal>م|ه|هجريه|هجري|للهجره|ميلادي|ميلاديه)(?!\w))?"
)
_NUMERIC_YMD = re.compile(
    r"(?<![0-9/.\-])(?P<y>[0-9]{4})(?P<s>[/.\-])(?P<b>[0-9]{1,2})(?P=s)(?P<a>[0-9]{1,2})(?![0-9])"
    r"(?:[t ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:z|[+-][0-9]{2}:?[0-9]{2})?)?"
    r"(?:\s*(?P<cal>م|ه|هجريه|هجري|للهجره|ميلادي|ميلاديه)(?!\w))?"
)

_ANCHORS = {
    "اليوم": 0,
    "صباح اليوم": 0,
    "مساء اليوم": 0,
    "ظهر اليوم": 0,
    "عشية اليوم": 0,
    "ليلة اليوم": 0,
    "فجر اليوم": 0,
    "أمس": -1,
    "امس": -1,
    "بالأمس": -1,
    "يوم أمس": -1,
    "البارحة": -1,
    "أمس الأول": -2,
    "أول أمس": -2,
    "أول من أمس": -2,
    "غدا": 1,
    "يوم غد": 1,
    "غد": 1,
    "بعد غد": 2,
}
_CUES = ["يوم", "مساء", "صباح", "ظهر", "فجر", "ليلة", "عشية", "ظهيرة"]
_DIRS = {
    "المقبل": 1,
    "القادم": 1,
    "الموالي": 1,
    "الماضي": -1,
    "المنصرم": -1,
    "الفارط": -1,
    "المنقضي": -1,
    "السابق": -1,
}
_DIR_VALUE = {normalize(k): v for k, v in _DIRS.items()}
_ANCHOR_VALUE = {normalize(k): v for k, v in _ANCHORS.items()}
_RELATIVE = re.compile(
    r"(?<!\w)(?:و|ف)?(?P<all>"
    rf"(?P<anchor>{alternation(_ANCHORS)})(?!\w)(?:\s*,?\s*(?P<awd>{_WD_AR}))?"
    rf"|(?:(?P<cue>{alternation(_CUES)})\s+)?(?P<wd>{_WD_AR})(?:\s+(?P<dir>{alternation(_DIRS)})(?!\w))?"
    r")"
)
_EXTRA_WORDS = re.compile(r"[^\W\d_]{2,}")

# Durations: "يستمر يومين", "على مدى ثلاثة أيام", "الذي استغرق ثلاثة أيام", "لمدة 3 أيام".
_DUR_CUES = [
    "يستمر",
    "تستمر",
    "استمر",
    "استمرت",
    "يتواصل",
    "تتواصل",
    "تواصل",
    "تواصلت",
    "استغرق",
    "استغرقت",
    "يستغرق",
    "تستغرق",
    "على مدى",
    "على مدار",
    "لمدة",
    "طيلة",
    "طوال",
    "امتد",
    "امتدت",
    "يمتد",
    "تمتد",
    "دام",
    "دامت",
    "يدوم",
    "تدوم",
    "مدته",
    "مدتها",
]
_NUM_WORDS = {
    "ثلاثة": 3,
    "ثلاث": 3,
    "أربعة": 4,
    "أربع": 4,
    "خمسة": 5,
    "خمس": 5,
    "ستة": 6,
    "ست": 6,
    "سبعة": 7,
    "سبع": 7,
    "ثمانية": 8,
    "ثماني": 8,
    "ثمان": 8,
    "تسعة": 9,
    "تسع": 9,
    "عشرة": 10,
    "عشر": 10,
}
_NUM_VALUE = {normalize(k): v for k, v in _NUM_WORDS.items()}
_DURATION = re.compile(
    rf"(?<!\w)(?:و|ف)?{alternation(_DUR_CUES)}(?!\w)"
    r"(?:\s+(?!يوم|ايام)[^\s.,;:!?]+){0,2}?\s+(?:ل)?"
    r"(?P<count>يوما\s+واحدا|يوم\s+واحد|يومين|يومان|اسبوعين|اسبوعان|اسبوعا|اسبوع"
    rf"|(?P<w>{alternation(_NUM_WORDS)})\s+ايام|(?P<n>[0-9]{{1,2}})\s*(?:ايام|يوما|يوم))(?!\w)"
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date  # == start for a single day
    text: str  # the matched span, as in the input
    span: tuple[int, int]  # offsets in the input
    year_inferred: bool  # the year was not written and came from the reference date


@dataclass
class _Hit:
    start: dt.date
    end: dt.date
    ns: int  # span in the folded text
    ne: int
    year_inferred: bool
    single: bool  # one day, not an explicit range (a duration may extend it)
    explicit: bool  # written as a date (not "أمس", "الخميس المقبل")
    has_year: bool
    hijri: bool = False


def _lookup_month(name: str) -> tuple[str, int] | None:
    """("g" | "h", month) of a folded month slot (the first name of a double name)."""
    first = re.split(r"\s*[/\\(]\s*", name.strip(), maxsplit=1)[0]
    key = _month_key(first)
    if key in _HIJ:
        return "h", _HIJ[key]
    if key in _GREG:
        return "g", _GREG[key]
    return None


def _day_value(tok: str) -> int | None:
    tok = tok.strip()
    m = re.match(r"[0-9]+", tok)
    if m:
        return int(m.group())
    if tok == "غره":
        return 1
    return ordinal_value(tok)


def _make(cal: str, y: int, m: int, d: int) -> dt.date | None:
    try:
        if cal == "h":
            if not 1 <= d <= 30:
                return None
            g = Hijri(y, m, d).to_gregorian()
            out = dt.date(g.year, g.month, g.day)
        else:
            out = dt.date(y, m, d)
    except (ValueError, OverflowError, TypeError):
        return None
    if not MIN_YEAR <= out.year <= MAX_YEAR:
        return None
    return out


def _hijri_of(day: dt.date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def _infer_year(
    cal: str,
    m: int,
    d: int,
    reference: dt.date,
    rel: int | None,
    rel_scope_year: bool,
    weekday: int | None,
    offset: tuple[int, int, int, int] | None = None,
) -> int | None:
    """The year of (m, d) relative to ``reference``.

    ``rel``: 0 (الجاري), 1 (المقبل), -1 (الماضي) or None (nearest occurrence, ties to
    the reference's own year; a written weekday picks among the candidates).
    ``offset`` is (start month, start day, end month, end day) when the weekday belongs
    to a start date in an earlier month than (m, d).
    """
    if cal == "h":
        today = _hijri_of(reference)
        if today is None:
            return None
        base, ref_md = today[0], (today[1], today[2])
    else:
        base, ref_md = reference.year, (reference.month, reference.day)
    if rel is not None:
        if rel_scope_year or rel == 0:
            return base + rel  # "الجاري", "من العام المقبل"
        if rel > 0:  # the first (m, d) on or after the reference ("9 مارس القادم" in early March)
            return base if (m, d) >= ref_md else base + 1
        return base if (m, d) <= ref_md else base - 1  # the last one on or before it
    candidates = []
    for y in (base, base - 1, base + 1):
        day = _make(cal, y, m, d)
        if day is None:
            continue
        candidates.append((y, day))
    if not candidates:
        return None
    if weekday is not None:
        matching = []
        for y, day in candidates:
            check = day
            if offset is not None:
                sm, sd, em, ed = offset
                sy = y if (sm, sd) <= (em, ed) else y - 1
                check = _make(cal, sy, sm, sd)
            near = abs((day - reference).days) <= _WEEKDAY_WINDOW
            if check is not None and check.weekday() == weekday and near:
                matching.append((y, day))
        if matching:
            candidates = matching
    return min(candidates, key=lambda c: (abs((c[1] - reference).days), c[0] != base))[0]


def _year_value(m: re.Match, n: int) -> tuple[int | None, bool]:
    y = m.group(f"y{n}")
    if y is None:
        return None, False
    cal = m.group(f"cal{n}") if f"cal{n}" in m.re.groupindex else None
    return int(y), cal in ("ه", "هجري", "هجريه", "للهجره")


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _from_main(m: re.Match, reference: dt.date | None) -> list[_Hit]:
    m2 = _lookup_month(m.group("m2"))
    rel_month = None
    if m2 is None:
        # "الشهر الجاري"
        rel_word = re.sub(r"^الشهر\s+", "", m.group("m2").strip())
        if reference is None or rel_word not in _REL_WORDS_N:
            return []
        shift = _REL_WORDS_N[rel_word]
        month_index = reference.year * 12 + reference.month - 1 + shift
        rel_month = (month_index // 12, month_index % 12 + 1)
        cal2, mon2 = "g", rel_month[1]
    else:
        cal2, mon2 = m2
    if m.group("m1"):
        m1 = _lookup_month(m.group("m1"))
        if m1 is None:
            return []
        cal1, mon1 = m1
        if cal1 != cal2:
            return []
    else:
        cal1, mon1 = cal2, mon2
    cal = cal2

    d1 = _day_value(m.group("d1"))
    chain = [
        (c.group("sep").strip(), _day_value(c.group("d")))
        for c in _CHAIN_ITEM.finditer(m.group("chain") or "")
    ]
    days = [d1] + [d for _, d in chain]
    if any(d is None or not 1 <= d <= 31 for d in days):
        return []
    if m.group("m1") and not chain:
        # "10 كانون الأول ديسمبر": a double name without a slash
        mon2, cal2 = mon1, cal1
    y1, h1 = _year_value(m, 1)
    y2, h2 = _year_value(m, 2)
    if (h1 or h2) and cal == "g":
        return []  # a Gregorian month with a Hijri year
    last = days[-1]
    first = days[0]
    if not m.group("m1") and first > last and len(days) > 1:
        return []  # "من 5 إلى 3 مايو": one month, backwards
    if cal == "h" and m.group("m2").strip() == "صفر" and y2 is None:
        return []  # "صفر" is also "zero": only with a year
    weekday = _WD_VALUE.get(normalize(m.group("wd") or "").rstrip(".")) if m.group("wd") else None

    inferred = False
    if y2 is not None:
        end_year = y2
        start_year = y1 if y1 is not None else (y2 if (mon1, first) <= (mon2, last) else y2 - 1)
    elif y1 is not None:
        start_year = y1
        end_year = y1 if (mon1, first) <= (mon2, last) else y1 + 1
    elif rel_month is not None:
        end_year = rel_month[0]
        start_year = end_year if (mon1, first) <= (mon2, last) else end_year - 1
        inferred = True
    else:
        if reference is None:
            return []
        rel = None
        scope_year = False
        if m.group("rel"):
            rel = _REL_WORDS_N.get(m.group("rel"))
            scope_year = m.group("scope") in ("العام", "السنه")
        end_year = _infer_year(
            cal,
            mon2,
            last,
            reference,
            rel,
            scope_year,
            weekday,
            (mon1, first, mon2, last) if (mon1, first) != (mon2, last) else None,
        )
        if end_year is None:
            return []
        start_year = end_year if (mon1, first) <= (mon2, last) else end_year - 1
        inferred = True

    seps = {s for s, _ in chain}
    is_range = bool(
        m.group("intro") and m.group("intro") not in ("من", "from") or seps - {"و", ",", "&", "and"}
    )
    if m.group("intro") in ("من", "from") and chain:
        is_range = True
    start = _make(cal, start_year, mon1, first)
    end = _make(cal, end_year, mon2, last)
    if start is None or end is None or end < start:
        return []
    ns, ne = m.start(), m.end()
    if m.group("intro") and not chain:
        ns = m.start("d1") if not m.group("wd") else m.start("wd")
    hit = _Hit(start, end, ns, ne, inferred, False, True, not inferred, cal == "h")
    if not chain:
        hit.single = True
        return [hit]
    if is_range or (end - start).days <= 6:
        return [hit]
    # "في 5 و20 مايو": separate days, not a range
    hits = []
    months = [mon1] + [mon2] * len(chain)
    years = [start_year] + [end_year] * len(chain)
    for d, mon, y in zip(days, months, years, strict=True):
        day = _make(cal, y, mon, d)
        if day is None:
            return []
        hits.append(_Hit(day, day, ns, ne, inferred, False, True, not inferred, cal == "h"))
    return hits


_REL_WORDS_N = {normalize(k): v for k, v in _REL_WORDS.items()}


def _from_month_first(m: re.Match, reference: dt.date | None) -> list[_Hit]:
    looked = _lookup_month(m.group("m2"))
    if looked is None:
        return []
    cal, mon = looked
    english = _month_key(m.group("m2")) in _ENGLISH
    y = int(m.group("y2")) if m.group("y2") else None
    if not english and (y is None or cal == "h"):
        return []
    d1 = _day_value(m.group("d1"))
    d2 = _day_value(m.group("d2")) if m.group("d2") else d1
    weekday = _WD_VALUE.get(normalize(m.group("wd")).rstrip(".")) if m.group("wd") else None
    inferred = False
    if y is None:
        if reference is None:
            return []
        y = _infer_year(cal, mon, d1, reference, None, False, weekday)
        if y is None:
            return []
        inferred = True
    start, end = _make(cal, y, mon, d1), _make(cal, y, mon, d2)
    if start is None or end is None or end < start:
        return []
    return [_Hit(start, end, m.start(), m.end(), inferred, not m.group("d2"), True, not inferred)]


def _from_numeric(m: re.Match, year_first: bool) -> list[_Hit]:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    cal = "h" if (m.group("cal") or "").startswith("ه") or m.group("cal") == "للهجره" else "g"
    if year_first:
        day, mon = a, b
    elif b > 12 >= a:
        mon, day = a, b  # US order "12/20/2019"
    else:
        day, mon = a, b
    out = _make(cal, y, mon, day)
    if out is None:
        return []
    return [_Hit(out, out, m.start(), m.end(), False, True, True, True, cal == "h")]


def _nearest_weekday(reference: dt.date, weekday: int, direction: int) -> dt.date:
    """direction 0: nearest (the reference itself if it matches); -1: most recent on or
    before; 1: first on or after."""
    back = (reference.weekday() - weekday) % 7
    fwd = (weekday - reference.weekday()) % 7
    if direction < 0:
        return reference - dt.timedelta(days=back)
    if direction > 0:
        return reference + dt.timedelta(days=fwd)
    return (
        reference - dt.timedelta(days=back) if back <= fwd else reference + dt.timedelta(days=fwd)
    )


def _from_relative(
    m: re.Match, folded: str, text: str, offs: list[int], reference: dt.date
) -> list[_Hit]:
    if m.group("anchor"):
        anchor = _month_key(m.group("anchor"))
        shift = _ANCHOR_VALUE.get(anchor)
        if shift is None:
            return []
        awd = _WD_VALUE.get(m.group("awd")) if m.group("awd") else None
        if anchor == "اليوم" and awd is None:
            return []  # "اليوم" alone is too often "nowadays"
        if anchor in ("غدا", "غد") and awd is None:
            # "غدا" is also the verb "became": take it when written "غداً" or before punctuation
            a, b = raw_span(offs, m.start("anchor"), m.end("anchor"), text)
            after = folded[m.end() : m.end() + 2]
            if script.FATHATAN not in text[a:b] and not re.match(r"\s*(?:[,.;:!?)-]|$)", after):
                return []
            if anchor == "غد":
                return []
        base = reference + dt.timedelta(days=shift)
        day = base if awd is None else _nearest_weekday(base, awd, 1 if shift > 0 else -1)
        return [_Hit(day, day, m.start("all"), m.end(), True, True, False, False)]
    wd = _WD_VALUE.get(m.group("wd"))
    if wd is None:
        return []
    if m.group("dir"):
        direction = _DIR_VALUE[_month_key(m.group("dir"))]
        if direction > 0:
            day = _nearest_weekday(reference + dt.timedelta(days=1), wd, 1)
        else:
            day = _nearest_weekday(reference - dt.timedelta(days=1), wd, -1)
    else:
        before = folded[max(0, m.start() - 3) : m.start()]
        after = folded[m.end() : m.end() + 3]
        if not m.group("cue") and not (re.search(r",\s*$", before) and re.match(r"\s*,", after)):
            return []
        day = _nearest_weekday(reference, wd, 0)
    return [_Hit(day, day, m.start("all"), m.end(), True, True, False, False)]


def _explicit_hits(folded: str, reference: dt.date | None) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _MAIN.finditer(folded):
        hits.extend(_from_main(m, reference))
    for m in _MONTH_FIRST.finditer(folded):
        hits.extend(_from_month_first(m, reference))
    for m in _NUMERIC_DMY.finditer(folded):
        hits.extend(_from_numeric(m, False))
    for m in _NUMERIC_YMD.finditer(folded):
        hits.extend(_from_numeric(m, True))
    return _select(hits)


def _select(hits: list[_Hit], taken: list[tuple[int, int]] | None = None) -> list[_Hit]:
    """Non-overlapping hits, longest first at each place (hits of one match, such as
    the separate days of "5 و20 مايو", share a span and are kept together)."""
    taken = list(taken or [])
    chosen: list[_Hit] = []
    spans: dict[tuple[int, int], list[_Hit]] = {}
    for h in hits:
        spans.setdefault((h.ns, h.ne), []).append(h)
    for (ns, ne), group in sorted(spans.items(), key=lambda kv: (-(kv[0][1] - kv[0][0]), kv[0][0])):
        if any(ns < b and a < ne for a, b in taken):
            continue
        taken.append((ns, ne))
        chosen.extend(group)
    chosen.sort(key=lambda h: (h.ns, h.start))
    return chosen


_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def _sentence_bounds(folded: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(folded, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(folded, pos)
    return start, (m.start() if m else len(folded))


def _duration_of(m: re.Match) -> int:
    count = m.group("count")
    if m.group("n"):
        return int(m.group("n"))
    if m.group("w"):
        return _NUM_VALUE[m.group("w")]
    if count.startswith("اسبوعي") or count.startswith("اسبوعان"):
        return 14
    if count.startswith("اسبوع"):
        return 7
    if count in ("يومين", "يومان"):
        return 2
    return 1


def _apply_durations(folded: str, hits: list[_Hit]) -> None:
    used: set[int] = set()
    for dm in _DURATION.finditer(folded):
        days = _duration_of(dm)
        if not 2 <= days <= 31:
            continue
        s_start, s_end = _sentence_bounds(folded, dm.start())
        in_sentence = [i for i, h in enumerate(hits) if s_start <= h.ns < s_end]
        target = None
        if in_sentence:
            singles = [i for i in in_sentence if hits[i].single and i not in used]
            if singles and all(hits[i].single for i in in_sentence):
                before = [i for i in singles if hits[i].ns < dm.start()]
                target = before[-1] if before else singles[0]
        else:
            before = [i for i, h in enumerate(hits) if h.ne <= dm.start()]
            if before:
                i = before[-1]
                if hits[i].single and i not in used and dm.start() - hits[i].ne <= 400:
                    target = i
        if target is not None:
            h = hits[target]
            h.end = h.start + dt.timedelta(days=days - 1)
            h.single = False
            used.add(target)


_CORRESPONDS = re.compile(r"\s*[,(-]?\s*(?:الموافق|الذي\s+يوافق|يوافق|موافق)\s*(?:ل)?\s*$")


def _dedupe(folded: str, hits: list[_Hit]) -> list[_Hit]:
    """Drop the second of "12 رمضان 1445 هـ الموافق 22 مارس 2024" when both are one day."""
    out: list[_Hit] = []
    for h in hits:
        if out:
            p = out[-1]
            between = folded[p.ne : h.ns]
            if (p.start, p.end) == (h.start, h.end) and _CORRESPONDS.match(between):
                if p.hijri and not h.hijri:
                    out[-1] = h
                continue
        out.append(h)
    return out


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def find_duration_days(text: str) -> int | None:
    """The length in days of an event stated in ``text`` ("يستمر يومين" → 2, "على مدى
    ثلاثة أيام" → 3, "الذي استغرق ثلاثة أيام" → 3, "لمدة 5 أيام" → 5, "أسبوعا" → 7);
    None when there is none. The first one in the text wins."""
    if not isinstance(text, str) or not text:
        return None
    m = _DURATION.search(normalize(text))
    return _duration_of(m) if m else None


def find_date_ranges(text: str, *, reference: dt.date | None = None) -> list[DateRange]:
    """Dates and date ranges written in ``text``, in order of appearance.

    Explicit: "يوم 15 أكتوبر 2023", "الأحد 5 مايو", "يومي 29 و30 أبريل", "من 3 إلى 5
    مايو 2024", "بين 3 و5 مايو", "(10-12 كانون الأول/ديسمبر 2019)", "خلال الفترة 14 – 16
    نوفمبر", "من 28 فبراير إلى 2 مارس 2023", "من 30 ديسمبر 2019 إلى 2 يناير 2020", "20
    ديسمبر، ٢٠١٩", "20/12/2019", "2019-12-20", "December 20, 2019", "الأول من مايو",
    "غرة رمضان 1445 هـ", Hijri months (converted, Umm al-Qura).

    A date without a year needs ``reference`` (the article's publication date): then
    "الجاري/الحالي" is the reference's month, "المقبل/القادم" the next such month,
    "الماضي/المنصرم/الفارط" the previous one, "الشهر الجاري" the month itself; with none
    of these the occurrence nearest to the reference (a written weekday picks the year
    where it fits). Without reference such dates are skipped: a year is never invented.

    Relative days, with ``reference`` only: "اليوم الأربعاء" (the most recent Wednesday
    not after reference), "أمس", "أمس الثلاثاء", "أول أمس", "غداً", "يوم غد", "بعد غد",
    "الخميس المقبل", "الخميس الماضي", "يوم الخميس"/"، الخميس،" (the nearest Thursday).
    "الأسبوع المقبل" and "اليوم" alone are too vague and ignored.

    A duration ("يستمر يومين", "على مدى ثلاثة أيام") in the sentence of a single day, or
    in a following sentence with no date of its own, extends that day's ``end``.
    """
    if not isinstance(text, str) or not text:
        return []
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    folded, offs = normalize_with_offsets(text)
    hits = _explicit_hits(folded, reference)
    if reference is not None:
        rel_hits: list[_Hit] = []
        for m in _RELATIVE.finditer(folded):
            rel_hits.extend(_from_relative(m, folded, text, offs, reference))
        hits = sorted(
            hits + _select(rel_hits, [(h.ns, h.ne) for h in hits]), key=lambda h: (h.ns, h.start)
        )
    hits = [h for h in hits if h.start.year >= MIN_YEAR and h.end.year <= MAX_YEAR]
    hits = _dedupe(folded, hits)
    _apply_durations(folded, hits)
    out = []
    for h in hits:
        a, b = raw_span(offs, h.ns, h.ne, text)
        out.append(DateRange(h.start, h.end, text[a:b], (a, b), h.year_inferred))
    return out


# --- datelines and metadata -------------------------------------------------

_ISO = re.compile(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[t ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?)?"
    r"\s*(?:z|utc|gmt|[+-][0-9]{2}:?[0-9]{2})?"
)
_RFC = re.compile(
    r"(?:[a-z]{3},?\s*)?[0-9]{1,2}\s+[a-z]{3}\s+[0-9]{2,4}\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    r"(?:\s*(?:[+-][0-9]{4}|[a-z]{1,5}))?"
)
_SHORT_NUMERIC = re.compile(
    r"(?P<a>[0-9]{1,2})(?P<s>[/.\-])(?P<b>[0-9]{1,2})(?P=s)(?P<y>[0-9]{2})"
    r"(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
)
# Words around a date that do not make it a sentence: dateline and metadata labels.
_DATELINE_WORDS = {
    normalize(w)
    for w in [
        "نشر",
        "نُشر",
        "في",
        "بتاريخ",
        "تاريخ",
        "النشر",
        "آخر",
        "اخر",
        "تحديث",
        "التحديث",
        "الساعة",
        "صباحا",
        "مساء",
        "بتوقيت",
        "غرينتش",
        "مكة",
        "المكرمة",
        "gmt",
        "utc",
        "am",
        "pm",
        "published",
        "updated",
        "on",
        "at",
        "posted",
        "date",
    ]
}
_MAX_EXTRA_WORDS = 6  # parse_date: "أبوظبي (الإمارات العربية المتحدة) - 20 ديسمبر 2019"
_MAX_DATELINE_WORDS = 4  # find_publication_date: a line that is a date
_DATELINE_PREFIX_WORDS = 3  # "تونس 20 ديسمبر 2019 (وات) - ..."
_DATELINE_AFTER = re.compile(r"\s*(?:$|[-:(|/])")


def _full_dates(folded: str) -> list[_Hit]:
    """Complete single dates (with a written year) in folded text."""
    return [h for h in _explicit_hits(folded, None) if h.has_year and h.start == h.end]


def _count_words(part: str) -> int:
    return sum(1 for w in _EXTRA_WORDS.findall(part) if w not in _DATELINE_WORDS)


def _extra_words(folded: str, h: _Hit) -> int:
    return _count_words(folded[: h.ns]) + _count_words(folded[h.ne :])


def _parse_date(text: str) -> dt.date | None:
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str):
        return None
    folded = normalize(text).strip()
    if not folded or len(folded) > 200:
        return None
    m = _ISO.fullmatch(folded)
    if m:
        return _make("g", int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if _RFC.fullmatch(folded):
        parts = parsedate_tz(folded)
        if parts:
            return _make("g", parts[0], parts[1], parts[2])
    m = _SHORT_NUMERIC.fullmatch(folded)
    if m:
        yy = int(m.group("y"))
        a, b = int(m.group("a")), int(m.group("b"))
        day, mon = (b, a) if b > 12 >= a else (a, b)
        return _make("g", 2000 + yy if yy < 70 else 1900 + yy, mon, day)
    for h in _full_dates(folded):
        if _extra_words(folded, h) <= _MAX_EXTRA_WORDS:
            return h.start
        break
    return None


def parse_date(text: str) -> dt.date | None:
    """A date given as metadata or as a dateline, or None. Never raises.

    ISO 8601 ("2019-12-20", "2019-12-20T10:00:00+04:00": the date as written, not
    shifted to UTC), RFC 2822 ("Fri, 20 Dec 2019 10:00:00 +0000"), numeric day-first
    ("20/12/2019", "20.12.2019", "20-12-19"; month-first when the second number is over
    12), year-first ("2019/12/20"), textual in any month family with an optional weekday
    and comma ("الجمعة 20 ديسمبر 2019", "٢٠ ديسمبر، ٢٠١٩", "20 كانون الأول/ديسمبر 2019",
    "December 20, 2019", "20 Dec 2019"), Hijri ("15 رمضان 1445 هـ", converted with the
    Umm al-Qura calendar). A few other words may surround it (a place, a time, labels
    such as "نشر في"): at most six besides the labels, and the whole text at most 200
    characters. Impossible dates and years
    outside 1900..2100 give None.
    """
    try:
        return _parse_date(text)
    except Exception:  # the contract is "never raises"
        return None


def find_publication_date(text: str, *, max_lines: int = 6) -> tuple[dt.date, str] | None:
    """The dateline of an article: (date, matched text as in the input) or None.

    Looks at the first ``max_lines`` non-blank lines: first for a line that is a date
    (at most four other words besides labels such as "نشر في" and a time), then for a
    dateline opening a line: at most three words (a place) before the date and a dash,
    colon, bracket or the line's end after it ("تونس 20 ديسمبر 2019 (وات) - ..."). A
    date inside the lead sentence ("استضاف البرنامج الأربعاء 18 جانفي 2017 في ...") is
    an event, not a dateline. Only dates with a written year count.
    """
    if not isinstance(text, str) or not text:
        return None
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((pos, line.rstrip("\r\n")))
            if len(lines) >= max_lines:
                break
        pos += len(line)
    for near_start in (False, True):
        for line_pos, line in lines:
            folded, offs = normalize_with_offsets(line)
            for h in _full_dates(folded):
                if near_start:
                    # a place (and agency) before it, a dash or colon after it
                    ok = _count_words(folded[: h.ns]) <= _DATELINE_PREFIX_WORDS and bool(
                        _DATELINE_AFTER.match(folded, h.ne)
                    )
                else:
                    ok = len(line) <= 200 and _extra_words(folded, h) <= _MAX_DATELINE_WORDS
                if ok:
                    a, b = raw_span(offs, h.ns, h.ne, line)
                    return h.start, text[line_pos + a : line_pos + b]
                break
    return None
