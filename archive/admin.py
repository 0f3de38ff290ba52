"""The Django admin: every model registered so curators can browse and correct."""

from django.contrib import admin

from archive import models


class OrganizationAliasInline(admin.TabularInline):
    model = models.OrganizationAlias
    extra = 1


class MeetingRoleInline(admin.TabularInline):
    model = models.MeetingRole
    extra = 1
    autocomplete_fields = ["organization"]


class ArticleOrganizationInline(admin.TabularInline):
    model = models.ArticleOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class ArticleCountryInline(admin.TabularInline):
    model = models.ArticleCountry
    extra = 0
    autocomplete_fields = ["country"]


class ArticleMeetingInline(admin.TabularInline):
    model = models.ArticleMeeting
    extra = 0
    autocomplete_fields = ["meeting"]


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


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "acronym", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name_ar", "name_en", "acronym", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["country", "parent"]
    inlines = [OrganizationAliasInline]


@admin.register(models.OrganizationAlias)
class OrganizationAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "language"]
    search_fields = ["name"]
    autocomplete_fields = ["organization"]


@admin.register(models.MeetingRole)
class MeetingRoleAdmin(admin.ModelAdmin):
    list_display = ["meeting", "organization", "role", "status"]
    list_filter = ["role", "status"]
    search_fields = ["meeting__name", "organization__name_ar", "organization__acronym"]
    autocomplete_fields = ["meeting", "organization"]


@admin.register(models.MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "organizer"]
    search_fields = ["name_ar", "name_en"]
    autocomplete_fields = ["organizer"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "series",
        "edition",
        "city",
        "country",
        "start_date",
        "end_date",
    ]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["series", "city", "country"]
    inlines = [MeetingRoleInline]


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "language", "review_status"]
    list_filter = ["review_status", "language", "source"]
    search_fields = ["title"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    autocomplete_fields = ["source", "near_duplicate_of"]
    inlines = [ArticleOrganizationInline, ArticleCountryInline, ArticleMeetingInline]
