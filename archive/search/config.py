"""Search configuration: the analyzer in use, the vector builder, publication periods.

Model-free on purpose (models import this module, not the reverse). The stored
``Article.search_vector`` is built here from our own Arabic analysis and stored
as a literal ``tsvector``; PostgreSQL never stems anything, so results do not
depend on the database's locale or text-search configuration.
"""

from __future__ import annotations

import datetime

from django.db.models import Func

from archive.text.arabic import ANALYZER_VERSION, ArabicAnalyzer

# The deepest page each listing serves; both are public contracts (README: pagination).
# Ranked search pages (/search, /api/search) cost a ranking each; the newest-first
# article list (/api/articles) is cheap to page through.
SEARCH_MAX_PAGE = 500
LIST_MAX_PAGE = 10_000

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
# curator-edited lexicon (archive.search.lexicon loads it from the database and calls
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


def quote_lexeme(lexeme: str) -> str:
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
    # Quoted as quote_lexeme() does; a lexeme with nothing to escape (all but a
    # curator's odd spelling variant) is just put between quotes, twice as fast.
    return " ".join(
        [
            "'" + lexeme + "':" + at
            if "'" not in lexeme and "\\" not in lexeme
            else quote_lexeme(lexeme) + ":" + at
            for lexeme, at in entries.items()
        ]
    ), words


# A lexeme of at most this many characters fits whatever they are (4 bytes at most each).
_SURELY_FITS = MAX_LEXEME_BYTES // 4


def _fits(lexeme: str) -> bool:
    # The exact test; the builder tries the cheap _SURELY_FITS bound first.
    return len(lexeme.encode()) <= MAX_LEXEME_BYTES


# --- Publication periods ---------------------------------------------------------
#
# Article.period_vector holds the article's publication month and year as two lexemes
# ("m202411", "y2024"; "undated" without a date), computed by PostgreSQL from
# published_at (a generated column: a curator's date fix updates it). It shares one GIN
# index with search_vector, so "the newest matches of a common word" is one index scan
# intersecting the word with a few months, instead of a walk of the date index that
# reads a vector per article (archive.search.selectors.newest_matches).

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
