"""The query compiler: a parsed query becomes tsquery SQL with bound lexemes.

Every tsquery the archive sends is built here (the compiled query of a search, and the
single-lexeme probes of the suggester and the lexicon).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections

from archive.search.config import analyzer, bigram, quote_lexeme
from archive.text.query_parser import Clause, ParsedQuery, Term

#
# SECURITY INVARIANT: nothing the analyst typed is ever formatted into SQL.
# The parser (archive.text.query_parser) reduces the input to words; each
# lexeme the analyzer derives from a word is sent as a bound parameter, quoted
# as ONE tsquery lexeme, and cast with %s::tsquery. The SQL text around the
# parameters comes only from the fixed operator strings below.


LEVELS = ("stem", "normalized", "exact")


@dataclass(frozen=True)
class CompiledQuery:
    sql: str
    params: tuple
    lexemes: frozenset[str]  # every lexeme searched, for highlighting
    prefixes: tuple[str, ...] = ()  # prefix lexemes (prefix*), for highlighting
    # At the "normalized" and "exact" levels the stems select candidates and each
    # positive clause must also match one of these regular expressions in the text.
    clause_patterns: tuple[str, ...] = ()
    word_patterns: tuple[str, ...] = ()  # every word's pattern, for highlighting


def _lexeme_sql(lexeme: str, *, prefix: bool = False) -> tuple[str, list]:
    value = quote_lexeme(lexeme) + (":*" if prefix else "")
    return "%s::tsquery", [value]


def _or(parts: list[tuple[str, list]]) -> tuple[str, list]:
    # Identical alternatives (six spellings of الانتربول fold to one lexeme) once: the
    # planner adds up their frequencies and would take a rare name for a common one.
    parts = list({(sql, tuple(params)): (sql, params) for sql, params in parts}.values())
    if len(parts) == 1:
        return parts[0]
    return "(" + " || ".join(p[0] for p in parts) + ")", [x for p in parts for x in p[1]]


class _Compiler:
    def __init__(self, level: str) -> None:
        self.level = level if level in LEVELS else "stem"
        self.lexemes: set[str] = set()
        self.prefixes: list[str] = []
        self.word_patterns: list[str] = []

    def word(self, word: str, prefix: bool) -> tuple[str, list] | None:
        if prefix:
            stem = analyzer().query_prefix(word)
            if not stem:
                return None
            self.prefixes.append(stem)
            return _lexeme_sql(stem, prefix=True)
        stems = [s for s in analyzer().query_stems(word) if s]
        if not stems:
            return None
        self.lexemes.update(stems)
        return _or([_lexeme_sql(s) for s in stems])

    def pattern(self, word: str) -> str | None:
        if self.level == "stem":
            return None
        try:
            return analyzer().word_pattern(word, self.level)
        except ValueError:
            return None

    def term(self, term: Term) -> tuple[tuple[str, list] | None, list[str]]:
        patterns = [] if term.prefix else [p for p in map(self.pattern, term.words) if p]
        if not term.is_phrase:
            return self.word(term.words[0], term.prefix), patterns
        pairs = None if term.prefix else self.pairs(term.words)
        if pairs is not None:
            # Two adjacent words: the pair lexemes of build_vector ARE the phrase. A
            # longer phrase matches where each pair of its adjacent words occurs, which
            # is the phrase itself but for a document holding "a b" and "b c" apart:
            # checking the positions too (tsquery's <->) would make the index read the
            # posting lists of every single word of the phrase, common words included.
            for word in term.words:
                self.word(word, False)  # for highlighting
            return pairs, patterns
        # A phrase: consecutive words at distance 1; stop words and compounds that a
        # document spells as two tokens widen the distance.
        sql, params, distance = None, [], 1
        last = len(term.words) - 1
        for index, word in enumerate(term.words):
            part = self.word(word, term.prefix and index == last)
            if part is None:
                distance += 1
                continue
            if sql is None:
                sql, params = part
            else:
                sql = f"tsquery_phrase({sql}, {part[0]}, %s)"
                params = params + part[1] + [distance]
            distance = _width(word)
        return ((sql, params) if sql is not None else None), patterns

    def pairs(self, words: tuple[str, ...]) -> tuple[str, list] | None:
        """Every adjacent pair of the phrase as pair lexemes (AND of ORs), or None when
        a word is a stop word or spans two positions (the distances then vary)."""
        stems = []
        for word in words:
            found = [s for s in analyzer().query_stems(word) if s]
            if not found or _width(word) != 1:
                return None
            stems.append(found)
        parts = [
            _or([_lexeme_sql(bigram(a, b)) for a in first for b in second])
            for first, second in zip(stems, stems[1:], strict=False)
        ]
        sql = " && ".join(p[0] for p in parts)
        return (f"({sql})" if len(parts) > 1 else sql), [x for p in parts for x in p[1]]

    def clause(self, clause: Clause) -> tuple[tuple[str, list] | None, str | None]:
        parts, alternatives = [], []
        for term in clause.terms:
            part, patterns = self.term(term)
            if part is None:
                continue
            parts.append(part)
            self.word_patterns.extend(patterns)
            if len(patterns) == 1:
                alternatives.append(patterns[0])
            elif patterns:
                # Every word of a phrase, anywhere (the tsquery already checks adjacency).
                # PostgreSQL AREs: lookaheads are non-capturing and "." matches newlines.
                alternatives.append("^" + "".join(f"(?=.*{p})" for p in patterns))
            elif self.level != "stem":
                alternatives.append("")  # a prefix term: no spelling check
        if not parts:
            return None, None
        pattern = None
        if alternatives and all(alternatives):
            pattern = "|".join(f"(?:{a})" for a in alternatives)
        return _or(parts), pattern


def _width(word: str) -> int:
    width = getattr(analyzer(), "query_width", None)
    return width(word) if width else 1


def compile_query(parsed: ParsedQuery, *, level: str = "stem") -> CompiledQuery | None:
    """The tsquery for a parsed query, or None when nothing searchable is left."""
    compiler = _Compiler(level)
    positive, patterns = [], []
    for clause in parsed.positive:
        part, pattern = compiler.clause(clause)
        if part:
            positive.append(part)
            if pattern:
                patterns.append(pattern)
    if not positive:
        return None
    negative = [p for p in (_Compiler("stem").clause(c)[0] for c in parsed.negative) if p]
    sql = " && ".join(p[0] for p in positive)
    params = [x for p in positive for x in p[1]]
    for neg_sql, neg_params in negative:
        sql += f" && !!{neg_sql}"
        params += neg_params
    return CompiledQuery(
        sql=f"({sql})",
        params=tuple(params),
        lexemes=frozenset(compiler.lexemes),
        prefixes=tuple(compiler.prefixes),
        clause_patterns=tuple(patterns),
        word_patterns=tuple(compiler.word_patterns),
    )


def any_lexeme(lexemes: Iterable[str]) -> CompiledQuery | None:
    """Any of these analyzed lexemes, as ONE bound tsquery (the lexicon's and the
    suggester's probes of which articles hold a lexeme)."""
    lexemes = sorted(set(lexemes))
    if not lexemes:
        return None
    return CompiledQuery(
        sql="(%s::tsquery)",
        params=(" | ".join(quote_lexeme(x) for x in lexemes),),
        lexemes=frozenset(lexemes),
    )


def lexeme_counts(queryset, lexemes: list[str], *, cap: int) -> dict[str, int]:
    """For each lexeme, in how many rows of ``queryset``'s table it occurs (at most
    ``cap``): one query for a few hundred candidate spellings, on the queryset's
    database (the router's choice).

    SECURITY INVARIANT: the lexemes are ONE bound text[] parameter and quote_literal()
    makes each element a single tsquery lexeme; only the table name (from the model's
    metadata) is formatted into the SQL."""
    table = queryset.model._meta.db_table
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT lexeme, (SELECT count(*) FROM (
                SELECT 1 FROM {table}
                WHERE search_vector @@ quote_literal(lexeme)::tsquery LIMIT %s) s) AS n
            FROM unnest(%s::text[]) AS lexeme
            """,  # noqa: S608 - the table name comes from model metadata
            [cap, lexemes],
        )
        return dict(cursor.fetchall())
