"""The archive's data model: news articles and the cooperation they report.

Articles come from sources (news outlets); ingest links each article to the
organizations, countries and meetings it names. Every such link is an
extracted fact that keeps its evidence sentence and a review status, so a
curator's decision survives any re-ingest (see archive.ingest.services).
"""

from __future__ import annotations

import simple_history
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from psqlextra.manager import PostgresManager
from psqlextra.query import PostgresQuerySet

from archive.search.config import PeriodVector
from archive.search.expressions import TsMatch, TsRank
from archive.search.query import CompiledQuery
from archive.text.script import clean_name


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class FactStatus(models.TextChoices):
    """Review status of an extracted fact."""

    AUTOMATIC = "automatic", _("automatic")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    # A report or a role of a candidate meeting (Meeting.status): not shown until the
    # meeting is a public record (archive.ingest.services.meeting_facts_status).
    CANDIDATE = "candidate", _("candidate")


# The facts every public page, chart, export and API answer shows: not rejected by a
# curator, not a candidate meeting's.
LIVE_STATUSES = (FactStatus.AUTOMATIC, FactStatus.ACCEPTED)


class Fact(models.Model):
    """What every extracted fact has: a review status and the sentence it came from.

    Abstract: no table, no migration. The kinds of fact are listed once, in
    archive.facts.kinds, and everything that handles facts iterates that list."""

    status = models.CharField(
        _("status"), max_length=16, choices=FactStatus.choices, default=FactStatus.AUTOMATIC
    )
    evidence = models.TextField(_("evidence sentence"), blank=True)

    class Meta:
        abstract = True


class ArticleFact(Fact):
    """A fact found in an article. The article and target foreign keys stay on each
    kind: their related names differ (organization_links, article_links...)."""

    class Meta:
        abstract = True


class Country(models.Model):
    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text="ISO 3166-1 alpha-2"
    )
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, blank=True)
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    short_ar = models.CharField(_("Arabic short name"), max_length=200, blank=True)
    aliases_ar = ArrayField(
        models.CharField(max_length=200), default=list, blank=True, verbose_name=_("Arabic aliases")
    )
    adjectives_ar = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name=_("Arabic adjectives"),
    )
    ambiguous_aliases_ar = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name=_("ambiguous Arabic aliases"),
        help_text=_("Names that point to this country only in context, e.g. المملكة."),
    )
    status = models.CharField(_("UN status"), max_length=16, default="member")

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return f"{self.name_ar} ({self.code})"


class City(models.Model):
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("country")
    )
    aliases_ar = ArrayField(
        models.CharField(max_length=200), default=list, blank=True, verbose_name=_("Arabic aliases")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # GeoNames' figures (archive/facts/places.py): the larger of two cities with one name is
    # the one meant when the article says nothing else.
    population = models.PositiveBigIntegerField(_("population"), default=0)
    geonameid = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True)

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(fields=["country", "name_en"], name="city_unique_per_country"),
        ]

    def __str__(self) -> str:
        return self.name_ar


