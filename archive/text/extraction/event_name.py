"""The event's name phrase, its edition and its series (read by archive.text.extraction.meeting)."""

from __future__ import annotations

from archive.text import script
from archive.text.extraction.lexicon import (
    _EVENT_LEX,
    _KEY_DROP,
    _KIND_NOUNS,
    _NAME_KEEP_AFTER_STOP,
    _NAME_STOP,
    _ORDINAL_WORDS,
    _TRAILING_FUNCTION,
    _article_free,
)
from archive.text.extraction.matcher import _CITY_CUES, _Occ
from archive.text.extraction.tokens import (
    _NAME_GAP_RE,
    _drop_proclitic,
    _name_tokens,
    _norm,
)
from archive.text.ordinals import parse_ordinal


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
