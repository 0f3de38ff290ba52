"""Attribution phrases in Arabic news: "وفقا للألمانية", "نقلا عن وكالة الأنباء السعودية",
"(واس)", datelines like "تونس (وات) -".

The agency named in such a phrase is the article's source, never a country or a party to
the event: a reader of facts masks these spans first. Pure: no Django imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The short names news puts in brackets or after a preposition. Kept short on purpose:
# the gazetteer's media rows are the curator's full list; these are the forms that need no
# head noun ("وكالة", "قناة") to be read as a source.
AGENCY_SHORT_NAMES = (
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بنا",
    "العمانية",
    "أ ش أ",
    "أ ف ب",
    "أ.ف.ب",
    "ا ف ب",
    "لاماب",
    "ماب",
    "وات",
    "واج",
    "بترا",
    "سانا",
    "واع",
    "د ب أ",
    "رويترز",
    "الفرنسية",
    "الألمانية",
    "الأناضول",
    "شينخوا",
    "أسوشيتد برس",
    "يو بي آي",
    "يو بي أي",
    "سبأ",
    "وفا",
    "إرنا",
    "تاس",
)


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


_SHORT = _alternation(AGENCY_SHORT_NAMES)

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

_LEAD_RE = re.compile(
    rf"(?<!\w)[وف]?{_LEADS}{_MA}\s+"
    rf"(?P<agency>(?:{_HEADS}\s+{_NAME})|(?:{_alternation(_with_lam(AGENCY_SHORT_NAMES))}))(?!\w)"
)
_BRACKET_RE = re.compile(rf"\((?P<agency>\s*(?:{_SHORT})\s*)\)")
# "تونس (وات) -", "تونس 11 ديسمبر 2016 (وات) -": a place, perhaps a date, the agency in
# brackets, a dash, at the start of a line.
_DATELINE_RE = re.compile(
    rf"(?m)^[ \t]*(?P<place>[^\s()\-]+(?:[ \t]+[^\s()\-]+){{0,4}})[ \t]*\((?P<agency>\s*(?:{_SHORT})\s*)\)\s*[-–—]"
)


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    agency: str  # the agency phrase as written, head noun included ("وكالة رويترز")
    kind: str  # "lead" (وفقا لـ...), "bracket" ((واس)), "dateline" (تونس (وات) -)


_BARE = {v: n for n in AGENCY_SHORT_NAMES + HEAD_NOUNS for v in _with_lam((n,))}


def _strip_lam(agency: str) -> str:
    # "للألمانية" -> "الألمانية", "لوكالة رويترز" -> "وكالة رويترز": the preposition
    # belongs to the lead, not to the name.
    head, _, rest = agency.partition(" ")
    if agency in _BARE:
        return _BARE[agency]
    if head in _BARE:
        return f"{_BARE[head]} {rest}" if rest else _BARE[head]
    if head == "لـ" and rest:
        return _strip_lam(rest) if rest in _BARE else rest
    return agency


def find_attributions(text: str) -> list[Attribution]:
    """Every attribution phrase in ``text``, in order, non-overlapping (a dateline wins over
    the bracket inside it)."""
    found: list[Attribution] = []
    for m in _DATELINE_RE.finditer(text):
        found.append(Attribution(m.start("place"), m.end(), m.group("agency").strip(), "dateline"))
    for m in _BRACKET_RE.finditer(text):
        found.append(Attribution(m.start(), m.end(), m.group("agency").strip(), "bracket"))
    for m in _LEAD_RE.finditer(text):
        found.append(Attribution(m.start(), m.end(), _strip_lam(m.group("agency").strip()), "lead"))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Attribution] = []
    for a in found:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out
