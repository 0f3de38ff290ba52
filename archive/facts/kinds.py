"""The kinds of fact the archive stores, listed once.

Each entry names a fact model (a concrete subclass of archive.models.Fact) and what the
code that handles facts needs to know about it; everything else (tables, columns, the
extra fields of a link) is read from the model's _meta. The batch writer's statements,
re-extraction's sync, the search facets, the curation services, the admin's review
queue and inlines and the API's article document all iterate KINDS, so adding a kind
is a model, its migration, one entry here and (for an article fact) the extractor's
output and the API's serializer of its target.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.models import (
    ArticleCity,
    ArticleCountry,
    ArticleFact,
    ArticleMeeting,
    ArticleOrganization,
    Fact,
    MeetingRole,
)

# Columns every fact has, or that a kind's own metadata already names.
_SHARED = frozenset({"id", "article", "status", "evidence"})


@dataclass(frozen=True)
class Facet:
    """A search facet over an article fact: the target's columns it shows."""

    value: str  # the column a facet entry is selected by (?organization=<value>)
    label: str  # the Arabic label, also the tie-break of equal counts
    label_en: str
    acronym: str | None = None  # shown beside the label when the target has one


@dataclass(frozen=True)
class FactKind:
    name: str  # singular: the facet's and the search filter's name ("organization")
    plural: str  # the review queue's count and the API document's key ("organizations")
    model: type[Fact]
    target: str  # the foreign key a fact links the article (or meeting) to
    # The writer's CTE name and the key of its rows in the JSON parameter ("o").
    code: str = ""
    # The extraction result's attribute holding what was found of this kind, and how
    # ingest resolves its keys to ids: the name of an IngestRefs method taking keys, or
    # None for a kind with its own finder (archive.ingest.services._FINDERS).
    extracted: str = ""
    refs_ids: str | None = None
    # Values every new fact of this kind is written with ({field: value}).
    fixed: tuple[tuple[str, str], ...] = ()
    facet: Facet | None = None

    @property
    def is_article_fact(self) -> bool:
        return issubclass(self.model, ArticleFact)

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def target_field(self):
        return self.model._meta.get_field(self.target)

    @property
    def target_column(self) -> str:
        return self.target_field.column

    @property
    def target_table(self) -> str:
        return self.target_field.related_model._meta.db_table

    @property
    def counted(self) -> bool:
        """The fact stores how often the article names its target (a mentions column)."""
        return any(f.name == "mentions" for f in self.model._meta.concrete_fields)

    @property
    def extra_fields(self) -> list[str]:
        """The kind's own fields besides the article, the target, status and evidence
        (mentions, relation, role), in declaration order: the admin shows them."""
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if not f.is_relation and f.name not in _SHARED
        ]


KINDS: tuple[FactKind, ...] = (
    FactKind(
        name="organization",
        plural="organizations",
        model=ArticleOrganization,
        target="organization",
        code="o",
        extracted="organizations",
        refs_ids="organization_ids",
        facet=Facet(value="slug", label="name_ar", label_en="name_en", acronym="acronym"),
    ),
    FactKind(
        name="country",
        plural="countries",
        model=ArticleCountry,
        target="country",
        code="c",
        extracted="countries",
        refs_ids="country_ids",
        facet=Facet(value="code", label="name_ar", label_en="name_en"),
    ),
    FactKind(
        name="city",
        plural="cities",
        model=ArticleCity,
        target="city",
        code="p",  # p: places
        extracted="cities",
        refs_ids="city_ids",
    ),
    FactKind(
        name="meeting",
        plural="meetings",
        model=ArticleMeeting,
        target="meeting",
        code="m",
        extracted="meeting",
        fixed=(("relation", ArticleMeeting.Relation.REPORTS.value),),
        facet=Facet(value="id", label="name", label_en="name"),
    ),
    # A meeting's organizations: written with the meeting (the meeting finder), not
    # found in an article; reviewed like the others.
    FactKind(name="role", plural="roles", model=MeetingRole, target="organization"),
)

ARTICLE_KINDS: tuple[FactKind, ...] = tuple(k for k in KINDS if k.is_article_fact)
FACET_KINDS: tuple[FactKind, ...] = tuple(k for k in ARTICLE_KINDS if k.facet is not None)


def kind_of(model: type) -> FactKind:
    return next(k for k in KINDS if k.model is model)
