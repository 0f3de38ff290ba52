"""ARCHIVE_LOGIN_REQUIRED: the whole site behind a login, for private deployments."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import JsonResponse

from archive.accounts import roles


class AccessEndsWithTheAccountMiddleware:
    """A session of an account that is deactivated or holds no role any more is ended:
    the visitor continues as anonymous (roles.has_access)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not roles.has_access(user):
            logout(request)
        return self.get_response(request)


class SiteLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, switched by a setting, with an allow-list.

    Open even then: the paths in ARCHIVE_LOGIN_EXEMPT_PATHS (health probes, login,
    language switch), static files, and views marked @login_not_required (the admin's
    login page, the token-protected feeds). The JSON API answers 401 instead of
    redirecting a program to an HTML form.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.ARCHIVE_LOGIN_REQUIRED or request.user.is_authenticated:
            return None
        path = request.path_info
        if path in settings.ARCHIVE_LOGIN_EXEMPT_PATHS or path.startswith(settings.STATIC_URL):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if path.startswith("/api/"):
            return JsonResponse({"detail": "Authentication required."}, status=401)
        return self.handle_no_permission(request, view_func)