class Source(TimeStamped):
    """A news outlet."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    domain = models.CharField(_("web domain"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("country"),
    )

    objects = PostgresManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A curator's paste keeps no bidi control either (ingest removes them too).
        self.name = clean_name(self.name) or self.name
        super().save(*args, **kwargs)


class OrganizationKind(models.TextChoices):
    UN_BODY = "un_body", _("UN body")
    INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental organization")
    REGIONAL = "regional_organization", _("regional organization")
    SECURITY_ALLIANCE = "security_alliance", _("security alliance")
    INTERNATIONAL_POLICE = "international_police", _("international police cooperation")
    FINANCIAL_INTELLIGENCE = "financial_intelligence", _("financial intelligence body")
    NATIONAL_AGENCY = "national_agency", _("national agency")
    MINISTRY = "ministry", _("ministry")
    RESEARCH_TRAINING = "research_training", _("research or training centre")
    COALITION = "coalition", _("coalition")
    GOVERNMENT = "government", _("government or presidency")
    LEGISLATURE = "legislature", _("parliament")
    ARMED_FORCES = "armed_forces", _("armed forces")
    SECURITY_SERVICE = "security_service", _("security, police or intelligence service")
    JUDICIARY = "judiciary", _("court or prosecution")
    ARMED_GROUP = "armed_group", _("armed or terrorist group")
    MEDIA = "media", _("news agency or media outlet")
    PARTY = "party", _("political party")
    UNION = "union", _("trade union or professional body")
    COMPANY = "company", _("company")
    SPORTS = "sports", _("sports club or federation")
    NGO = "ngo", _("association or NGO")
    OTHER = "other", _("other")


class Designation(models.TextChoices):
    """The lists that designate an armed group as terrorist."""

    UN = "un", _("UN Security Council")
    US = "us", _("United States")
    EU = "eu", _("European Union")
    GB = "gb", _("United Kingdom")
    SA = "sa", _("Saudi Arabia")
    AE = "ae", _("United Arab Emirates")
    EG = "eg", _("Egypt")
    BH = "bh", _("Bahrain")
    CA = "ca", _("Canada")
    AU = "au", _("Australia")


class Organization(TimeStamped):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganizationKind.choices, default=OrganizationKind.OTHER
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("home country"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organization"),
    )
    # A state institution made from the grammar (archive/text/institutions.py): its key
    # ("interior"), so extraction reads the grammar's forms for it with its country's.
    institution = models.CharField(_("kind of state body"), max_length=40, blank=True)
    designations = ArrayField(
        models.CharField(max_length=8, choices=Designation.choices),
        default=list,
        blank=True,
        verbose_name=_("designated as terrorist by"),
    )
    # A news agency's short forms, read as the article's source only in an attribution
    # phrase ("وفقا للألمانية", "(واس)"): elsewhere they are common words or adjectives.
    attribution_names = ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        verbose_name=_("short names in attributions"),
        help_text=_("For a news agency: its short forms after وفقا لـ or in brackets, e.g. واس."),
    )

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return f"{self.name_ar} ({self.acronym})" if self.acronym else self.name_ar


class OrganizationAlias(models.Model):
    """Another name of an organization: a spelling, a short form, an acronym, a translation."""

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        RUSSIAN = "ru", _("Russian")
        OTHER = "other", _("other")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ARABIC
    )
    is_acronym = models.BooleanField(_("acronym"), default=False)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("organization alias")
        verbose_name_plural = _("organization aliases")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="alias_unique_per_org"),
        ]

    def __str__(self) -> str:
        return self.name


class MeetingSeries(TimeStamped):
    """A recurring event, e.g. the Arab conference of counter-terrorism officials."""

    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    organizer = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("organizer"),
    )

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name_ar


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    CONFERENCE = "conference", _("conference")
    SUMMIT = "summit", _("summit")
    AGREEMENT = "agreement", _("agreement")
    WORKSHOP = "workshop", _("workshop")
    EXERCISE = "exercise", _("exercise")
    TRAINING = "training", _("training course")
    VISIT = "visit", _("visit")
    CALL = "call", _("phone call")
    OTHER = "other", _("other")


class MeetingStatus(models.TextChoices):
    PUBLIC = "public", _("public record")
    CANDIDATE = "candidate", _("candidate")


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """The public records: what every page, chart, export and API answer lists."""
        return self.filter(status=MeetingStatus.PUBLIC)


class Meeting(TimeStamped):
    kind = models.CharField(
        _("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    name = models.CharField(_("name"), max_length=500)
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    city = models.ForeignKey(
        City,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("city"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("country"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Where each extracted attribute came from: {"start_date": "sentence", ...}
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    # Attributes a curator has set by hand: re-extraction never overwrites them.
    curated_fields = ArrayField(
        models.CharField(max_length=40), default=list, blank=True, verbose_name=_("curated fields")
    )
    # Extraction's confidence that an article reports this event (the best of its
    # reports) and the reasons (archive.text.extraction.event_confidence.REASONS); below
    # the threshold the meeting is a candidate for curators, not a public record.
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PUBLIC,
        db_index=True,
    )
    confidence = models.FloatField(_("confidence"), default=1.0)
    confidence_reasons = ArrayField(
        models.CharField(max_length=40), default=list, blank=True, verbose_name=_("reasons")
    )
    # Is security or terrorism on its agenda, and which words and bodies say so.
    about_security = models.BooleanField(_("security on the agenda"), default=False)
    security_reasons = ArrayField(
        models.CharField(max_length=120),
        default=list,
        blank=True,
        verbose_name=_("security reasons"),
    )
    organizations = models.ManyToManyField(
        Organization,
        through="MeetingRole",
        related_name="meetings",
        verbose_name=_("organizations"),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="meeting_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                name="meeting_unique_edition",
                condition=Q(series__isnull=False, edition__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MeetingRole(Fact):
    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("organizer")
        HOST = "host", _("host")
        PARTICIPANT = "participant", _("participant")
        OBSERVER = "observer", _("observer")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="roles", verbose_name=_("meeting")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="meeting_roles",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )

    class Meta:
        verbose_name = _("meeting role")
        verbose_name_plural = _("meeting roles")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization", "role"], name="meeting_role_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} – {self.get_role_display()}"


class ReviewStatus(models.TextChoices):
    NEW = "new", _("new")
    REVIEWED = "reviewed", _("reviewed")
    REJECTED = "rejected", _("rejected")


# Columns computed from the text or the date (archive.ingest.services, PostgreSQL).
DERIVED_FIELDS = ("search_vector", "period_vector", "fingerprint", "signature", "analyzer_version")


class ArticleQuerySet(PostgresQuerySet):
    def search(self, compiled: CompiledQuery | None) -> ArticleQuerySet:
        """The one full-text entry point: the articles matching a compiled query.

        Views, the API, feeds and the admin all call this; nothing else builds
        a tsquery (see the security invariant in archive.search).
        """
        if compiled is None:
            return self.none()
        return self.filter(TsMatch("search_vector", compiled))

    def ranked(self, compiled: CompiledQuery) -> ArticleQuerySet:
        """Annotated with `rank` (title and lead weigh more than the body).

        Ranking reads each article's whole vector, so it is applied to a bounded set
        of candidates (archive.search.selectors.ranked_page), never to every match.
        """
        return self.annotate(rank=TsRank("search_vector", compiled))

    def for_display(self) -> ArticleQuerySet:
        """With its source, without the derived columns (the vector alone is several KB
        an article page or a result list never shows)."""
        return self.select_related("source").defer(*DERIVED_FIELDS)

    def by_relevance(self) -> ArticleQuerySet:
        return self.order_by(F("rank").desc(), F("published_at").desc(nulls_last=True), "-id")

    def by_date(self) -> ArticleQuerySet:
        return self.order_by(F("published_at").desc(nulls_last=True), "-id")


class ArticleManager(PostgresManager.from_queryset(ArticleQuerySet)):
    pass


class Article(TimeStamped):
    source = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("source"),
    )
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    title = models.TextField(_("title"))
    body = models.TextField(_("body"))
    published_at = models.DateField(_("publication date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ar")
    # SHA-256 of the normalized title and body: the same text ingested twice is one article
    # (unique: Meta.constraints, which spares it the LIKE index of a unique=True field).
    content_hash = models.CharField(_("content hash"), max_length=64)
    review_status = models.CharField(
        _("review status"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.NEW
    )
    # Written only by archive.ingest.services.article_upsert (through archive.search), so
    # it cannot drift from the text it indexes.
    search_vector = SearchVectorField(null=True, editable=False)
    analyzer_version = models.CharField(max_length=32, blank=True, editable=False)
    # The publication month and year as lexemes, computed by PostgreSQL from published_at
    # (see "Publication periods" in archive.search); indexed with search_vector.
    period_vector = models.GeneratedField(
        expression=PeriodVector("published_at"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # MinHash bands of the text (archive.text.fingerprint): articles sharing one are
    # near-duplicate candidates, found through ArticleBand (which PostgreSQL keeps equal
    # to this column). Written with the vector, from the same text.
    fingerprint = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    # MinHash values of the same text: a candidate's Jaccard similarity is estimated from
    # them without re-reading its text (archive.text.fingerprint.signature).
    signature = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    near_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="near_duplicates",
        verbose_name=_("near duplicate of"),
    )
    # Is it about terrorism, counter-terrorism or security (archive.text.extraction.security):
    # written with the article's facts, from the same extraction.
    about_security = models.BooleanField(_("about terrorism or security"), default=False)
    security_score = models.FloatField(_("security relevance"), null=True, blank=True)
    security_reasons = ArrayField(
        models.CharField(max_length=120),
        default=list,
        blank=True,
        verbose_name=_("what makes it about security"),
    )
    organizations = models.ManyToManyField(
        Organization,
        through="ArticleOrganization",
        related_name="articles",
        verbose_name=_("organizations"),
    )
    countries = models.ManyToManyField(
        Country, through="ArticleCountry", related_name="articles", verbose_name=_("countries")
    )
    meetings = models.ManyToManyField(
        Meeting, through="ArticleMeeting", related_name="articles", verbose_name=_("meetings")
    )

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # One index for words and publication periods: a search for the newest
            # matches intersects a word with a few months inside a single GIN scan.
            GinIndex(fields=["search_vector", "period_vector"], name="article_search_gin"),
            # The order of by_date() (newest first, undated last): a date-sorted
            # search and the newest matches ranked by relevance walk this index.
            models.Index(
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                name="article_published_idx",
            ),
        ]
        # No index of every URL (dropped in migration 0013): a URL looked up is never
        # empty, and the partial unique index below serves it, with the planner counting
        # one row per URL even before the table has statistics.
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"], name="archive_article_content_hash_key"
            ),
            # A changed article updates its record: the URL identifies it when there is one.
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_unique_url"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleOrganization(ArticleFact):
    """An organization named in an article (an extracted fact)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="organization_links"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="article_links"
    )
    mentions = models.PositiveIntegerField(_("mentions"), default=1)

    class Meta:
        verbose_name = _("organization mention")
        verbose_name_plural = _("organization mentions")
        constraints = [
            # Covering the status: a search's facets read the facts of its matches from
            # this index alone (archive.search.selectors._FACET_COUNTS).
            models.UniqueConstraint(
                fields=["article", "organization"],
                name="article_org_unique",
                include=["status"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.organization}"


class ArticleBand(models.Model):
    """One MinHash band of an article's fingerprint, for finding the first articles that
    share a band (near-duplicate candidates) by an index scan that stops after a few
    rows, however many articles share it (a GIN array overlap reads them all).

    Written by PostgreSQL, not by Django: a trigger on archive_article keeps these rows
    equal to Article.fingerprint on every insert and update (migration 0012), so they
    cannot drift from it."""

    # No foreign-key constraint in the database: the trigger only writes rows of the
    # article being written, and a constraint would add one check per band to every
    # insert. Deleting an article through Django deletes its rows (on_delete CASCADE);
    # a row left by a raw DELETE only names an id that the candidates query no longer
    # finds.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    band = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["band", "article"], name="articleband_band_article")
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.band}"


class ArticleCountry(ArticleFact):
    """A country named in an article (an extracted fact)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="country_links")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="article_links")
    mentions = models.PositiveIntegerField(_("mentions"), default=1)

    class Meta:
        verbose_name = _("country mention")
        verbose_name_plural = _("country mentions")
        constraints = [
            # Covering the status: a search's facets read the facts of its matches from
            # this index alone (archive.search.selectors._FACET_COUNTS).
            models.UniqueConstraint(
                fields=["article", "country"],
                name="article_country_unique",
                include=["status"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.country}"


class ArticleCity(ArticleFact):
    """A city named in an article (an extracted fact)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="city_links")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="article_links")
    mentions = models.PositiveIntegerField(_("mentions"), default=1)

    class Meta:
        verbose_name = _("city mention")
        verbose_name_plural = _("city mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "city"], name="article_city_unique", include=["status"]
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.city}"


