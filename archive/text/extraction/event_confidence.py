"""How sure the extractor is that an article reports an event, and why.

An event the meeting reader found gets points for what makes a report of a specific
event of cooperation likely: reported in the title or the lead, an event name of its own
(an edition, an international adjective), two parties or more identified, a stated date
and place. It loses points when the event sentence is deep in the article (a passing
mention) or only one party is known. The reasons are data: one entry each in REASONS
(code: points), so the score explains itself and a new reason is one line. Below
PUBLIC_AT the event is a *candidate*: curators see it in the review queue, the public
pages do not. Pure: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass

# code: points. The codes are shown to curators (archive.browse.labels translates them).
REASONS: dict[str, float] = {
    "reported": 0.25,  # an event noun (always)
    "no_verb": -0.1,  # ... with no reporting verb in its sentence
    "in_title": 0.2,  # the event is in the title
    "in_lead": 0.1,  # ... else in the first sentences of the body
    "deep": -0.15,  # ... else only deep in the article: often a passing mention
    "named": 0.1,  # a name of its own, longer than the kind word
    "international": 0.1,  # an international or joint name ("الاجتماع الوزاري الخليجي")
    "edition": 0.1,  # a stated edition
    "parties_2": 0.2,  # two parties or more identified (organizations, countries)
    "parties_1": 0.05,  # one
    "date": 0.15,  # a stated or resolved date
    "place": 0.1,  # a stated city or country
    "security": 0.05,  # security is on its agenda
}
PUBLIC_AT = 0.5  # at least this: a public record; below: a candidate
LEAD_SENTENCES = 3  # the title and the body's first sentences


@dataclass(frozen=True)
class EventEvidence:
    """What the meeting reader established about one event."""

    in_title: bool
    verb: bool  # a reporting verb in the event's sentence
    sentence: int  # index of the primary event sentence (0 = the title when there is one)
    named: bool
    international: bool
    edition: bool
    parties: int
    date: bool
    place: bool
    security: bool


def event_confidence(ev: EventEvidence) -> tuple[float, tuple[str, ...]]:
    """(score 0..1, the reason codes that made it, in REASONS order)."""
    reasons = ["reported"]
    if not ev.verb:
        reasons.append("no_verb")
    if ev.in_title:
        reasons.append("in_title")
    elif ev.sentence < LEAD_SENTENCES:
        reasons.append("in_lead")
    else:
        reasons.append("deep")
    for code, present in (
        ("named", ev.named),
        ("international", ev.international),
        ("edition", ev.edition),
        ("parties_2", ev.parties >= 2),
        ("parties_1", ev.parties == 1),
        ("date", ev.date),
        ("place", ev.place),
        ("security", ev.security),
    ):
        if present:
            reasons.append(code)
    score = sum(REASONS[c] for c in reasons)
    return round(min(1.0, max(0.0, score)), 3), tuple(reasons)
