"""Arabic text analysis for indexing and querying (no Django imports).

Normalization folds spelling variants; a light10-style stemmer strips clitics
and common suffixes. The same analyzer runs on stored text and on queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

ANALYZER_VERSION = "0.1"

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ي": "ي", "ئ": "ي", "ؤ": "و",
        "ة": "ه", "ک": "ك", "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ۀ": "ه", "ە": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "يه", "ه", "ي")

DEFAULT_STOPWORDS = frozenset(
    "في من على إلى الى عن مع أن ان إن إنّ هذا هذه ذلك التي الذي الذين كان كانت قد لا ما لم لن "
    "و أو او ثم كل بين حتى عند بعد قبل هو هي هم كما أيضا أيضاً وفي ومن وعلى وإلى والى وعن ومع "
    "وأن وان وقد ولا فقد فإن بأن لأن ضمن خلال منذ حول".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    surface: str
    position: int
    normalized: str
    stems: tuple[str, ...]
    is_stopword: bool


class ArabicAnalyzer:
    def __init__(
        self,
        *,
        protected_words: Iterable[str] = (),
        name_variants: Iterable[Iterable[str]] = (),
        stopwords: Iterable[str] | None = None,
    ) -> None:
        self.stopwords = frozenset(stopwords) if stopwords is not None else DEFAULT_STOPWORDS
        self.protected = frozenset(self._fold(w) for w in protected_words)
        self.variants: dict[str, str] = {}
        for group in name_variants:
            forms = [self._fold(w) for w in group]
            for form in forms:
                self.variants[form] = forms[0]
        self._word = lru_cache(maxsize=200_000)(self._analyze_word)

    @classmethod
    def default(cls) -> ArabicAnalyzer:
        return _default()

    @staticmethod
    def _fold(word: str) -> str:
        word = unicodedata.normalize("NFKC", word)
        return _DIACRITICS.sub("", word).translate(_FOLD).lower()

    def normalize(self, text: str) -> str:
        return " ".join(self._fold(t) for t in _TOKEN.findall(_DIACRITICS.sub("", text)))

    def _stem(self, word: str) -> str:
        if word in self.variants:
            return self.variants[word]
        if not _ARABIC.search(word):
            return word
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix):]
                break
        else:
            if word[:1] in "وفبل" and len(word) > 3 and word[1:3] == "ال":
                word = word[3:]
        if word in self.protected or word in self.variants:
            return self.variants.get(word, word)
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                return word[: -len(suffix)]
        return word

    def _analyze_word(self, surface: str) -> tuple[str, tuple[str, ...], bool]:
        clean = _DIACRITICS.sub("", unicodedata.normalize("NFKC", surface))
        if clean in self.stopwords:
            return self._fold(clean), (), True
        folded = self._fold(clean)
        return folded, (self._stem(folded),), False

    def analyze(self, text: str) -> list[Token]:
        out = []
        for position, match in enumerate(_TOKEN.finditer(text), start=1):
            normalized, stems, stop = self._word(match.group())
            out.append(Token(match.start(), match.end(), match.group(), position, normalized, stems, stop))
        return out

    def query_stems(self, word: str) -> tuple[str, ...]:
        return self._word(word)[1] or (self._fold(word),)

    def query_prefix(self, prefix: str) -> str:
        folded = self._fold(prefix)
        for p in _PREFIXES:
            if folded.startswith(p) and len(folded) - len(p) >= 2:
                return folded[len(p):]
        return folded

    def word_pattern(self, word: str, level: Literal["normalized", "exact"]) -> str:
        raise NotImplementedError


@lru_cache(maxsize=1)
def _default() -> ArabicAnalyzer:
    return ArabicAnalyzer()
