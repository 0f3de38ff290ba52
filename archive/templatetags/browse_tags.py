"""Template helpers of the browse pages: names in the active language, places, labels."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from archive.models import MeetingKind, MeetingRole, OrganizationKind

register = template.Library()


def _arabic() -> bool:
    return (get_language() or "ar").split("-")[0] == "ar"


@register.filter
def localname(obj) -> str:
    """The Arabic or English name of an organization, country, city or series.

    English falls back to the Arabic name, which every record has.
    """
    if obj is None:
        return ""
    name_ar = getattr(obj, "name_ar", "") or getattr(obj, "name", "")
    if _arabic():
        return name_ar
    return getattr(obj, "name_en", "") or name_ar


@register.filter
def place(meeting) -> str:
    """ "City, Country" of a meeting, in the active language, or ""."""
    if meeting is None:
        return ""
    names = [localname(meeting.city), localname(meeting.country)]
    return ("، " if _arabic() else ", ").join(n for n in names if n)


@register.filter
def role_label(value: str) -> str:
    return str(MeetingRole.Role(value).label) if value in MeetingRole.Role.values else value


@register.filter
def meeting_kind_label(value: str) -> str:
    return str(MeetingKind(value).label) if value in MeetingKind.values else value


@register.filter
def organization_kind_label(value: str) -> str:
    return str(OrganizationKind(value).label) if value in OrganizationKind.values else value


# What each reason of a meeting's confidence means (the codes of
# archive.text.extraction.event_confidence.REASONS).
CONFIDENCE_REASONS = {
    "reported": _("an event word reports it"),
    "no_verb": _("no reporting verb in its sentence"),
    "in_title": _("in the title"),
    "in_lead": _("in the first sentences"),
    "deep": _("only deep in the article"),
    "named": _("a name of its own"),
    "international": _("an international or joint name"),
    "edition": _("a stated edition"),
    "parties_2": _("two parties or more"),
    "parties_1": _("one party"),
    "date": _("a stated date"),
    "place": _("a stated place"),
    "security": _("security on the agenda"),
}


@register.filter
def confidence_reason_label(value: str) -> str:
    return str(CONFIDENCE_REASONS.get(value, value))


# The names of a meeting's extracted attributes (keys of Meeting.evidence).
FACT_LABELS = {
    "name": _("name"),
    "kind": _("kind"),
    "series": _("series"),
    "edition": _("edition"),
    "dates": _("Dates"),
    "start_date": _("start date"),
    "end_date": _("end date"),
    "city": _("city"),
    "country": _("country"),
    "organizers": _("organizers"),
    "hosts": _("hosts"),
    "participants": _("participants"),
    "participant_countries": _("participating countries"),
}


@register.filter
def fact_label(name: str) -> str:
    return str(FACT_LABELS.get(name, name.replace("_", " ")))


@register.filter
def language_label(code: str) -> str:
    """The name of a language code (an article's language) in the active language."""
    from django.utils.translation import get_language_info

    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@register.simple_tag
def comma() -> str:
    """The list separator of the active language: the Arabic comma in Arabic."""
    return "، " if _arabic() else ", "


@register.filter
def extra_acronym(org) -> str:
    """An organization's acronym when its name in the active language does not hold it."""
    acronym = getattr(org, "acronym", "") or ""
    return "" if not acronym or acronym in localname(org) else acronym
