"""Browse pages: organizations, meetings, series, countries and the network.

Thin: the filters are validated by the forms below, reads go through
archive.browse, and the pictures are drawn by archive.browse.charts.
"""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.accounts.roles import sees_candidates
from archive.browse import charts, worldmap
from archive.browse import selectors as browse
from archive.models import MeetingKind, OrganizationKind
from archive.templatetags.browse_tags import localname

MAX_LIST_PAGE = 10_000


# --- Filters ---------------------------------------------------------------------


class FilterForm(forms.Form):
    """A list's query parameters; a wrong value is a message, never a 500."""

    page = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_LIST_PAGE, label=gettext_lazy("Page")
    )
    upper = ("country",)  # ISO codes arrive in any letter case

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        for name in self.upper:
            if data.get(name):
                data[name] = data[name].strip().upper()
        super().__init__(data, *args, **kwargs)

    def error_message(self) -> str:
        return " ".join(
            f"{self.fields[name].label}: {' '.join(errors)}"
            if name in self.fields
            else " ".join(errors)
            for name, errors in self.errors.items()
        )


def _choices(blank: str, pairs) -> list[tuple[str, str]]:
    return [("", blank), *pairs]


def _choice(label, choices) -> forms.ChoiceField:
    """An optional choice among fixed values (a wrong one is a 400, never ignored)."""
    return forms.ChoiceField(required=False, label=label, choices=choices)


class OrganizationFilterForm(FilterForm):
    q = forms.CharField(required=False, max_length=200, strip=True, label=gettext_lazy("Name"))
    kind = forms.ChoiceField(required=False, label=gettext_lazy("Kind"))
    country = forms.ChoiceField(required=False, label=gettext_lazy("Home country"))
    sort = _choice(
        gettext_lazy("Sort by"),
        [
            ("name", gettext_lazy("name")),
            ("meetings", gettext_lazy("meetings")),
            ("articles", gettext_lazy("articles")),
        ],
    )
    # The gazetteer holds every state's institutions: by default the list shows the
    # organizations the archive's articles or meetings name.
    show = _choice(
        gettext_lazy("Show"),
        [
            ("named", gettext_lazy("named in the archive")),
            ("all", gettext_lazy("the whole gazetteer")),
        ],
    )

    def __init__(self, data=None, *, countries, **kwargs):
        super().__init__(data, **kwargs)
        self.countries = {c.code: c for c in countries}
        self.fields["kind"].choices = _choices(_("any kind"), OrganizationKind.choices)
        self.fields["country"].choices = _choices(
            _("any country"),
            sorted(((c.code, localname(c)) for c in countries), key=lambda p: p[1]),
        )

    def clean(self):
        cleaned = super().clean()
        cleaned["country"] = self.countries.get(cleaned.get("country") or "")
        cleaned["sort"] = cleaned.get("sort") or "name"
        cleaned["page"] = cleaned.get("page") or 1
        return cleaned


