"""Curation: the writes a curator makes beyond editing one record.

Merges, splits, re-extraction and review decisions. Keyword-only, typed and atomic
like archive.ingest.services; the admin actions call these and nothing else. Each merge or
split leaves a MergeRecord (what went into what, by whom, when), and every row it
changes gets a history row naming the curator (django-simple-history).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from archive.facts.kinds import ARTICLE_KINDS, KINDS
from archive.ingest import services
from archive.models import (
    Article,
    ArticleMeeting,
    ArticleOrganization,
    FactStatus,
    Meeting,
    MeetingRole,
    MeetingSeries,
    MeetingStatus,
    MergeRecord,
    Organization,
    OrganizationAlias,
    ReviewStatus,
)

# Every kind of fact a curator decides on (archive.facts.kinds).
FACT_MODELS = tuple(kind.model for kind in KINDS)


# A curator's decision is stronger than the extractor's guess; when two facts about
# the same thing are combined, an acceptance outweighs a rejection (one of the two
# names was confirmed in the article).
_STRENGTH = {
    FactStatus.AUTOMATIC: 0,
    FactStatus.CANDIDATE: 0,
    FactStatus.REJECTED: 1,
    FactStatus.ACCEPTED: 2,
}


def _stronger(a: str, b: str) -> str:
    return a if _STRENGTH.get(a, 0) >= _STRENGTH.get(b, 0) else b


def _user(user: Any):
    """The user to record, or None (anonymous and missing users are recorded as none)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _reason(text: str) -> str:
    return text[:100]  # simple-history's change reason column


def history_baseline(*, model, pks: Iterable[int]) -> int:
    """Give records that have no history yet a first history row with their stored state.

    Ingest writes articles and facts in bulk, without history rows (that would slow
    it down); the curator's first change to such a record then still shows as a
    field-by-field difference from what ingest wrote. Call before changing the rows;
    returns how many baselines were written.
    """
    pks = {pk for pk in pks if pk is not None}
    if not pks or not hasattr(model, "history"):
        return 0
    historical = model.history.model
    pks -= set(historical.objects.filter(id__in=pks).values_list("id", flat=True))
    if not pks:
        return 0
    before = timezone.now() - datetime.timedelta(milliseconds=1)
    rows = list(model._default_manager.filter(pk__in=pks))
    for row in rows:
        row._history_user = None  # written by ingest, not by the curator
        row._history_date = min(getattr(row, "updated_at", None) or before, before)
    model.history.bulk_history_create(
        rows, default_change_reason="as ingested (before the first recorded change)"
    )
    return len(rows)


def _save(obj: models.Model, *, user, reason: str, **kwargs) -> None:
    history_baseline(model=type(obj), pks=[obj.pk])
    if user is not None:
        obj._history_user = user
    obj._change_reason = _reason(reason)
    obj.save(**kwargs)


def _delete(obj: models.Model, *, user, reason: str) -> None:
    history_baseline(model=type(obj), pks=[obj.pk])
    if user is not None:
        obj._history_user = user
    obj._change_reason = _reason(reason)
    obj.delete()


def _update_rows(rows: list, model, fields: list[str], *, user, reason: str) -> None:
    """One UPDATE per batch for many rows, with a history row for each."""
    if rows:
        history_baseline(model=model, pks=[row.pk for row in rows])
        bulk_update_with_history(
            rows,
            model,
            fields,
            batch_size=500,
            default_user=user,
            default_change_reason=_reason(reason),
        )


