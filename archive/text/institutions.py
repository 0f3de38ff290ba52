"""State institutions of every country, from a grammar (``archive/data/institutions.json``).

Every state has an interior ministry, an army, a parliament, a public prosecution...: the
grammar lists each kind of body once, with its Arabic forms, and this module makes one
organization per (country, kind of body), slug ``<iso2>-<key>`` ("tn-interior"), named
"وزارة الداخلية التونسية" / "Ministry of the Interior (Tunisia)".

Matching reads the forms, not the generated names (``Gazetteer.from_data`` asks
``forms_of``): a form of ``forms`` ("وزارة الداخلية", "الحرس الوطني") is every country's
body at once and the article's context picks one (a country adjective or name right after
it, "وزارة الداخلية التونسية", "وزارة الداخلية في الأردن"; else the press's country); a
form of ``country_forms`` ("الداخلية", "وزير الداخلية", "الشرطة") counts only with the
country right after it ("الداخلية المغربية", "وزير الداخلية الأردني", "الشرطة الألمانية"),
since on its own it is a common word or names a person. ``names`` holds a country's own
name for one of its bodies ("مجلس نواب الشعب", "الكنيست"): unambiguous.

Pure: no Django imports. A hand-curated organization (``organizations.json``) that carries
``"institution": "<key>"`` takes the place of the generated one for its country.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "institutions.json"


@dataclass(frozen=True, slots=True)
class Institution:
    key: str
    kind: str  # an OrganizationKind value
    gender: str  # "f" | "m": agreement of the adjective in the generated name
    name_en: str
    forms: tuple[str, ...]  # count alone; the country comes from the context
    country_forms: tuple[str, ...]  # count only with a country right after
    # The noun its generated name is built on ("الشرطة" -> "الشرطة التونسية"): the row's
    # "head", else its first form (a unit's form such as "فرقة الشرطة العدلية" is no name).
    head: str = ""


@dataclass(frozen=True, slots=True)
class Grammar:
    institutions: dict[str, Institution]
    names: dict[tuple[str, str], tuple[str, ...]]  # (iso2, key) -> the country's own names

    @classmethod
    @functools.cache
    def default(cls) -> Grammar:
        return cls.from_data(json.loads(DATA.read_text(encoding="utf-8")))

    @classmethod
    def from_data(cls, data: dict) -> Grammar:
        insts = {}
        for row in data.get("institutions", ()):
            insts[row["key"]] = Institution(
                key=row["key"],
                kind=row.get("kind", "national_agency"),
                gender=row.get("gender", "f"),
                name_en=row["name_en"],
                forms=tuple(row.get("forms", ())),
                country_forms=tuple(row.get("country_forms", ())),
                head=row.get("head")
                or next(iter((*row.get("forms", ()), *row.get("country_forms", ()))), ""),
            )
        names = {
            (iso, key): tuple(forms)
            for iso, by_key in (data.get("names") or {}).items()
            for key, forms in by_key.items()
            if key in insts
        }
        return cls(insts, names)

    def forms_of(self, key: str, iso2: str | None) -> tuple[tuple[str, ...], ...]:
        """(forms, country_forms, the country's own names) of one country's body."""
        inst = self.institutions.get(key)
        if inst is None:
            return ((), (), ())
        return inst.forms, inst.country_forms, self.names.get((iso2 or "", key), ())

    def name_of(self, key: str, country: dict | None) -> str | None:
        """The generated Arabic name of one country's body, None without one."""
        inst = self.institutions.get(key)
        if inst is None or not country or not (inst.forms or inst.country_forms):
            return None
        return name_ar(inst, country, self)


def slug_of(iso2: str, key: str) -> str:
    return f"{iso2.lower()}-{key}"


def _adjective(country: dict, gender: str) -> str | None:
    """The definite adjective agreeing with the head noun: التونسية (f), التونسي (m)."""
    for adj in country.get("adjectives_ar") or ():
        if not adj.startswith("ال") or " " in adj:
            continue
        if gender == "f" and adj.endswith("ة"):
            return adj
        if gender == "m" and adj.endswith("ي"):
            return adj
    return None


def name_ar(inst: Institution, country: dict, grammar: Grammar | None = None) -> str:
    own = (grammar or Grammar.default()).names.get((country["iso2"], inst.key))
    if own:
        return own[0]
    head = inst.head or (inst.forms or inst.country_forms)[0]
    adj = _adjective(country, inst.gender)
    if adj:
        return f"{head} {adj}"
    return f"{head} في {country.get('short_ar') or country['name_ar']}"


def generated_organizations(
    countries: Iterable[dict], existing: Iterable[dict] = (), grammar: Grammar | None = None
) -> list[dict]:
    """One organization dict (shaped like ``organizations.json``) per country and kind of
    body, except where ``existing`` already holds that country's body (a row with the same
    ``institution`` and ``country``, or the same slug)."""
    grammar = grammar or Grammar.default()
    taken = {(o.get("country"), o.get("institution")) for o in existing if o.get("institution")}
    slugs = {o.get("slug") for o in existing}
    out = []
    for country in countries:
        iso = country.get("iso2")
        if not iso:
            continue
        for inst in grammar.institutions.values():
            slug = slug_of(iso, inst.key)
            if (iso, inst.key) in taken or slug in slugs:
                continue
            if not (inst.forms or inst.country_forms or (iso, inst.key) in grammar.names):
                continue  # a body only some states have, named by them
            out.append(
                {
                    "slug": slug,
                    "name_ar": name_ar(inst, country, grammar),
                    "name_en": f"{inst.name_en} ({country['name_en']})",
                    "acronym": "",
                    "kind": inst.kind,
                    "country": iso,
                    "parent": None,
                    "institution": inst.key,
                    "aliases": [],
                }
            )
    return out
