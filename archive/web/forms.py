"""Validation of the search parameters shared by /search, /api/search, export and feed."""

from __future__ import annotations

import datetime

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


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=MAX_QUERY_LENGTH, strip=True, label=_("Search the archive")
    )
    level = forms.ChoiceField(required=False, choices=LEVELS, label=_("Matching"))
    sort = forms.ChoiceField(required=False, choices=SORTS, label=_("Sort by"))
    expand = forms.BooleanField(required=False, label=_("Also search other names"))
    organization = forms.SlugField(required=False, max_length=120, label=_("Organization"))
    country = forms.RegexField(required=False, regex=r"^[A-Za-z]{2}$", label=_("Country"))
    meeting = forms.IntegerField(required=False, min_value=1, max_value=2**62, label=_("Meeting"))
    source = forms.CharField(required=False, max_length=200, label=_("Source"))
    language = forms.RegexField(required=False, regex=r"^[a-z]{2,8}$", label=_("Language"))
    date_from = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=SEARCH_MAX_PAGE, label=_("Page")
    )

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        # Name expansion is on unless the analyst turns it off (expand=0).
        if hasattr(data, "getlist"):
            expand = data.get("expand")
            data = data.dict()
        else:
            expand = data.get("expand")
        data["expand"] = str(expand).lower() not in {"0", "false", "off", "no"}
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        for name in ("date_from", "date_to"):
            value = cleaned.get(name)
            if value and not datetime.date(1900, 1, 1) <= value <= datetime.date(2100, 12, 31):
                self.add_error(name, _("Choose a date between 1900 and 2100."))
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        cleaned["level"] = cleaned.get("level") or "stem"
        cleaned["sort"] = cleaned.get("sort") or "relevance"
        cleaned["page"] = cleaned.get("page") or 1
        if cleaned.get("country"):
            cleaned["country"] = cleaned["country"].upper()
        return cleaned

    def error_message(self) -> str:
        return " ".join(
            f"{self.fields[name].label if name in self.fields else ''}: {' '.join(errors)}".strip(
                ": "
            )
            for name, errors in self.errors.items()
        )
