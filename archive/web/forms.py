"""Validation of the search parameters shared by /search, /api/search, export and feed.

The fields come from the one table of parameters (archive.search.parameters); this form
adds what concerns several at once (the date range, the defaults)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.search.parameters import PARAMETERS


class _SearchFormBase(forms.Form):
    """The validation of every search parameter (their fields: archive.search.parameters)."""

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
        for parameter in PARAMETERS:  # an empty choice or number is its default
            if (
                parameter.type is not bool
                and cleaned.get(parameter.name) in (None, "")
                and parameter.default not in (None, "")
            ):
                cleaned[parameter.name] = parameter.default
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


# The form: one field per row of the table of parameters.
SearchForm = type(
    "SearchForm",
    (_SearchFormBase,),
    {"__module__": __name__, **{p.name: p.field() for p in PARAMETERS}},
)