class MeetingFilterForm(FilterForm):
    kind = forms.ChoiceField(required=False, label=gettext_lazy("Kind"))
    series = forms.ChoiceField(required=False, label=gettext_lazy("Series"))
    country = forms.ChoiceField(required=False, label=gettext_lazy("Country"))
    year = forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label=gettext_lazy("Year")
    )
    organization = forms.ChoiceField(required=False, label=gettext_lazy("Participant"))
    participant_country = forms.ChoiceField(
        required=False, label=gettext_lazy("A participant's country")
    )
    sort = _choice(
        gettext_lazy("Sort by"),
        [
            ("newest", gettext_lazy("newest first")),
            ("oldest", gettext_lazy("oldest first")),
            ("name", gettext_lazy("name")),
        ],
    )
    # What analysts come for: by default the page lists the meetings with security on
    # their agenda; the API lists all of them unless asked (its answers are a contract).
    agenda = _choice(
        gettext_lazy("Agenda"),
        [
            ("security", gettext_lazy("security on the agenda")),
            ("all", gettext_lazy("all meetings")),
        ],
    )

    def __init__(self, data=None, *, choices, default_agenda: str = "security", **kwargs):
        super().__init__(data, **kwargs)
        self.default_agenda = default_agenda
        self.series = {s.slug: s for s in choices["series"]}
        self.countries = {c.code: c for c in choices["countries"]}
        self.organizations = {o.slug: o for o in choices["organizations"]}
        self.participant_countries = {c.code: c for c in choices["participant_countries"]}
        self.fields["organization"].choices = _choices(
            _("any participant"),
            sorted(((o.slug, localname(o)) for o in choices["organizations"]), key=lambda p: p[1]),
        )
        self.fields["participant_country"].choices = _choices(
            _("any country"),
            sorted(
                ((c.code, localname(c)) for c in choices["participant_countries"]),
                key=lambda p: p[1],
            ),
        )
        self.fields["kind"].choices = _choices(_("any kind"), MeetingKind.choices)
        self.fields["series"].choices = _choices(
            _("any series"), [(s.slug, localname(s)) for s in choices["series"]]
        )
        self.fields["country"].choices = _choices(
            _("any country"),
            sorted(((c.code, localname(c)) for c in choices["countries"]), key=lambda p: p[1]),
        )

    def clean(self):
        cleaned = super().clean()
        cleaned["series"] = self.series.get(cleaned.get("series") or "")
        cleaned["country"] = self.countries.get(cleaned.get("country") or "")
        cleaned["organization"] = self.organizations.get(cleaned.get("organization") or "")
        cleaned["participant_country"] = self.participant_countries.get(
            cleaned.get("participant_country") or ""
        )
        cleaned["sort"] = cleaned.get("sort") or "newest"
        cleaned["page"] = cleaned.get("page") or 1
        cleaned["agenda"] = cleaned.get("agenda") or self.default_agenda
        return cleaned


