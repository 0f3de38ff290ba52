"""The Django admin: where curators review new material and correct the archive.

Merges, splits, re-extraction and review decisions call archive.curation; the search
box of the articles list is the site's own Arabic search (archive.search.selectors); every
change is kept field by field (django-simple-history, the "History" button).
Text from articles and curators is only ever rendered through the admin's escaping
templates or format_html with escaped arguments.
"""

from __future__ import annotations

import functools
import operator

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncMonth
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from archive import models
from archive.curation import services as curation
from archive.facts.kinds import ARTICLE_KINDS, KINDS
from archive.search import selectors
from archive.text.query_parser import QueryError

# The admin's front page links to the review queue first.
admin.site.index_template = "admin/archive_index.html"
admin.site.site_header = _("Archive curation")
admin.site.site_title = _("Archive curation")

AUTOMATIC = models.FactStatus.AUTOMATIC


def _unreviewed_facts(article_ref=None):
    """Exists() clauses: the article has a fact no curator has decided on yet."""
    ref = article_ref or OuterRef("pk")
    return [
        Exists(model.objects.filter(article=ref, status=AUTOMATIC))
        for model in (kind.model for kind in ARTICLE_KINDS)
    ]


def review_queue_counts() -> dict[str, int]:
    """How much ingest produced that no curator has seen yet."""
    return {
        "articles": models.Article.objects.filter(review_status=models.ReviewStatus.NEW).count(),
        **{kind.plural: kind.model.objects.filter(status=AUTOMATIC).count() for kind in KINDS},
        "candidate_meetings": models.Meeting.objects.filter(
            status=models.MeetingStatus.CANDIDATE
        ).count(),
    }


