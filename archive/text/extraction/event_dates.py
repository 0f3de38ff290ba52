"""The event's dates: windows around date words given to archive.text.dates."""

from __future__ import annotations

import datetime as dt
from itertools import compress

from archive.text.dates import HIJRI_MONTHS, MONTHS, find_date_ranges, find_duration_days
from archive.text.extraction.tokens import _name_tokens, _tok_range, _Tokens


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
