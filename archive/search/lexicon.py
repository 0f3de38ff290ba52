"""The Arabic analyzer's lexicon as curators edit it: protected words and name variants.

The rows start as the lists shipped in ``archive/data/`` (migration 0004) and are
extended in the admin. Every process builds its analyzer from the rows
(:func:`ensure_current`, checked at most every ``REFRESH_SECONDS`` by the middleware and
at the start of every ingest), so a change made in one gunicorn worker reaches all.

A change alters how some words are analysed, so the stored vectors of the articles
holding those words must follow, or a query analysed the new way would miss documents
analysed the old way. The services below save the change and re-analyse exactly the
articles whose vectors hold a lexeme of the changed words under the old or the new
lexicon, in the same transaction.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterable

from django.db import transaction

from archive.models import Article, NameVariant, ProtectedWord
from archive.search import config as search_config
from archive.search.query import any_lexeme
from archive.text.arabic import ArabicAnalyzer, shipped_lexicon

REFRESH_SECONDS = 10.0
REANALYZE_BATCH = 500

_lock = threading.Lock()
_checked_at = float("-inf")
_current_digest: str | None = None


# --- Loading -----------------------------------------------------------------------


def load_shipped(*, ProtectedWord=ProtectedWord, NameVariant=NameVariant) -> int:
    """Add the shipped entries the database lacks (model classes may be historical)."""
    data = shipped_lexicon()
    words = [ProtectedWord(word=w) for w in dict.fromkeys(data["protected_words"])]
    groups = [NameVariant(canonical=g[0], variants=g[1:]) for g in data["name_variants"] if g]
    before = ProtectedWord.objects.count() + NameVariant.objects.count()
    ProtectedWord.objects.bulk_create(words, ignore_conflicts=True)
    NameVariant.objects.bulk_create(groups, ignore_conflicts=True)
    return ProtectedWord.objects.count() + NameVariant.objects.count() - before


def _canonical_form(lexicon: dict) -> dict:
    return {
        "protected_words": sorted(set(lexicon["protected_words"])),
        "name_variants": sorted([g[0], *g[1:]] for g in lexicon["name_variants"] if g),
    }


def _digest(lexicon: dict) -> str:
    blob = json.dumps(_canonical_form(lexicon), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def lexicon_from_db() -> dict:
    return {
        "protected_words": list(ProtectedWord.objects.values_list("word", flat=True)),
        "name_variants": [
            [canonical, *variants]
            for canonical, variants in NameVariant.objects.values_list("canonical", "variants")
        ],
    }


def ensure_current(*, force: bool = False) -> None:
    """Analyze with the lexicon the database holds now (re-read at most every
    ``REFRESH_SECONDS`` unless ``force``)."""
    global _checked_at, _current_digest
    now = time.monotonic()
    if not force and now - _checked_at < REFRESH_SECONDS:
        return
    with _lock:
        lexicon = lexicon_from_db()
        digest = _digest(lexicon)
        if digest != _current_digest:
            # The shipped lexicon keeps the shared, warmed-up default analyzer.
            shipped = digest == _digest(shipped_lexicon())
            search_config.configure_lexicon(None if shipped else _canonical_form(lexicon))
            _current_digest = digest
        _checked_at = now


def reset() -> None:
    """Forget the configured lexicon (tests: the database was rolled back)."""
    global _checked_at, _current_digest
    with _lock:
        search_config.configure_lexicon(None)
        _checked_at = float("-inf")
        _current_digest = None


class LexiconMiddleware:
    """Keeps this process's analyzer in step with the curators' lexicon."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ensure_current()
        return self.get_response(request)


# --- Writes ------------------------------------------------------------------------


def _lexemes(words: Iterable[str], analyzer: ArabicAnalyzer) -> set[str]:
    out: set[str] = set()
    for word in words:
        for token in analyzer.analyze(word):
            out.update(s for s in token.stems if s)
        for part in word.split():
            out.update(s for s in analyzer.query_stems(part) if s)
    return out


def _reanalyze_holding(lexemes: set[str]) -> int:
    """Rewrite the vectors of the articles holding any of ``lexemes``."""
    if not lexemes:
        return 0
    from archive.ingest.services import articles_revector

    # No word a curator typed is formatted into SQL: any_lexeme binds them (see the
    # security invariant in archive.search.query).
    ids = Article.objects.search(any_lexeme(lexemes)).values_list("pk", flat=True)
    return articles_revector(ids=list(ids))


def _apply(change) -> int:
    ensure_current(force=True)
    before = search_config.analyzer()
    words = change()
    ensure_current(force=True)
    after = search_config.analyzer()
    return _reanalyze_holding(_lexemes(words, before) | _lexemes(words, after))


def _clean(word: str) -> str:
    word = " ".join(word.split())
    if not word:
        raise ValueError("A lexicon entry cannot be empty.")
    return word


@transaction.atomic
def protected_word_save(
    *, word: str, note: str = "", instance: ProtectedWord | None = None
) -> tuple[ProtectedWord, int]:
    """Create or change a protected word; returns it and the number of articles re-analysed."""
    entry = instance or ProtectedWord()
    old = [entry.word] if entry.pk else []

    def change() -> list[str]:
        entry.word, entry.note = _clean(word), note
        entry.save()
        return [*old, entry.word]

    return entry, _apply(change)


@transaction.atomic
def name_variant_save(
    *,
    canonical: str,
    variants: Iterable[str],
    note: str = "",
    instance: NameVariant | None = None,
) -> tuple[NameVariant, int]:
    """Create or change a group of spellings; returns it and the articles re-analysed."""
    entry = instance or NameVariant()
    old = [entry.canonical, *entry.variants] if entry.pk else []

    def change() -> list[str]:
        entry.canonical = _clean(canonical)
        entry.variants = list(dict.fromkeys(_clean(v) for v in variants if v.strip()))
        entry.note = note
        entry.save()
        return [*old, entry.canonical, *entry.variants]

    return entry, _apply(change)


@transaction.atomic
def lexicon_entry_delete(*, entry: ProtectedWord | NameVariant) -> int:
    """Delete a protected word or a variant group; returns the articles re-analysed."""
    is_word = isinstance(entry, ProtectedWord)
    words = [entry.word] if is_word else [entry.canonical, *entry.variants]

    def change() -> list[str]:
        entry.delete()
        return words

    return _apply(change)
