"""Tags that put the account features on archive pages without changing their views."""

from __future__ import annotations

from urllib.parse import parse_qsl

from django import template

from archive.accounts import selectors
from archive.accounts.forms import NoteForm
from archive.accounts.services import SEARCH_PARAMETERS
from archive.web.forms import SearchForm

register = template.Library()

SETTINGS_ONLY = {"level", "sort", "expand"}  # alone, these are not a search


@register.inclusion_tag("accounts/_save_search.html", takes_context=True)
def save_search_form(context):
    """A small form that saves the search on screen (for users who may save searches)."""
    request = context["request"]
    user = request.user
    params = request.GET
    has_search = any(params.get(name) for name in SEARCH_PARAMETERS if name not in SETTINGS_ONLY)
    return {
        "show": has_search and user.is_authenticated and user.has_perm("accounts.add_savedsearch"),
        "query": params.urlencode(),
        "default_name": params.get("q", ""),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("accounts/_notes.html", takes_context=True)
def article_notes(context, article):
    """The user's own private notes on the article, and a form to add one."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"show": False}
    can_add = user.has_perm("accounts.add_curatornote")
    notes = list(selectors.notes_for(user, article))
    return {
        "show": can_add or bool(notes),
        "can_add": can_add,
        "notes": notes,
        "article": article,
        "form": NoteForm(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def readable_query(query: str) -> list[tuple[str, str]]:
    """A saved query string as the analyst wrote it: (label, value) pairs, decoded
    ("q=%D8%A7..." shows as "Words: الإرهاب"). Autoescaped where the template shows it."""
    fields = SearchForm.base_fields
    return [
        (str(fields[name].label) if name in fields and fields[name].label else name, value)
        for name, value in parse_qsl(query or "", keep_blank_values=False)
    ]
