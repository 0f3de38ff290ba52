"""Attribution phrases in Arabic news: "وفقا للألمانية", "نقلا عن وكالة الأنباء السعودية",
"(واس)", datelines like "تونس (وات) -".

The agency named in such a phrase is the article's source, never a country or a party to
the event: a reader of facts masks these spans first. Pure: no Django imports.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

# The short names news puts in brackets or after a preposition ("(واس)", "وفقا
# للألمانية"): the media outlets' ``attribution_names`` in archive/data/media.json, the one
# list (a curator adding an agency adds its short name there). These are the forms that
# need no head noun ("وكالة", "قناة") to be read as a source.
_MEDIA = Path(__file__).resolve().parents[1] / "data" / "media.json"


def _short_names() -> tuple[str, ...]:
    if not _MEDIA.exists():
        return ()
    rows = json.loads(_MEDIA.read_text(encoding="utf-8"))
    return tuple(dict.fromkeys(n for row in rows for n in row.get("attribution_names", ())))


AGENCY_SHORT_NAMES = _short_names()


def _alternation(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


def _with_lam(names: tuple[str, ...]) -> tuple[str, ...]:
    # After a lead the preposition ل joins the name: "لرويترز", "لـ واس", and before the
    # article it swallows the alef: "الألمانية" -> "للألمانية".
    out: list[str] = []
    for n in names:
        out += [n, "لـ" + n, "لـ " + n]
        out.append("ل" + n[1:] if n.startswith("ال") else "ل" + n)
    return tuple(out)


# The nouns that make what follows a named outlet ("وكالة رويترز", "صحيفة الشرق الأوسط").
HEAD_NOUNS = (
    "وكالة",
    "وكالات",
    "قناة",
    "صحيفة",
    "جريدة",
    "موقع",
    "شبكة",
    "إذاعة",
    "اذاعة",
    "تلفزيون",
    "التلفزيون",
    "مجلة",
    "يومية",
)
_HEADS = f"(?:{_alternation(_with_lam(HEAD_NOUNS))})"
# Words that end a name: the clause after it ("ذكرت وكالة رويترز أن ...").
_STOP = (
    r"(?:أن|إن|أنّ|إنّ|ان|أنه|إنه|عن|في|على|من|إلى|الى|اليوم|أمس|امس|التي|الذي|يوم|مساء|صباح)(?!\w)"
)
# The lead-ins: "according to", "quoting", "reported".
_LEADS = (
    r"(?:وفقا|وفقاً|وفق|طبقا|طبقاً|بحسب|حسب|حسبما|نقلا\s+عن|نقلاً\s+عن|ذكرت|ذكر|أفادت|افادت|"
    r"أفاد|أوردت|اوردت|أورد|نشرت|نشر|قالت|أكدت|أشارت|نقلت|نقل|صرح|تصريحات|تصريح)"
)
_MA = (
    r"(?:\s+ما\s+(?:أوردته|اوردته|أورده|أوردت|أورد|ذكرته|ذكرت|ذكره|ذكر|نقلته|نقلت|نقله|نقل|"
    r"نشرته|نشرت|نشره|نشر|أفادت\s+به|أفاد\s+به|قالته))?"
)
# A name after a head noun: a quoted name, or up to four words.
_WORD = rf"(?!{_STOP})[^\s،,.:;()\"«»\-]+"
_NAME = rf"(?:[\"«“][^\"»”\n]{{1,60}}[\"»”]|{_WORD}(?:\s+{_WORD}){{0,3}})"


@dataclass(frozen=True)
class _Patterns:
    lead: re.Pattern
    bracket: re.Pattern
    dashed: re.Pattern
    dateline: re.Pattern
    bare: dict[str, str]  # a short name or head noun with the lead's ل -> without it


@functools.lru_cache(maxsize=8)
def _patterns(short_names: tuple[str, ...]) -> _Patterns:
    """The phrases' patterns for these short names (compiled once per list)."""
    short = _alternation(short_names) if short_names else r"(?!x)x"
    with_lam = _alternation(_with_lam(short_names)) if short_names else r"(?!x)x"
    lead = re.compile(
        rf"(?<!\w)[وف]?{_LEADS}{_MA}\s+"
        rf"(?P<agency>(?:{_HEADS}\s+{_NAME})|(?:{with_lam}))(?!\w)"
    )
    bracket = re.compile(rf"\((?P<agency>\s*(?:{short})\s*)\)")
    # "... للزكاة. -وات-": the agency between dashes, closing the text or a paragraph
    dashed = re.compile(rf"(?<!\w)[-–—]\s*(?P<agency>{short})\s*[-–—](?!\w)")
    # "تونس (وات) -", "تونس 11 ديسمبر 2016 (وات) -": a place, perhaps a date, the agency
    # in brackets, a dash, at the start of a line.
    dateline = re.compile(
        rf"(?m)^[ \t]*(?P<place>[^\s()\-]+(?:[ \t]+[^\s()\-]+){{0,4}})[ \t]*"
        rf"\((?P<agency>\s*(?:{short})\s*)\)\s*[-–—]"
    )
    bare = {v: n for n in short_names + HEAD_NOUNS for v in _with_lam((n,))}
    return _Patterns(lead, bracket, dashed, dateline, bare)


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    agency: str  # the agency phrase as written, head noun included ("وكالة رويترز")
    kind: str  # "lead" (وفقا لـ...), "bracket" ((واس)), "dateline" (تونس (وات) -)
    # Where the agency's part begins: names in [agency_start, end) are the source's; a
    # dateline's place before it is a place.
    agency_start: int = -1


def _strip_lam(agency: str, bare: dict[str, str]) -> str:
    # "للألمانية" -> "الألمانية", "لوكالة رويترز" -> "وكالة رويترز": the preposition
    # belongs to the lead, not to the name.
    head, _, rest = agency.partition(" ")
    if agency in bare:
        return bare[agency]
    if head in bare:
        return f"{bare[head]} {rest}" if rest else bare[head]
    if head == "لـ" and rest:
        return _strip_lam(rest, bare) if rest in bare else rest
    return agency


def find_attributions(
    text: str, short_names: tuple[str, ...] = AGENCY_SHORT_NAMES
) -> list[Attribution]:
    """Every attribution phrase in ``text``, in order, non-overlapping (a dateline wins over
    the bracket inside it). ``short_names``: the agencies' short forms (the shipped ones by
    default; extraction passes its gazetteer's, so a curator's additions count)."""
    p = _patterns(tuple(short_names))
    found: list[Attribution] = []
    for m in p.dateline.finditer(text):
        found.append(
            Attribution(
                m.start("place"),
                m.end(),
                m.group("agency").strip(),
                "dateline",
                m.start() + m.group(0).index("("),
            )
        )
    for pattern in (p.bracket, p.dashed):
        for m in pattern.finditer(text):
            agency = m.group("agency").strip()
            found.append(Attribution(m.start(), m.end(), agency, "bracket", m.start()))
    for m in p.lead.finditer(text):
        agency = _strip_lam(m.group("agency").strip(), p.bare)
        found.append(Attribution(m.start(), m.end(), agency, "lead", m.start("agency")))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Attribution] = []
    for a in found:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out
