"""Writes: every change to articles goes through these services.

Keyword-only, typed and atomic (HackSoft style); the ingest command and the
admin call them, and they are the only place the search vector is written.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.db import transaction
from psqlextra.types import ConflictAction

from archive import search
from archive.models import Article, Source

_SPACES = re.compile(r"\s+")


def content_hash(*, title: str, body: str) -> str:
    """SHA-256 of the title and body with white space collapsed."""
    text = _SPACES.sub(" ", title).strip() + "\n" + _SPACES.sub(" ", body).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class UpsertResult:
    article: Article
    status: str  # "new" | "updated" | "duplicate"


def source_get_or_create(*, name: str) -> Source:
    name = name.strip()[:200]
    pk = Source.objects.on_conflict(["name"], ConflictAction.NOTHING).insert(name=name, domain="")
    return Source.objects.get(pk=pk) if pk else Source.objects.get(name=name)


@transaction.atomic
def article_upsert(
    *,
    title: str,
    body: str,
    url: str = "",
    published_at: datetime.date | None = None,
    source_name: str | None = None,
    language: str = "ar",
) -> UpsertResult:
    """Create or update one article; the same text twice is one article.

    Identity: the URL when there is one (a changed text updates the record),
    otherwise the content hash.
    """
    digest = content_hash(title=title, body=body)
    source = source_get_or_create(name=source_name) if source_name else None
    fields = {
        "title": title,
        "body": body,
        "url": url or "",
        "published_at": published_at,
        "language": language,
        "content_hash": digest,
        "source": source,
    }
    existing = None
    if url:
        existing = Article.objects.select_for_update().filter(url=url).first()
    if existing is None:
        existing = Article.objects.select_for_update().filter(content_hash=digest).first()
    if existing is not None:
        if (
            existing.content_hash == digest
            and existing.analyzer_version == search.analyzer_version()
        ):
            return UpsertResult(existing, "duplicate")
        for name, value in fields.items():
            if value is not None or name == "published_at" and existing.published_at is None:
                setattr(existing, name, value)
        existing.save()
        _write_vector(existing)
        return UpsertResult(existing, "updated")
    article = Article.objects.create(**fields)
    _write_vector(article)
    return UpsertResult(article, "new")


def _write_vector(article: Article) -> None:
    # The only writer of Article.search_vector: it is derived from the stored
    # title and body in the same transaction, so it never drifts from them.
    Article.objects.filter(pk=article.pk).update(
        search_vector=search.vector_expression(title=article.title, body=article.body),
        analyzer_version=search.analyzer_version(),
    )
