"""The search's parameters, declared once.

One row per parameter of /search, /api/search, the CSV export, the feed and a saved
search: its form field (the one validation), its type and default (the search request,
the API's schema), whether it narrows the results (a filter: a chip on the page, what
``has_filters`` asks) and whether a saved search keeps it. The queryset each filter
applies is its ``by_<name>`` method in archive.search.selectors (one method per filter, as
Zulip's narrow builder has one per operator). Adding a filter is one row here and one
method there; the form, the request, the API schema, the chips and saved searches follow.

Model-free: Django forms only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.search.config import SEARCH_MAX_PAGE
from archive.text.query_parser import MAX_QUERY_LENGTH

LEVELS = [
    ("stem", _("word forms (stemmed)")),
    ("normalized", _("spelling variants only")),
    ("exact", _("exact word forms")),
]
SORTS = [("relevance", _("relevance")), ("date", _("date"))]


@dataclass(frozen=True)
class Parameter:
    name: str
    field: Callable[[], forms.Field]  # a new form field (one per form class)
    type: Any  # the value's type once validated
    default: Any = None
    narrows: bool = False  # a filter: it narrows the results (a chip; has_filters)
    saved: bool = True  # part of what a saved search is (page is where one looked)


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        required=False, label=label, widget=forms.DateInput(attrs={"type": "date"})
    )


PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "q",
        lambda: forms.CharField(
            required=False, max_length=MAX_QUERY_LENGTH, strip=True, label=_("Search the archive")
        ),
        str,
        "",
    ),
    Parameter(
        "level",
        lambda: forms.ChoiceField(required=False, choices=LEVELS, label=_("Matching")),
        str,
        "stem",
    ),
    Parameter(
        "sort",
        lambda: forms.ChoiceField(required=False, choices=SORTS, label=_("Sort by")),
        str,
        "relevance",
    ),
    Parameter(
        "expand",
        lambda: forms.BooleanField(required=False, label=_("Also search other names")),
        bool,
        True,
    ),
    Parameter(
        "organization",
        lambda: forms.SlugField(required=False, max_length=120, label=_("Organization")),
        str,
        "",
        narrows=True,
    ),
    Parameter(
        "country",
        lambda: forms.RegexField(required=False, regex=r"^[A-Za-z]{2}$", label=_("Country")),
        str,
        "",
        narrows=True,
    ),
    Parameter(
        "meeting",
        lambda: forms.IntegerField(
            required=False, min_value=1, max_value=2**62, label=_("Meeting")
        ),
        int | None,
        None,
        narrows=True,
    ),
    Parameter(
        "source",
        lambda: forms.CharField(required=False, max_length=200, label=_("Source")),
        str,
        "",
        narrows=True,
    ),
    Parameter(
        "language",
        lambda: forms.RegexField(required=False, regex=r"^[a-z]{2,8}$", label=_("Language")),
        str,
        "",
        narrows=True,
    ),
    Parameter(
        "security",
        lambda: forms.BooleanField(
            required=False, label=_("Only articles about terrorism or security")
        ),
        bool,
        False,
        narrows=True,
    ),
    Parameter("date_from", lambda: _date_field(_("From")), datetime.date | None, narrows=True),
    Parameter("date_to", lambda: _date_field(_("To")), datetime.date | None, narrows=True),
    Parameter(
        "page",
        lambda: forms.IntegerField(
            required=False, min_value=1, max_value=SEARCH_MAX_PAGE, label=_("Page")
        ),
        int,
        1,
        saved=False,
    ),
)

BY_NAME = {p.name: p for p in PARAMETERS}
FILTERS: tuple[Parameter, ...] = tuple(p for p in PARAMETERS if p.narrows)
# What a saved search keeps, in this order.
SAVED: tuple[str, ...] = tuple(p.name for p in PARAMETERS if p.saved)
