"""Entity and meeting extraction from Arabic news (pure Python, no Django).

``extract(title=..., body=..., published=..., gazetteer=...)`` returns the organizations,
countries and cities an article names (``Mention``: key, count, first sentence, spellings,
in order of first appearance) and, when the article reports an event, the facts of that
event (``MeetingFacts``: kind, name, recurring series, edition, place, dates, organizers,
hosts, participants, and the sentence each fact came from).  ``Gazetteer.from_data`` takes
the same dicts as ``archive/data/*.json`` (the database side produces them, so curators'
edits reach extraction); everything is precomputed there, nothing is compiled per call.

Matching
--------
The title and body (joined by a line break) are cut into word tokens (Arabic letter runs,
digit runs, Latin/Cyrillic runs) with one ``re.split``; each distinct word is folded once
(memoized) exactly as ``ArabicAnalyzer.normalize`` folds it: the fold table is built from
the analyzer character by character, so "الإنتربول" / "الانتربول" / "الأنتربول" and
"منظمة" / "منظمه" are one token.  Every name form (organization name_ar, name_en, acronym,
aliases; country name_ar, short_ar, aliases_ar, adjectives_ar and their plurals سعوديون /
سعوديين, ambiguous_aliases_ar; city name_ar, name_en, aliases_ar) is tokenized the same way
and indexed by its first token, then by its second (a two-level trie).  The index also
holds the first token with its proclitics:

* a name without the article takes و ف ب ك ل and their pairs (وب ول فب ...):
  "ومنظمة شنغهاي", "لكومنولث الدول المستقلة", "بأوزبكستان";
* a name with the article takes و ف ب ك (and pairs) before it ("بالإنتربول",
  "والأمم المتحدة"), and ل + ال is written لل ("للإنتربول", "وللأمم المتحدة");
* the article is never added to a name written without it (so "المالية" is not Malé),
  one-letter and two-letter names take no proclitic, and readings that are common words
  are blocked (``_BLOCKED_VARIANTS``: "وجوبا" is not "و + جوبا").

Only the first token takes proclitics; the other tokens must match exactly (normalized) and
be separated by spaces, hyphens or apostrophes only (a comma, a bracket or a line break ends
a name).  Surface forms are listed without the proclitic ("للإنتربول" -> "الإنتربول").

Nesting: at each position the longest name wins and matching resumes after it, so a name
inside a longer one never counts: "مركز مكافحة الإرهاب لرابطة الدول المستقلة" is one
mention of CIS-ATC and none of the CIS; "الهيكل الإقليمي لمكافحة الإرهاب التابع لمنظمة
شانغهاي للتعاون" is SCO RATS only (the SCO counts where it is named on its own);
"مركز الأمم المتحدة لمكافحة الإرهاب" is UNCCT, not the UN; "الأمانة العامة لمجلس وزراء
الداخلية العرب" is the secretariat, not the council; a country inside an organization's
name ("وزارة الداخلية في الإمارات العربية المتحدة") is no country mention either.  A name
repeated in brackets right after itself ("المنظمة الدولية للشرطة الجنائية (الأنتربول)")
counts once; both spellings are listed.

Latin forms: acronyms of at most 4 letters ("SCO", "GCC", "RATS", "UN", "DoD") and the
English city names match case-sensitively, other Latin names case-insensitively ("Interpol",
"INTERPOL"); a Latin token is a whole run of letters and digits, so "disco" never holds
"sco".

Ambiguity
---------
* A name shared by two organizations ("المديرية العامة للأمن الوطني": Morocco's and
  Algeria's) goes to the one whose country the article names (or the press's country,
  ``source_country``); otherwise it is dropped, never guessed.
* An ambiguous country alias (``ambiguous_aliases_ar``: "المملكة", "السلطنة", "مالي",
  "الكونغو", "عمان") counts only for a candidate country that the article names otherwise
  (by a non-ambiguous name or an adjective) or that is the press's country; with several
  such countries the most mentioned one wins (a tie: dropped); with none, the countries of
  the cities named decide ("المملكة" + "الرياض" is Saudi Arabia); an alias with a single
  candidate also counts inside a list of countries ("السعودية وقطر والكويت وعمان");
  otherwise the alias is dropped.
* An ambiguous country alias that is also a city name ("عمان": Oman / Amman) is the city
  after a city cue ("العاصمة الأردنية عمان", "مدينة"), when it opens a dateline ("عمان -
  ..."), or when the article names the city's country (Jordan) but not the other; the
  country when the article names that country (Oman, العماني) but not the city's; when both
  are named, the country inside a list of countries, else the city; with neither, nothing.
  "سلطنة عمان" is always Oman (a longer, unambiguous name).
* A country name that is also its capital's name ("الجزائر", "تونس", "الكويت", "جيبوتي")
  counts as the country, and as the city only after a city cue; when such a country is the
  place of an event, the meeting's city is that capital.
* Single-token place forms that are mostly common words ("سيول" floods, "كابل" cable,
  "مالية" -> ماليه Malé, "بنين" boys) count only after a cue ("العاصمة الكورية سيول",
  "جمهورية بنين"); a name followed by "لكرة"... is a sports body ("الاتحاد الإفريقي لكرة
  القدم"), "مسقط رأس" is a birthplace.

Meetings
--------
The main text is the article up to its boilerplate (a line "إقرأ أيضاً:", "مقالات
مشابهة", "أخبار ذات صلة", "المصدر: ..."), where related articles begin.  An *event
sentence* holds an event noun (مؤتمر, منتدى, ملتقى: conference; قمة: summit; اجتماع,
محادثات, مشاورات: meeting; ورشة عمل, ندوة, حلقة نقاش: workshop; تمرين, مناورات: exercise;
دورة تدريبية: training; مذكرة تفاهم, اتفاقية, بروتوكول تعاون: agreement; زيارة: visit;
"مؤتمر صحفي" is not one) and a reporting verb (انطلق, عقد, انعقد, اختتم, افتتح, استضاف,
نظم, أبرم, وقع, شارك, اجتمع, ضم, يجمع, أقيم, احتضن, شهد, بمشاركة ...).  The first event
sentence (the title counts) is the *primary* one and gives the kind ("السعودية تستضيف
الدورة الثانية للقمة الدولية" is a summit, though the body says "هذا الاجتماع").  The
*event region* is the event sentences, the sentences that refer back to an event ("هذا
الاجتماع", "الحدث", the definite noun of the primary kind, "المذكرة"), those with "اجتمع",
and a sentence with a participation cue right after a region sentence ("وتشارك أيضا الدول
المراقبة ...").  Facts come from the primary sentence first, then the region in order:

* name: the noun phrase at a noun of the primary kind, from an edition word before it
  ("الدورة الثانية للقمة الدولية لمراكز التميز في مكافحة الإرهاب"), up to punctuation, a
  verb or stop word, a date or time word, a place ("في الرياض", "بأوزبكستان") or a role cue
  ("بمشاركة"); a definite noun takes definite adjectives then a prepositional phrase.  The
  phrase with an edition wins, then the longest.  An agreement named only "مذكرة تفاهم"
  gets its parties: "مذكرة تفاهم بين X وY";
* edition: an ordinal after the noun, its adjectives or "في دورتها" ("المؤتمر العربي الرابع
  والعشرون", "القمة العربية الـ28", "الدورة 27 لـ...", not "الاجتماع 5 أحزاب"), read by
  ``parse_ordinal``; else one in the region on a noun of the same kind or on an edition word
  that introduces one ("الدورة الرابعة لملتقى ...", "المنتدى ... في دورته السابعة عشر");
* series: the name without the ordinal ("المؤتمر العربي للمسؤولين عن مكافحة الإرهاب",
  "الدورة الثانية للقمة X" -> "القمة X", "الاجتماع الرابع للفريق" -> "اجتماع الفريق");
  the key is the kind plus up to ten normalized content words (article, proclitics,
  function words, event and edition nouns removed): the 23rd and 24th editions, and two
  wordings of one edition, share it.  Only events with an edition or a recurring marker
  (السنوي, الدوري) get a series; one-off events get None;
* place: the first city named in the primary sentence, then in the region, then a city
  opening a dateline near the top ("أبوظبي (الإمارات العربية المتحدة) -"); the country is
  the city's, else a country named as the place ("في السعودية", "بالأردن") or as host
  ("السعودية تستضيف");
* dates: ``find_date_ranges(reference=published)`` on windows around date words (digits,
  months, weekdays, أمس, غدا) of the region, the primary sentence first (no published date
  and no written year: no date; a year is never invented); a single day is extended by a
  duration stated in the region ("الحدث الذي يستمر يومين");
* roles: a cue gives its role to the organizations named within 8 tokens after it, and to
  the list that follows (each name within 8 tokens of the previous, "بالإضافة إلى" and
  "من قبل" relaying): organizers (نظم, بتنظيم, تم تنظيم ... من قبل, في نطاق, تحت إشراف,
  بدعوة من, عقد/تعقدان), hosts (استضاف, تستضيف, بمقر, احتضن), participants (بمشاركة, شارك
  في <event>, ممثلون عن, بحضور, أبرم/وقع, بين (agreements), اجتمع, بما في ذلك).  Names right
  before a verb cue are its subjects ("رابطة الدول المستقلة ومنظمة شنغهاي تعقدان مؤتمرا":
  organizers).  "شاركت X و Y في تنظيمه" makes X and Y organizers; "يشارك في رئاسة المركز"
  is no participation.  The body named in the event's name takes part in it.  An
  organization may be organizer and host; participants are the others.  Countries named
  after a participation cue are the participating states, the host country excluded.
* An article that reads as sport (three sport words or more) gets no meeting unless its
  event region names an organization of the gazetteer ("القمة الـ28 للاتحاد الإفريقي").
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from pathlib import Path

from archive.text import script
from archive.text.arabic import ArabicAnalyzer
from archive.text.dates import HIJRI_MONTHS, MONTHS, find_date_ranges, find_duration_days
from archive.text.ordinals import parse_ordinal

__all__ = [
    "Extraction",
    "Gazetteer",
    "MeetingFacts",
    "Mention",
    "extract",
    "split_sentences",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# --------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------

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
# What may separate two tokens of one name: spaces (no line break), hyphens, apostrophes.
_JOIN_GAP_RE = re.compile(rf"[ \t\u00a0{_FORMAT}\u2009\u202f\-\u2010\u2011'’]+")
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


# --------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------

# Proclitics allowed on the first token of a name.
_PREFIXES = ("و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
_ART_PREFIXES = ("و", "ف", "ب", "ك", "وب", "وك", "فب", "فك")  # before ال (ل+ال is لل)
_LIL_PREFIXES = ("", "و", "ف")  # + لل

# Single-token place forms that are mostly common words in news text (normalized): they
# count only right after a cue ("العاصمة الكورية سيول", "جمهورية بنين"): "مالية"
# (financial) is not Malé, "كابل" (cable) not Kabul, "سيول" (floods) not Seoul.
_CUE_ONLY_FORMS = frozenset({"ماليه", "كابل", "ديلي", "سيول", "بنين"})
# Proclitic readings that are common words: "وجوبا" (obligatorily) is not "و + جوبا".
_BLOCKED_VARIANTS = frozenset({"وجوبا"})
# A name followed by one of these is another body: "الاتحاد الإفريقي لكرة القدم".
_NOT_AFTER = frozenset({"لكره", "للكره", "للالعاب", "لالعاب", "للرياضه", "للسله", "لليد"})
# A place name followed by one of these is a common phrase: "مسقط رأس" (birthplace).
_PHRASE_AFTER = {"مسقط": frozenset({"راس", "رءس", "راسه", "راسها"})}

# City cues: the next name is a city ("العاصمة الأردنية عمان", "مدينة الكويت").
_CITY_CUES = frozenset({"العاصمه", "عاصمه", "مدينه", "بمدينه", "المدينه", "بالعاصمه", "وعاصمتها"})
_PLACE_CUES = _CITY_CUES | {"جمهوريه", "دوله", "بدوله", "بجمهوريه", "وجمهوريه", "ودوله"}


@dataclass(frozen=True, slots=True)
class _Target:
    etype: str  # "org" | "country" | "city"
    key: str
    ambiguous: bool = False
    cue_only: bool = False  # a common word: counts only after a place cue


@dataclass(frozen=True, slots=True)
class _Head:
    """The names starting with one first-token key: one-word names, and the longer ones by
    their second token (longest first)."""

    singles: tuple[_Entry, ...]
    by_second: dict[str, tuple[_Entry, ...]]
    cs_second: bool  # some second token is case-sensitive ("\x00" + surface)


@dataclass(frozen=True, slots=True)
class _Entry:
    rest: tuple[str, ...]  # keys of the following tokens
    name_id: int
    cut: int  # normalized proclitic letters to drop from the first token's surface
    lil: bool  # the first token was لل + name without ال: restore "ال"
    first_surface: str | None = None  # case-sensitive first token: its exact surface


def _is_acronym_form(surfaces: list[str], *, acronym_field: bool) -> bool:
    letters = sum(len(_LATIN_LETTER_RE.findall(s)) for s in surfaces)
    if letters == 0 or letters > 4:
        return False
    if acronym_field:
        return True
    return all(s.upper() == s for s in surfaces)


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Every name form of the organizations, countries and cities, indexed for matching.

    Build it with ``from_data`` from dicts shaped like ``archive/data/*.json`` (the database
    side produces the same dicts), or ``default()`` for the shipped files."""

    organizations: tuple[dict, ...] = field(repr=False)
    countries: tuple[dict, ...] = field(repr=False)
    cities: tuple[dict, ...] = field(repr=False)
    # first-token key (normalized, with its proclitic variants) -> the names it starts
    _first: dict[str, _Head] = field(repr=False, default_factory=dict)
    _targets: tuple[tuple[_Target, ...], ...] = field(repr=False, default=())
    org_country: dict[str, str | None] = field(repr=False, default_factory=dict)
    city_country: dict[str, str] = field(repr=False, default_factory=dict)
    # country iso2 -> city key of its capital written with the same name ("الجزائر")
    same_name_city: dict[str, str] = field(repr=False, default_factory=dict)
    # names form lists (normalized) for checks
    _name_count: int = 0

    # ---------------------------------------------------------------- construction
    @classmethod
    def from_data(
        cls,
        *,
        organizations: Iterable[dict],
        countries: Iterable[dict],
        cities: Iterable[dict],
    ) -> Gazetteer:
        orgs = tuple(organizations)
        ctrs = tuple(countries)
        cits = tuple(cities)
        forms: dict[tuple[str, ...], list[_Target]] = {}

        def add(name: str | None, target: _Target, *, cs: bool = False, acr: bool = False):
            if not name or not isinstance(name, str) or not name.strip():
                return
            norms, surfaces, kinds = _name_tokens(name)
            if not norms:
                return
            is_latin = all(k != "a" for k in kinds) and any(k == "l" for k in kinds)
            if is_latin and (cs or _is_acronym_form(surfaces, acronym_field=acr)):
                key = tuple("\x00" + s for s in surfaces)
            else:
                key = tuple(norms)
            if len(key) == 1 and key[0] in _CUE_ONLY_FORMS and target.etype != "org":
                target = _Target(target.etype, target.key, target.ambiguous, True)
            lst = forms.setdefault(key, [])
            if target not in lst:
                lst.append(target)

        org_country: dict[str, str | None] = {}
        for o in orgs:
            slug = o.get("slug")
            if not slug:
                continue
            org_country[slug] = o.get("country") or None
            t = _Target("org", slug)
            add(o.get("name_ar"), t)
            add(o.get("name_en"), t)
            add(o.get("acronym"), t, acr=True)
            for a in o.get("aliases") or ():
                add(a.get("name") if isinstance(a, dict) else a, t)

        for c in ctrs:
            iso = c.get("iso2")
            if not iso:
                continue
            amb = {_name_key(x) for x in c.get("ambiguous_aliases_ar") or ()}
            t = _Target("country", iso)
            ta = _Target("country", iso, ambiguous=True)
            names = [c.get("name_ar"), c.get("short_ar"), *(c.get("aliases_ar") or ())]
            for name in names:
                if name and _name_key(name) not in amb:
                    add(name, t)
            for adj in c.get("adjectives_ar") or ():
                for form in _adjective_forms(adj):
                    add(form, t)
            for name in c.get("ambiguous_aliases_ar") or ():
                add(name, ta)

        city_country: dict[str, str] = {}
        for ci in cits:
            name_en, iso = ci.get("name_en"), ci.get("country")
            if not name_en or not iso:
                continue
            key = f"{name_en}|{iso}"
            city_country[key] = iso
            t = _Target("city", key)
            add(ci.get("name_ar"), t)
            add(name_en, t, cs=True)
            for a in ci.get("aliases_ar") or ():
                add(a, t)

        # a country's name that is also its capital's name
        same_name_city: dict[str, str] = {}
        for targets in forms.values():
            ctry = [t for t in targets if t.etype == "country" and not t.ambiguous]
            cty = [t for t in targets if t.etype == "city"]
            for c in ctry:
                for ci in cty:
                    if city_country.get(ci.key) == c.key:
                        same_name_city.setdefault(c.key, ci.key)

        # index: first-token key (with proclitic variants) -> entries
        target_list: list[tuple[_Target, ...]] = []
        first: dict[str, list[tuple[_Entry, bool]]] = {}
        for name_id, (key, targets) in enumerate(forms.items()):
            target_list.append(tuple(targets))
            head, rest = key[0], tuple(key[1:])
            if head.startswith("\x00"):
                entry = _Entry(rest, name_id, 0, False, head[1:])
                first.setdefault(_norm(head[1:]), []).append((entry, True))
                continue
            first.setdefault(head, []).append((_Entry(rest, name_id, 0, False), True))
            if not _is_arabic_word(head):
                continue
            if len(head) < 3:
                continue
            if head.startswith("ال") and len(head) >= 4:
                for p in _ART_PREFIXES:
                    first.setdefault(p + head, []).append(
                        (_Entry(rest, name_id, len(p), False), False)
                    )
                for p in _LIL_PREFIXES:
                    first.setdefault(p + "لل" + head[2:], []).append(
                        (_Entry(rest, name_id, len(p) + 2, True), False)
                    )
            else:
                for p in _PREFIXES:
                    first.setdefault(p + head, []).append(
                        (_Entry(rest, name_id, len(p), False), False)
                    )
        for k in _BLOCKED_VARIANTS:
            if k in first:
                first[k] = [(e, exact) for e, exact in first[k] if exact]
        index: dict[str, _Head] = {}
        for k, lst in first.items():
            # longest first; at equal length the unstripped reading first
            lst.sort(key=lambda e: (-len(e[0].rest), not e[1]))
            singles = tuple(e for e, _ in lst if not e.rest)
            by_second: dict[str, list[_Entry]] = {}
            for e, _ in lst:
                if e.rest:
                    by_second.setdefault(e.rest[0], []).append(e)
            index[k] = _Head(
                singles,
                {sk: tuple(v) for sk, v in by_second.items()},
                any(sk.startswith("\x00") for sk in by_second),
            )
        return cls(
            organizations=orgs,
            countries=ctrs,
            cities=cits,
            _first=index,
            _targets=tuple(target_list),
            org_country=org_country,
            city_country=city_country,
            same_name_city=same_name_city,
            _name_count=len(forms),
        )

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The gazetteer of ``archive/data/{organizations,countries,cities}.json`` (cached)."""

        def load(name: str) -> list[dict]:
            path = DATA_DIR / name
            if not path.exists():
                return []
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):  # tolerate {"items": [...]} wrappers
                data = next((v for v in data.values() if isinstance(v, list)), [])
            return list(data)

        return cls.from_data(
            organizations=load("organizations.json"),
            countries=load("countries.json"),
            cities=load("cities.json"),
        )

    def __len__(self) -> int:
        return self._name_count


def _name_key(name: str) -> str:
    return " ".join(_name_tokens(name)[0])


def _is_arabic_word(s: str) -> bool:
    return bool(s) and s[0] in _AR_SET


def _adjective_forms(adj: str) -> list[str]:
    """An adjective and its plural: سعودي -> سعوديون, سعوديين (multi-word forms as they are)."""
    out = [adj]
    if adj and " " not in adj.strip() and adj.endswith("ي") and len(adj) >= 4:
        out += [adj + "ون", adj + "ين"]
    return out


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    key: str  # organization slug / country iso2 / city "name_en|iso2"
    count: int  # occurrences in title + body
    evidence: str  # the first sentence it appears in (original text)
    surface_forms: tuple[str, ...]  # the distinct spellings found, proclitics removed


@dataclass(frozen=True)
class MeetingFacts:
    kind: str  # meeting | conference | summit | agreement | workshop | exercise | training | visit | other
    name: str
    series_key: str | None
    series_name: str | None
    edition: int | None
    city: str | None  # "name_en|iso2"
    country: str | None  # iso2
    start: dt.date | None
    end: dt.date | None
    organizers: tuple[str, ...]
    hosts: tuple[str, ...]
    participants: tuple[str, ...]
    participant_countries: tuple[str, ...]
    evidence: dict[str, str]


@dataclass(frozen=True)
class Extraction:
    organizations: tuple[Mention, ...]
    countries: tuple[Mention, ...]
    cities: tuple[Mention, ...]
    meeting: MeetingFacts | None


# --------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Occ:
    i: int  # first token
    j: int  # last token + 1
    start: int  # char offsets of the name (proclitics included)
    end: int
    targets: tuple[_Target, ...]
    cut: int
    lil: bool
    etype: str = ""
    key: str = ""
    counted: bool = True


def _joinable(text: str, prev_end: int, start: int) -> bool:
    if prev_end == start:
        return True
    if start - prev_end == 1 and text[prev_end] == " ":
        return True
    return _JOIN_GAP_RE.fullmatch(text, prev_end, start) is not None


def _gap_ok(g: str) -> bool:
    return not g or g == " " or _JOIN_GAP_RE.fullmatch(g) is not None


def _match(toks: _Tokens, gaz: Gazetteer) -> list[_Occ]:
    """Longest-match-first gazetteer names, left to right, no overlaps."""
    first = gaz._first
    targets = gaz._targets
    norms, words, seps = toks.norms, toks.words, toks.seps
    n = len(norms)
    out: list[_Occ] = []
    covered = 0
    for i in compress(count(), map(first.__contains__, norms)):
        if i < covered:
            continue
        head = first[norms[i]]
        best: _Entry | None = None
        best_len = 0
        if i + 1 < n and head.by_second and _gap_ok(seps[i + 1]):
            cands = head.by_second.get(norms[i + 1], ())
            if head.cs_second:
                cands = (*cands, *head.by_second.get("\x00" + words[i + 1], ()))
            for e in cands:
                length = len(e.rest) + 1
                if length <= best_len or i + length > n:
                    continue
                if e.first_surface is not None and e.first_surface != words[i]:
                    continue
                if e.rest[0][0] == "\x00" and words[i + 1] != e.rest[0][1:]:
                    continue
                ok = True
                for k in range(2, length):
                    t = i + k
                    want = e.rest[k - 1]
                    if (words[t] != want[1:]) if want[0] == "\x00" else (norms[t] != want):
                        ok = False
                        break
                    if not _gap_ok(seps[t]):
                        ok = False
                        break
                if ok:
                    best, best_len = e, length
        if best is None:
            for e in head.singles:
                if e.first_surface is None or e.first_surface == words[i]:
                    best, best_len = e, 1
                    break
        if best is None:
            continue
        j = i + best_len
        out.append(
            _Occ(i, j, toks.starts[i], toks.ends[j - 1], targets[best.name_id], best.cut, best.lil)
        )
        covered = j
    return out


def _surface_form(text: str, occ: _Occ) -> str:
    s = text[occ.start : occ.end]
    if occ.cut:
        k = 0
        pos = 0
        while pos < len(s) and k < occ.cut:
            if s[pos] not in _IGN_SET:
                k += 1
            pos += 1
        while pos < len(s) and s[pos] in _IGN_SET:
            pos += 1
        s = s[pos:]
        if occ.lil:
            s = "ال" + s
    return s


# --------------------------------------------------------------------------------------
# Event lexicon (normalized forms)
# --------------------------------------------------------------------------------------

_KIND_NOUNS = {
    "مءتمر": "conference",
    "منتدي": "conference",
    "ملتقي": "conference",
    "قمه": "summit",
    "اجتماع": "meeting",
    "اجتماعات": "meeting",
    "مشاورات": "meeting",
    "محادثات": "meeting",
    "ندوه": "workshop",
    "تمرين": "exercise",
    "تمارين": "exercise",
    "مناوره": "exercise",
    "مناورات": "exercise",
    "اتفاقيه": "agreement",
    "زياره": "visit",
}
# heads that need a second word: (head) -> {second word: kind}
_TWO_WORD = {
    "ورشه": {"عمل": "workshop"},
    "ورش": {"عمل": "workshop"},
    "حلقه": {"نقاش": "workshop", "عمل": "workshop"},
    "مذكره": {"تفاهم": "agreement"},
    "مذكرات": {"تفاهم": "agreement"},
    "دوره": {"تدريبيه": "training", "تكوينيه": "training"},
    "دورات": {"تدريبيه": "training", "تكوينيه": "training"},
    "برنامج": {"تدريبي": "training"},
    "اتفاق": {"تعاون": "agreement"},
    "بروتوكول": {"تعاون": "agreement"},
}
# definite nouns that refer back to the event whatever its kind
_REF_NOUNS = {
    "حدث": None,
    "فعاليه": None,
    "فعاليات": None,
    "مذكره": "agreement",
    "ورشه": "workshop",
}
_EDITION_NOUNS = frozenset({"دوره", "نسخه", "جوله"})

_NOUN_PREFIXES = (
    "",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "وب",
    "ول",
    "فب",
    "فل",
    "وك",
)


def _noun_forms(base: str) -> dict[str, tuple[int, bool]]:
    """form -> (proclitic letters, definite) for a noun: article, clitics, tanween alef,
    possessive pronouns (اجتماعه, قمتها)."""
    stems: dict[str, bool] = {base: False}
    if base.endswith("ه"):
        t = base[:-1] + "ت"
        for suf in ("ه", "ها", "هم", "هما"):
            stems[t + suf] = True
    elif not base.endswith("ات"):
        stems[base + "ا"] = False
        for suf in ("ه", "ها", "هم", "هما"):
            stems[base + suf] = True
    out: dict[str, tuple[int, bool]] = {}
    for stem, suffixed in stems.items():
        for p in _NOUN_PREFIXES:
            out.setdefault(p + stem, (len(p), suffixed))
        if not suffixed and not stem.endswith("ا") or stem == base:
            for p in ("", "و", "ف", "ب", "ك", "وب", "فب"):
                out.setdefault(p + "ال" + base, (len(p), True))
            for p in ("", "و", "ف"):
                out.setdefault(p + "لل" + base, (len(p) + 1, True))  # ل + ال
    return out


def _article_free(word: str) -> str:
    """A normalized word without its proclitics and article (best effort)."""
    for p in ("وال", "فال", "بال", "كال", "ولل", "فلل", "ال"):
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p) :]
    if word.startswith("لل") and len(word) >= 4:
        return word[2:]
    return word


# verbs: normalized form -> class
_VERB_CLASSES = {
    "hold": "عقد عقدت يعقد تعقد يعقدان تعقدان عقدا عقدوا يعقدون انعقد انعقدت ينعقد تنعقد "
    "انعقاد انعقاده انعقادها التامت يلتءم تلتءم",
    "start": "انطلق انطلقت ينطلق تنطلق انطلاق انطلاقه افتتح افتتحت يفتتح تفتتح افتتاح بدات "
    "تبدا يبدا",
    "close": "اختتم اختتمت يختتم تختتم اختتام اختتمت",
    "host": "استضاف استضافت يستضيف تستضيف استضافه يستضيفه تستضيفه احتضن احتضنت يحتضن تحتضن "
    "احتضان يحتضنه تحتضنه شهد شهدت يشهد تشهد",
    "organize": "نظم نظمت ينظم تنظم نظمته نظمها ينظمه تنظمه تنظيم",
    "sign": "ابرم ابرمت يبرم تبرم ابرام ابرما وقع وقعت يوقع توقع توقيع وقعا وقعتا",
    "participate": "شارك شاركت يشارك تشارك يشاركون مشاركه شاركوا",
    "meet": "اجتمع اجتمعت يجتمع تجتمع اجتمعوا",
    "include": "ضم ضمت يضم تضم جمع يجمع تجمع",
    "held": "اقيم اقيمت يقام تقام اقامه",
    "visit": "زار زارت يزور تزور",
}
_VERBS: dict[str, str] = {}
for _cls_name, _words in _VERB_CLASSES.items():
    for _w in _words.split():
        for _p in ("", "و", "ف"):
            _VERBS.setdefault(_p + _w, _cls_name)
_VERBS["بمشاركه"] = "participate"
_VERBS["باستضافه"] = "host"
_VERBS["بتنظيم"] = "organize"

# role cues (normalized token -> role); verb classes map too (see _ROLE_OF_VERB)
_ROLE_OF_VERB = {
    "hold": "organizer",
    "organize": "organizer",
    "host": "host",
    "sign": "participant",
    "participate": "participant",
    "meet": "participant",
}
_SUBJECT_VERBS = frozenset({"hold", "organize", "host", "sign", "participate", "meet"})
_PARTICIPANT_CUES = frozenset(
    {
        "ممثلون",
        "ممثلين",
        "ممثلي",
        "ممثلو",
        "وممثلون",
        "وممثلين",
        "بحضور",
        "وبحضور",
        "حضر",
        "حضرت",
        "حضره",
        "وحضر",
        "وحضرت",
        "وفد",
        "وفود",
        "وفدا",
        "ووفد",
    }
)
_HOST_CUES = frozenset({"بمقر", "مقر", "وبمقر", "بمقرها", "بمقره"})
_ORGANIZER_CUES = frozenset({"باشراف", "بدعوه"})  # and "في نطاق", "تحت اشراف"
_EVENTISH = frozenset(
    {
        "اعمال",
        "فعاليات",
        "الحدث",
        "حدث",
        "الفعاليه",
        "تنظيم",
        "تنظيمه",
        "تنظيمها",
    }
)
_PRESS = frozenset(
    """صحفي صحفيه صحافي صحافيه الصحفي الصحفيه الصحافي الصحافيه اعلامي اعلاميه الاعلامي
    الاعلاميه صحفيا صحافيا اعلاميا""".split()  # noqa: SIM905
)
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "وهذا", "وهذه", "ذلك", "تلك"})

# Tokens that end an event name.
_NAME_STOP = frozenset(
    """
    اعماله اعمالها امس اليوم غدا خلال يوم يومي الذي التي الذين اللذين والذي والتي بمشاركه
    بحضور برءاسه برعايه تحت بمقر بمدينه بالعاصمه اكثر نحو حوالي وذلك حيث بهدف لبحث لمناقشه
    لتعزيز لدراسه وسط ضمن بتنظيم قد كان كانت ان انه انها مساء صباح الجاري المقبل القادم
    الماضي المنصرم الاخير هذا هذه الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت يناير
    فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر جانفي فيفري افريل
    ماي جوان جويليه اوت بين الطرفين والذين الي علي عبر وفق وفقا ممثلون ممثلين بشكل من لدي
    وقد ثم اذ كما ايضا وتشارك وشارك ويشارك بالتعاون بعنوان بعد قبل منذ حتي ظل اطار اعلن
    اعلنت اكد اكدت قال قالت اشار اشارت اوضح اوضحت افاد افادت كشف كشفت خلالها خلاله بالتنسيق
    يتم تم سيتم ستتم هو هي هم وهو وهي وهم المنعقده المنعقد المقامه المقام المزمع المقرر
    المرتقب المرتقبه والمنعقده الجاريه
    """.split()  # noqa: SIM905
)
_NAME_KEEP_AFTER_STOP = frozenset({"بين"})  # "المشترك بين بلدان" stays in a name
_TRAILING_FUNCTION = frozenset({"في", "عن", "من", "علي", "حول", "و", "ل", "ب", "مع", "الي", "بين"})
_KEY_DROP = frozenset(
    {"في", "عن", "من", "علي", "حول", "و", "ل", "ب", "مع", "الي", "بين", "دوره", "نسخه", "جوله"}
)
_RECURRING = frozenset({"سنوي", "سنويه", "دوري", "دوريه"})

_ORDINAL_WORDS = frozenset(
    w2
    for w in """اول اولي ثاني ثانيه ثالث ثالثه رابع رابعه خامس خامسه سادس سادسه سابع سابعه
    ثامن ثامنه تاسع تاسعه عاشر عاشره حادي حاديه عشر عشره عشرون عشرين ثلاثون ثلاثين اربعون
    اربعين خمسون خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين ماءه مءه""".split()  # noqa: SIM905
    for w2 in (w, "ال" + w, "وال" + w)
)

# Words of sport reports (not of politics: "هدف" is also an aim, "مقابلة" an interview).
_SPORT_WORDS = frozenset(
    """مباراه مباريات المباراه بمباراه لمباراه الدوري دوري لاعب اللاعب لاعبين اللاعبين لاعبي
    لاعبا المنتخب منتخب البطوله بطوله ببطوله الملعب ملعب بملعب المدرب مدرب لكره كره الكره
    القدم النادي نادي الترجي الصفاقسي النجم الساحلي كاس الكاس التتويج الودي كلاسيكو التنس
    للتنس الملاكمه للملاكمه الاولمبيه الاولمبي للرياضه الرياضه الرياضي الرياضيه الاحباء
    جماهير الجماهير الكاف الفيفا المنستيري ميركاتو الليغا الليجا التشكيله الفريقين للفريقين
    ريال مقابلات الجوله""".split()  # noqa: SIM905
)
_SPORT_MIN = 3

_BOILERPLATE_END = (
    ("اقرا", "ايضا"),
    ("مقالات", "مشابهه"),
    ("مقالات", "ذات", "صله"),
    ("اخبار", "ذات", "صله"),
    ("اخبار", "متعلقه"),
    ("مواضيع", "ذات", "صله"),
    ("المصدر",),
    ("كلمات", "دلاليه"),
    ("الكلمات", "الدلاليه"),
    ("اخترنا", "لك"),
    ("شاهد", "ايضا"),
    ("تابعونا",),
    ("اترك", "تعليقا"),
    ("يمكنك", "مشاركه"),
    ("ذات", "صله"),
)


def _build_event_lexicon() -> dict[str, tuple]:
    """normalized token -> tags: ("noun", kind, cut, definite) / ("head", base, cut, definite)
    / ("ref", kind) / ("edition", cut) / ("verb", class)."""
    lex: dict[str, list[tuple]] = {}

    def put(form: str, tag: tuple) -> None:
        lst = lex.setdefault(form, [])
        if tag not in lst:
            lst.append(tag)

    for base, kind in _KIND_NOUNS.items():
        for form, (cut, definite) in _noun_forms(base).items():
            put(form, ("noun", kind, cut, definite))
    for head in _TWO_WORD:
        for form, (cut, definite) in _noun_forms(head).items():
            put(form, ("head", head, cut, definite))
    for base, kind in _REF_NOUNS.items():
        for form, (_cut, definite) in _noun_forms(base).items():
            if definite:
                put(form, ("ref", kind))
    for base in _EDITION_NOUNS:
        for form, (cut, _definite) in _noun_forms(base).items():
            put(form, ("edition", cut))
    for form, cls_name in _VERBS.items():
        put(form, ("verb", cls_name))
    for form in _PARTICIPANT_CUES:
        put(form, ("pcue",))
    for form in _SPORT_WORDS:
        if form not in lex:
            lex[form] = [("sport",)]
    return {k: tuple(v) for k, v in lex.items()}


_EVENT_LEX = _build_event_lexicon()


# --------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------


def extract(
    *,
    title: str,
    body: str,
    published: dt.date | None,
    gazetteer: Gazetteer,
    source_country: str | None = None,
) -> Extraction:
    """Organizations, countries and cities named in an article, and the event it reports.

    ``source_country`` (optional, iso2) is the country of the press that published the
    article: it resolves ambiguous aliases ("المملكة" in the Saudi press)."""
    title = title or ""
    body = body or ""
    text = f"{title}\n{body}" if title.strip() else body
    if isinstance(published, dt.datetime):
        published = published.date()
    toks = _tokenize(text)
    starts, ends, norms = toks.starts, toks.ends, toks.norms
    sentences = split_sentences(text)
    sent_of = _sentence_locator(sentences)
    occs = _match(toks, gazetteer)
    _resolve(text, occs, norms, gazetteer, source_country)
    occs = [o for o in occs if o.key]
    _mark_bracket_repeats(text, occs)

    orgs, ctrs, cits = _mentions(text, occs, sentences, sent_of)
    meeting = _meeting(
        text=text,
        toks=toks,
        title_end=len(title) if title.strip() else -1,
        starts=starts,
        ends=ends,
        norms=norms,
        sentences=sentences,
        sent_of=sent_of,
        occs=occs,
        published=published,
        gaz=gazetteer,
    )
    return Extraction(orgs, ctrs, cits, meeting)


def _sentence_locator(sentences: list[tuple[int, int]]) -> Callable[[int], int]:
    """pos -> index of the sentence holding that character (-1 outside any sentence)."""
    sstarts = [a for a, _ in sentences]

    def sent_of(pos: int) -> int:
        k = bisect_right(sstarts, pos) - 1
        return k if k >= 0 and pos < sentences[k][1] else -1

    return sent_of


def _resolve(
    text: str,
    occs: list[_Occ],
    norms: list[str],
    gaz: Gazetteer,
    source_country: str | None,
) -> None:
    """Give every occurrence its (etype, key), or leave key empty when unresolved."""
    pending: list[_Occ] = []
    n = len(norms)
    for o in occs:
        ts = o.targets
        nxt = norms[o.j] if o.j < n else ""
        if nxt in _NOT_AFTER or nxt in _PHRASE_AFTER.get(norms[o.j - 1], ()):
            continue
        if ts[0].cue_only and not (
            (o.i > 0 and norms[o.i - 1] in _PLACE_CUES)
            or (o.i > 1 and norms[o.i - 2] in _PLACE_CUES)
        ):
            continue
        if len(ts) == 1 and not ts[0].ambiguous:
            t = ts[0]
            o.etype, o.key = t.etype, t.key
            continue
        orgs = [t for t in ts if t.etype == "org"]
        countries = [t for t in ts if t.etype == "country" and not t.ambiguous]
        cities = [t for t in ts if t.etype == "city"]
        if len(orgs) == 1:
            o.etype, o.key = "org", orgs[0].key
        elif orgs:
            pending.append(o)
        elif countries:
            if cities and o.i > 0 and norms[o.i - 1] in _CITY_CUES:
                o.etype, o.key = "city", cities[0].key
            else:
                o.etype, o.key = "country", countries[0].key
        else:
            pending.append(o)
    if not pending:
        return
    named: dict[str, int] = {}
    city_named: dict[str, int] = {}
    for o in occs:
        if o.etype == "country":
            named[o.key] = named.get(o.key, 0) + 1
        elif o.etype == "city":
            c = gaz.city_country.get(o.key)
            if c:
                city_named[c] = city_named.get(c, 0) + 1

    def pick(cands: list[str], counts: dict[str, int]) -> str | None:
        hits = [c for c in cands if counts.get(c)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            hits.sort(key=lambda c: -counts[c])
            if counts[hits[0]] > counts[hits[1]]:
                return hits[0]
        return None

    pending_ids = {id(o) for o in pending}
    for idx, o in enumerate(occs):
        if id(o) not in pending_ids:
            continue
        ts = o.targets
        orgs = [t.key for t in ts if t.etype == "org"]
        if orgs:
            by_country: dict[str, list[str]] = {}
            for slug in orgs:
                by_country.setdefault(gaz.org_country.get(slug) or "", []).append(slug)
            if source_country and len(by_country.get(source_country, ())) == 1:
                o.etype, o.key = "org", by_country[source_country][0]
                continue
            c = pick([k for k in by_country if k], named) or pick(
                [k for k in by_country if k], city_named
            )
            if c and len(by_country[c]) == 1:
                o.etype, o.key = "org", by_country[c][0]
            continue
        amb = [t.key for t in ts if t.etype == "country"]
        cities = [t.key for t in ts if t.etype == "city"]
        city_ctry = {gaz.city_country.get(k): k for k in cities}
        if cities and (
            (o.i > 0 and norms[o.i - 1] in _CITY_CUES)
            or (o.i > 1 and norms[o.i - 2] in _CITY_CUES)
            or _is_dateline(text, o.start, o.end)
        ):
            o.etype, o.key = "city", cities[0]
            continue
        if source_country:
            if source_country in amb:
                o.etype, o.key = "country", source_country
                continue
            if source_country in city_ctry:
                o.etype, o.key = "city", city_ctry[source_country]
                continue
        c_hit = pick(amb, named)
        t_hit = pick([c for c in city_ctry if c], named)
        if c_hit and not t_hit:
            o.etype, o.key = "country", c_hit
        elif t_hit and not c_hit:
            o.etype, o.key = "city", city_ctry[t_hit]
        elif c_hit and t_hit:
            if _in_country_list(occs, idx, text):
                o.etype, o.key = "country", c_hit
            else:
                o.etype, o.key = "city", city_ctry[t_hit]
        elif len(amb) == 1 and _in_country_list(occs, idx, text):
            o.etype, o.key = "country", amb[0]  # "السعودية وقطر والكويت وعمان"
        elif not cities:
            c2 = pick(amb, city_named)
            if c2:
                o.etype, o.key = "country", c2


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A name opening a line and followed by a dash, colon or bracket ("عمان - ")."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t-" + script.FORMAT_CHARACTERS):
        return False
    after = text[end : end + 4].lstrip(" \t\u00a0")
    return bool(after) and after[0] in "-–—:(،,"


def _in_country_list(occs: list[_Occ], idx: int, text: str) -> bool:
    """Is occurrence ``idx`` an item of a list of countries ("السعودية وقطر وعمان")?"""
    for k in (idx - 1, idx + 1):
        if 0 <= k < len(occs) and occs[k].etype == "country":
            a, b = (occs[k].end, occs[idx].start) if k < idx else (occs[idx].end, occs[k].start)
            if b - a <= 6 and text[a:b].strip(" \t\u00a0") in ("", "،", ",", "و"):
                return True
    return False


def _mark_bracket_repeats(text: str, occs: list[_Occ]) -> None:
    for k in range(1, len(occs)):
        a, b = occs[k - 1], occs[k]
        if a.key == b.key and a.etype == b.etype:
            gap = text[a.end : b.start].strip(" \t\"'«“")
            if gap in ("(", "["):
                b.counted = False


def _mentions(
    text: str,
    occs: list[_Occ],
    sentences: list[tuple[int, int]],
    sent_of: Callable[[int], int],
) -> tuple[tuple[Mention, ...], tuple[Mention, ...], tuple[Mention, ...]]:
    groups: dict[tuple[str, str], list] = {}
    for o in occs:
        g = groups.get((o.etype, o.key))
        if g is None:
            si = sent_of(o.start)
            ev = text[sentences[si][0] : sentences[si][1]] if si >= 0 else text[o.start : o.end]
            g = groups[(o.etype, o.key)] = [0, ev, []]
        if o.counted:
            g[0] += 1
        sf = _surface_form(text, o)
        if sf not in g[2]:
            g[2].append(sf)
    out: dict[str, list[Mention]] = {"org": [], "country": [], "city": []}
    for (etype, key), (n, ev, forms) in groups.items():
        out[etype].append(Mention(key, max(n, 1), ev, tuple(forms)))
    return tuple(out["org"]), tuple(out["country"]), tuple(out["city"])


# --------------------------------------------------------------------------------------
# Meetings
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Sent:
    idx: int
    nouns: list[tuple[int, str, int, bool]] = field(default_factory=list)  # (tok, kind, cut, def)
    verbs: list[tuple[int, str]] = field(default_factory=list)
    refs: list[tuple[int, str | None]] = field(default_factory=list)
    demonstrative: bool = False
    participation_cue: bool = False
    editions: list[int] = field(default_factory=list)  # edition nouns (الدورة, النسخة)
    occs: list[_Occ] = field(default_factory=list)


_NEWLINE_RE = re.compile(r"\n")
_BOILERPLATE_FIRST = frozenset(m[0] for m in _BOILERPLATE_END)


def _main_text_end(
    text: str, starts: list[int], ends: list[int], norms: list[str], title_end: int
) -> int:
    """Character offset where the article's boilerplate begins (len(text) if none): a line
    that is only a marker ("إقرأ أيضاً:", "مقالات مشابهة", "أخبار ذات صلة"), or a marker
    and a colon ("المصدر: صحيفة الجزيرة", "كلمات دلالية: ...").  A marker line with a headline after it
    ("اقرأ أيضاً<headline>") is skipped, not an end: the article may go on after it."""
    n = len(norms)
    for m in _NEWLINE_RE.finditer(text):
        ls = m.end()
        if ls <= title_end:
            continue
        i = bisect_left(starts, ls)
        if i >= n or norms[i] not in _BOILERPLATE_FIRST or text[ls : starts[i]].strip(" \t•*-"):
            continue
        for marker in _BOILERPLATE_END:
            k = len(marker)
            if tuple(norms[i : i + k]) == marker:
                line_end = text.find("\n", starts[i])
                line_end = len(text) if line_end < 0 else line_end
                rest = bisect_left(starts, line_end) - i - k
                if rest <= 4 or text[ends[i + k - 1] : line_end].lstrip().startswith(":"):
                    return ls
    return len(text)


def _meeting(
    *,
    text: str,
    toks: _Tokens,
    title_end: int,
    starts: list[int],
    ends: list[int],
    norms: list[str],
    sentences: list[tuple[int, int]],
    sent_of: Callable[[int], int],
    occs: list[_Occ],
    published: dt.date | None,
    gaz: Gazetteer,
) -> MeetingFacts | None:
    lex = _EVENT_LEX
    n = len(norms)
    hits = list(compress(count(), map(lex.__contains__, norms)))
    if not hits:
        return None
    tags_of = [lex[norms[t]] for t in hits]
    if not any(tg[0] == "verb" for tags in tags_of for tg in tags) or not any(
        tg[0] in ("noun", "head") for tags in tags_of for tg in tags
    ):
        return None
    main_end = _main_text_end(text, starts, ends, norms, title_end)
    # per-sentence features
    sents: dict[int, _Sent] = {}
    sport = 0
    for t, tags in zip(hits, tags_of, strict=True):
        if starts[t] >= main_end:
            break
        if tags[0][0] == "sport":
            sport += 1
            continue
        si = sent_of(starts[t])
        if si < 0:
            continue
        s = sents.get(si)
        if s is None:
            s = sents[si] = _Sent(si)
        for tag in tags:
            typ = tag[0]
            if typ == "noun":
                if t + 1 < n and norms[t + 1] in _PRESS:
                    continue  # "مؤتمر صحفي", "ندوة صحفية": statements, not meetings
                s.nouns.append((t, tag[1], tag[2], tag[3]))
            elif typ == "head":
                nxt = _article_free(norms[t + 1]) if t + 1 < n else ""
                kind = _TWO_WORD[tag[1]].get(nxt)
                if kind and _joinable(text, ends[t], starts[t + 1]):
                    s.nouns.append((t, kind, tag[2], tag[3]))
            elif typ == "ref":
                s.refs.append((t, tag[1]))
            elif typ == "verb":
                s.verbs.append((t, tag[1]))
                if tag[1] == "participate":
                    s.participation_cue = True
            elif typ == "pcue":
                s.participation_cue = True
            elif typ == "edition":
                s.editions.append(t)
        if t > 0 and norms[t - 1] in _DEMONSTRATIVES and tags[0][0] in ("noun", "ref"):
            s.demonstrative = True
    if not sents:
        return None
    order = sorted(sents)
    # the primary event sentence
    primary: _Sent | None = None
    for si in order:
        s = sents[si]
        if s.nouns and s.verbs:
            primary = s
            break
    if primary is None:
        return None
    kind_tok = _primary_noun(primary)
    kind = kind_tok[1]
    # the event region
    region: list[int] = []
    prev_in = False
    for si in order:
        s = sents[si]
        is_event = bool(s.nouns and s.verbs)
        is_ref = (
            s.demonstrative
            or any(k is None or k == kind for _, k in s.refs)
            or any(k == kind and d for _, k, _c, d in s.nouns)
            or any(c == "meet" for _, c in s.verbs)
        )
        cont = prev_in and s.participation_cue and si == region[-1] + 1 if region else False
        if is_event or is_ref or cont or si == primary.idx:
            region.append(si)
            prev_in = True
        else:
            prev_in = False
    # occurrences per sentence
    by_sent: dict[int, list[_Occ]] = {}
    for o in occs:
        si = sent_of(o.start)
        if si in sents:
            by_sent.setdefault(si, []).append(o)
    for si, lst in by_sent.items():
        sents[si].occs = lst
    if sport >= _SPORT_MIN and not any(o.etype == "org" for si in region for o in sents[si].occs):
        return None

    def sentence_text(si: int) -> str:
        a, b = sentences[si]
        return text[a:b]

    evidence: dict[str, str] = {"kind": sentence_text(primary.idx)}
    places = {o.i: o for o in occs if o.etype in ("city", "country")}
    ordered = [primary.idx] + [si for si in region if si != primary.idx]

    # ---- name, edition, series
    best = None  # (score, name, sentence, edition, ordinal text, token span)
    for si in ordered:
        s = sents[si]
        for tok, k, cut, definite in s.nouns:
            if k != kind:
                continue
            name_a, name_b, name = _name_phrase(
                text, starts, ends, norms, tok, cut, sentences[si], places
            )
            if not name:
                continue
            ed = _edition_at(text, starts, ends, norms, name_a, name_b)
            score = (ed is not None, min(name_b - name_a, 16), definite, si == primary.idx)
            if best is None or score > best[0]:
                best = (score, name, si, ed, (name_a, name_b))
    if best is None:
        name = text[starts[kind_tok[0]] : ends[kind_tok[0]]]
        name_si, ed, name_span = primary.idx, None, (kind_tok[0], kind_tok[0] + 1)
    else:
        _, name, name_si, ed, name_span = best
    evidence["name"] = sentence_text(name_si)
    edition = ed[0] if ed else None
    ordinal_text = ed[1] if ed else None
    if edition is not None:
        evidence["edition"] = sentence_text(name_si)
    else:
        # "الاجتماع الرابع" elsewhere in the region, or "الدورة الرابعة لملتقى ..."
        for si in ordered:
            s = sents[si]
            lo, hi = _tok_range(starts, sentences[si])
            for t in [x[0] for x in s.nouns] + s.editions:
                tags = _EVENT_LEX.get(norms[t], ())
                own = any(tg[0] == "noun" and tg[1] == kind for tg in tags)
                if not own and not any(tg[0] == "edition" for tg in tags):
                    continue
                found = _edition_at(text, starts, ends, norms, t, hi)
                if found and (
                    own
                    or _kind_follows(norms, found[2], hi, kind)
                    or (norms[t].endswith(("ته", "تها")) and _kind_before(norms, lo, t, kind))
                ):
                    edition, ordinal_text = found[0], found[1]
                    evidence["edition"] = sentence_text(si)
                    break
            if edition is not None:
                break
    series_name = series_key = None
    recurring = edition is not None or any(
        _article_free(_norm(w)) in _RECURRING for w in name.split()
    )
    if recurring:
        series_name = _series_name(name, ordinal_text)
        series_key = _series_key(kind, series_name)
        if series_key:
            evidence["series"] = sentence_text(name_si)
        else:
            series_name = None

    # ---- place
    city = country = None
    for si in ordered:
        for o in sents[si].occs:
            if o.etype == "city":
                city = o.key
                evidence["city"] = sentence_text(si)
                break
        if city:
            break
    if city is None:
        city, city_si = _dateline_city(text, occs, sent_of, main_end)
        if city is not None:
            evidence["city"] = sentence_text(city_si)
    if city is not None:
        country = gaz.city_country.get(city)
        evidence["country"] = evidence["city"]
    # ---- roles
    roles: dict[str, set[str]] = {}
    role_ev: dict[str, str] = {}
    part_countries: list[str] = []
    place_countries: list[tuple[str, int]] = []  # (iso2, sentence): "في السعودية", host
    for si in ordered:
        s = sents[si]
        if not s.occs:
            continue
        assigned = _assign_roles(norms, s, _tok_range(starts, sentences[si]))
        for o, role in assigned:
            if o.etype == "org":
                roles.setdefault(o.key, set()).add(role)
                role_ev.setdefault(role + "s", sentence_text(si))
            elif o.etype == "country":
                if role == "participant":
                    if o.key not in part_countries:
                        part_countries.append(o.key)
                        role_ev.setdefault("participant_countries", sentence_text(si))
                elif role == "host":
                    place_countries.append((o.key, si))  # "السعودية تستضيف"
        for o in s.occs:
            if o.etype == "country" and o.i > 0 and _is_place_prefix(norms, o):
                place_countries.insert(0, (o.key, si))
    if country is None and place_countries:
        # a country named as the place ("في السعودية") before one named as host
        country, country_si = place_countries[0]
        evidence["country"] = sentence_text(country_si)
        if city is None:
            same = gaz.same_name_city.get(country)
            if same and _named_bare(occs, country):
                city = same
                evidence["city"] = evidence["country"]
    # the body named in the event's name takes part in it ("الاجتماع الرابع للفريق العامل")
    for o in sents[name_si].occs:
        if o.etype == "org" and name_span[0] <= o.i < name_span[1] and o.key not in roles:
            roles[o.key] = {"participant"}
            role_ev.setdefault("participants", sentence_text(name_si))
    # an agreement's name with its parties: "مذكرة تفاهم بين X و Y"
    parties = [k for k, r in roles.items() if r == {"participant"}]
    if kind == "agreement" and len(parties) >= 2 and name_span[1] - name_span[0] <= 3:
        forms = [next(_surface_form(text, o) for o in occs if o.key == k) for k in parties[:2]]
        name = f"{name} بين {forms[0]} و{forms[1]}"
    # an organization is an organizer and/or a host, else a participant
    organizers = tuple(k for k, r in roles.items() if "organizer" in r)
    hosts = tuple(k for k, r in roles.items() if "host" in r)
    participants = tuple(k for k, r in roles.items() if r == {"participant"})
    part_countries = [c for c in part_countries if c != country]
    for field_name, values in (
        ("organizers", organizers),
        ("hosts", hosts),
        ("participants", participants),
    ):
        if values:
            evidence[field_name] = role_ev[field_name]
    if part_countries:
        evidence["participant_countries"] = role_ev["participant_countries"]

    # ---- dates
    start, end, date_si = _dates(text, toks, sentences, ordered, primary.idx, published)
    if start is not None:
        evidence["dates"] = sentence_text(date_si)

    return MeetingFacts(
        kind=kind,
        name=name,
        series_key=series_key,
        series_name=series_name,
        edition=edition,
        city=city,
        country=country,
        start=start,
        end=end,
        organizers=organizers,
        hosts=hosts,
        participants=participants,
        participant_countries=tuple(part_countries),
        evidence=evidence,
    )


_ROLE_WINDOW = 8
# every token that can be a role cue (the others are skipped)
_ROLE_TOKENS = frozenset(
    {w for w, c in _VERBS.items() if c in _ROLE_OF_VERB}
    | _PARTICIPANT_CUES
    | _HOST_CUES
    | _ORGANIZER_CUES
    | {"نطاق", "اشراف", "بين", "ذلك", "فيهم", "قبل", "الي", "تنظيمه", "تنظيمها"}
)


def _tok_range(starts: list[int], sent: tuple[int, int]) -> tuple[int, int]:
    return bisect_left(starts, sent[0]), bisect_left(starts, sent[1])


def _primary_noun(s: _Sent) -> tuple[int, str, int, bool]:
    """The kind noun of the primary sentence: the first one after a verb, else the first."""
    first_verb = min(t for t, _ in s.verbs)
    after = [x for x in s.nouns if x[0] > first_verb]
    return (after or s.nouns)[0]


def _has_ordinal(norms: list[str], a: int, b: int) -> bool:
    for t in range(a, b):
        w = norms[t]
        if w in _ORDINAL_WORDS or w.isdigit() or (w.startswith("ال") and w[2:].isdigit()):
            return True
    return False


def _edition_at(
    text: str, starts: list[int], ends: list[int], norms: list[str], tok: int, limit: int
) -> tuple[int, str, int] | None:
    """The edition after the event or edition noun at ``tok``: (value, ordinal text as
    written, token after the ordinal), or None.  Up to two adjectives may come first
    ("المؤتمر العربي الرابع والعشرون", "القمة العربية الـ28"); a bare number counts right
    after the noun ("الدورة 27").  The words are read by ``parse_ordinal``."""
    k = tok + 1
    adjectives = 0
    while k < limit:
        w = norms[k]
        if w in _ORDINAL_WORDS or (w == "ال" and k + 1 < limit and norms[k + 1].isdigit()):
            break
        if w.isdigit() and k == tok + 1 and len(w) <= 3 and _genitive_after(norms, k + 1, limit):
            break  # "الدورة 27 لأيام قرطاج", not "الاجتماع 5 أحزاب"
        if adjectives < 2 and w.startswith("ال") and not w.startswith("لل") and len(w) > 3:
            adjectives += 1
            k += 1
            continue
        if w == "في" and k + 1 < limit and _is_edition_norm(norms[k + 1]):
            k += 2  # "القمة العربية في دورتها الـ28"
            continue
        return None
    else:
        return None
    a = k
    if norms[k] == "ال":
        k += 2
    elif norms[k].isdigit():
        k += 1
    else:
        while k < limit and (
            norms[k] in _ORDINAL_WORDS
            or (norms[k] == "و" and k + 1 < limit and norms[k + 1] in _ORDINAL_WORDS)
        ):
            k += 1  # "الثامنة و العشرين"
    raw = text[starts[a] : ends[k - 1]]
    value = parse_ordinal(raw)
    return (value, raw, k) if value else None


def _genitive_after(norms: list[str], k: int, limit: int) -> bool:
    """Nothing, or a genitive ("للقمة", "من", "في"), after a number: an edition."""
    if k >= limit:
        return True
    w = norms[k]
    return w in ("من", "في") or w.startswith(("ل", "ال"))


def _is_edition_norm(w: str) -> bool:
    return any(tg[0] == "edition" for tg in _EVENT_LEX.get(w, ()))


def _kind_before(norms: list[str], lo: int, t: int, kind: str) -> bool:
    """Is an event noun of ``kind`` shortly before ``t`` ("المنتدى الدولي في دورته")?"""
    for k in range(max(lo, t - 8), t):
        if any(tg[0] == "noun" and tg[1] == kind for tg in _EVENT_LEX.get(norms[k], ())):
            return True
    return False


def _kind_follows(norms: list[str], k: int, limit: int, kind: str) -> bool:
    """Is an event noun of ``kind`` among the 3 tokens from ``k`` ("الدورة الرابعة لملتقى")?"""
    for t in range(k, min(k + 3, limit)):
        if any(tg[0] == "noun" and tg[1] == kind for tg in _EVENT_LEX.get(norms[t], ())):
            return True
    return False


def _name_phrase(
    text: str,
    starts: list[int],
    ends: list[int],
    norms: list[str],
    tok: int,
    cut: int,
    sent: tuple[int, int],
    places: dict[int, _Occ],
) -> tuple[int, int, str]:
    """(first token, last token + 1, name text) of the event name at noun ``tok``."""
    sa, sb = sent
    a = tok
    first_cut = cut
    # an edition word before: "الدورة الثانية للقمة", "النسخة الـ24 من مؤتمر"
    k = tok - 1
    hops = 0
    while k >= 0 and hops < 5 and starts[k] >= sa:
        if not _NAME_GAP_RE.fullmatch(text, ends[k], starts[k + 1]):
            break
        tags = _EVENT_LEX.get(norms[k], ())
        if any(tg[0] == "edition" for tg in tags):
            a = k
            first_cut = next(tg[1] for tg in tags if tg[0] == "edition")
            break
        w = norms[k]
        if not (
            w in _ORDINAL_WORDS
            or w.isdigit()
            or w in ("من", "و")
            or w.startswith("ال")
            or w.startswith("وال")
        ):
            break
        k -= 1
        hops += 1
    if a != tok and not _has_ordinal(norms, a, tok):
        a, first_cut = tok, cut
    # extend to the right
    b = tok + 1
    n = len(norms)
    two = _EVENT_LEX.get(norms[tok], ())
    if any(tg[0] == "head" for tg in two) and not any(tg[0] == "noun" for tg in two):
        b = tok + 2
    limit = a + 24
    # a definite noun takes definite adjectives, then a prepositional or genitive phrase,
    # not an indefinite word: "شهدته القمّة سقوط الرئيس" ends after "القمّة"
    adjectives = _is_definite(norms[tok])
    while b < n and b < limit and ends[b] <= sb:
        if not _NAME_GAP_RE.fullmatch(text, ends[b - 1], starts[b]):
            break
        w = norms[b]
        if w in _NAME_STOP and w not in _NAME_KEEP_AFTER_STOP:
            break
        if w == "بين" and b + 1 < n and norms[b + 1] in ("الطرفين", "الجانبين"):
            break
        tags = _EVENT_LEX.get(w)
        if tags and any(tg[0] == "verb" for tg in tags) and not w.startswith("ال"):
            break
        if w.isdigit() and not (
            norms[b - 1] == "ال" or (b == tok + 1 and _genitive_after(norms, b + 1, n))
        ):
            break  # a date or a count, not "المؤتمر 23 للاتحاد" or "القمة الـ28"
        if w == "في" and b + 1 < n:
            nxt = norms[b + 1]
            if nxt in _CITY_CUES or nxt in _PLACE_WORDS or (b + 1) in places:
                break
        if w in _CITY_CUES:
            break
        if adjectives and not _is_definite(w):
            if not _may_follow_definite(w):
                break
            adjectives = False
        place = places.get(b)
        if place is not None and (place.cut and w[0] == "ب" or place.etype == "city"):
            break
        b += 1
    while b > tok + 1 and norms[b - 1] in _TRAILING_FUNCTION:
        b -= 1
    raw = text[starts[a] : ends[b - 1]]
    if first_cut:
        raw = _drop_proclitic(raw, first_cut, norms[a])
    raw = _drop_tanween(raw, norms[tok])
    return a, b, raw


_PLACE_WORDS = frozenset({"مقر", "الفتره", "يوم", "يومي", "ختام", "اطار", "سياق"})
_DEFINITE_PREFIXES = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
_PREPOSITIONS = frozenset({"في", "عن", "حول", "بين", "من", "علي", "الي", "مع", "ضد", "لدي"})


def _is_definite(w: str) -> bool:
    return w.startswith(_DEFINITE_PREFIXES)


def _may_follow_definite(w: str) -> bool:
    return (
        _is_definite(w)
        or w in _PREPOSITIONS
        or w in _ORDINAL_WORDS
        or w[0] in "لب"
        or w.isdigit()
        or w.startswith("ال")
    )


def _drop_proclitic(raw: str, cut: int, norm_first: str) -> str:
    """Remove ``cut`` proclitic letters from the first word ("وللمؤتمر" -> "المؤتمر")."""
    k = pos = 0
    while pos < len(raw) and k < cut:
        if raw[pos] not in _IGN_SET:
            k += 1
        pos += 1
    while pos < len(raw) and raw[pos] in _IGN_SET:
        pos += 1
    rest = raw[pos:]
    # ل + ال is written لل: "للقمة" -> "القمة" (no event noun starts with ل)
    if norm_first[cut:].startswith("ل"):
        rest = "ا" + rest
    return rest


_TANWEEN = script.FATHATAN + script.FATHA


def _drop_tanween(raw: str, noun_norm: str) -> str:
    """ "مؤتمرا مشتركا حول ..." -> "مؤتمر مشترك حول ...": the indefinite accusative of the
    noun and of the adjectives right after it."""
    if not (noun_norm.endswith("ا") and noun_norm[:-1] in _KIND_NOUNS):
        return raw
    words = raw.split(" ")
    for idx, w in enumerate(words):
        bare = w.rstrip(_TANWEEN)
        if not bare.endswith("ا") or len(bare) < 4 or (idx and _is_definite(_norm(bare))):
            break
        words[idx] = bare[:-1].rstrip(_TANWEEN)
    return " ".join(words)


def _series_name(name: str, ordinal: str | None) -> str:
    """The name without its ordinal, readable: "المؤتمر العربي الرابع والعشرون للمسؤولين"
    -> "المؤتمر العربي للمسؤولين", "الدورة الثانية للقمة الدولية" -> "القمة الدولية",
    "الاجتماع الرابع للفريق العامل" -> "اجتماع الفريق العامل", "القمة العربية في دورتها
    الـ28" -> "القمة العربية"."""
    a = name.find(ordinal) if ordinal else -1
    if a < 0:
        return name
    b = a + len(ordinal)
    head_toks = name[:a].split()
    tail_toks = name[b:].split()
    if len(head_toks) == 1 and _is_edition_word(head_toks[0]):
        # "الدورة الثانية للقمة ..." / "النسخة الـ24 من مؤتمر ...": the event's own name
        if tail_toks and tail_toks[0] == "من":
            tail_toks = tail_toks[1:]
        if tail_toks:
            tail_toks[0] = _strip_lam(tail_toks[0])
        return " ".join(tail_toks)
    while head_toks and (
        _is_edition_word(head_toks[-1]) or _norm(head_toks[-1]) in _TRAILING_FUNCTION
    ):
        head_toks.pop()  # "القمة العربية في دورتها"
    toks = head_toks + tail_toks
    if (
        len(head_toks) == 1
        and len(toks) >= 2
        and toks[0].startswith("ال")
        and _norm(toks[1]).startswith("لل")
    ):
        # "الاجتماع للفريق العامل" -> "اجتماع الفريق العامل"
        toks[0] = toks[0][2:]
        toks[1] = "ال" + toks[1][2:]
    return " ".join(toks)