class HistoryAdmin(SimpleHistoryAdmin):
    """Field-by-field history, with a baseline for records ingest wrote without one.

    Before the first change to a record that has no history yet, its stored state is
    recorded (curation.history_baseline), so the history page shows what the curator
    changed from what ingest wrote.
    """

    def save_model(self, request, obj, form, change):
        if change:
            curation.history_baseline(model=type(obj), pks=[obj.pk])
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        curation.history_baseline(model=type(obj), pks=[obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        curation.history_baseline(model=queryset.model, pks=queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        touched = [
            f.instance.pk
            for f in formset.forms
            if f.instance.pk and (f.has_changed() or f in formset.deleted_forms)
        ]
        curation.history_baseline(model=formset.model, pks=touched)
        super().save_formset(request, form, formset, change)


# --- Filters ------------------------------------------------------------------------


class ReviewQueueFilter(admin.SimpleListFilter):
    title = _("review queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("new", _("not yet reviewed")),
            ("facts", _("with unreviewed facts")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "new":
            return queryset.filter(review_status=models.ReviewStatus.NEW)
        if self.value() == "facts":
            return queryset.filter(functools.reduce(operator.or_, _unreviewed_facts()))
        return queryset


class PublicationMonthFilter(admin.SimpleListFilter):
    title = _("publication month")
    parameter_name = "month"

    def lookups(self, request, model_admin):
        months = (
            models.Article.objects.filter(published_at__isnull=False)
            .annotate(month=TruncMonth("published_at"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")[:36]
        )
        return [(m.strftime("%Y-%m"), m.strftime("%Y-%m")) for m in months]

    def queryset(self, request, queryset):
        value = self.value() or ""
        year, _sep, month = value.partition("-")
        if year.isdigit() and month.isdigit():
            return queryset.filter(published_at__year=int(year), published_at__month=int(month))
        return queryset


class OrganizationFilter(admin.SimpleListFilter):
    """Articles naming an organization (a rejected mention does not count)."""

    title = _("organization")
    parameter_name = "organization"

    def lookups(self, request, model_admin):
        orgs = models.Organization.objects.filter(
            Exists(models.ArticleOrganization.objects.filter(organization=OuterRef("pk")))
        )
        return [(str(o.pk), str(o)) for o in orgs]

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        return queryset.filter(
            Exists(
                models.ArticleOrganization.objects.filter(
                    article=OuterRef("pk"), organization_id=int(self.value())
                ).exclude(status=models.FactStatus.REJECTED)
            )
        )


class CountryFilter(admin.SimpleListFilter):
    """Articles naming a country (a rejected mention does not count)."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = models.Country.objects.filter(
            Exists(models.ArticleCountry.objects.filter(country=OuterRef("pk")))
        )
        return [(c.code, str(c)) for c in countries]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            Exists(
                models.ArticleCountry.objects.filter(
                    article=OuterRef("pk"), country__code=self.value()
                ).exclude(status=models.FactStatus.REJECTED)
            )
        )


# --- Inlines ------------------------------------------------------------------------


class FactInline(admin.TabularInline):
    """Extracted facts: status editable, evidence shown (escaped) but not editable."""

    extra = 0
    readonly_fields = ["evidence"]
    show_change_link = False


def _fact_inline(kind) -> type[FactInline]:
    """The inline of a kind of fact on the record it belongs to (an article's facts, a
    meeting's roles): the target, the kind's own fields, status and evidence."""
    return type(
        f"{kind.model.__name__}Inline",
        (FactInline,),
        {
            "__module__": __name__,
            "model": kind.model,
            "fields": [kind.target, *kind.extra_fields, "status", "evidence"],
            "autocomplete_fields": [kind.target],
        },
    )


FACT_INLINES = {kind.name: _fact_inline(kind) for kind in KINDS}


class MeetingArticleInline(FactInline):
    """On a meeting: the articles reporting it (add a row to link, delete to unlink)."""

    model = models.ArticleMeeting
    fields = ["article", "relation", "status", "evidence"]
    autocomplete_fields = ["article"]
    verbose_name = _("article reporting this meeting")
    verbose_name_plural = _("articles reporting this meeting")


class OrganizationAliasInline(admin.TabularInline):
    model = models.OrganizationAlias
    extra = 1


# --- Intermediate pages -------------------------------------------------------------


def _merge_action(modeladmin, request, queryset, *, service, action: str, title):
    """Confirmation page choosing the record to keep, then the merge service per other."""
    objects = list(queryset)
    if len(objects) < 2:
        modeladmin.message_user(
            request, _("Select at least two records to merge."), messages.WARNING
        )
        return None
    if request.POST.get("post") == "yes":
        keep = next((o for o in objects if str(o.pk) == request.POST.get("keep")), None)
        if keep is not None:
            for other in objects:
                if other.pk != keep.pk:
                    service(keep=keep, remove=other, user=request.user)
            modeladmin.message_user(
                request,
                _("Merged %(count)d records into “%(kept)s”.")
                % {"count": len(objects) - 1, "kept": keep},
                messages.SUCCESS,
            )
            return None
        modeladmin.message_user(request, _("Choose the record to keep."), messages.ERROR)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": objects,
        "opts": modeladmin.model._meta,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/archive/merge_confirmation.html", context)


# --- Articles -----------------------------------------------------------------------


@admin.register(models.Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["title", "source", "published_at", "language", "review_status", "created_at"]
    list_filter = [
        ReviewQueueFilter,
        "review_status",
        ("source", admin.RelatedOnlyFieldListFilter),
        "language",
        PublicationMonthFilter,
        OrganizationFilter,
        CountryFilter,
    ]
    list_select_related = ["source"]
    # The box searches with the site's own Arabic search (get_search_results).
    search_fields = ["title"]
    search_help_text = _(
        "The archive's Arabic search: all word forms, names of organizations, "
        '"phrases", OR and -exclusions; a number finds the article with that id.'
    )
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    autocomplete_fields = ["source", "near_duplicate_of"]
    inlines = [FACT_INLINES[kind.name] for kind in ARTICLE_KINDS]
    actions = ["mark_reviewed", "reject", "reextract"]

    def get_ordering(self, request):
        # The review queue is worked oldest first.
        if request.GET.get(ReviewQueueFilter.parameter_name):
            return ["created_at", "id"]
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.isdigit():
            return queryset.filter(pk=int(term)), False
        try:
            matches, _compiled, _names = selectors.matching_articles(
                selectors.SearchRequest(q=term)
            )
        except QueryError as error:
            self.message_user(request, error.localized(gettext), messages.WARNING)
            return queryset.none(), False
        return queryset.filter(pk__in=matches.order_by().values("pk")), False

    @admin.action(description=_("Mark reviewed (and accept their facts)"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        n = curation.article_mark_reviewed(articles=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("%(n)d article marked reviewed.", "%(n)d articles marked reviewed.", n)
            % {"n": n},
        )

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        n = curation.article_reject(articles=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("%(n)d article rejected.", "%(n)d articles rejected.", n) % {"n": n},
        )

    @admin.action(description=_("Re-run extraction"), permissions=["change"])
    def reextract(self, request, queryset):
        n = curation.article_reextract(articles=queryset)
        self.message_user(
            request,
            ngettext(
                "Extraction re-run on %(n)d article.", "Extraction re-run on %(n)d articles.", n
            )
            % {"n": n},
        )

    def get_urls(self):
        return [
            path(
                "review-queue/",
                self.admin_site.admin_view(self.review_queue_view),
                name="archive_review_queue",
            ),
            *super().get_urls(),
        ]

    def review_queue_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        counts = review_queue_counts()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review queue"),
            "counts": counts,
            # One row per kind of fact (archive.facts.kinds), its automatic ones listed.
            "facts": [
                {
                    "label": kind.model._meta.verbose_name_plural,
                    "url": reverse(f"admin:archive_{kind.model._meta.model_name}_changelist"),
                    "count": counts[kind.plural],
                }
                for kind in KINDS
            ],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/archive/review_queue.html", context)


# --- Extracted facts (the fact half of the review queue) ----------------------------


class FactAdmin(HistoryAdmin):
    list_filter = ["status"]
    list_editable = ["status"]
    readonly_fields = ["evidence"]
    list_select_related = ["article"]
    actions = ["accept", "reject"]
    # Oldest material first, like the articles' queue.
    ordering = ["article__created_at", "pk"]

    @admin.display(description=_("article"))
    def article_title(self, obj):
        return obj.article.title[:120]

    @admin.action(description=_("Accept"), permissions=["change"])
    def accept(self, request, queryset):
        n = curation.fact_accept(facts=queryset, user=request.user)
        self.message_user(
            request, ngettext("%(n)d fact accepted.", "%(n)d facts accepted.", n) % {"n": n}
        )

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        n = curation.fact_reject(facts=queryset, user=request.user)
        self.message_user(
            request, ngettext("%(n)d fact rejected.", "%(n)d facts rejected.", n) % {"n": n}
        )


@admin.register(models.ArticleOrganization)
class ArticleOrganizationAdmin(FactAdmin):
    list_display = ["article_title", "organization", "mentions", "status", "evidence"]
    list_select_related = ["article", "organization"]
    search_fields = ["organization__name_ar", "organization__acronym", "evidence"]
    autocomplete_fields = ["article", "organization"]


@admin.register(models.ArticleCountry)
class ArticleCountryAdmin(FactAdmin):
    list_display = ["article_title", "country", "mentions", "status", "evidence"]
    list_select_related = ["article", "country"]
    search_fields = ["country__name_ar", "country__code", "evidence"]
    autocomplete_fields = ["article", "country"]


@admin.register(models.ArticleCity)
class ArticleCityAdmin(FactAdmin):
    list_display = ["article_title", "city", "mentions", "status", "evidence"]
    list_select_related = ["article", "city"]
    search_fields = ["city__name_ar", "city__name_en", "evidence"]
    autocomplete_fields = ["article", "city"]


@admin.register(models.ArticleMeeting)
class ArticleMeetingAdmin(FactAdmin):
    list_display = ["article_title", "meeting", "relation", "status", "evidence"]
    list_select_related = ["article", "meeting"]
    search_fields = ["meeting__name", "evidence"]
    autocomplete_fields = ["article", "meeting"]


@admin.register(models.MeetingRole)
class MeetingRoleAdmin(HistoryAdmin):
    list_display = ["meeting", "organization", "role", "status", "evidence"]
    list_filter = ["status", "role"]
    list_editable = ["status"]
    list_select_related = ["meeting", "organization"]
    readonly_fields = ["evidence"]
    search_fields = ["meeting__name", "organization__name_ar", "organization__acronym"]
    autocomplete_fields = ["meeting", "organization"]
    actions = ["accept", "reject"]
    accept = FactAdmin.accept
    reject = FactAdmin.reject


# --- Places and sources -------------------------------------------------------------


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_en", "status"]
    search_fields = ["code", "name_ar", "name_en", "short_ar"]
    list_filter = ["status"]


@admin.register(models.City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "country"]
    search_fields = ["name_ar", "name_en"]
    autocomplete_fields = ["country"]


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "country"]
    search_fields = ["name", "domain"]
    autocomplete_fields = ["country"]


# --- Organizations ------------------------------------------------------------------


@admin.register(models.Organization)
class OrganizationAdmin(HistoryAdmin):
    list_display = ["name_ar", "name_en", "acronym", "kind", "country", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name_ar", "name_en", "acronym", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["country", "parent"]
    readonly_fields = ["mentions_link", "roles_link"]
    inlines = [OrganizationAliasInline]
    actions = ["merge"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("country")
            .annotate(n_mentions=Count("article_links", distinct=True))
        )

    @admin.display(description=_("articles"), ordering="n_mentions")
    def mention_count(self, obj):
        return obj.n_mentions

    @admin.display(description=_("articles naming it"))
    def mentions_link(self, obj):
        if obj.pk is None:
            return "–"
        url = reverse("admin:archive_article_changelist") + f"?organization={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.article_links.count())

    @admin.display(description=_("meeting roles"))
    def roles_link(self, obj):
        if obj.pk is None:
            return "–"
        url = reverse("admin:archive_meetingrole_changelist") + f"?organization__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.meeting_roles.count())

    @admin.action(description=_("Merge selected organizations…"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        return _merge_action(
            self,
            request,
            queryset,
            service=curation.organization_merge,
            action="merge",
            title=_("Merge organizations"),
        )


@admin.register(models.OrganizationAlias)
class OrganizationAliasAdmin(HistoryAdmin):
    list_display = ["name", "organization", "language", "is_acronym"]
    list_filter = ["language", "is_acronym"]
    search_fields = ["name", "organization__name_ar"]
    autocomplete_fields = ["organization"]


# --- Meetings -----------------------------------------------------------------------


@admin.register(models.MeetingSeries)
class MeetingSeriesAdmin(HistoryAdmin):
    list_display = ["name_ar", "name_en", "organizer"]
    search_fields = ["name_ar", "name_en", "slug"]
    autocomplete_fields = ["organizer"]


@admin.register(models.Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = [
        "name",
        "kind",
        "series",
        "edition",
        "city",
        "country",
        "start_date",
        "end_date",
        "status",
        "confidence",
        "about_security",
        "article_count",
    ]
    # Candidates (below the confidence threshold) wait here for a curator's decision.
    list_filter = ["status", "about_security", "kind", "series"]
    list_select_related = ["series", "city", "country"]
    search_fields = ["name", "series__name_ar"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["series", "city", "country"]
    readonly_fields = ["evidence", "confidence", "confidence_reasons", "security_reasons"]
    inlines = [FACT_INLINES["role"], MeetingArticleInline]
    actions = ["merge", "split", "publish", "make_candidate"]

    def save_model(self, request, obj, form, change):
        # A status set in the form is the curator's decision (services.meeting_status_set
        # records it and moves the meeting's reports and roles with it).
        status_changed = change and "status" in form.changed_data
        if status_changed:
            new_status, obj.status = obj.status, form.initial["status"]
        super().save_model(request, obj, form, change)
        if status_changed:
            curation.meeting_status_set(meetings=[obj], status=new_status, user=request.user)

    @admin.action(description=_("Publish: make them public records"), permissions=["change"])
    def publish(self, request, queryset):
        n = curation.meeting_status_set(
            meetings=queryset, status=models.MeetingStatus.PUBLIC, user=request.user
        )
        self.message_user(
            request,
            ngettext("%(n)d meeting published.", "%(n)d meetings published.", n) % {"n": n},
        )

    @admin.action(description=_("Keep them as candidates (not public)"), permissions=["change"])
    def make_candidate(self, request, queryset):
        n = curation.meeting_status_set(
            meetings=queryset, status=models.MeetingStatus.CANDIDATE, user=request.user
        )
        self.message_user(
            request,
            ngettext("%(n)d meeting kept as a candidate.", "%(n)d meetings kept as candidates.", n)
            % {"n": n},
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("article_links"))

    @admin.display(description=_("articles"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    @admin.action(description=_("Merge selected meetings…"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        return _merge_action(
            self,
            request,
            queryset,
            service=curation.meeting_merge,
            action="merge",
            title=_("Merge meetings"),
        )

    @admin.action(description=_("Split the selected meeting…"), permissions=["change"])
    def split(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one meeting to split."), messages.WARNING)
            return None
        return HttpResponseRedirect(
            reverse("admin:archive_meeting_split", args=[queryset.get().pk])
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/split/",
                self.admin_site.admin_view(self.split_view),
                name="archive_meeting_split",
            ),
            *super().get_urls(),
        ]

    def split_view(self, request, object_id: int):
        meeting = get_object_or_404(models.Meeting, pk=object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        if request.method == "POST":
            chosen = models.Article.objects.filter(pk__in=request.POST.getlist("articles"))
            try:
                new = curation.meeting_split(meeting=meeting, articles=chosen, user=request.user)
            except ValueError:
                self.message_user(
                    request,
                    _("Choose some of the meeting's articles, but not all of them."),
                    messages.ERROR,
                )
            else:
                self.message_user(
                    request,
                    _("The chosen articles now report a new meeting; correct its details."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:archive_meeting_change", args=[new.pk]))
        links = meeting.article_links.select_related("article", "article__source").order_by(
            "article__published_at", "article_id"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Split a meeting"),
            "meeting": meeting,
            "links": links,
            "opts": self.model._meta,
            "original": meeting,
        }
        return TemplateResponse(request, "admin/archive/meeting/split.html", context)


@admin.register(models.MergeRecord)
class MergeRecordAdmin(admin.ModelAdmin):
    """Merges and splits, read-only: how a record came to be what it is."""

    list_display = ["created_at", "kind", "other_label", "kept_label", "user"]
    list_filter = ["kind"]
    search_fields = ["kept_label", "other_label"]
    readonly_fields = [
        "kind",
        "kept_id",
        "kept_label",
        "other_id",
        "other_label",
        "details",
        "user",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The lexicon of the Arabic analyzer (protected words, name variants) and the
# organizations no list holds yet (the unresolved phrases): their modules register their
# ModelAdmins.
from archive.admin import lexicon, unresolved  # noqa: E402, F401