def _move_rows(
    *,
    model,
    fk: str,
    unique_with: tuple[str, ...],
    source: models.Model,
    target: models.Model,
    combine: Callable[[Any, Any], None] | None,
    user,
    reason: str,
) -> dict[str, list[int]]:
    """Point `model`'s rows from `source` to `target`.

    A row whose twin (same `unique_with` values) already points to `target` is
    combined into the twin with `combine` and deleted; returns the ids moved and combined.
    """
    attnames = [model._meta.get_field(name).attname for name in unique_with]
    fk_attname = model._meta.get_field(fk).attname
    twins = {
        tuple(getattr(row, a) for a in attnames): row
        for row in model.objects.select_for_update().filter(**{fk: target})
    }
    moved, combined = [], []
    for row in model.objects.select_for_update().filter(**{fk: source}).order_by("pk"):
        twin = twins.get(tuple(getattr(row, a) for a in attnames))
        if twin is None:
            setattr(row, fk_attname, target.pk)
            moved.append(row)
            continue
        if combine is not None:
            combine(twin, row)
            _save(twin, user=user, reason=reason)
        combined.append(row.pk)
        _delete(row, user=user, reason=reason)
    _update_rows(moved, model, [fk], user=user, reason=reason)
    return {"moved": [row.pk for row in moved], "combined": combined}


def _combine_fact(twin, row) -> None:
    twin.status = _stronger(twin.status, row.status)
    twin.evidence = twin.evidence or row.evidence
    if hasattr(twin, "mentions"):
        twin.mentions += row.mentions
    if isinstance(twin, ArticleMeeting) and row.relation == ArticleMeeting.Relation.REPORTS:
        twin.relation = ArticleMeeting.Relation.REPORTS  # "reports" says more than "mentions"


def _move_other_relations(
    *, model, handled: set, source: models.Model, target: models.Model
) -> dict[str, int]:
    """Tables added later that point to `model` (one-to-many): moved as they are."""
    counts = {}
    for rel in model._meta.related_objects:
        related = rel.related_model
        if (
            related in handled
            or rel.many_to_many
            or related.__name__.startswith("Historical")
            or related is MergeRecord
        ):
            continue
        counts[related._meta.label] = related._default_manager.filter(
            **{rel.field.name: source}
        ).update(**{rel.field.name: target})
    return {label: n for label, n in counts.items() if n}


def _locked_pair(model, *, keep, remove):
    """Both records re-read under a row lock; `remove` is None when an earlier merge
    deleted it (merging again is a no-op)."""
    locked = model.objects.select_for_update()
    return locked.get(pk=keep.pk), locked.filter(pk=remove.pk).first()


def _already_merged(kind: str, other_id: int) -> MergeRecord:
    record = MergeRecord.objects.filter(kind=kind, other_id=other_id).first()
    if record is None:
        raise ValueError(f"record {other_id} does not exist")
    return record


# --- Organizations ------------------------------------------------------------------


def _alias_language(name: str) -> str:
    return (
        OrganizationAlias.Language.ENGLISH if name.isascii() else OrganizationAlias.Language.ARABIC
    )


