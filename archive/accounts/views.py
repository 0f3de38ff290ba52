"""Account pages: login, saved searches with their alerts and feeds, curator notes.

Thin: writes in archive.accounts.services, reads in archive.accounts.selectors. Another
user's saved search or note is a 404, never a 403: its existence is private too.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from archive.accounts import roles, selectors, services
from archive.accounts.forms import AlertForm, NoteForm, SaveSearchForm
from archive.accounts.models import CuratorNote, SavedSearch
from archive.models import Article
from archive.web.views import SearchFeed

NEW_MATCHES_SHOWN = 100


def _own_search(request: HttpRequest, pk: int) -> SavedSearch:
    try:
        return selectors.saved_search_of(request.user, pk)
    except SavedSearch.DoesNotExist:
        raise Http404 from None


@require_GET
@login_required
@permission_required("accounts.view_savedsearch", raise_exception=True)
def searches(request: HttpRequest) -> HttpResponse:
    rows = selectors.saved_searches_for(request.user)
    feed_urls = {
        row.saved.pk: request.build_absolute_uri(
            reverse("accounts:search-feed", args=[row.saved.feed_token])
        )
        for row in rows
    }
    for row in rows:
        row.feed_url = feed_urls[row.saved.pk]
    return render(request, "accounts/searches.html", {"rows": rows})


@require_POST
@login_required
@permission_required("accounts.add_savedsearch", raise_exception=True)
def search_save(request: HttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The search could not be saved."))
        return redirect("search")
    try:
        saved = services.saved_search_create(
            owner=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("search") + "?" + form.cleaned_data["query"])
    messages.success(request, _("Search saved: %(name)s") % {"name": saved.name})
    return redirect(saved.get_absolute_url())


@require_GET
@login_required
def search_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Rerun a saved search: its new matches count as seen from now on."""
    saved = _own_search(request, pk)
    services.saved_search_mark_seen(owner=request.user, pk=saved.pk)
    return redirect(saved.get_absolute_url())


@require_GET
@login_required
def search_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The articles added since the saved search was last seen; then marks it seen."""
    saved = _own_search(request, pk)
    articles = list(
        selectors.saved_search_new_matches(saved)
        .by_date()
        .select_related("source")[:NEW_MATCHES_SHOWN]
    )
    since = saved.last_seen
    services.saved_search_mark_seen(owner=request.user, pk=saved.pk)
    return render(
        request,
        "accounts/search_new.html",
        {"saved": saved, "articles": articles, "since": since, "shown": NEW_MATCHES_SHOWN},
    )


@require_POST
@login_required
def search_alert(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own_search(request, pk)
    form = AlertForm(request.POST)
    form.is_valid()
    services.saved_search_set_alert(
        owner=request.user, pk=saved.pk, alert=form.cleaned_data.get("alert", False)
    )
    return redirect("accounts:searches")


@require_POST
@login_required
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _own_search(request, pk)
    services.saved_search_delete(owner=request.user, pk=saved.pk)
    messages.success(request, _("Saved search deleted: %(name)s") % {"name": saved.name})
    return redirect("accounts:searches")


class SavedSearchFeed(SearchFeed):
    """The Atom feed of one saved search, opened by its private token (no login)."""

    def get_object(self, request, token):
        saved = get_object_or_404(SavedSearch.objects.select_related("owner"), feed_token=token)
        # The token works only while its owner has access and may read saved searches.
        if not roles.has_access(saved.owner) or not saved.owner.has_perm(
            "accounts.view_savedsearch"
        ):
            raise Http404
        search_request = selectors.saved_search_request(saved)
        if search_request is None:
            raise Http404
        search_request.sort = "date"
        self.request = request
        self.saved = saved
        return search_request

    def title(self, obj):
        return _("Saved search: %(name)s") % {"name": self.saved.name}

    def link(self, obj):
        return self.saved.get_absolute_url()


@require_GET
@login_not_required  # the token is the credential: feed readers cannot log in
def search_feed(request: HttpRequest, token: str) -> HttpResponse:
    response = SavedSearchFeed()(request, token=token)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
@login_required
@permission_required("accounts.add_curatornote", raise_exception=True)
def note_add(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_create(
                owner=request.user, article=article, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Note saved."))
    else:
        messages.error(request, _("The note could not be saved."))
    return redirect(reverse("article", args=[article.pk]) + "#notes")


@require_POST
@login_required
def note_delete(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        article_id = services.note_delete(owner=request.user, pk=pk)
    except CuratorNote.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Note deleted."))
    return redirect(reverse("article", args=[article_id]) + "#notes")
