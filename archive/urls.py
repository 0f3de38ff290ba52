from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from archive.browse import views as views_browse
from archive.web import views
from archive.web.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("search/export.csv", views.search_export, name="search-export"),
    path("search/feed", views.search_feed, name="search-feed"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("organizations/", views_browse.organization_list, name="organizations"),
    path("organizations/<str:slug>/", views_browse.organization_detail, name="organization"),
    path("meetings/", views_browse.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", views_browse.meeting_detail, name="meeting"),
    path("series/", views_browse.series_list, name="series-list"),
    path("series/<str:slug>/", views_browse.series_detail, name="series"),
    path("countries/", views_browse.country_list, name="countries"),
    path("countries/<str:iso>/", views_browse.country_detail, name="country"),
    path("network/", views_browse.network, name="network"),
    path("api/", api.urls),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # SECURITY INVARIANT: the language switch is the one POST without a CSRF token. All
    # it can do is set the language cookie (a forged switch changes a visitor's
    # language, nothing else), and it keeps anonymous pages free of a CSRF cookie, so
    # that anonymous searches can be answered from the cache (archive.search.cache).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("account/", include("archive.accounts.urls")),
    path("admin/", admin.site.urls),
]