class CountryFilterForm(FilterForm):
    sort = _choice(
        gettext_lazy("Sort by"),
        [
            ("name", gettext_lazy("name")),
            ("meetings", gettext_lazy("meetings held")),
            ("articles", gettext_lazy("articles")),
        ],
    )
    all = forms.BooleanField(required=False, label=gettext_lazy("Every country"))
    map = _choice(
        gettext_lazy("Map of"),
        [
            ("meetings", gettext_lazy("meetings held there")),
            ("articles", gettext_lazy("articles naming the country")),
        ],
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["sort"] = cleaned.get("sort") or "name"
        cleaned["map"] = cleaned.get("map") or "meetings"
        return cleaned


def _invalid(request: HttpRequest, template: str, form: FilterForm, **context) -> HttpResponse:
    return render(
        request, template, {"form": form, "error": form.error_message(), **context}, status=400
    )


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return "?" + urlencode(sorted((k, v) for k, v in params.items() if v != ""))


def _pager(request: HttpRequest, page) -> dict:
    return {
        "page": page,
        "previous_url": _page_url(request, page.number - 1) if page.has_previous() else "",
        "next_url": _page_url(request, page.number + 1) if page.has_next() else "",
    }


# --- Pictures ----------------------------------------------------------------------


def _number(value: int) -> str:
    return number_format(value, use_l10n=True)


def timeline_chart(
    chart_id: str,
    articles: dict[datetime.date, int],
    meetings: dict[datetime.date, int],
) -> dict | None:
    result = charts.timeline(
        [
            charts.TimelineSeries(_("Articles"), articles),
            charts.TimelineSeries(_("Meetings"), meetings),
        ],
        title=_("Articles and meetings per month"),
        title_by_year=_("Articles and meetings per year"),
        chart_id=chart_id,
        rtl=get_language_bidi(),
        number=_number,
    )
    if result is None:
        return None
    # Safe: archive.browse.charts escapes every text it writes into the SVG.
    return {
        "svg": mark_safe(result.svg),  # noqa: S308
        "labels": result.labels,
        "rows": result.rows,
        "by_year": result.by_year,
        "title": result.title,
        "outliers": [
            {
                "period": o.period,
                "counts": [
                    (label, n) for label, n in zip(result.labels, o.counts, strict=True) if n
                ],
                "all_counts": list(zip(result.labels, o.counts, strict=True)),
            }
            for o in result.outliers
        ],
        "id": chart_id,
    }


def _node_name(org) -> str:
    """A node's accessible name: the acronym the picture shows, then the full name.

    The acronym drawn under the circle must begin the link's name (WCAG 2.5.3,
    "label in name"), so that a voice-control user can say what they see.
    """
    name = localname(org)
    if org.acronym and org.acronym.casefold() not in name.casefold():
        return f"{org.acronym} – {name}"
    return name


def network_chart(chart_id: str, data: browse.NetworkData, *, center=None) -> dict | None:
    if len(data.nodes) < 2:
        return None
    by_pk = {o.pk: o for o in data.nodes}
    nodes = [
        charts.Node(
            key=str(o.pk),
            label=o.acronym or localname(o),
            title=_node_name(o),
            url=reverse("organization", args=[o.slug]),
            weight=o.meeting_count,
        )
        for o in data.nodes
    ]
    edges = [charts.Edge(str(a), str(b), n) for a, b, n in data.edges]
    svg = charts.network(
        nodes,
        edges,
        title=_("Organizations that met in the same meetings"),
        chart_id=chart_id,
        center=str(center.pk) if center is not None else None,
        rtl=get_language_bidi(),
        number=_number,
    )
    pairs = sorted(data.edges, key=lambda e: (-e[2], e[0], e[1]))[: browse.NETWORK_EDGES_LISTED]
    return {
        "svg": mark_safe(svg),  # noqa: S308 - escaped by archive.browse.charts
        "id": chart_id,
        "nodes": data.nodes,
        "pairs": [(by_pk[a], by_pk[b], n) for a, b, n in pairs],
        "more_pairs": max(0, len(data.edges) - len(pairs)),
    }


def places_chart(chart_id: str, places: list[browse.Place]) -> dict | None:
    if not places:
        return None
    svg = charts.bars(
        [charts.Bar(localname(p.country), p.meetings) for p in places[:15]],
        title=_("Meetings per host country"),
        chart_id=chart_id,
        rtl=get_language_bidi(),
        number=_number,
    )
    return {"svg": mark_safe(svg), "id": chart_id, "places": places}  # noqa: S308


# --- Organizations -----------------------------------------------------------------


@require_GET
def organization_list(request: HttpRequest) -> HttpResponse:
    form = OrganizationFilterForm(request.GET, countries=browse.countries_with_organizations())
    template = "archive/organization_list.html"
    if not form.is_valid():
        return _invalid(request, template, form)
    filters = form.cleaned_data
    page = browse.organization_list(
        kind=filters["kind"],
        country=filters["country"],
        q=filters["q"],
        sort=filters["sort"],
        named_only=filters.get("show") != "all",
        page=filters["page"],
        language=get_language(),
    )
    return render(request, template, {"form": form, **_pager(request, page)})


@require_GET
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # ?parts=1: with the meetings and articles of the bodies that belong to it.
    data = browse.organization_page(slug, with_parts=request.GET.get("parts") == "1")
    org = data.organization
    context = {
        "data": data,
        "organization": org,
        "parts_url": request.path + ("" if data.with_parts else "?parts=1"),
        "search_url": reverse("search") + "?" + urlencode({"organization": org.slug}),
        "timeline": timeline_chart("timeline", data.articles_per_month, data.meetings_per_month),
        "network": network_chart("network", data.network, center=org),
    }
    return render(request, "archive/organization.html", context)


@require_GET
def network(request: HttpRequest) -> HttpResponse:
    data = browse.network_data()
    return render(
        request,
        "archive/network.html",
        {"network": network_chart("network", data), "size": len(data.nodes)},
    )


# --- Meetings --------------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET, choices=browse.meeting_filter_choices())
    template = "archive/meeting_list.html"
    if not form.is_valid():
        return _invalid(request, template, form)
    page = meetings_page(form)
    return render(request, template, {"form": form, **_pager(request, page)})


def meetings_page(form: MeetingFilterForm):
    """The page of meetings a valid filter form asks for (the HTML list and the API)."""
    names = ("kind", "series", "country", "year", "organization", "participant_country")
    filters = form.cleaned_data
    return browse.meeting_list(
        **{name: filters[name] for name in names},
        security=filters["agenda"] == "security",
        sort=filters["sort"],
        page=filters["page"],
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # A candidate meeting is not a public record: only a curator sees its page.
    data = browse.meeting_page(pk, candidates=sees_candidates(request.user))
    return render(request, "archive/meeting.html", {"data": data, "meeting": data.meeting})


@require_GET
def series_list(request: HttpRequest) -> HttpResponse:
    return render(request, "archive/series_list.html", {"series_list": browse.series_list()})


@require_GET
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    data = browse.series_page(slug)
    return render(request, "archive/series.html", {"data": data, "series": data.series})


# --- Countries -------------------------------------------------------------------


@require_GET
def country_list(request: HttpRequest) -> HttpResponse:
    form = CountryFilterForm(request.GET)
    template = "archive/country_list.html"
    if not form.is_valid():
        return _invalid(request, template, form)
    countries = browse.country_list(
        sort=form.cleaned_data["sort"],
        everything=form.cleaned_data["all"],
        language=get_language(),
    )
    context = {
        "form": form,
        "countries": countries,
        "everything": form.cleaned_data["all"],
        "places": places_chart("places", browse.meeting_places()),
        "map": map_chart("world", countries, measure=form.cleaned_data["map"], request=request),
    }
    return render(request, template, context)


def map_chart(chart_id: str, countries, *, measure: str, request: HttpRequest) -> dict | None:
    """The world map of the countries' list: meetings held in each, or articles naming
    each; the same counts as the table under it."""
    field = "meeting_count" if measure == "meetings" else "article_count"
    values = {c.code: getattr(c, field) for c in countries if getattr(c, field)}
    if not values:
        return None
    if measure == "meetings":
        title = _("Meetings held in each country")

        def describe(name: str, n: int) -> str:
            return _("%(country)s: %(n)s meetings held") % {"country": name, "n": _number(n)}
    else:
        title = _("Articles naming each country")

        def describe(name: str, n: int) -> str:
            return _("%(country)s: %(n)s articles") % {"country": name, "n": _number(n)}

    svg, legend = worldmap.world_map(
        values,
        title=title,
        chart_id=chart_id,
        names={c.code: localname(c) for c in countries},
        links={code: reverse("country", args=[code]) for code in values},
        describe=describe,
        no_data=_("none in the archive"),
    )
    others = {"meetings": "articles", "articles": "meetings"}
    params = request.GET.copy()
    params["map"] = others[measure]
    # Safe: archive.browse.worldmap escapes every text it writes into the SVG.
    return {
        "svg": mark_safe(svg),  # noqa: S308
        "id": chart_id,
        "title": title,
        "legend": [
            {"colour": step.colour, "low": _number(step.low), "high": _number(step.high)}
            for step in legend
        ],
        "measure": measure,
        "no_data_colour": worldmap.NO_DATA,
        "switch_url": "?" + params.urlencode(),
        "switch_label": _("Map the articles instead")
        if measure == "meetings"
        else _("Map the meetings instead"),
        "missing": [c for c in countries if getattr(c, field) and c.code not in worldmap.shapes()],
    }


@require_GET
def country_detail(request: HttpRequest, iso: str) -> HttpResponse:
    country = browse.country_by_iso(iso)
    if iso != country.code:  # alpha-3 or lower case: one address per country
        return redirect("country", iso=country.code, permanent=True)
    data = browse.country_page(country)
    context = {
        "data": data,
        "country": country,
        "search_url": reverse("search") + "?" + urlencode({"country": country.code}),
        "timeline": timeline_chart("timeline", data.articles_per_month, data.meetings_per_month),
    }
    return render(request, "archive/country.html", context)


# --- Used by the home and search pages ---------------------------------------------


def home_context() -> dict:
    return {"home": browse.home_page()}


def search_timeline(results) -> dict | None:
    """The timeline of a search: matching articles, and the meetings they report."""
    if not results.count or not results.histogram:
        return None
    articles = {b["month"]: b["count"] for b in results.histogram}
    meetings = browse.search_meetings_per_month(results.counted_ids)
    return timeline_chart("timeline", articles, meetings)