def _is_edition_word(word: str) -> bool:
    return any(tg[0] == "edition" for tg in _EVENT_LEX.get(_norm(word), ()))


def _strip_lam(s: str) -> str:
    if s.startswith("لل"):
        return "ال" + s[2:]
    if s.startswith("ل") and len(s) > 1:
        return s[1:]
    return s


def _series_key(kind: str, series_name: str) -> str | None:
    """A stable signature of a series: the kind and up to ten content words of its name,
    normalized, without article, proclitics, function words and event or edition nouns
    (so "للمسؤولين عن مكافحة" and "المسؤولين لمكافحة" agree).  A key, not a text."""
    words = []
    for tok in _name_tokens(series_name)[0]:
        w = _article_free(tok)
        if w in _KEY_DROP or tok in _KEY_DROP or w in _ORDINAL_WORDS or w.isdigit():
            continue
        if w in _KIND_NOUNS or any(
            tg[0] in ("noun", "head", "edition") for tg in _EVENT_LEX.get(tok, ())
        ):
            continue
        if len(w) >= 5 and w[0] in "لبو":
            w = w[1:]  # "لمكافحة" and "مكافحة" give one key word
        words.append(w)
    if not words:
        return None
    return kind + ":" + " ".join(words[:10])


def _dateline_city(
    text: str, occs: list[_Occ], sent_of: Callable[[int], int], main_end: int
) -> tuple[str | None, int]:
    lines_seen = 0
    for o in occs:
        if o.start >= main_end or lines_seen > 8:
            break
        if o.etype == "city" and _is_dateline(text, o.start, o.end):
            return o.key, sent_of(o.start)
        lines_seen = text.count("\n", 0, o.start)
    return None, -1


