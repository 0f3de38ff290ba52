"""Reads for accounts: always scoped to the owner."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.http import QueryDict

from archive.accounts.models import CuratorNote, SavedSearch
from archive.models import Article
from archive.search.selectors import SearchRequest, matching_articles
from archive.text.query_parser import QueryError
from archive.web.forms import SearchForm

NEW_MATCHES_CAP = 1000  # counted exactly up to here ("1000+" beyond)


@dataclass
class SavedSearchRow:
    saved: SavedSearch
    new_count: int | None  # None: alerts off, or the query no longer parses
    new_count_capped: bool = False


def saved_search_request(saved: SavedSearch) -> SearchRequest | None:
    form = SearchForm(QueryDict(saved.query))
    if not form.is_valid():
        return None
    return SearchRequest.from_form(form.cleaned_data)


def saved_search_new_matches(saved: SavedSearch):
    """Articles matching the search that were added to the archive since last seen."""
    request = saved_search_request(saved)
    if request is None:
        return Article.objects.none()
    try:
        qs, _compiled, _expansions = matching_articles(request)
    except QueryError:
        return Article.objects.none()
    return qs.filter(created_at__gt=saved.last_seen)


def saved_searches_for(owner: AbstractBaseUser) -> list[SavedSearchRow]:
    rows = []
    for saved in SavedSearch.objects.filter(owner=owner):
        if not saved.alert:
            rows.append(SavedSearchRow(saved, None))
            continue
        pks = list(
            saved_search_new_matches(saved)
            .order_by()
            .values_list("pk", flat=True)[: NEW_MATCHES_CAP + 1]
        )
        rows.append(
            SavedSearchRow(saved, min(len(pks), NEW_MATCHES_CAP), len(pks) > NEW_MATCHES_CAP)
        )
    return rows


def saved_search_of(owner: AbstractBaseUser, pk: int) -> SavedSearch:
    """One's own saved search; DoesNotExist (a 404) for anyone else's."""
    return SavedSearch.objects.get(owner=owner, pk=pk)


def notes_for(owner: AbstractBaseUser, article: Article):
    return CuratorNote.objects.filter(owner=owner, article=article)
