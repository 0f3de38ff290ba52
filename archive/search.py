"""Search configuration: the vector builder, the query compiler and highlighting.

Model-free on purpose (models import this module, not the reverse). The stored
``Article.search_vector`` is built here from our own Arabic analysis and stored
as a literal ``tsvector``; PostgreSQL never stems anything, so results do not
depend on the database's locale or text-search configuration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.text.arabic import ANALYZER_VERSION, ArabicAnalyzer
from archive.text.query_parser import Clause, ParsedQuery, Term

# Weights: title A, lead (first paragraph) B, rest of the body C.
WEIGHT_TITLE, WEIGHT_LEAD, WEIGHT_BODY = "A", "B", "C"
# ts_rank weights in {D, C, B, A} order.
RANK_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"
MAX_POSITION = 16383  # PostgreSQL's limit for tsvector positions
TITLE_GAP = 10  # positions between title and body, so no phrase spans them
MAX_LEXEME_BYTES = 500


def analyzer() -> ArabicAnalyzer:
    return ArabicAnalyzer.default()


def analyzer_version() -> str:
    return ANALYZER_VERSION


def split_lead(body: str) -> tuple[str, str]:
    """The lead is the first paragraph of the body."""
    body = body.strip()
    head, sep, rest = body.partition("\n")
    return head, rest


def _quote_lexeme(lexeme: str) -> str:
    # tsvector/tsquery literal quoting: single quotes doubled, backslashes doubled.
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def build_vector(*, title: str, body: str) -> str:
    """The tsvector literal for an article (title A, lead B, body C)."""
    lead, rest = split_lead(body)
    entries: dict[str, list[str]] = {}
    offset = 0
    for text, weight in ((title, WEIGHT_TITLE), (lead, WEIGHT_LEAD), (rest, WEIGHT_BODY)):
        last = 0
        for token in analyzer().analyze(text):
            position = min(offset + token.position, MAX_POSITION)
            last = token.position
            for lexeme in token.stems:
                if lexeme and len(lexeme.encode()) <= MAX_LEXEME_BYTES:
                    entries.setdefault(lexeme, []).append(f"{position}{weight}")
        offset += last + TITLE_GAP
    return " ".join(
        f"{_quote_lexeme(lexeme)}:{','.join(dict.fromkeys(positions))}"
        for lexeme, positions in entries.items()
    )


def vector_expression(*, title: str, body: str) -> RawSQL:
    """SQL expression writing the vector; used by archive.services only."""
    return RawSQL("%s::tsvector", [build_vector(title=title, body=body)])  # noqa: S611 - bound


# --- Queries -----------------------------------------------------------------
#
# SECURITY INVARIANT: nothing the analyst typed is ever formatted into SQL.
# The parser (archive.text.query_parser) reduces the input to words; each
# lexeme the analyzer derives from a word is sent as a bound parameter, quoted
# as ONE tsquery lexeme, and cast with %s::tsquery. The SQL text around the
# parameters comes only from the fixed operator strings below.


@dataclass(frozen=True)
class CompiledQuery:
    sql: str
    params: tuple
    lexemes: frozenset[str]  # every lexeme searched, for highlighting


def _lexeme_sql(lexeme: str, *, prefix: bool = False) -> tuple[str, list]:
    value = _quote_lexeme(lexeme) + (":*" if prefix else "")
    return "%s::tsquery", [value]


def _or(parts: list[tuple[str, list]]) -> tuple[str, list]:
    if len(parts) == 1:
        return parts[0]
    return "(" + " || ".join(p[0] for p in parts) + ")", [x for p in parts for x in p[1]]


def _word_sql(word: str, prefix: bool, lexemes: set[str]) -> tuple[str, list] | None:
    if prefix:
        stem = analyzer().query_prefix(word)
        if not stem:
            return None
        lexemes.add(stem)
        return _lexeme_sql(stem, prefix=True)
    stems = [s for s in analyzer().query_stems(word) if s]
    if not stems:
        return None
    lexemes.update(stems)
    return _or([_lexeme_sql(s) for s in stems])


def _term_sql(term: Term, lexemes: set[str]) -> tuple[str, list] | None:
    if not term.is_phrase:
        return _word_sql(term.words[0], term.prefix, lexemes)
    # A phrase: consecutive words at distance 1; stop words widen the distance.
    sql, params, distance = None, [], 1
    for index, word in enumerate(term.words):
        part = _word_sql(word, term.prefix and index == len(term.words) - 1, lexemes)
        if part is None:
            distance += 1
            continue
        if sql is None:
            sql, params = part
        else:
            sql = f"tsquery_phrase({sql}, {part[0]}, %s)"
            params = params + part[1] + [distance]
        distance = 1
    return (sql, params) if sql is not None else None


def _clause_sql(clause: Clause, lexemes: set[str]) -> tuple[str, list] | None:
    parts = [p for p in (_term_sql(t, lexemes) for t in clause.terms) if p is not None]
    return _or(parts) if parts else None


def compile_query(parsed: ParsedQuery) -> CompiledQuery | None:
    """The tsquery for a parsed query, or None when nothing searchable is left."""
    lexemes: set[str] = set()
    positive = [p for p in (_clause_sql(c, lexemes) for c in parsed.positive) if p]
    if not positive:
        return None
    negative = [p for p in (_clause_sql(c, set()) for c in parsed.negative) if p]
    sql = " && ".join(p[0] for p in positive)
    params = [x for p in positive for x in p[1]]
    for neg_sql, neg_params in negative:
        sql += f" && !!{neg_sql}"
        params += neg_params
    return CompiledQuery(sql=f"({sql})", params=tuple(params), lexemes=frozenset(lexemes))


# --- Highlighting ------------------------------------------------------------
#
# SECURITY INVARIANT: article text is scraped and may hold markup. Highlights
# are computed on the original text, every piece is escaped, and only then are
# <mark> tags inserted around escaped pieces. ts_headline is never used.


def _matches(stems: Iterable[str], lexemes: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    return any(s in lexemes or (prefixes and s.startswith(prefixes)) for s in stems)


def highlight(text: str, lexemes: frozenset[str], *, prefixes: tuple[str, ...] = ()) -> SafeString:
    """The whole text, escaped, with matched words in <mark>."""
    out, last = [], 0
    for token in analyzer().analyze(text):
        if _matches(token.stems, lexemes, prefixes):
            out.append(escape(text[last : token.start]))
            out.append("<mark>" + escape(token.surface) + "</mark>")
            last = token.end
    out.append(escape(text[last:]))
    # Safe: every piece of article text above went through escape().
    return mark_safe("".join(out))  # noqa: S308


def snippet(text: str, lexemes: frozenset[str], *, prefixes: tuple[str, ...] = (),
            width: int = 30) -> SafeString:
    """About `width` words around the densest run of matches, escaped, with <mark>."""
    tokens = analyzer().analyze(text)
    if not tokens:
        return mark_safe("")  # noqa: S308
    hits = [i for i, t in enumerate(tokens) if _matches(t.stems, lexemes, prefixes)]
    if hits:
        best = max(hits, key=lambda i: sum(1 for h in hits if i <= h < i + width))
        first = max(0, best - width // 4)
    else:
        first = 0
    last = min(len(tokens), first + width) - 1
    start, end = tokens[first].start, tokens[last].end
    piece = highlight(text[start:end], lexemes, prefixes=prefixes)
    # Safe: `piece` is escaped by highlight(); the ellipses are constants.
    return mark_safe(("… " if first > 0 else "") + piece + (" …" if last < len(tokens) - 1 else ""))  # noqa: S308