@transaction.atomic
def organization_merge(
    *, keep: Organization, remove: Organization, user: Any = None
) -> MergeRecord:
    """Merge `remove` into `keep`; `remove` is deleted and its names become aliases.

    Every mention, meeting role, alias, child organization and series organized by
    `remove` moves to `keep`; two mentions of both in one article become one (counts
    summed, the stronger review status kept). Merging again is a no-op that returns
    the first merge's record.
    """
    if keep.pk == remove.pk:
        raise ValueError("an organization cannot be merged into itself")
    user = _user(user)
    removed_id = remove.pk
    keep, remove = _locked_pair(Organization, keep=keep, remove=remove)
    if remove is None:
        return _already_merged(MergeRecord.Kind.ORGANIZATION_MERGE, removed_id)
    reason = f"merged {remove.name_ar} into {keep.name_ar}"
    move = functools.partial(_move_rows, source=remove, target=keep, user=user, reason=reason)
    details: dict[str, Any] = {"slug": remove.slug}
    details["mentions"] = move(
        model=ArticleOrganization,
        fk="organization",
        unique_with=("article",),
        combine=_combine_fact,
    )
    details["meeting_roles"] = move(
        model=MeetingRole, fk="organization", unique_with=("meeting", "role"), combine=_combine_fact
    )
    details["aliases"] = move(
        model=OrganizationAlias, fk="organization", unique_with=("name",), combine=None
    )
    children = list(Organization.objects.filter(parent=remove).exclude(pk=keep.pk))
    for child in children:
        child.parent = keep
    _update_rows(children, Organization, ["parent"], user=user, reason=reason)
    details["children"] = [c.pk for c in children]
    series = list(MeetingSeries.objects.filter(organizer=remove))
    for one in series:
        one.organizer = keep
    _update_rows(series, MeetingSeries, ["organizer"], user=user, reason=reason)
    details["series"] = [s.pk for s in series]
    details["other"] = _move_other_relations(
        model=Organization,
        handled={ArticleOrganization, MeetingRole, OrganizationAlias, Organization, MeetingSeries},
        source=remove,
        target=keep,
    )
    # What `keep` lacks, `remove` may know.
    for name in ("name_en", "acronym", "country_id"):
        if not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    if keep.parent_id == remove.pk:
        keep.parent_id = remove.parent_id if remove.parent_id != keep.pk else None
    # The merged names become aliases, so search and extraction still know them.
    own = {n.strip() for n in (keep.name_ar, keep.name_en, keep.acronym) if n}
    existing = set(keep.aliases.values_list("name", flat=True))
    new_aliases = []
    for name, is_acronym in (
        (remove.name_ar, False),
        (remove.name_en, False),
        (remove.acronym, True),
    ):
        name = (name or "").strip()
        if name and name not in own and name not in existing:
            existing.add(name)
            alias = OrganizationAlias(
                organization=keep,
                name=name[:300],
                language=_alias_language(name),
                is_acronym=is_acronym,
            )
            _save(alias, user=user, reason=reason)
            new_aliases.append(name)
    details["names_added_as_aliases"] = new_aliases
    other_label = str(remove)
    _delete(remove, user=user, reason=reason)
    _save(keep, user=user, reason=reason)  # also refreshes the search's name index
    return MergeRecord.objects.create(
        kind=MergeRecord.Kind.ORGANIZATION_MERGE,
        kept_id=keep.pk,
        kept_label=str(keep)[:500],
        other_id=removed_id,
        other_label=other_label[:500],
        details=details,
        user=user,
    )


# --- Meetings -----------------------------------------------------------------------


@transaction.atomic
def meeting_merge(*, keep: Meeting, remove: Meeting, user: Any = None) -> MergeRecord:
    """Merge two records of one meeting: articles, roles and evidence go to `keep`.

    Attributes `keep` lacks (series and edition, place, dates) are taken from
    `remove`; `remove` is deleted. Merging again returns the first merge's record.
    """
    if keep.pk == remove.pk:
        raise ValueError("a meeting cannot be merged into itself")
    user = _user(user)
    removed_id = remove.pk
    keep, remove = _locked_pair(Meeting, keep=keep, remove=remove)
    if remove is None:
        return _already_merged(MergeRecord.Kind.MEETING_MERGE, removed_id)
    reason = f"merged meeting {remove.pk} into {keep.pk}"
    move = functools.partial(_move_rows, source=remove, target=keep, user=user, reason=reason)
    details: dict[str, Any] = {}
    details["articles"] = move(
        model=ArticleMeeting, fk="meeting", unique_with=("article",), combine=_combine_fact
    )
    details["roles"] = move(
        model=MeetingRole, fk="meeting", unique_with=("organization", "role"), combine=_combine_fact
    )
    details["other"] = _move_other_relations(
        model=Meeting, handled={ArticleMeeting, MeetingRole}, source=remove, target=keep
    )
    if keep.series_id is None and remove.series_id is not None:
        keep.series_id, keep.edition = remove.series_id, keep.edition or remove.edition
    elif keep.series_id == remove.series_id and keep.edition is None:
        keep.edition = remove.edition
    for name in ("city_id", "country_id"):
        if getattr(keep, name) is None:
            setattr(keep, name, getattr(remove, name))
    if keep.start_date is None:
        keep.start_date, keep.end_date = remove.start_date, remove.end_date
    elif keep.end_date is None and remove.end_date and remove.end_date >= keep.start_date:
        keep.end_date = remove.end_date
    keep.evidence = {**remove.evidence, **keep.evidence}
    keep.curated_fields = list(dict.fromkeys([*keep.curated_fields, *remove.curated_fields]))
    other_label = str(remove)
    # Deleted before `keep` is saved: `keep` may take over its series and edition.
    _delete(remove, user=user, reason=reason)
    _save(keep, user=user, reason=reason)
    return MergeRecord.objects.create(
        kind=MergeRecord.Kind.MEETING_MERGE,
        kept_id=keep.pk,
        kept_label=str(keep)[:500],
        other_id=removed_id,
        other_label=other_label[:500],
        details=details,
        user=user,
    )


