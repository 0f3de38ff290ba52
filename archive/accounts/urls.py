from django.contrib.auth import views as auth_views
from django.urls import path

from archive.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("searches/", views.searches, name="searches"),
    path("searches/save/", views.search_save, name="search-save"),
    path("searches/<int:pk>/", views.search_run, name="search-run"),
    path("searches/<int:pk>/new/", views.search_new, name="search-new"),
    path("searches/<int:pk>/alert/", views.search_alert, name="search-alert"),
    path("searches/<int:pk>/delete/", views.search_delete, name="search-delete"),
    path("searches/feed/<str:token>/", views.search_feed, name="search-feed"),
    path("notes/<int:article_pk>/add/", views.note_add, name="note-add"),
    path("notes/<int:pk>/delete/", views.note_delete, name="note-delete"),
]