def _is_place_prefix(norms: list[str], o: _Occ) -> bool:
    """Is a country occurrence introduced as a place ("في السعودية", "بأوزبكستان")?"""
    if o.cut and norms[o.i][0] == "ب":
        return True
    return o.i > 0 and norms[o.i - 1] in ("في", "ب", "داخل")


def _named_bare(occs: list[_Occ], country: str) -> bool:
    return any(o.etype == "country" and o.key == country for o in occs)


def _assign_roles(
    norms: list[str],
    s: _Sent,
    tok_range: tuple[int, int],
) -> list[tuple[_Occ, str]]:
    """Roles of the occurrences of one sentence from the cues before (or after) them."""
    occs = s.occs
    if not occs:
        return []
    lo, hi = tok_range
    n = len(norms)
    agreement = any(k == "agreement" for _, k, _c, _d in s.nouns)
    out: list[tuple[_Occ, str]] = []
    role: str | None = None
    anchor = -1  # the role reaches names starting within _ROLE_WINDOW tokens of this token
    pending: list[_Occ] = []
    since_cue: list[int] = []
    oi = 0
    cues = list(compress(range(lo, hi), map(_ROLE_TOKENS.__contains__, norms[lo:hi])))
    for t in (*cues, hi):
        while oi < len(occs) and occs[oi].i <= t:
            o = occs[oi]
            if role and o.i - anchor <= _ROLE_WINDOW:
                since_cue.append(len(out))
                out.append((o, role))
                anchor = o.j - 1
            else:
                role = None
                pending.append(o)
            oi += 1
        if t == hi:
            break
        w = norms[t]
        new_role = None
        subject_role = None
        for tg in _EVENT_LEX.get(w, ()):
            if tg[0] != "verb":
                continue
            cls_name = tg[1]
            r = _ROLE_OF_VERB.get(cls_name)
            if cls_name == "participate" and t + 2 < n and norms[t + 1] == "في":
                obj = norms[t + 2]
                otags = _EVENT_LEX.get(obj, ())
                if obj in ("تنظيمه", "تنظيمها", "تنظيم"):
                    r = "organizer"
                elif not (
                    obj in _EVENTISH
                    or any(x[0] in ("noun", "ref", "edition", "head") for x in otags)
                ):
                    r = None  # "يشارك في رئاسة المركز": no participation in the event
            if r:
                new_role = r
                if cls_name in _SUBJECT_VERBS:
                    subject_role = r
            break
        if w in _PARTICIPANT_CUES:
            new_role = "participant"
        elif w in _HOST_CUES:
            new_role = "host"
        elif (
            w in _ORGANIZER_CUES
            or (w == "نطاق" and norms[t - 1] == "في")
            or (w == "اشراف" and norms[t - 1] == "تحت")
        ):
            new_role = "organizer"
        elif w == "بين" and agreement:
            new_role = "participant"
        elif w in ("ذلك", "فيهم") and t > 1 and norms[t - 2] in ("بما", "بمن"):
            new_role = role or "participant"
        elif (
            role
            and t - anchor <= _ROLE_WINDOW
            and (
                (w == "قبل" and norms[t - 1] == "من") or (w == "الي" and norms[t - 1] == "بالاضافه")
            )
        ):
            anchor = t  # "تم تنظيم هذا الحدث بشكل مشترك من قبل X", "بالإضافة إلى X"
            continue
        elif w in ("تنظيمه", "تنظيمها") and norms[t - 1] == "في":
            # "شاركت X و Y في تنظيمه": the names since the participation cue organized it
            for idx in since_cue:
                o, r = out[idx]
                if r == "participant":
                    out[idx] = (o, "organizer")
            since_cue = []
            role = None
            continue
        if new_role:
            if subject_role and pending:
                # the names right before the verb are its subjects ("X و Y تعقدان")
                nxt = t
                subjects = []
                for o in reversed(pending):
                    if nxt - o.j > 2:
                        break
                    subjects.append(o)
                    nxt = o.i
                out.extend((o, subject_role) for o in reversed(subjects))
            pending = []
            role = new_role
            anchor = t
            since_cue = []
    return out


