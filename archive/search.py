"""Search configuration: the vector builder, the query compiler and highlighting.

Model-free on purpose (models import this module, not the reverse). The stored
``Article.search_vector`` is built here from our own Arabic analysis and stored
as a literal ``tsvector``; PostgreSQL never stems anything, so results do not
depend on the database's locale or text-search configuration.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, F, Field, FloatField, Func, Lookup
from django.db.models.expressions import Expression, RawSQL
from django.db.models.fields.related import ForeignObject
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
# PostgreSQL keeps at most 16,383 positions and 1 MB per tsvector: the body is stored
# whole, its first MAX_INDEXED_CHARS characters are indexed (~16,000 words).
MAX_INDEXED_CHARS = 120_000
# How analyze_article lays out the vector and the fingerprint; bump it when that changes
# (see analyzer_version).
# "2": adds a lexeme for each stem pair of adjacent words (phrases without recheck).
# "3": the near-duplicate fingerprint and signature are built from the same analysis
# (word hashes, one-permutation MinHash), so stored fingerprints of "2" are rebuilt.
VECTOR_FORMAT = "v3"


# The analyzer in use: the shipped one (archive/data/*.txt), or one built from the
# curator-edited lexicon (archive.lexicon loads it from the database and calls
# configure_lexicon). Stored vectors and queries always go through analyzer(), so both
# sides of a match are analyzed alike.
_configured: ArabicAnalyzer | None = None
_lexicon: dict | None = None


def analyzer() -> ArabicAnalyzer:
    return _configured or ArabicAnalyzer.default()


def configure_lexicon(lexicon: dict | None) -> None:
    """Analyze with ``{"protected_words": [...], "name_variants": [[...], ...]}`` from now
    on; ``None`` returns to the shipped lexicon. The dict is plain data, so worker
    processes can be configured with the same lexicon as the process that read it."""
    global _configured, _lexicon
    _lexicon = lexicon
    _configured = (
        None
        if lexicon is None
        else ArabicAnalyzer(
            protected_words=lexicon["protected_words"],
            name_variants=lexicon["name_variants"],
        )
    )


def lexicon_config() -> dict | None:
    """The lexicon configured in this process (``None``: the shipped one)."""
    return _lexicon


def analyzer_version() -> str:
    # The stored vector depends on the analyzer AND on how this module lays it out
    # (VECTOR_FORMAT): a change to either makes `reanalyze` rebuild the vectors.
    return f"{ANALYZER_VERSION}+{VECTOR_FORMAT}"


def split_lead(body: str) -> tuple[str, str]:
    """The lead is the first paragraph of the body."""
    body = body.strip()
    head, sep, rest = body.partition("\n")
    return head, rest


def bigram(first: str, second: str) -> str:
    """The lexeme of two adjacent stems (a space never occurs inside a stem)."""
    return f"{first} {second}"


def _quote_lexeme(lexeme: str) -> str:
    # tsvector/tsquery literal quoting: single quotes doubled, backslashes doubled.
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def build_vector(*, title: str, body: str) -> str:
    """The tsvector literal for an article (title A, lead B, body C)."""
    return analyze_article(title=title, body=body)[0]


def analyze_article(*, title: str, body: str) -> tuple[str, list[str]]:
    """The tsvector literal for an article (title A, lead B, body C) and the spelling-
    normalized words it was built from, in order (for the near-duplicate fingerprint,
    archive.text.fingerprint.word_shingles): one analysis serves both."""
    lead, rest = split_lead(body[:MAX_INDEXED_CHARS])
    title = title[:2_000]
    # {lexeme: its positions as the literal writes them, "12A" or "12A,40C"}. Positions
    # only grow (capped at MAX_POSITION), so a repeated one is the last one written.
    entries: dict[str, str] = {}
    get = entries.get
    words: list[str] = []
    offset = 0
    surely_fits = _SURELY_FITS
    for text, weight in ((title, WEIGHT_TITLE), (lead, WEIGHT_LEAD), (rest, WEIGHT_BODY)):
        last = 0
        previous: tuple[str, ...] = ()  # the previous word's stems, for word pairs
        previous_position = -1
        tokens = analyzer().analyze(text)
        words.extend([token.normalized for token in tokens])
        for token in tokens:
            last = token.position
            mark = f"{min(offset + last, MAX_POSITION)}{weight}"
            stems = token.stems
            for lexeme in stems:
                if lexeme and (len(lexeme) <= surely_fits or _fits(lexeme)):
                    written = get(lexeme)
                    if written is None:
                        entries[lexeme] = mark
                    elif written != mark and not written.endswith("," + mark):
                        entries[lexeme] = written + "," + mark
            # Every stem pair of two adjacent words, at the second word's position:
            # a two-word phrase becomes a lookup of one lexeme in the GIN index
            # instead of a recheck of every article holding both words.
            if previous_position + 1 == last:
                for first in previous:
                    for second in stems:
                        pair = f"{first} {second}"  # bigram()
                        if len(pair) <= surely_fits or _fits(pair):
                            # The same update as for a word's own lexemes, written out
                            # again: one shared loop over both costs 10% of this
                            # function (measured), and it runs for every word ingested.
                            written = get(pair)
                            if written is None:
                                entries[pair] = mark
                            elif written != mark and not written.endswith("," + mark):
                                entries[pair] = written + "," + mark
            if stems:
                previous, previous_position = stems, last
            else:
                previous, previous_position = (), -1
        offset += last + TITLE_GAP
    # Quoted as _quote_lexeme() does; a lexeme with nothing to escape (all but a
    # curator's odd spelling variant) is just put between quotes, twice as fast.
    return " ".join(
        [
            "'" + lexeme + "':" + at
            if "'" not in lexeme and "\\" not in lexeme
            else _quote_lexeme(lexeme) + ":" + at
            for lexeme, at in entries.items()
        ]
    ), words


# A lexeme of at most this many characters fits whatever they are (4 bytes at most each).
_SURELY_FITS = MAX_LEXEME_BYTES // 4


def _fits(lexeme: str) -> bool:
    # The exact test; the builder tries the cheap _SURELY_FITS bound first.
    return len(lexeme.encode()) <= MAX_LEXEME_BYTES


def vector_expression(*, title: str, body: str) -> RawSQL:
    """SQL expression writing the vector; used by archive.services only."""
    return RawSQL("%s::tsvector", [build_vector(title=title, body=body)])  # noqa: S611 - bound


# --- Publication periods ---------------------------------------------------------
#
# Article.period_vector holds the article's publication month and year as two lexemes
# ("m202411", "y2024"; "undated" without a date), computed by PostgreSQL from
# published_at (a generated column: a curator's date fix updates it). It shares one GIN
# index with search_vector, so "the newest matches of a common word" is one index scan
# intersecting the word with a few months, instead of a walk of the date index that
# reads a vector per article (archive.selectors.newest_matches).

UNDATED = "undated"


class PeriodVector(Func):
    """The generated column's expression (immutable, as PostgreSQL requires)."""

    template = (
        "(CASE WHEN %(expressions)s IS NULL THEN '" + UNDATED + "'::tsvector "
        "ELSE array_to_tsvector(ARRAY["
        "'m' || (EXTRACT(YEAR FROM %(expressions)s)::int * 100"
        " + EXTRACT(MONTH FROM %(expressions)s)::int)::text, "
        "'y' || EXTRACT(YEAR FROM %(expressions)s)::int::text]) END)"
    )
    arity = 1


