"""The event an article reports: its kind, the sentences that report it, its place, and
the phases read in their own modules (event_name: name, edition, series; event_roles: the
parties' roles; event_dates: the dates)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, count

from archive.text.extraction.event_confidence import EventEvidence, event_confidence
from archive.text.extraction.event_dates import _dates
from archive.text.extraction.event_name import (
    _edition_at,
    _kind_before,
    _kind_follows,
    _name_phrase,
    _series_key,
    _series_name,
)
from archive.text.extraction.event_roles import _assign_roles
from archive.text.extraction.lexicon import (
    _BOILERPLATE_END,
    _DEMONSTRATIVES,
    _EVENT_LEX,
    _PRESS,
    _RECURRING,
    _SPORT_MIN,
    _TWO_WORD,
    _article_free,
)
from archive.text.extraction.matcher import Gazetteer, _joinable, _Occ, _surface_form
from archive.text.extraction.resolve import _is_dateline
from archive.text.extraction.results import MeetingFacts
from archive.text.extraction.security import security_relevance
from archive.text.extraction.tokens import _norm, _tok_range, _Tokens


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
    if not any(tg[0] in ("noun", "head") for tags in tags_of for tg in tags):
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
    # the primary event sentence: the first with an event noun and a reporting verb, else
    # (a headline, "القمة العربية: ...") the first with an event noun, less surely
    primary: _Sent | None = None
    for si in order:
        s = sents[si]
        if s.nouns and s.verbs:
            primary = s
            break
    if primary is None:
        primary = next((sents[si] for si in order if sents[si].nouns), None)
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
    region_occs = [o for si in ordered for o in sents[si].occs]
    lead_end = sentences[min(2, len(sentences) - 1)][1] if sentences else 0
    if not _international_name(name) and not _between_parties(
        region_occs,
        [o for o in occs if o.start < lead_end],
        roles,
        part_countries,
        home=source_country or country,
        gaz=gaz,
    ):
        return None

    # ---- a name of its own, or one composed from its kind, parties and place
    generic = (
        best is None or name_span[1] - name_span[0] <= 1 or _is_contact_verb(norms[kind_tok[0]])
    )
    if generic:
        name = _composed_name(kind, text, region_occs, city, gaz)
        evidence["name"] = sentence_text(primary.idx)

    # ---- dates
    start, end, date_si = _dates(text, toks, sentences, ordered, primary.idx, published)
    if start is not None:
        evidence["dates"] = sentence_text(date_si)
        # An event dated long before the article is a past one mentioned in passing
        # ("القمة التي عقدت سنة 2005"), not the news: no meeting, and no timeline
        # stretched back over the decades.
        if published is not None and (end or start) < published - _PAST_EVENT:
            return None

    # ---- security on its agenda: the words and bodies of the sentences that report it
    agenda = _agenda_security(toks, sentences, ordered, region_occs, gaz)
    # ---- how sure: the reasons, one entry each in event_confidence.REASONS
    has_title = title_end >= 0
    confidence, reasons = event_confidence(
        EventEvidence(
            in_title=has_title and 0 in sents and bool(sents[0].nouns),
            verb=bool(primary.verbs),
            sentence=primary.idx - has_title,
            named=not generic and name_span[1] - name_span[0] > 1,
            international=_international_name(name),
            edition=edition is not None,
            parties=len(
                {
                    o.key
                    for o in region_occs
                    if o.etype == "country" or (o.etype == "org" and o.key not in gaz.media)
                }
                | set(roles)
            ),
            date=start is not None,
            place=city is not None or country is not None,
            security=agenda.about,
        )
    )
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
        confidence=confidence,
        reasons=reasons,
        security=agenda.about,
        security_reasons=agenda.reasons,
    )


# The words a composed name starts with, by kind.
_KIND_WORDS = {
    "meeting": "لقاء",
    "conference": "مؤتمر",
    "summit": "قمة",
    "agreement": "اتفاقية",
    "workshop": "ورشة عمل",
    "exercise": "تمرين",
    "training": "دورة تدريبية",
    "visit": "زيارة",
    "call": "اتصال هاتفي",
    "other": "لقاء",
}
_CONTACT_NOUNS = frozenset(
    form
    for form, tags in _EVENT_LEX.items()
    if ("verb", "meet") in tags and any(t[0] == "noun" for t in tags)
)


def _is_contact_verb(norm: str) -> bool:
    """Is the event's kind word a verb of contact ("التقى", "استقبل"), not a noun?"""
    return norm in _CONTACT_NOUNS


def _composed_name(kind: str, text: str, occs: list[_Occ], city: str | None, gaz) -> str:
    """A name for an event the text leaves unnamed ("لقاء بين تونس والجزائر", "زيارة الأمم المتحدة"):
    the kind, the first parties of the sentences that report the event (countries by
    their short name) and, when known, the city."""
    parties: list[str] = []
    for o in occs:
        if o.etype == "country":
            label = gaz.name_ar.get(o.key) or _surface_form(text, o)
        elif o.etype == "org" and o.key not in gaz.media:
            label = _surface_form(text, o)
        else:
            continue
        if label not in parties:
            parties.append(label)
        if len(parties) == 3:
            break
    words = _KIND_WORDS.get(kind, "لقاء")
    if len(parties) >= 2:
        words += " بين " + "، ".join(parties[:-1]) + " و" + parties[-1]
    elif parties:
        words += " " + parties[0]
    if city is not None:
        city_name = gaz.name_ar.get(city)
        if city_name:
            words += " في " + city_name
    return words


# Points of security words and bodies in the sentences reporting an event that put
# security on its agenda (security.py's ABOUT is for a whole article).
_AGENDA_SECURITY = 3.0


def _agenda_security(
    toks: _Tokens, sentences, ordered: list[int], region_occs: list[_Occ], gaz: Gazetteer
):
    norms: list[str] = []
    words: list[str] = []
    for si in sorted(ordered):
        lo, hi = _tok_range(toks.starts, sentences[si])
        norms.extend(toks.norms[lo:hi])
        words.extend(toks.words[lo:hi])
    mentions = Counter(o.key for o in region_occs if o.etype == "org")
    bodies = {key: (gaz.org_kind.get(key, ""), n) for key, n in mentions.items()}
    return security_relevance(norms, words, bodies, about=_AGENDA_SECURITY)


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


def _primary_noun(s: _Sent) -> tuple[int, str, int, bool]:
    """The kind noun of the primary sentence: the first one after a verb, else the first."""
    if not s.verbs:
        return s.nouns[0]
    first_verb = min(t for t, _ in s.verbs)
    after = [x for x in s.nouns if x[0] > first_verb]
    return (after or s.nouns)[0]


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
