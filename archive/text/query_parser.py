"""The analyst's query language, parsed into a small tree (no Django, no SQL).

    word            all words must match (AND)
    "two words"     an exact phrase
    a OR b          either (also ``|``); binds tighter than the implicit AND
    -word, -"a b"   exclusion
    prefix*         prefix match

Anything else (brackets, tsquery operators such as ``& | ! : <->``, control
characters) is treated as a separator, never as syntax: the tree holds only
words, so nothing the analyst types reaches SQL as an operator.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from archive.text import script

MAX_QUERY_LENGTH = 500
MAX_TERMS = 32


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalogs (makemessages finds this name)
    without importing Django: the web layer translates it (QueryError.localized)."""
    return message


class QueryError(ValueError):
    """The query cannot be searched; the message is shown to the analyst.

    ``str(error)`` is the English message; ``error.localized(gettext)`` the message in
    the analyst's language.
    """

    def __init__(self, message: str, **params) -> None:
        self.message, self.params = message, params
        super().__init__(message % params)

    def localized(self, translate) -> str:
        return translate(self.message) % self.params


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or several for a phrase
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Clause:
    """Terms joined by OR; negated clauses exclude."""

    terms: tuple[Term, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    def is_empty(self) -> bool:
        return not self.positive


# A "word" is a run of letters and digits in any script (and of what the script table
# calls Arabic letters), with the characters the analyzer ignores inside a word (harakat,
# tatweel, Quranic marks, zero-width and bidi characters: ``script.IGNORABLE``) kept in
# it; the analyzer decides later what it indexes. Everything else separates words.
_AR = script.char_class(script.ARABIC_LETTERS)
_IGN = script.char_class(script.IGNORABLE)
_WORD_RE = re.compile(rf"(?:[^\W_]|[{_AR}])(?:[^\W_]|[{_AR}{_IGN}])*")
_LEX_RE = re.compile(
    r'(?P<neg>-)?"(?P<phrase>[^"]*)"?'  # a phrase; an unbalanced quote closes at the end
    r"|(?P<or>\bOR\b|\|)"
    r"|(?P<negw>-)?(?P<word>[^\s\"|]+)",
    re.UNICODE,
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "″": '"'})


_IN_WORDS = frozenset(script.ARABIC_LETTERS + script.IGNORABLE)
_SEPARATING_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    # Control, private-use and unassigned characters separate words (but those the script
    # table puts inside words: a few code points of its ranges are unassigned).
    return "".join(
        " " if unicodedata.category(ch) in _SEPARATING_CATEGORIES and ch not in _IN_WORDS else ch
        for ch in text
    )


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def parse(text: str) -> ParsedQuery:
    """Parse an analyst's query; raise QueryError only for input that cannot be searched."""
    if text is None:
        return ParsedQuery()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(
            gettext_noop("The query is too long (%(length)d characters; at most %(limit)d)."),
            length=len(text),
            limit=MAX_QUERY_LENGTH,
        )
    text = _clean(text)
    clauses: list[Clause] = []
    pending_or = False
    for match in _LEX_RE.finditer(text):
        if match.group("or"):
            pending_or = bool(clauses)
            continue
        if match.group("phrase") is not None:
            negated = bool(match.group("neg"))
            words = tuple(_words(match.group("phrase")))
            if not words:
                continue
            term = Term(words=words)
        else:
            raw = match.group("word")
            negated = bool(match.group("negw"))
            prefix = raw.endswith("*")
            words = tuple(_words(raw))
            if not words:
                continue
            if len(words) > 1:
                # "a&b", "x:y" and the like: the pieces are separate words (AND).
                terms = [Term(words=(w,)) for w in words]
                terms[-1] = Term(words=(words[-1],), prefix=prefix)
                for t in terms[:-1]:
                    clauses.append(Clause(terms=(t,), negated=negated))
                term = terms[-1]
            else:
                term = Term(words=words, prefix=prefix)
        if pending_or and clauses and not negated and not clauses[-1].negated:
            last = clauses.pop()
            clauses.append(Clause(terms=last.terms + (term,), negated=False))
        else:
            clauses.append(Clause(terms=(term,), negated=negated))
        pending_or = False
    if sum(len(c.terms) for c in clauses) > MAX_TERMS:
        raise QueryError(
            gettext_noop("The query has too many terms (at most %(limit)d)."), limit=MAX_TERMS
        )
    return ParsedQuery(clauses=tuple(clauses))
