"""Which language an article is written in: "ar", "en", "fr", "fa", "ur" or "und".

No Django, no model: the archive holds Arabic news with some English and French, so
script shares and function-word counts are enough, and they are fast (only the first
``SAMPLE_CHARS`` characters are looked at).

* Letters of the Arabic script against Latin letters decide the script; the majority wins.
* Arabic script: Persian and Urdu use letters Arabic does not (پ چ ژ گ ک ی; ٹ ڈ ڑ ں ھ ہ ے)
  and lack some Arabic ones (ة ى ي). A text is "fa"/"ur" only when their letters make
  up at least 2% of the letters and outnumber the Arabic-only ones, so one stray "ی" in
  Arabic news (seed 004 writes "الإسلامی") does not change its language.
* Latin script: common English and French function words are counted; one language
  must have at least two hits and half again as many as the other, else "und" (German,
  Spanish, a list of names, ...).
* Too few letters (under ``MIN_LETTERS``): "und".
"""

from __future__ import annotations

import re

from archive.text import script

__all__ = ["detect_language"]

SAMPLE_CHARS = 2000
MIN_LETTERS = 3

_ARABIC_SCRIPT_RE = re.compile(f"[{script.char_class(script.ARABIC_LETTERS)}]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u00ff\u0152\u0153]")
_PERSIAN_LETTERS = frozenset("پچژگکی")
_URDU_LETTERS = frozenset("ٹڈڑںھہے")
_ARABIC_ONLY_LETTERS = frozenset("ةىي")
_LATIN_WORD_RE = re.compile(r"[a-zà-ÿœ]+(?:'[a-zà-ÿœ]+)?")

ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by",
    "at", "from", "it", "this", "are", "be", "has", "have", "said", "an", "which", "not",
    "were", "will", "its", "their", "they", "he", "she", "been", "would", "who", "had",
    "but", "or",
})  # fmt: skip
# No "a" or "en": they are common in English text too.
FRENCH_WORDS = frozenset({
    "le", "la", "les", "de", "des", "du", "et", "un", "une", "est", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "aux", "par", "ce", "cette", "il", "elle", "sont", "avec",
    "plus", "ont", "été", "ses", "leur", "mais", "ou", "où", "selon", "après", "contre",
    "lors", "entre",
})  # fmt: skip
# French elisions ("l'armée", "d'une", "qu'il") are a strong French signal.
_FRENCH_ELISION_RE = re.compile(r"\b(?:l|d|qu|n|s|c|j)'[a-zà-ÿ]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """The language code of ``text``: "ar", "en", "fr", "fa", "ur" or "und"."""
    sample = text[:SAMPLE_CHARS]
    arabic = _ARABIC_SCRIPT_RE.findall(sample)
    latin = len(_LATIN_RE.findall(sample))
    if len(arabic) + latin < MIN_LETTERS:
        return "und"
    if len(arabic) >= latin:
        return _arabic_script_language(arabic)
    return _latin_language(sample)


def _arabic_script_language(letters: list[str]) -> str:
    persian = sum(1 for ch in letters if ch in _PERSIAN_LETTERS)
    urdu = sum(1 for ch in letters if ch in _URDU_LETTERS)
    arabic_only = sum(1 for ch in letters if ch in _ARABIC_ONLY_LETTERS)
    threshold = 0.02 * len(letters)
    if urdu >= threshold and urdu > arabic_only and urdu >= persian / 4:
        return "ur"
    if persian >= threshold and persian > arabic_only:
        return "fa"
    return "ar"


def _latin_language(sample: str) -> str:
    words = _LATIN_WORD_RE.findall(sample.lower().replace("’", "'"))
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    french = sum(1 for w in words if w in FRENCH_WORDS)
    french += len(_FRENCH_ELISION_RE.findall(sample.replace("’", "'")))
    if english >= 2 and english >= 1.5 * french:
        return "en"
    if french >= 2 and french >= 1.5 * english:
        return "fr"
    return "und"
