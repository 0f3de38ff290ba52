"""Organizations no list holds yet: the curator's list of unresolved phrases, and the
one action that resolves one.

Extraction keeps the head-noun phrases the gazetteer did not match
(archive.text.extraction.unresolved) as UnresolvedMention rows, rewritten with each
article's facts. ``unresolved_ranked`` lists them by how many articles name them;
``unresolved_resolve`` makes one a new organization or an alias of an existing one and
extracts the articles that name it again, so they list the organization (and the phrase
leaves the list); ``unresolved_dismiss`` records that a phrase names no organization.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, QuerySet, Sum
from django.utils.text import slugify

from archive.curation.services import _alias_language, _save, _user, article_reextract
from archive.models import (
    Article,
    Country,
    DismissedPhrase,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    UnresolvedMention,
)


@dataclass(frozen=True)
class UnresolvedPhrase:
    key: str
    phrase: str  # one spelling the articles use
    head: str
    articles: int
    mentions: int
    latest_article: int


# --- Reads --------------------------------------------------------------------------


def unresolved_ranked(*, head: str = "", text: str = "") -> QuerySet:
    """The phrases not dismissed, most articles first: dicts with key, phrase, head,
    articles, mentions and latest_article (the newest article's id)."""
    rows = UnresolvedMention.objects.exclude(key__in=DismissedPhrase.objects.values("key"))
    if head:
        rows = rows.filter(head=head)
    if text:
        rows = rows.filter(phrase__icontains=text)
    return (
        rows.values("key")
        .annotate(
            phrase=Min("phrase"),
            head=Min("head"),
            articles=Count("article", distinct=True),
            mentions=Sum("mentions"),
            latest_article=Max("article"),
        )
        .order_by("-articles", "-mentions", "key")
    )


def unresolved_heads() -> list[tuple[str, int]]:
    """The head nouns with how many phrases each has, most first (the list's filter)."""
    rows = (
        UnresolvedMention.objects.exclude(key__in=DismissedPhrase.objects.values("key"))
        .values("head")
        .annotate(n=Count("key", distinct=True))
        .order_by("-n", "head")
    )
    return [(r["head"], r["n"]) for r in rows]


def unresolved_phrase(*, key: str) -> UnresolvedPhrase | None:
    row = unresolved_ranked().filter(key=key).first()
    if row is None:
        return None
    return UnresolvedPhrase(**row)


def unresolved_articles(*, key: str) -> QuerySet:
    """The mentions of one phrase with their articles, newest first."""
    return (
        UnresolvedMention.objects.filter(key=key)
        .select_related("article", "article__source")
        .order_by("-article__published_at", "-article_id")
    )


# --- Writes -------------------------------------------------------------------------


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "organization")[:100]
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def unresolved_resolve(
    *,
    key: str,
    organization: Organization | None = None,
    name_ar: str = "",
    name_en: str = "",
    acronym: str = "",
    kind: str = OrganizationKind.OTHER,
    country: Country | None = None,
    parent: Organization | None = None,
    user: Any = None,
) -> tuple[Organization, int]:
    """Make the phrase ``key`` an organization: an alias of ``organization`` when one is
    given, else a new organization (``name_ar`` defaults to the phrase). The articles
    that name the phrase are extracted again, so they list the organization; returns it
    and how many articles were re-extracted. Raises ValueError for an unknown phrase or
    an invalid kind."""
    user = _user(user)
    phrase_row = UnresolvedMention.objects.filter(key=key).order_by("id").first()
    if phrase_row is None:
        raise ValueError(f"no unresolved phrase {key!r}")
    phrase = phrase_row.phrase
    reason = f"from the unresolved phrase {phrase}"
    if organization is None:
        if kind not in OrganizationKind.values:
            raise ValueError(f"unknown organization kind {kind!r}")
        name_ar = (name_ar or phrase).strip()[:300]
        organization = Organization(
            slug=_unique_slug(name_en or acronym or f"org-{phrase_row.pk}"),
            name_ar=name_ar,
            name_en=name_en.strip()[:300],
            acronym=acronym.strip()[:40],
            kind=kind,
            country=country,
            parent=parent,
        )
        _save(organization, user=user, reason=reason)
        if phrase != name_ar:
            _save(
                OrganizationAlias(
                    organization=organization, name=phrase, language=_alias_language(phrase)
                ),
                user=user,
                reason=reason,
            )
    elif not organization.aliases.filter(name=phrase).exists() and phrase != organization.name_ar:
        _save(
            OrganizationAlias(
                organization=organization, name=phrase, language=_alias_language(phrase)
            ),
            user=user,
            reason=reason,
        )
    articles = Article.objects.filter(
        pk__in=UnresolvedMention.objects.filter(key=key).values("article_id")
    ).select_related("source__country")
    done = article_reextract(articles=articles)
    return organization, done


@transaction.atomic
def unresolved_dismiss(*, key: str, user: Any = None) -> DismissedPhrase:
    """Record that the phrase ``key`` names no organization: it leaves the list (its
    rows stay, so undoing the dismissal brings it back)."""
    row = UnresolvedMention.objects.filter(key=key).order_by("id").first()
    phrase = row.phrase if row else key
    dismissed, _created = DismissedPhrase.objects.get_or_create(
        key=key[:300], defaults={"phrase": phrase[:300], "dismissed_by": _user(user)}
    )
    return dismissed