def _date_triggers() -> frozenset[str]:
    words = set()
    for name in (*MONTHS, *HIJRI_MONTHS):
        toks = _name_tokens(name)[0]
        if toks:
            words.add(toks[0])
    words.update(
        [
            "امس",
            "غدا",
            "غد",
            "الاحد",
            "الاثنين",
            "الثلاثاء",
            "الاربعاء",
            "الخميس",
            "الجمعه",
            "السبت",
            "احد",
            "اثنين",
            "ثلاثاء",
            "اربعاء",
            "خميس",
            "جمعه",
            "سبت",
            "غره",
            "مطلع",
        ]
    )
    out = set()
    for w in words:
        for p in ("", "و", "ب", "ف", "ل", "في"):
            out.add(p + w)
            if not w.startswith("ال") and len(w) > 2:
                out.add(p + "ال" + w)
    return frozenset(out)


_DATE_TRIGGERS = _date_triggers()
_DURATION_TRIGGERS = frozenset(
    [
        "يومين",
        "يومان",
        "ايام",
        "اياما",
        "يوما",
        "اسبوع",
        "اسبوعا",
        "اسبوعين",
        "اسبوعان",
        "لمده",
        "مدي",
    ]
)
_DATE_WINDOW = 45


def _windows(
    text: str, toks: _Tokens, sentences: list[tuple[int, int]], region: list[int], triggers
) -> list[tuple[int, int, int]]:
    """Merged character windows (start, end, sentence) around trigger tokens: month and
    weekday names, أمس/غدا, numeric dates (or duration words)."""
    out: list[tuple[int, int, int]] = []
    starts, ends, norms = toks.starts, toks.ends, toks.norms
    digits = triggers is _DATE_TRIGGERS
    for si in region:
        sa, sb = sentences[si]
        lo, hi = _tok_range(starts, (sa, sb))
        found = list(compress(range(lo, hi), map(triggers.__contains__, norms[lo:hi])))
        if digits:
            # a number is a date only as 20/12/2019 or 2019-12-20 ("20 ديسمبر" has its month)
            seps = toks.seps
            found += [
                t
                for t in compress(range(lo, hi), map(str.isdigit, norms[lo:hi]))
                if t + 1 < hi and seps[t + 1] in ("/", "-", ".")
            ]
            found.sort()
        for t in found:
            a = max(sa, starts[t] - _DATE_WINDOW)
            b = min(sb, ends[t] + _DATE_WINDOW)
            if out and out[-1][2] == si and a <= out[-1][1]:
                out[-1] = (out[-1][0], max(b, out[-1][1]), si)
            else:
                out.append((a, b, si))
    return out