@transaction.atomic
def meeting_status_set(*, meetings: Iterable[Meeting], status: str, user: Any = None) -> int:
    """A curator's decision on meetings: public records or candidates. The decision is
    curated (re-extraction and new reports never change it); their reports and roles
    follow (services.meeting_facts_status). How many changed."""
    status = MeetingStatus(status)
    user = _user(user)
    changed = []
    for meeting in (
        Meeting.objects.select_for_update().filter(pk__in=[m.pk for m in meetings]).order_by("pk")
    ):
        curated = "status" in meeting.curated_fields
        if meeting.status == status and curated:
            continue
        meeting.status = status
        if not curated:
            meeting.curated_fields = [*meeting.curated_fields, "status"]
        _save(meeting, user=user, reason=f"status: {status.value}")
        changed.append(meeting.pk)
    services.meeting_facts_status(meeting_ids=changed)
    return len(changed)


def _text(article: Article) -> str:
    return f"{article.title}\n{article.body}"


@transaction.atomic
def meeting_split(*, meeting: Meeting, articles: Iterable[Article], user: Any = None) -> Meeting:
    """Move the given articles to a new meeting record, with the evidence they hold.

    The new meeting copies the name, kind, place and dates (the curator then corrects
    them) but not the edition. A role moves when its evidence sentence comes from the
    moved articles only, and is copied when both groups of articles hold it. The moved
    links are marked accepted: the curator placed them.
    """
    user = _user(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    wanted = {a.pk for a in articles}
    links = list(
        ArticleMeeting.objects.select_for_update()
        .filter(meeting=meeting)
        .select_related("article")
        .order_by("pk")
    )
    moving = [link for link in links if link.article_id in wanted]
    staying = [link for link in links if link.article_id not in wanted]
    if not moving:
        raise ValueError("none of these articles is linked to the meeting")
    if not staying:
        raise ValueError("at least one article must stay with the meeting")
    moved_texts = [_text(link.article) for link in moving]
    kept_texts = [_text(link.article) for link in staying]

    def found(sentence: str, texts: list[str]) -> bool:
        sentence = sentence.strip()
        return bool(sentence) and any(sentence in text for text in texts)

    reason = f"split from meeting {meeting.pk}"
    new = Meeting(
        kind=meeting.kind,
        name=meeting.name,
        series=meeting.series,
        edition=None,  # one edition per series: the curator sets the right one
        city=meeting.city,
        country=meeting.country,
        start_date=meeting.start_date,
        end_date=meeting.end_date,
        evidence={k: v for k, v in meeting.evidence.items() if found(str(v), moved_texts)},
    )
    _save(new, user=user, reason=reason)
    for link in moving:
        link.meeting, link.status = new, FactStatus.ACCEPTED
    _update_rows(moving, ArticleMeeting, ["meeting", "status"], user=user, reason=reason)
    roles_moved, roles_copied = [], []
    for role in MeetingRole.objects.select_for_update().filter(meeting=meeting).order_by("pk"):
        if not found(role.evidence, moved_texts):
            continue
        if found(role.evidence, kept_texts):
            copy = MeetingRole(
                meeting=new,
                organization_id=role.organization_id,
                role=role.role,
                status=role.status,
                evidence=role.evidence,
            )
            _save(copy, user=user, reason=reason)
            roles_copied.append(copy.pk)
        else:
            role.meeting = new
            _save(role, user=user, reason=reason)
            roles_moved.append(role.pk)
    left = {k: v for k, v in meeting.evidence.items() if not found(str(v), moved_texts)}
    if left != meeting.evidence:
        meeting.evidence = left
        _save(meeting, user=user, reason=reason)
    MergeRecord.objects.create(
        kind=MergeRecord.Kind.MEETING_SPLIT,
        kept_id=new.pk,
        kept_label=str(new)[:500],
        other_id=meeting.pk,
        other_label=str(meeting)[:500],
        details={
            "articles": sorted(link.article_id for link in moving),
            "roles_moved": roles_moved,
            "roles_copied": roles_copied,
        },
        user=user,
    )
    return new


# --- Articles and facts -------------------------------------------------------------


@transaction.atomic
def article_reextract(*, articles: Iterable[Article]) -> int:
    """Run extraction again on these articles; returns how many were re-extracted.

    Goes through services.article_facts_sync like ingest, so facts a curator accepted
    or rejected keep their status; automatic facts no longer found are removed.
    """
    from archive.facts.gazetteer import database_gazetteer
    from archive.ingest.pipeline import EXTRACTION_CHARS
    from archive.text import extraction

    gazetteer = database_gazetteer()
    done = 0
    for article in articles:
        for model, facts in _facts_of([article.pk]):
            history_baseline(model=model, pks=facts.values_list("pk", flat=True))
        found = extraction.extract(
            title=article.title,
            body=article.body[:EXTRACTION_CHARS],
            published=article.published_at,
            gazetteer=gazetteer,
            source_country=article.source.country.code
            if article.source and article.source.country
            else None,
        )
        services.article_facts_sync(article=article, extraction=found, is_new=False)
        done += 1
    return done


def _facts_of(article_ids: list[int]) -> list[tuple[type, models.QuerySet]]:
    return [
        (model, model.objects.filter(article_id__in=article_ids))
        for model in (kind.model for kind in ARTICLE_KINDS)
    ]


def _set_review_status(articles: Iterable[Article], status: str, *, user, reason: str) -> list:
    ids = [a.pk for a in articles]
    rows = list(
        Article.objects.select_for_update()
        .filter(pk__in=ids)
        .exclude(review_status=status)
        .order_by("pk")
    )
    now = timezone.now()
    for row in rows:
        row.review_status, row.updated_at = status, now
    _update_rows(rows, Article, ["review_status", "updated_at"], user=user, reason=reason)
    return rows


@transaction.atomic
def article_mark_reviewed(
    *, articles: Iterable[Article], user: Any = None, accept_facts: bool = True
) -> int:
    """Mark articles reviewed; returns how many changed (marking twice changes nothing).

    With `accept_facts` the facts the curator left on them become accepted: they
    have been seen, so they leave the review queue and re-extraction keeps them.
    """
    user = _user(user)
    articles = list(articles)
    rows = _set_review_status(articles, ReviewStatus.REVIEWED, user=user, reason="reviewed")
    if accept_facts:
        for _model, qs in _facts_of([a.pk for a in articles]):
            fact_accept(facts=qs.filter(status=FactStatus.AUTOMATIC), user=user)
    return len(rows)


@transaction.atomic
def article_reject(*, articles: Iterable[Article], user: Any = None) -> int:
    """Mark articles rejected (not about the archive's subject); returns how many changed."""
    return len(
        _set_review_status(articles, ReviewStatus.REJECTED, user=_user(user), reason="rejected")
    )


def _set_fact_status(facts: Iterable[models.Model], status: str, *, user) -> int:
    by_model: dict[type, list] = {}
    for fact in facts:
        if fact.status != status:
            fact.status = status
            by_model.setdefault(type(fact), []).append(fact)
    for model, rows in by_model.items():
        _update_rows(rows, model, ["status"], user=user, reason=str(status))
    return sum(len(rows) for rows in by_model.values())


@transaction.atomic
def fact_accept(*, facts: Iterable[models.Model], user: Any = None) -> int:
    """Accept extracted facts (any fact model); returns how many changed."""
    return _set_fact_status(facts, FactStatus.ACCEPTED, user=_user(user))


@transaction.atomic
def fact_reject(*, facts: Iterable[models.Model], user: Any = None) -> int:
    """Reject extracted facts (any fact model); returns how many changed."""
    return _set_fact_status(facts, FactStatus.REJECTED, user=_user(user))
