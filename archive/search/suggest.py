""" "Did you mean": a corrected query when a close word form exists in the archive."""

from __future__ import annotations

from archive.models import Article
from archive.search.config import analyzer as current_analyzer
from archive.search.query import lexeme_counts
from archive.text.query_parser import QueryError, parse

_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويء"

# The work of one suggestion is bounded whatever the query: the first MAX_WORDS words
# are looked up (in one query), and at most MAX_CORRECTED of the unknown ones get the
# one-edit search (about 900 spellings analysed and one query each). Without a bound,
# 32 unknown 15-letter words cost 1.7 s of CPU per request.
MAX_WORDS = 16
MAX_CORRECTED = 3


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ARABIC_LETTERS}
    inserts = {a + c + b for a, b in splits for c in _ARABIC_LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


def suggest(query: str) -> str:
    """A corrected query when a close word form exists in the archive, else ""."""
    try:
        parsed = parse(query)
    except QueryError:
        return ""
    analyzer = current_analyzer()
    words = [w for clause in parsed.positive for term in clause.terms for w in term.words]
    stems = {w: (analyzer.query_stems(w) or [""])[0] for w in words[:MAX_WORDS]}
    wanted = [s for s in dict.fromkeys(stems.values()) if 3 <= len(s) <= 20]
    found = lexeme_counts(Article.objects.all(), wanted, cap=1) if wanted else {}
    changed, out, corrected = False, [], 0
    for word in words:
        stem = stems.get(word, "")
        if not 3 <= len(stem) <= 20 or found.get(stem) or corrected >= MAX_CORRECTED:
            out.append(word)
            continue
        corrected += 1
        best = _best_existing(word)
        out.append(best or word)
        changed = changed or bool(best)
    return " ".join(out) if changed else ""


def _best_existing(word: str) -> str:
    """The most frequent one-edit variant of `word` (by its stem) found in the archive."""
    analyzer = current_analyzer()
    normalized = analyzer.normalize(word).replace(" ", "")
    candidates = {}
    for variant in _edits(normalized):
        stems = analyzer.query_stems(variant)
        if stems and stems[0] not in candidates.values():
            candidates[variant] = stems[0]
    if not candidates:
        return ""
    # One query: which candidate lexemes occur, and in how many articles (capped).
    found = {
        lexeme: n
        for lexeme, n in lexeme_counts(
            Article.objects.all(), list(dict.fromkeys(candidates.values())), cap=1000
        ).items()
        if n
    }
    if not found:
        return ""
    best = max(found, key=lambda lexeme: (found[lexeme], lexeme))
    return next(v for v, s in sorted(candidates.items()) if s == best)