def _dates(
    text: str,
    toks: _Tokens,
    sentences: list[tuple[int, int]],
    ordered: list[int],
    primary: int,
    published: dt.date | None,
) -> tuple[dt.date | None, dt.date | None, int]:
    """The event's dates from the region sentences (primary first).  Only windows around
    date words (digits, months, weekdays, أمس/غدا) are given to ``find_date_ranges``, which
    is costly per character."""
    region = sorted(ordered[:8])
    wins = _windows(text, toks, sentences, region, _DATE_TRIGGERS)
    # the primary sentence first: most articles date the event there, and the date parser
    # costs per character
    chosen = None
    for group in (
        [w for w in wins if w[2] == primary],
        [w for w in wins if w[2] != primary],
    ):
        if not group:
            continue
        parts = []
        offsets: list[tuple[int, int, int]] = []  # (start in joined, end, sentence)
        pos = 0
        for a, b, si in group:
            parts.append(text[a:b])
            offsets.append((pos, pos + b - a, si))
            pos += b - a + 1
        ranges = find_date_ranges("\n".join(parts), reference=published)
        if ranges:
            chosen = ranges[0]
            chosen_si = next((si for a, b, si in offsets if a <= chosen.span[0] < b), primary)
            break
    if chosen is None:
        return None, None, -1
    start, end = chosen.start, chosen.end
    if start == end:
        dwins = _windows(text, toks, sentences, region, _DURATION_TRIGGERS)
        if dwins:
            days = find_duration_days("\n".join(text[a:b] for a, b, _ in dwins))
            if days and 2 <= days <= 31:
                end = start + dt.timedelta(days=days - 1)
    return start, end, chosen_si
