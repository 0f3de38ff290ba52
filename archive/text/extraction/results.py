"""What extraction returns: mentions, the facts of a meeting, and both together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    key: str  # organization slug / country iso2 / city "name_en|iso2"
    count: int  # occurrences in title + body
    evidence: str  # the first sentence it appears in (original text)
    surface_forms: tuple[str, ...]  # the distinct spellings found, proclitics removed


@dataclass(frozen=True)
class MeetingFacts:
    kind: str  # meeting | conference | summit | agreement | workshop | exercise | training | visit | other
    name: str
    series_key: str | None
    series_name: str | None
    edition: int | None
    city: str | None  # "name_en|iso2"
    country: str | None  # iso2
    start: dt.date | None
    end: dt.date | None
    organizers: tuple[str, ...]
    hosts: tuple[str, ...]
    participants: tuple[str, ...]
    participant_countries: tuple[str, ...]
    evidence: dict[str, str]
    # How sure the reader is that the article reports this event (event_confidence):
    # below PUBLIC_AT it is a candidate for curators, not a public record.
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    # Is security on the event's agenda, and which words and bodies say so.
    security: bool = False
    security_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    organizations: tuple[Mention, ...]
    countries: tuple[Mention, ...]
    cities: tuple[Mention, ...]
    meeting: MeetingFacts | None
    # Head-noun phrases no organization of the gazetteer matched (extraction.unresolved).
    unresolved: tuple = ()
    # Is it about terrorism, counter-terrorism or security, and why (extraction.security).
    security: object | None = None