def month_lexeme(year: int, month: int) -> str:
    return f"m{year * 100 + month}"


def year_lexeme(year: int) -> str:
    return f"y{year}"


def period_lexemes(first: datetime.date, last: datetime.date) -> list[str]:
    """The fewest period lexemes covering the months first..last (whole years as years)."""
    lexemes, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        if month == 1 and (year, 12) <= (last.year, last.month):
            lexemes.append(year_lexeme(year))
            year += 1
            continue
        lexemes.append(month_lexeme(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return lexemes


# --- Queries -----------------------------------------------------------------
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
    value = _quote_lexeme(lexeme) + (":*" if prefix else "")
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


# --- Highlighting ------------------------------------------------------------
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


# --- SQL expressions -----------------------------------------------------------
#
# Small expressions in the manner of django.contrib.postgres.search: the column is
# compiled by Django (so they work in subqueries and joins), the query's SQL is the
# fixed operator text of CompiledQuery, and every value is a bound parameter.


class _OverColumns(Expression):
    def __init__(self, *columns, output_field) -> None:
        super().__init__(output_field=output_field)
        self.columns = [F(c) if isinstance(c, str) else c for c in columns]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def _compiled_columns(self, compiler, connection):
        parts = [compiler.compile(c) for c in self.columns]
        return [sql for sql, _ in parts], [p for _, params in parts for p in params]


class TsMatch(_OverColumns):
    """column @@ compiled query"""

    def __init__(self, column, query: CompiledQuery) -> None:
        super().__init__(column, output_field=BooleanField())
        self.query = query

    def as_sql(self, compiler, connection):
        (column,), params = self._compiled_columns(compiler, connection)
        return f"({column} @@ {self.query.sql})", (*params, *self.query.params)


class TsRank(_OverColumns):
    """ts_rank with the archive's weights (title A, lead B, body C)."""

    def __init__(self, column, query: CompiledQuery) -> None:
        super().__init__(column, output_field=FloatField())
        self.query = query

    def as_sql(self, compiler, connection):
        (column,), params = self._compiled_columns(compiler, connection)
        return (
            f"ts_rank(%s::float4[], {column}, {self.query.sql})",
            (RANK_WEIGHTS, *params, *self.query.params),
        )


class PeriodMatch(_OverColumns):
    """period_vector @@ (one of the given period lexemes); the lexemes come from
    period_lexemes() and are bound as one parameter."""

    def __init__(self, column, lexemes: list[str]) -> None:
        super().__init__(column, output_field=BooleanField())
        self.lexemes = list(lexemes)

    def as_sql(self, compiler, connection):
        (column,), params = self._compiled_columns(compiler, connection)
        query = " | ".join(_quote_lexeme(x) for x in self.lexemes)
        return f"({column} @@ %s::tsquery)", (*params, query)


def id_array(ids: Iterable) -> str:
    """The PostgreSQL array literal of these integer ids (faster to send than a list of
    a thousand ints to adapt; int() admits nothing but digits and a sign)."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


class AnyOf(Lookup):
    """``field__any=[ids]``: the field is one of the ids, the list bound as ONE array
    parameter. For the thousand ids of a search's matches: ``__in`` would send a
    thousand parameters, which costs more to build and plan than the query takes."""

    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [id_array(value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # A semi-join with the unnested array, not "= ANY(array)": the planner then
        # knows the list's length and looks the ids up (a filter would test every
        # row of a large table against the whole list).
        return f"{lhs} IN (SELECT unnest({rhs}::bigint[]))", (*lhs_params, *rhs_params)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)


class TextMatches(_OverColumns):
    """(title || newline || body) ~ pattern, for the spelling and exact levels."""

    def __init__(self, title, body, pattern: str) -> None:
        super().__init__(title, body, output_field=BooleanField())
        self.pattern = pattern

    def as_sql(self, compiler, connection):
        (title, body), params = self._compiled_columns(compiler, connection)
        return f"(({title} || E'\\n' || {body}) ~ %s)", (*params, self.pattern)
