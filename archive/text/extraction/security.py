"""Is an article about terrorism, counter-terrorism or security? A score that explains itself.

The score adds up what the article names: the words of terrorism and extremism
(إرهاب and its family, تطرف, تكفيري, جهادي...) weigh most, then armed and terrorist groups of
the gazetteer, then the words of security and violence (أمني, هجوم, تفجير, مسلح,
اغتيال...) and the security bodies named (police, intelligence, armed forces, Interpol,
the counter-terrorism bodies). Each counts a few times at most, so one long article does
not outweigh a short one. An article is *about security* at ``ABOUT`` points; the score
(0-1) grows with the points. The reasons are the words and bodies that made it, most
weighty first, so an analyst sees why. Pure: no Django imports.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass

from archive.text.extraction.tokens import _norm

# Stems (normalized, no article or proclitic): a word counts when it starts with one
# after its proclitics are set aside ("الإرهابية", "للإرهاب", "والتطرف").
TERROR_STEMS = ("ارهاب", "تطرف", "متطرف", "تكفير", "جهادي", "انتحاري", "داعش")
SECURITY_STEMS = (
    "امني",
    "امنيه",
    "هجوم",
    "تفجير",
    "مسلح",
    "اغتيال",
    "عبوه",
    "خليه",
    "ارهابي",
    "رهائن",
    "اختطاف",
    "تهريب",
    "عسكري",
    "عسكريه",
    "مكافحه",
)
# Organization kinds (archive.models.OrganizationKind) that make an article about security.
SECURITY_KINDS = frozenset(
    {"armed_forces", "security_service", "international_police", "security_alliance"}
)
WEIGHTS = {"terror": 3.0, "group": 4.0, "body": 1.0, "security": 1.0}
MAX_COUNTED = 3  # occurrences of one word or body that count
ABOUT = 4.0  # points: about security

_PROCLITICS = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل")


@dataclass(frozen=True)
class SecurityRelevance:
    score: float  # 0..1
    about: bool
    reasons: tuple[str, ...]  # the words and organization keys that made it, weightiest first


def _stem_of(norm: str, stems: tuple[str, ...]) -> str | None:
    for p in ("", *_PROCLITICS):
        if p and not norm.startswith(p):
            continue
        rest = norm[len(p) :]
        for stem in stems:
            if rest.startswith(stem):
                return stem
    return None


_TERROR = tuple(_norm(s) for s in TERROR_STEMS)
_SECURITY = tuple(_norm(s) for s in SECURITY_STEMS)


@functools.lru_cache(maxsize=200_000)
def _classified(norm: str) -> tuple[str, str] | None:
    """(stem, "terror" | "security") of a normalized word, or None; memoized: every
    article of a batch asks for the same words (ingest's hot path)."""
    if len(norm) < 4:
        return None
    stem = _stem_of(norm, _TERROR)
    if stem is not None:
        return stem, "terror"
    stem = _stem_of(norm, _SECURITY)
    return (stem, "security") if stem is not None else None


def security_relevance(
    norms: list[str],
    words: list[str],
    organizations: dict[str, tuple[str, int]],
    *,
    about: float = ABOUT,
) -> SecurityRelevance:
    """``norms``/``words``: the article's tokens (normalized / as written);
    ``organizations``: {key: (kind, mentions)} of the organizations it names; ``about``:
    the points that make it about security (the sentences of one event need fewer)."""
    points: Counter[str] = Counter()
    weight_of: dict[str, float] = {}
    first_form: dict[str, str] = {}
    for norm, word in zip(norms, words, strict=True):
        found = _classified(norm)
        if found is None:
            continue
        stem, kind = found
        if points[stem] < MAX_COUNTED:
            points[stem] += 1
            weight_of[stem] = WEIGHTS[kind]
            first_form.setdefault(stem, word)
    for key, (kind, mentions) in organizations.items():
        if kind == "armed_group":
            weight = WEIGHTS["group"]
        elif kind in SECURITY_KINDS:
            weight = WEIGHTS["body"]
        else:
            continue
        points[key] = min(mentions, MAX_COUNTED)
        weight_of[key] = weight
        first_form[key] = key
    total = sum(n * weight_of[k] for k, n in points.items())
    ranked = sorted(points, key=lambda k: (-points[k] * weight_of[k], k))
    return SecurityRelevance(
        score=round(1 - math.exp(-total / ABOUT), 3),
        about=total >= about,
        reasons=tuple(first_form[k] for k in ranked[:8]),
    )