class ArticleMeeting(ArticleFact):
    """A meeting an article reports or mentions (an extracted fact)."""

    class Relation(models.TextChoices):
        REPORTS = "reports", _("reports")
        MENTIONS = "mentions", _("mentions")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="meeting_links")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="article_links")
    relation = models.CharField(
        _("relation"), max_length=16, choices=Relation.choices, default=Relation.REPORTS
    )

    class Meta:
        verbose_name = _("meeting report")
        verbose_name_plural = _("meeting reports")
        constraints = [
            # Covering the status: a search's facets read the facts of its matches from
            # this index alone (archive.search.selectors._FACET_COUNTS).
            models.UniqueConstraint(
                fields=["article", "meeting"],
                name="article_meeting_unique",
                include=["status"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.meeting}"


# --- Organizations no list holds yet --------------------------------------------------
#
# Head-noun phrases ("المرصد التونسي لحقوق الإنسان") that extraction found and the
# gazetteer did not match (archive.text.extraction.unresolved). Rewritten with the
# article's facts each time it is extracted; curators see them ranked by how many
# articles name them and resolve one (archive.curation.unresolved): a new organization,
# an alias of an existing one, or "not an organization" (a DismissedPhrase).


class UnresolvedMention(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="unresolved_mentions"
    )
    key = models.CharField(_("normalized phrase"), max_length=300)
    phrase = models.CharField(_("phrase"), max_length=300)
    head = models.CharField(_("head noun"), max_length=40)
    mentions = models.PositiveIntegerField(_("mentions"), default=1)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("unresolved organization")
        verbose_name_plural = _("unresolved organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key"], name="unresolved_unique_per_article"
            ),
        ]
        indexes = [models.Index(fields=["key"], name="unresolved_key_idx")]

    def __str__(self) -> str:
        return self.phrase


