"""Ambiguity resolution of matched names, and counting them into mentions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from archive.text import script
from archive.text.extraction.matcher import (
    _CITY_CUES,
    _NOT_AFTER,
    _PHRASE_AFTER,
    _PLACE_CUES,
    _REGION_CUES,
    Gazetteer,
    _Occ,
    _surface_form,
)
from archive.text.extraction.results import Mention


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
    institutions = [o for o in occs if any(t.institution for t in o.targets)]
    _resolve_names(
        text,
        [o for o in occs if not any(t.institution for t in o.targets)],
        norms,
        gaz,
        source_country,
    )
    if institutions:
        _resolve_institutions(text, occs, institutions, source_country, gaz)


# What may stand between a state body's form and the country that follows it: nothing but a
# space ("وزارة الداخلية التونسية", "بتونس"), or "في" ("وزارة الداخلية في الأردن").
_COUNTRY_GAPS = frozenset({"", "في"})


def _resolve_institutions(
    text: str,
    occs: list[_Occ],
    institutions: list[_Occ],
    source_country: str | None,
    gaz: Gazetteer,
) -> None:
    """A state institution's form is every country's body: the country named right after
    it picks one; without one, a
    form that may stand alone is the press's country's body, and the others are dropped."""
    position = {id(o): k for k, o in enumerate(occs)}
    for o in institutions:
        by_country: dict[str | None, str] = {}
        for t in o.targets:
            if t.etype == "org":
                by_country.setdefault(gaz.org_country.get(t.key), t.key)
        k = position[id(o)] + 1
        nxt = occs[k] if k < len(occs) else None
        if (
            nxt is not None
            and nxt.etype == "country"
            and nxt.key
            and text[o.end : nxt.start].strip(" \t\u00a0") in _COUNTRY_GAPS
            and "\n" not in text[o.end : nxt.start]
        ):
            if nxt.key in by_country:
                o.etype, o.key = "org", by_country[nxt.key]
                # The adjective is part of the name, and a country of the article too
                # ("الشرطة الهولندية": the Netherlands is a party).
                o.j, o.end = nxt.j, nxt.end
            continue
        if any(t.needs_country for t in o.targets):
            continue
        if source_country and source_country in by_country:
            o.etype, o.key = "org", by_country[source_country]


def _resolve_names(
    text: str,
    occs: list[_Occ],
    norms: list[str],
    gaz: Gazetteer,
    source_country: str | None,
) -> None:
    pending: list[_Occ] = []
    n = len(norms)
    region_end = -1  # end of the last name read as a region, for the list after it
    for o in occs:
        ts = o.targets
        if all(t.etype == "city" for t in ts):
            after_region = region_end >= 0 and text[region_end : o.start].strip(" \t\u00a0") in (
                "",
                "،",
                ",",
                "و",
            )
            if (o.i > 0 and norms[o.i - 1] in _REGION_CUES) or after_region:
                region_end = o.end
                continue
        region_end = -1
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

    # Names that are only cities first (the larger "الرياض" of two), so that the countries
    # of the cities they resolve to count for the ambiguous country aliases after them
    # ("المملكة" + "الرياض" is Saudi Arabia).
    first = [o for o in pending if all(t.etype == "city" for t in o.targets)]
    rest = [o for o in pending if not all(t.etype == "city" for t in o.targets)]
    for group in (first, rest):
        if group is rest:
            for o in first:
                c = gaz.city_country.get(o.key) if o.etype == "city" else None
                if c:
                    city_named[c] = city_named.get(c, 0) + 1
        _resolve_pending(text, occs, group, norms, gaz, source_country, named, city_named, pick)


def _resolve_pending(text, occs, group, norms, gaz, source_country, named, city_named, pick):
    pending_ids = {id(o) for o in group}
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
        cities = [t.key for t in ts if t.etype == "city"]  # the most populous first
        city_ctry: dict[str | None, str] = {}
        for k in cities:
            city_ctry.setdefault(gaz.city_country.get(k), k)
        if cities and (
            (o.i > 0 and norms[o.i - 1] in _CITY_CUES)
            or (o.i > 1 and norms[o.i - 2] in _CITY_CUES)
            or _is_dateline(text, o.start, o.end)
        ):
            # Surely a city: of the cities of that name, the one in a country the article
            # names, else in the press's country, else the most populous.
            c = pick([c for c in city_ctry if c], named) or pick(
                [c for c in city_ctry if c], city_named
            )
            if c is None and source_country in city_ctry:
                c = source_country
            o.etype, o.key = "city", city_ctry[c] if c else cities[0]
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
        elif not amb:
            # Only cities share the name, and the article names none of their countries
            # ("سان خوسيه" at a Californian conference): the most populous, when it is at
            # least twice the next one's size; otherwise nothing is guessed.
            sizes = [gaz.city_population.get(k, 0) for k in cities]
            if len(sizes) == 1 or sizes[0] >= 2 * max(sizes[1], 1):
                o.etype, o.key = "city", cities[0]


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
