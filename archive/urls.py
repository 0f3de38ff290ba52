from django.contrib import admin
from django.urls import include, path

from archive import views
from archive.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("search/export.csv", views.search_export, name="search-export"),
    path("search/feed", views.search_feed, name="search-feed"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("api/", api.urls),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