class DismissedPhrase(TimeStamped):
    """A phrase a curator decided names no organization: no longer listed as unresolved."""

    key = models.CharField(_("normalized phrase"), max_length=300, unique=True)
    phrase = models.CharField(_("phrase"), max_length=300)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )

    class Meta:
        verbose_name = _("dismissed phrase")
        verbose_name_plural = _("dismissed phrases")

    def __str__(self) -> str:
        return self.phrase


# --- The Arabic analyzer's lexicon, edited by curators -------------------------------
#
# Loaded from archive/data/*.txt by migration 0004 and extended in the admin; the
# analyzer is rebuilt from these rows (archive.search.lexicon) and the articles a change
# affects are re-analysed by the service that saves it.


class ProtectedWord(TimeStamped):
    """A word the light stemmer must leave whole (a name such as فلسطين or طالبان)."""

    word = models.CharField(_("word"), max_length=64, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("protected word")
        verbose_name_plural = _("protected words")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class NameVariant(TimeStamped):
    """Spellings of one name (شنغهاي / شانغهاي) searched as its canonical spelling."""

    canonical = models.CharField(_("canonical spelling"), max_length=64, unique=True)
    variants = ArrayField(
        models.CharField(max_length=64),
        verbose_name=_("other spellings"),
        help_text=_("Other spellings of the same name, separated by commas."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        ordering = ["canonical"]

    def __str__(self) -> str:
        return " | ".join([self.canonical, *self.variants])


# --- Curation: merges and splits, and the history of every record ------------------


class MergeRecord(models.Model):
    """A merge or split done by a curator (archive.curation): what went into what."""

    class Kind(models.TextChoices):
        ORGANIZATION_MERGE = "organization_merge", _("organizations merged")
        MEETING_MERGE = "meeting_merge", _("meetings merged")
        MEETING_SPLIT = "meeting_split", _("meeting split")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # Ids and names as they were: the removed record no longer exists.
    kept_id = models.BigIntegerField(_("kept record id"))
    kept_label = models.CharField(_("kept record"), max_length=500)
    other_id = models.BigIntegerField(_("other record id"))
    other_label = models.CharField(_("other record"), max_length=500)
    details = models.JSONField(_("details"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("curator"),
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("merge record")
        verbose_name_plural = _("merge records")
        indexes = [models.Index(fields=["kind", "other_id"], name="mergerecord_other_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.other_label} → {self.kept_label}"


# Field-by-field history (django-simple-history): who changed what, when. Derived
# columns are left out (the vector and fingerprint are rebuilt from the text).
# Rows written with bulk_create or QuerySet.update (ingest's new facts, vector
# rewrites) have no history rows: history is for changes one record at a time.
simple_history.register(Article, excluded_fields=list(DERIVED_FIELDS))
for _model in (
    Organization,
    OrganizationAlias,
    MeetingSeries,
    Meeting,
    MeetingRole,
    ArticleOrganization,
    ArticleCountry,
    ArticleCity,
    ArticleMeeting,
):
    simple_history.register(_model)
