"""Highlighting and snippets of article text for a compiled query."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.search.config import analyzer
from archive.search.query import CompiledQuery

#
# SECURITY INVARIANT: article text is scraped and may hold markup. Highlights
# are computed on the original text, every piece is escaped, and only then are
# <mark> tags inserted around escaped pieces. ts_headline is never used.


SNIPPET_SCAN_CHARS = 20_000


def _marker(query: CompiledQuery | None):
    """A predicate telling whether a word (its stems and its surface) is one of the
    query's matches."""
    if query is None:
        return lambda stems, surface: False
    lexemes, prefixes = query.lexemes, query.prefixes
    patterns = [re.compile(p) for p in query.word_patterns]

    def marked(stems: tuple[str, ...], surface: str) -> bool:
        if lexemes.isdisjoint(stems) and not (
            prefixes and any(s.startswith(prefixes) for s in stems)
        ):
            return False
        return not patterns or any(p.search(surface) for p in patterns)

    return marked


def highlight(text: str, query: CompiledQuery | None) -> SafeString:
    """The whole text, escaped, with matched words in <mark>."""
    out, last = [], 0
    marked = _marker(query)
    for token in analyzer().analyze(text):
        if marked(token.stems, token.surface):
            out.append(escape(text[last : token.start]))
            out.append("<mark>" + escape(token.surface) + "</mark>")
            last = token.end
    out.append(escape(text[last:]))
    # Safe: every piece of article text above went through escape().
    return mark_safe("".join(out))  # noqa: S308


def snippet(text: str, query: CompiledQuery | None, *, width: int = 30) -> SafeString:
    """About `width` words around the densest run of matches, escaped, with <mark>.

    Only the first SNIPPET_SCAN_CHARS characters are searched for the matches (a
    results page must not analyse megabytes of text per result). The matches are found
    with the analyzer's fast scan; the chosen window is then highlighted with the
    full analysis (highlight())."""
    scanned = text[:SNIPPET_SCAN_CHARS]
    words = analyzer().scan(scanned)
    if not words:
        return mark_safe("")  # noqa: S308
    marked = _marker(query)
    hits = [i for i, (a, b, stems) in enumerate(words) if marked(stems, scanned[a:b])]
    if hits:
        # The hit that starts the window of `width` words holding most hits (linear:
        # `hits` is sorted, so the window's end only moves forward).
        best, most, end = hits[0], 0, 0
        for start, i in enumerate(hits):
            while end < len(hits) and hits[end] < i + width:
                end += 1
            if end - start > most:
                best, most = i, end - start
        first = max(0, best - width // 4)
    else:
        first = 0
    last = min(len(words), first + width) - 1
    start, end = words[first][0], words[last][1]
    piece = highlight(scanned[start:end], query)
    more = last < len(words) - 1 or len(text) > len(scanned)
    # Safe: `piece` is escaped by highlight(); the ellipses are constants.
    return mark_safe(("… " if first > 0 else "") + piece + (" …" if more else ""))  # noqa: S308
