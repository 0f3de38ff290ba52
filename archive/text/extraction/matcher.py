"""The gazetteer (names, aliases and their precomputed token index) and name matching."""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, count
from pathlib import Path

from archive.text.extraction.tokens import (
    _AR_SET,
    _JOIN_GAP_RE,
    _LATIN_LETTER_RE,
    _name_tokens,
    _norm,
    _Tokens,
    _without_letters,
)
from archive.text.institutions import Grammar

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
_PREFIXES = ("و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
_ART_PREFIXES = ("و", "ف", "ب", "ك", "وب", "وك", "فب", "فك")  # before ال (ل+ال is لل)
_LIL_PREFIXES = ("", "و", "ف")  # + لل

# Single-token place forms that are mostly common words in news text (normalized): they
# count only right after a cue ("العاصمة الكورية سيول", "جمهورية بنين"): "مالية"
# (financial) is not Malé, "كابل" (cable) not Kabul, "سيول" (floods) not Seoul.
_CUE_ONLY_FORMS = frozenset(
    {"ماليه", "كابل", "ديلي", "سيول", "بنين", "مشهد", "حماه", "بورصه", "الاقصر"}
)
# Proclitic readings that are common words: "وجوبا" (obligatorily) is not "و + جوبا".
_BLOCKED_VARIANTS = frozenset({"وجوبا"})
# A name followed by one of these is another body: "الاتحاد الإفريقي لكرة القدم".
_NOT_AFTER = frozenset({"لكره", "للكره", "للالعاب", "لالعاب", "للرياضه", "للسله", "لليد"})
# A place name followed by one of these is a common phrase: "مسقط رأس" (birthplace).
_PHRASE_AFTER = {"مسقط": frozenset({"راس", "رءس", "راسه", "راسها"})}

# City cues: the next name is a city ("العاصمة الأردنية عمان", "مدينة الكويت").
_CITY_CUES = frozenset({"العاصمه", "عاصمه", "مدينه", "بمدينه", "المدينه", "بالعاصمه", "وعاصمتها"})
# Region cues: the next name is a governorate or province, not its chief town ("ولاية
# نابل", "محافظة الأقصر", "محافظ سوسة"), and so are the names listed after it ("ولايات
# القصرين وقفصة وسيدي بوزيد").
_REGION_CUES = frozenset(
    {
        *(p + w for p in ("", "و", "ب", "ل", "وب", "ول") for w in ("ولايه", "محافظه", "معتمديه")),
        *(["ولايتي", "ولايات", "بولايات", "لولايات", "محافظتي", "محافظات", "بمحافظات", "معتمديات"]),
        *(["اقليم", "باقليم", "لاقليم", "محافظ", "لمحافظ", "معتمد"]),
    }
)
_PLACE_CUES = _CITY_CUES | {"جمهوريه", "دوله", "بدوله", "بجمهوريه", "وجمهوريه", "ودوله"}


@dataclass(frozen=True, slots=True)
class _Target:
    etype: str  # "org" | "country" | "city"
    key: str
    ambiguous: bool = False
    cue_only: bool = False  # a common word: counts only after a place cue
    # A state institution's grammar form (archive/text/institutions.py): every country's
    # body at once, the context picks one; needs_country: only with a country right after.
    institution: bool = False
    needs_country: bool = False


@dataclass(frozen=True, slots=True)
class _Head:
    """The names starting with one first-token key: one-word names, and the longer ones by
    their second token (longest first)."""

    singles: tuple[_Entry, ...]
    by_second: dict[str, tuple[_Entry, ...]]
    cs_second: bool  # some second token is case-sensitive ("\x00" + surface)


@dataclass(slots=True, eq=False)  # built ~200,000 times: no frozen __setattr__ per field
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
    city_population: dict[str, int] = field(repr=False, default_factory=dict)
    # country iso2 -> city key of its capital written with the same name ("الجزائر")
    same_name_city: dict[str, str] = field(repr=False, default_factory=dict)
    # country iso2 / city key -> the Arabic name to write it with (a composed event name)
    name_ar: dict[str, str] = field(repr=False, default_factory=dict)
    # The media outlets (kind "media"): a source, never a party to an event.
    org_kind: dict[str, str] = field(repr=False, default_factory=dict)  # slug -> kind
    media: frozenset[str] = field(repr=False, default=frozenset())
    # Clubs and sports federations (kind "sports"): a sports article's, not a meeting's.
    sports: frozenset[str] = field(repr=False, default=frozenset())
    # The agencies' short forms read in attribution phrases only ("وفقا للألمانية", "(واس)"):
    # as written (archive.text.attribution), and by their normalized key -> the outlet.
    attribution_names: tuple[str, ...] = field(repr=False, default=())
    attribution: dict[str, str] = field(repr=False, default_factory=dict)
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
        # Hundreds of thousands of small objects, all kept: the cyclic garbage collector
        # would walk them again and again while they are made (half the build's time).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._from_data(organizations, countries, cities)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _from_data(
        cls, organizations: Iterable[dict], countries: Iterable[dict], cities: Iterable[dict]
    ) -> Gazetteer:
        orgs = tuple(organizations)
        ctrs = tuple(countries)
        cits = tuple(cities)
        forms: dict[tuple[str, ...], list[_Target]] = {}
        seen: set[tuple[tuple[str, ...], _Target]] = set()

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
            if (key, target) not in seen:
                seen.add((key, target))
                forms.setdefault(key, []).append(target)

        org_country: dict[str, str | None] = {}
        org_kind: dict[str, str] = {}
        attribution_names: dict[str, None] = {}
        attribution: dict[str, str] = {}
        grammar = Grammar.default()
        by_iso = {c.get("iso2"): c for c in ctrs}
        for o in orgs:
            slug = o.get("slug")
            if not slug:
                continue
            org_country[slug] = o.get("country") or None
            org_kind[slug] = o.get("kind") or ""
            for short in o.get("attribution_names") or ():
                if short and short.strip():
                    attribution_names.setdefault(short.strip())
                    attribution.setdefault(_name_key(short), slug)
            t = _Target("org", slug)
            inst = o.get("institution")
            # A generated institution's own name is the grammar's form plus the country's
            # adjective: the grammar reads it (and counts the country), not this entry.
            if not (
                inst and o.get("name_ar") == grammar.name_of(inst, by_iso.get(o.get("country")))
            ):
                add(o.get("name_ar"), t)
            add(o.get("name_en"), t)
            add(o.get("acronym"), t, acr=True)
            for a in o.get("aliases") or ():
                add(a.get("name") if isinstance(a, dict) else a, t)
            if o.get("institution") and o.get("country"):
                alone, with_country, own = grammar.forms_of(o["institution"], o["country"])
                for form in alone:
                    add(form, _Target("org", slug, institution=True))
                for form in with_country:
                    add(form, _Target("org", slug, institution=True, needs_country=True))
                for form in own:
                    add(form, t)

        name_ar: dict[str, str] = {}
        for c in ctrs:
            iso = c.get("iso2")
            if not iso:
                continue
            if c.get("short_ar") or c.get("name_ar"):
                name_ar[iso] = c.get("short_ar") or c["name_ar"]
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
        city_population: dict[str, int] = {}
        # the most populous first: of two cities with one name, the larger one is listed
        # first among the name's targets
        cits = tuple(sorted(cits, key=lambda c: -(c.get("population") or 0)))
        for ci in cits:
            name_en, iso = ci.get("name_en"), ci.get("country")
            if not name_en or not iso:
                continue
            key = f"{name_en}|{iso}"
            city_country[key] = iso
            city_population[key] = int(ci.get("population") or 0)
            if ci.get("name_ar"):
                name_ar[key] = ci["name_ar"]
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
            if len(lst) == 1:  # most keys (a proclitic reading of one name): no sorting
                e = lst[0][0]
                if e.rest:
                    second = e.rest[0]
                    index[k] = _Head((), {second: (e,)}, second.startswith("\x00"))
                else:
                    index[k] = _Head((e,), {}, False)
                continue
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
            city_population=city_population,
            same_name_city=same_name_city,
            name_ar=name_ar,
            org_kind=org_kind,
            # the kinds extraction asks about at every mention, as sets
            media=frozenset(k for k, kind in org_kind.items() if kind == "media"),
            sports=frozenset(k for k, kind in org_kind.items() if kind == "sports"),
            attribution_names=tuple(attribution_names),
            attribution=attribution,
            _name_count=len(forms),
        )

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The gazetteer of the shipped data (cached): the organization files
        (``archive.facts.gazetteer.ORGANIZATION_FILES``), the state institutions of every
        country (``archive/text/institutions.py``), ``countries.json`` and the cities
        (``archive/facts/places.py``)."""

        # The shipped files and the generated institutions (archive/facts: data, no Django).
        from archive.facts.gazetteer import shipped, shipped_organizations

        organizations = shipped_organizations()
        countries = shipped("countries")
        return cls.from_data(
            organizations=organizations,
            countries=countries,
            cities=_maintained_cities(),
        )

    def __len__(self) -> int:
        return self._name_count


def _maintained_cities() -> list[dict]:
    # GeoNames under the hand list (archive/facts/places.py: data, no Django).
    from archive.facts.places import maintained_cities

    return maintained_cities()


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
        s = _without_letters(s, occ.cut)
        if occ.lil:
            s = "ال" + s
    return s
