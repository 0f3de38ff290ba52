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
from django.utils.text import slugify
from psqlextra.types import ConflictAction

from archive import search
from archive.models import (
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    City,
    Country,
    FactStatus,
    Meeting,
    MeetingRole,
    MeetingSeries,
    Organization,
    Source,
)
from archive.text import fingerprint

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


def _source_id(name: str) -> int:
    """The source's id in one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING).

    The conflict "update" rewrites the name with itself, so a curator's edits to the
    source (domain, country) are kept.
    """
    name = name.strip()[:200]
    return Source.objects.on_conflict(
        ["name"], ConflictAction.UPDATE, update_values={"name": name}
    ).insert(name=name, domain="")


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
    source_id = _source_id(source_name) if source_name and source_name.strip() else None
    fields = {
        "title": title,
        "body": body,
        "url": url or "",
        "published_at": published_at,
        "language": language,
        "content_hash": digest,
        "source_id": source_id,
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
    article = Article.objects.create(**fields, **_vector_fields(title=title, body=body))
    _link_near_duplicate(article)
    return UpsertResult(article, "new")


def article_unchanged(*, title: str, body: str, url: str = "") -> Article | None:
    """The stored article when this exact text is already in the archive, else None."""
    digest = content_hash(title=title, body=body)
    qs = Article.objects.filter(content_hash=digest, analyzer_version=search.analyzer_version())
    if url:
        qs = qs.filter(url__in=[url, ""])
    return qs.only("id").first()


@transaction.atomic
def article_ingest(
    *,
    title: str,
    body: str,
    url: str = "",
    published_at: datetime.date | None = None,
    source_name: str | None = None,
    language: str = "ar",
    extraction=None,
) -> UpsertResult:
    """Write one ingested article and what was extracted from it, all or nothing."""
    result = article_upsert(
        title=title,
        body=body,
        url=url,
        published_at=published_at,
        source_name=source_name,
        language=language,
    )
    if extraction is not None and result.status != "duplicate":
        article_facts_sync(
            article=result.article, extraction=extraction, is_new=result.status == "new"
        )
    return result


def articles_reanalyze(*, batch_size: int = 500) -> int:
    """Rewrite the vectors analysed by an older analyzer; returns how many were rewritten.

    Runs in batches, each its own transaction, so it can be stopped and resumed.
    """
    done = 0
    current = search.analyzer_version()
    while True:
        with transaction.atomic():
            batch = list(
                Article.objects.exclude(analyzer_version=current)
                .select_for_update(skip_locked=True)
                .only("id", "title", "body")[:batch_size]
            )
            if not batch:
                return done
            for article in batch:
                _write_vector(article)
            done += len(batch)


def _vector_fields(*, title: str, body: str) -> dict:
    # The only source of Article.search_vector and Article.fingerprint: derived from
    # the title and body they are written with, in the same statement or transaction,
    # so they never drift from them.
    return {
        "search_vector": search.vector_expression(title=title, body=body),
        "analyzer_version": search.analyzer_version(),
        "fingerprint": fingerprint.bands(_shingles(title=title, body=body)),
    }


def _shingles(*, title: str, body: str) -> set[int]:
    text = title + "\n" + body[: search.MAX_INDEXED_CHARS]
    return fingerprint.shingles(search.analyzer().normalize(text))


def _link_near_duplicate(article: Article) -> None:
    """Link a new article to the earliest article telling the same story, if any."""
    if not article.fingerprint:
        return
    candidates = (
        Article.objects.filter(fingerprint__overlap=article.fingerprint)
        .exclude(pk=article.pk)
        .order_by("created_at", "id")
        .only("id", "title", "body", "near_duplicate_of_id")[:20]
    )
    mine = _shingles(title=article.title, body=article.body)
    for other in candidates:
        theirs = _shingles(title=other.title, body=other.body)
        if fingerprint.jaccard(mine, theirs) >= fingerprint.NEAR_DUPLICATE_JACCARD:
            # Point at the first telling of the story, so a cluster has one root.
            article.near_duplicate_of_id = other.near_duplicate_of_id or other.pk
            Article.objects.filter(pk=article.pk).update(
                near_duplicate_of_id=article.near_duplicate_of_id
            )
            return


def _write_vector(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(
        **_vector_fields(title=article.title, body=article.body)
    )


# --- Extracted facts -------------------------------------------------------------
#
# Re-extraction never undoes a curator: a fact a curator accepted or rejected keeps
# its status (only its evidence may be refreshed); automatic facts that the new
# extraction no longer finds are removed; new ones are added as automatic.


def _sync_links(*, model, article: Article, key_field: str, found: dict, is_new: bool) -> None:
    if is_new:  # nothing to reconcile: one INSERT for all the facts
        model.objects.bulk_create(
            [model(article=article, **{f"{key_field}_id": k}, **v) for k, v in found.items()]
        )
        return
    existing = {
        getattr(link, f"{key_field}_id"): link for link in model.objects.filter(article=article)
    }
    for key_id, link in existing.items():
        if key_id not in found and link.status == FactStatus.AUTOMATIC:
            link.delete()
    for key_id, values in found.items():
        link = existing.get(key_id)
        if link is None:
            model.objects.create(article=article, **{f"{key_field}_id": key_id}, **values)
        else:
            for name, value in values.items():
                setattr(link, name, value)
            link.save(update_fields=list(values))


def _series(facts) -> MeetingSeries | None:
    if not facts.series_key:
        return None
    slug = slugify(facts.series_key, allow_unicode=True)[:150] or None
    if slug is None:
        return None
    series, _created = MeetingSeries.objects.get_or_create(
        slug=slug, defaults={"name_ar": (facts.series_name or facts.name)[:300]}
    )
    return series


def meeting_upsert(*, facts, city: City | None, country: Country | None) -> Meeting:
    """The one meeting record for these facts: two reports of a meeting share it."""
    series = _series(facts)
    meeting = None
    if series is not None and facts.edition:
        meeting = Meeting.objects.filter(series=series, edition=facts.edition).first()
    if meeting is None and facts.start:
        candidates = Meeting.objects.filter(kind=facts.kind, start_date=facts.start)
        if city is not None:
            candidates = candidates.filter(city=city)
        meeting = candidates.filter(series=series).first() if series else candidates.first()
    if meeting is None and series is None and not facts.start:
        meeting = Meeting.objects.filter(name=facts.name[:500], start_date__isnull=True).first()
    start, end = facts.start, facts.end
    if start and (end is None or end < start):
        end = start
    values = {
        "kind": facts.kind,
        "name": facts.name[:500],
        "series": series,
        "edition": facts.edition,
        "city": city,
        "country": country,
        "start_date": start,
        "end_date": end,
    }
    if meeting is None:
        return Meeting.objects.create(**values, evidence=dict(facts.evidence))
    changed = []
    for name, value in values.items():
        # Curated attributes stay; other reports only fill what is still empty.
        if (
            name in meeting.curated_fields
            or value in (None, "")
            or getattr(meeting, name) not in (None, "")
        ):
            continue
        setattr(meeting, name, value)
        changed.append(name)
    if meeting.start_date and meeting.end_date and meeting.end_date < meeting.start_date:
        # Dates filled from two reports that disagree: keep the first report's span.
        meeting.end_date = meeting.start_date
        changed.append("end_date")
    merged = {**dict(facts.evidence), **meeting.evidence}
    if merged != meeting.evidence:
        meeting.evidence = merged
        changed.append("evidence")
    if changed:
        meeting.save(update_fields=[*changed, "updated_at"])
    return meeting


@transaction.atomic
def article_facts_sync(*, article: Article, extraction, is_new: bool = False) -> None:
    """Write what extraction found in an article, keeping every curator decision."""
    for model, key_model, key_field, lookup, mentions in (
        (ArticleOrganization, Organization, "organization", "slug", extraction.organizations),
        (ArticleCountry, Country, "country", "code", extraction.countries),
    ):
        ids = dict(
            key_model.objects.filter(**{f"{lookup}__in": [m.key for m in mentions]}).values_list(
                lookup, "id"
            )
        )
        _sync_links(
            model=model,
            is_new=is_new,
            article=article,
            key_field=key_field,
            found={
                ids[m.key]: {"mentions": m.count, "evidence": m.evidence}
                for m in mentions
                if m.key in ids
            },
        )
    found_meetings = {}
    facts = extraction.meeting
    if facts is not None:
        city = None
        if facts.city:
            name_en, _sep, code = facts.city.partition("|")
            city = City.objects.filter(name_en=name_en, country__code=code).first()
        country = Country.objects.filter(code=facts.country).first() if facts.country else None
        meeting = meeting_upsert(
            facts=facts, city=city, country=country or (city.country if city else None)
        )
        roles = [
            ("organizer", facts.organizers),
            ("host", facts.hosts),
            ("participant", facts.participants),
        ]
        slugs = {s for _role, group in roles for s in group}
        ids = dict(Organization.objects.filter(slug__in=slugs).values_list("slug", "id"))
        evidence = facts.evidence
        for role, group in roles:
            for slug in group:
                if slug in ids:
                    MeetingRole.objects.get_or_create(
                        meeting=meeting,
                        organization_id=ids[slug],
                        role=role,
                        defaults={
                            "evidence": evidence.get(f"{role}s", evidence.get("name", ""))[:2000]
                        },
                    )
        found_meetings[meeting.pk] = {"evidence": evidence.get("name", "")[:2000]}
    _sync_links(
        model=ArticleMeeting,
        article=article,
        key_field="meeting",
        found=found_meetings,
        is_new=is_new,
    )
