"""Attribution phrases in extraction: the agency an article cites is its source.

"وفقا للألمانية", "نقلا عن وكالة الأنباء السعودية", "(واس)", "تونس (وات) -"
(archive.text.attribution): a country or a city named in the agency's part of such a
phrase is no country or place of the article ("الألمانية" there is dpa, not Germany), an
agency written by its short name is the outlet of the gazetteer that has that short name
(``attribution_names``), and a media outlet never takes a role in the article's event
(``Gazetteer.media``; see archive.text.extraction.meeting). A dateline's place ("تونس" in
"تونس (وات) -") stays a place. Pure: no Django imports.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from archive.text.attribution import find_attributions
from archive.text.extraction.matcher import Gazetteer, _name_key, _Occ, _Target
from archive.text.extraction.tokens import _Tokens


def _attributed(text: str, toks: _Tokens, occs: list[_Occ], gaz: Gazetteer) -> list[_Occ]:
    """``occs`` (resolved, in order) with the attribution phrases read: places inside an
    agency's part dropped, agencies named by a short form added."""
    found = find_attributions(text, gaz.attribution_names)
    if not found:
        return occs
    spans = [(a.agency_start if a.agency_start >= 0 else a.start, a.end) for a in found]
    starts = [a for a, _ in spans]
    has_org = [False] * len(spans)
    out: list[_Occ] = []
    for o in occs:
        k = bisect_right(starts, o.start) - 1
        if k < 0 or o.start >= spans[k][1]:
            out.append(o)
            continue
        if o.etype != "org":
            continue  # the agency's own words: no country, no place of the article
        has_org[k] = True
        out.append(o)
    for k, attribution in enumerate(found):
        if has_org[k]:
            continue  # "وكالة الأنباء السعودية": the outlet is already matched by name
        slug = gaz.attribution.get(_name_key(attribution.agency))
        if slug is None:
            continue
        a, b = spans[k]
        at = text.find(attribution.agency, a, b)
        start, end = (at, at + len(attribution.agency)) if at >= 0 else (a, b)
        i = bisect_left(toks.starts, start)
        j = max(bisect_left(toks.starts, end), i + 1)
        target = _Target("org", slug)
        out.append(_Occ(i, j, start, end, (target,), 0, False, "org", slug))
    out.sort(key=lambda o: o.start)
    return out
