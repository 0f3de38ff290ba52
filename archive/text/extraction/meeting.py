"""The event an article reports: name phrase, edition, series, place, roles, dates."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, count

from archive.text import script
from archive.text.dates import HIJRI_MONTHS, MONTHS, find_date_ranges, find_duration_days
from archive.text.extraction.lexicon import (
    _BOILERPLATE_END,
    _DEMONSTRATIVES,
    _EVENT_LEX,
    _EVENTISH,
    _HOST_CUES,
    _KEY_DROP,
    _KIND_NOUNS,
    _NAME_KEEP_AFTER_STOP,
    _NAME_STOP,
    _ORDINAL_WORDS,
    _ORGANIZER_CUES,
    _PARTICIPANT_CUES,
    _PRESS,
    _RECURRING,
    _ROLE_OF_VERB,
    _SPORT_MIN,
    _SUBJECT_VERBS,
    _TRAILING_FUNCTION,
    _TWO_WORD,
    _VERBS,
    _article_free,
)
from archive.text.extraction.matcher import _CITY_CUES, Gazetteer, _joinable, _Occ, _surface_form
from archive.text.extraction.resolve import _is_dateline
from archive.text.extraction.results import MeetingFacts
from archive.text.extraction.tokens import (
    _NAME_GAP_RE,
    _drop_proclitic,
    _name_tokens,
    _norm,
    _Tokens,
)
from archive.text.ordinals import parse_ordinal


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
    source_country: str | None = None,
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
    # A club or a federation in a sports article is the game's, not a meeting's.
    if sport >= _SPORT_MIN and not any(
        o.etype == "org" and o.key not in gaz.sports for si in region for o in sents[si].occs
    ):
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

    # ---- contact between parties: a domestic gathering is no event of cooperation
    lead_end = sentences[min(2, len(sentences) - 1)][1] if sentences else 0
    if not _international_name(name) and not _between_parties(
        [o for si in ordered for o in sents[si].occs],
        [o for o in occs if o.start < lead_end],
        roles,
        part_countries,
        home=source_country or country,
        gaz=gaz,
    ):
        return None

    # ---- dates
    start, end, date_si = _dates(text, toks, sentences, ordered, primary.idx, published)
    if start is not None:
        evidence["dates"] = sentence_text(date_si)
        # An event dated long before the article is a past one mentioned in passing
        # ("القمة التي عقدت سنة 2005"), not the news: no meeting, and no timeline
        # stretched back over the decades.
        if published is not None and (end or start) < published - _PAST_EVENT:
            return None

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


# Adjectives that make an event's name an international one ("المنتدى الدولي للاستثمار",
# "الاجتماع الوزاري الخليجي", "المناورات المشتركة").
_INTERNATIONAL = frozenset(
    _norm(w2)
    for w in """دولي دولية إقليمي إقليمية عربي عربية أممي أممية إفريقي إفريقية أفريقي أفريقية
    خليجي خليجية أوروبي أوروبية متوسطي متوسطية مغاربي مغاربية إسلامي إسلامية مشترك مشتركة
    ثنائي ثنائية قاري قارية عالمي عالمية""".split()  # noqa: SIM905
    for w2 in (w, "ال" + w)
)


def _international_name(name: str) -> bool:
    return any(_norm(w) in _INTERNATIONAL for w in name.split())


def _between_parties(
    region_occs: list[_Occ],
    lead_occs: list[_Occ],
    roles: dict[str, set[str]],
    part_countries: list[str],
    *,
    home: str | None,
    gaz: Gazetteer,
) -> bool:
    """Does the event bring parties together: two organizations named where it is
    reported, participating countries, or one party from abroad there or in the article's
    lead (its title and first sentences)? From abroad: a country other than the home
    country (the press's, else the event's), an organization of another country or of
    none (an international body). A gathering of one body at home ("اجتماع استثنائي" of a
    party, "ملتقى مخرجي الأفلام التونسيين") is no event of cooperation."""
    if len(roles) >= 2 or part_countries:
        return True
    named = {o.key for o in region_occs if o.etype == "org" and o.key not in gaz.media}
    if len(named) >= 2:
        return True
    for o in (*region_occs, *lead_occs):
        if o.etype == "country" and o.key != home:
            return True
        if o.etype == "org" and o.key not in gaz.media:
            country = gaz.org_country.get(o.key)
            if country is None or country != home:
                return True
    return False


_PAST_EVENT = dt.timedelta(days=60)
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
