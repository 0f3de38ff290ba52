"""Arabic text analysis for indexing and search (pure Python, no Django).

The same analyzer builds the stored ``tsvector`` (PostgreSQL ``simple`` configuration: we
write the lexemes ourselves) and analyzes the analyst's query, so both sides agree whatever
the database locale.

Pipeline for one word (memoized per surface form):

1. *Cleaning*: harakat, dagger alef, Quranic marks, tatweel, zero-width and bidi controls
   are removed, NFKC folds presentation forms and ligatures.  Stop words are matched on
   this cleaned form, i.e. BEFORE letter folding ("إلى" is a stop word, the normalized
   "الي" of the content word "آلي" is not).
2. *Folding* (one character to one character, so cleaned and folded forms stay aligned):
   alef forms -> ا, hamza carriers ؤ ئ -> ء (مسؤول = مسئول), ى/ی -> ي, ة -> ه,
   Persian/Urdu/Maghrebi letters -> Arabic, all decimal digit sets -> 0-9.
   The tables of steps 1 and 2 are ``archive.text.script``'s, shared by every normalizer.
3. *Proclitics*: the definite article family (ال وال فال بال كال لل ولل وبال ...) is removed
   with confidence.  A bare initial و ف ب ك ل may or may not be a clitic (وزارة vs وتعزيز,
   لجنة vs لتعزيز): unless a lexicon decides (protected words, name variants, the known
   root-initial stems below, a hamzated alef after و/ف/ب/ل as in وأضاف), BOTH readings are
   kept as alternative stems, deepest strip first.
4. *Suffixes* (light10, Larkey et al., with fixes): pronouns (ها هما هم هن كم كما ه),
   accusative tanween alef and verbal plural وا, number (ات ون ين ان), ta marbuta.  The
   nisba ي is kept (دولي / الدولية / دوليين share "دولي", distinct from دولة "دول");
   documents also index the nisba-less stem as a broader alternative so a query for
   "إرهاب" finds "الإرهابية".  Protected words (فلسطين, البحرين, طالبان, ...) are never
   suffix-stripped; name variants map to one canonical lexeme.

Stems of a document word (``Token.stems``) = for each reading: its stem, its ت-ambiguity
alternative (حكومتها -> حكوم / حكومت) and, for documents only, its nisba-less stem.
``query_stems`` returns the same list without the nisba-less broadening, so it is always a
subset of the document stems of the same word: a query word always finds itself.

Compounds (أبو ظبي / أبوظبي, عبد الله / عبدالله, نور الدين / نورالدين):
* two tokens "عبد الله": both tokens ALSO get the joined lexeme "عبدالله" (the first so
  that the joined query word finds the split spelling; the second too, so that a phrase
  with a word before OR after the compound, "السيد عبدالله" / "عبدالله الثاني", matches
  at distance 1);
* one joined token "عبدالله" is split into two tokens (surfaces "عبد" and "الله", exact
  offsets, two positions) that get the same lexemes as the split spelling.
So both spellings produce the same positions and lexemes: the single query word
"عبدالله" (``query_stems`` -> the joined lexeme) finds both spellings, and so do the words
"عبد" AND "الله" and the phrase "عبد الله" (عبد <-> الله).  Because "عبدالله" occupies two
positions, a phrase builder should widen the distance after a query word by
``query_width(word) - 1`` ("وصل عبدالله أمس").  Joined compounds recognized:
عبد + ال..., أبو + (ظبي, بكر, ... or ال...), any head + الله / الدين (نورالدين, نصرالله).

For the query side: ``query_tokens(text)`` (analyze() with query stems) and
``query_width(word)``; the ``root_initial_stems`` constructor argument replaces the
built-in list ``_ROOT_INITIAL_STEMS``.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

import snowballstemmer

from archive.text import script

# Bump whenever the output of analyze() changes: stored vectors are rebuilt when it changes.
ANALYZER_VERSION = "ar-1.0"

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["ANALYZER_VERSION", "ArabicAnalyzer", "Token", "shipped_lexicon"]


class Token(NamedTuple):
    """One word of a text: an immutable value (fields by name, compared and hashed by
    value). A named tuple because analysis makes one per word: it is built several
    times faster than a frozen dataclass, which matters when ingesting."""

    start: int  # offsets into the ORIGINAL text: text[start:end] == surface
    end: int
    surface: str
    position: int  # 1-based; stop words consume a position
    normalized: str  # spelling-normalized, clitics kept
    stems: tuple[str, ...]  # index lexemes: primary reading first; () for stop words
    is_stopword: bool


_TUPLE_NEW = tuple.__new__


def _new_token(
    start: int,
    end: int,
    surface: str,
    position: int,
    normalized: str,
    stems: tuple[str, ...],
    is_stopword: bool,
) -> Token:
    return _TUPLE_NEW(Token, (start, end, surface, position, normalized, stems, is_stopword))


# --------------------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------------------

# The Arabic script's letters, invisible marks, folds and digits live in archive.text.script
# (written once for every normalizer); these are the analyzer's views of them.
_IGNORABLE = script.IGNORABLE
_ARABIC_LETTERS = script.ARABIC_LETTERS
_cls = script.char_class
_AR_CLS = _cls(_ARABIC_LETTERS)
_IGN_CLS = _cls(_IGNORABLE)

# One word token of the original text: an Arabic-letter run, a digit run, or a run of other
# letters and digits (Latin "G20" stays whole).  Ignorable characters are absorbed inside a
# run.  Apostrophes separate words (as in the query parser).
_TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR_CLS}][{_AR_CLS}{_IGN_CLS}]*)"
    rf"|(?P<num>\d[\d{_IGN_CLS}]*)"
    rf"|(?P<lat>(?:(?![{_AR_CLS}{_IGN_CLS}])[^\W_])(?:(?![{_AR_CLS}])[^\W_]|[{_IGN_CLS}])*)"
)

_FOLD = script.FOLD
_UNFOLD: dict[str, str] = {}
for _cp, _to in _FOLD.items():
    _UNFOLD[_to] = _UNFOLD.get(_to, _to) + chr(_cp)

_LATIN = script.LATIN_FOLDS
_LATIN_UNFOLD: dict[str, str] = {}
for _cp, _to in _LATIN.items():
    if len(_to) == 1:
        _LATIN_UNFOLD[_to.lower()] = _LATIN_UNFOLD.get(_to.lower(), "") + chr(_cp)

# Arabic punctuation (and digits glued to letters) are split off by normalize().
_AR_PUNCT = "،؛؟٪٫٬۔«»"
_PUNCT_FOLD = str.maketrans(script.PUNCTUATION_FOLDS)
_SPLIT_RE = re.compile(
    rf"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=[{_AR_CLS}])(?<![{_AR_CLS}])"
    rf"|(?<=[{_AR_CLS}])(?=[^\W\d_])(?![{_AR_CLS}])"
)
_PUNCT_RE = re.compile(rf"\s*([{_AR_PUNCT}«»])\s*")
_SPACES_RE = re.compile(r"\s+")

_HAMZA_ALEF = "أإآ"
_CONJ = "وف"
_PREP = "بكل"
_CLITIC_LETTERS = frozenset("وفبكل")

# The definite article with the conjunctions and prepositions that can precede it.
_ARTICLES = sorted(
    {c + p + ("ل" if p == "ل" else "ال") for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل")},
    key=len,
    reverse=True,
)

# Known stems whose FIRST letter (و ف ب ك ل) belongs to the stem although it looks like a
# clitic: for these the clitic reading is not produced (وزارة -> وزار only, not زار).
# Mined from the ANT news corpus (a stem attested with the definite article and frequent,
# whose clitic-stripped reading is rare) and reviewed by hand.  Normalized spelling.
_ROOT_INITIAL_STEMS = """
والي بءر باءع باب بات باج باجي باحث بادر باردو باريس باع باعث باق باقي باكالوري بالغ بث بحار بحت بحث
بحر بحري بحير بدء بداءل بداي بدر بدري بدل بدني بديل بذل براء براكاج برامج برشلون برك برلماني
برمج برميل برنامج برونزي بريد بريدي بريطاني بسيط بشري بشع بشير بصم بضاءع بضاع بضع بطاح بطاري بطل
بطول بعث بغداد بقي بلاد بلاستيكي بلاغ بلال بلجيك بلجيكي بلحاج بلد بلدان بلدي بلعيد بلقاسم بلور
بليغ بناء بنادق بندقي بنزرت بنغازي بنك بنكي بنود بنوك بني بواب بواسط بورص بورقيب بوزيد بولوني
بيء بيءي بيان بيت بيداغوجي بيض بيضاء بيطري بيع فاءد فاءز فاتور فادح فارسي فارغ فارق فاروق فاشل
فاضل فاعل فايسبوك فتا فتح فتر فجر فحوص فخري فرار فراغ فرانس فرجاني فرح فردي فرص فرض فرع فرق فرنس
فرنسي فروع فريد فريق فساد فسفاط فشل فصاءل فصل فصول فضاء فضاءي فضل فضي فضيح فعل فقدان فقر فكري
فلاح فلاحي فلسطيني فنادق فنان فندق فني فواءد فواءض فواتير فور فوري فوز فوزي فوضوي فوضي فيديو
فيروس فيزياء فيسبوك فيضان فيفري فيلم كاءن كاتب كارثي كاف كافي كامل كبار كبري كبير كتاءب كتاب
كتابي كتب كتل كتيب كثاف كثير كثيف كحولي كذب كراء كرام كراهي كرنيش كريم كشف كشفت كفاء كفيل
كلاسيكو كلاشنيكوف كلام كلف كلم كلي كمبيوتر كمي كمين كند كندي كهرباء كهرباءي كوري كوكب كون كويتي
كويكب كيان كيفي كيلو كيلوغرام كيلومتر كيمياءي كيني لاءح لاءق لاجء لاحق لاذ لاعب لافت لبناني لجان
لجن لجوء لحظ لحق لحوم لطفي لطيف لعب لغت لفظي لقاء لقاح لقب لقي لندن لواء لوبان لوبي لوجستي لوح
لون لويس ليبي ليل واجب واجه وارد واسع واضح واقع واقعي واقي والد وتير وثاءق وثاءقي وثيق وجب وجد
وحد وحشي وحيد وديع وراء ورد ورش ورود وزار وزاري وزراء وزن وزير وساءل وسيط وسيل وصف وصل وصول وضع
وضعي وطني وظاءف وظيف وظيفي وعد وفا وفاء وفاق وفد وفق وقاءع وقاءي وقت وقتي وقع وقعت وقف وقود وقوع
وقوف وكيل ولاد ولاي وليد
"""

_LATIN_STOPWORDS = frozenset({"s"})

# Second parts written joined to أبو (أبوظبي, أبوبكر); أبو + ال... is joined as well.
_ABU_TAILS = frozenset(
    {"ظبي", "بكر", "مازن", "سياف", "قتاده", "عبيده", "حمزه", "مصعب", "محمد", "علي", "عمار"}
)


def _read_list(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def shipped_lexicon() -> dict[str, list]:
    """The protected words and name-variant groups shipped in ``archive/data/``: the
    lexicon the database starts with, which curators then extend."""
    return {
        "protected_words": _read_list(DATA_DIR / "protected_words.txt"),
        "name_variants": [
            [m.strip() for m in line.split("|") if m.strip()]
            for line in _read_list(DATA_DIR / "name_variants.txt")
        ],
    }


@dataclass(frozen=True, slots=True)
class _Word:
    """The memoized analysis of one surface word."""

    normalized: str
    stems: tuple[str, ...]  # document stems
    qstems: tuple[str, ...]  # query stems (subset of stems)
    is_stop: bool
    core: str  # primary reading with proclitics removed, before suffix stripping
    split: int = 0  # for a joined compound, the surface offset of the second part
    arabic: bool = False
    tail: int = 0  # may end a compound: 1 after any head (الله, الدين), 2 after عبد/أبو


_JOIN_HEADS = frozenset({"عبد", "ابو"})


# A Snowball stemmer keeps the word being stemmed in its own fields: one shared by the
# threads of a web worker gave IndexErrors under load. One per thread.
_EN_PER_THREAD = threading.local()


def _english_stem(word: str) -> str:
    stemmer = getattr(_EN_PER_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _EN_PER_THREAD.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


class ArabicAnalyzer:
    """Analyzer for Arabic (and the Latin words and numbers in Arabic text)."""

    def __init__(
        self,
        *,
        protected_words: Iterable[str] = (),
        name_variants: Iterable[Iterable[str]] = (),
        stopwords: Iterable[str] | None = None,
        root_initial_stems: Iterable[str] | None = None,
    ) -> None:
        if stopwords is None:
            path = DATA_DIR / "stopwords_ar.txt"
            stopwords = _read_list(path) if path.exists() else ()
        self._stopwords = frozenset(self._clean(w) for w in stopwords)
        self._variants: dict[str, str] = {}
        for group in name_variants:
            members = [m for m in group if m and m.strip()]
            if not members:
                continue
            canonical = self._lexicon_forms(members[0])[-1]
            for member in members:
                for form in self._lexicon_forms(member):
                    self._variants.setdefault(form, canonical)
        self._protected: set[str] = set()
        for word in protected_words:
            self._protected.update(self._lexicon_forms(word))
        # canonical variant lexemes are never suffix-stripped either
        self._protected.update(self._variants)
        if root_initial_stems is None:
            root_initial_stems = _ROOT_INITIAL_STEMS.split()
        self._root_initial = frozenset(self._fold(self._clean(s)) for s in root_initial_stems)
        self._cache: dict[str, _Word] = {}

    # ---------------------------------------------------------------- construction
    @classmethod
    @functools.cache
    def default(cls) -> ArabicAnalyzer:
        """The analyzer configured with the data files shipped in ``archive/data/``."""
        return cls(**shipped_lexicon(), stopwords=_read_list(DATA_DIR / "stopwords_ar.txt"))

    def _lexicon_forms(self, word: str) -> list[str]:
        """Normalized lookup forms of a lexicon entry: as written, then without the article.

        Multi-word entries are joined ("أبو ظبي" -> "ابوظبي", the compound lexeme)."""
        c = self._clean(word).replace(" ", "")
        n = self._fold(c)
        forms = [n]
        if n.startswith("ال") and len(n) >= 5 and c[0] not in _HAMZA_ALEF:
            forms.append(n[2:])
        return forms

    # ---------------------------------------------------------------- character level
    @staticmethod
    def _clean(text: str) -> str:
        return script.clean(text)

    @staticmethod
    def _fold(cleaned: str) -> str:
        return cleaned.translate(_FOLD)

    def normalize(self, text: str) -> str:
        """Spelling normalization of running text (see the module docstring).

        Arabic punctuation and digits glued to letters are split off by spaces, Latin is
        lowercased and its accents removed, runs of whitespace collapse to one space."""
        text = self._clean(text).translate(_FOLD).translate(_PUNCT_FOLD)
        text = text.lower().translate(_LATIN)
        text = _SPLIT_RE.sub(" ", text)
        text = _PUNCT_RE.sub(r" \1 ", text)
        return _SPACES_RE.sub(" ", text).strip()

    # ---------------------------------------------------------------- word level
    def _word(self, raw: str) -> _Word:
        """The analysis of one token's surface (its kind follows from its first character)."""
        word = self._cache.get(raw)
        if word is None:
            if len(self._cache) > 400_000:
                self._cache.clear()
            word = self._cache[raw] = self._analyze_word(raw)
        return word

    def _analyze_word(self, raw: str) -> _Word:
        cleaned = self._clean(raw)
        if not cleaned:
            return _Word("", (), (), True, "")
        if raw[0].isdecimal():
            n = cleaned.translate(_FOLD)
            return _Word(n, (n,), (n,), False, n)
        if raw[0] not in _ARABIC_SET:
            n = cleaned.lower().translate(_LATIN).translate(_FOLD)
            if n in _LATIN_STOPWORDS:  # the s of "Interpol's" (apostrophes separate words)
                return _Word(n, (), (), True, n)
            stem = _english_stem(n) if n.isascii() else n
            return _Word(n, (stem,), (stem,), False, n)
        n = self._fold(cleaned)
        if cleaned in self._stopwords or len(n) < 2:
            return _Word(n, (), (), True, n, arabic=True)
        split = self._compound_split(n)
        offset = self._surface_offset(raw, split) if split else 0
        if not 0 < offset < len(raw):
            offset = 0
        readings = self._readings(cleaned, n)
        stems: list[str] = []
        qstems: list[str] = []
        for index, (rc, rn) in enumerate(readings):
            main, alts, broad = self._suffixes(rc, rn)
            for s in (main, *alts):
                if s not in qstems:
                    qstems.append(s)
            for s in (main, *alts, *(broad if index == 0 else ())):
                if s not in stems:
                    stems.append(s)
        if n in ("الله", "الدين"):
            tail = 1
        elif (n.startswith("ال") and len(n) >= 4) or n in _ABU_TAILS:
            tail = 2
        else:
            tail = 0
        return _Word(n, tuple(stems), tuple(qstems), False, readings[0][1], offset, True, tail)

    @staticmethod
    def _surface_offset(raw: str, k: int) -> int:
        """Offset in ``raw`` of the character that yields normalized character k (0-based);
        marks after the preceding letter stay with it."""
        count = 0
        for i, ch in enumerate(raw):
            size = len(ArabicAnalyzer._clean(ch))
            if size and count == k:
                return i
            count += size
        return len(raw)

    def _compound_split(self, n: str) -> int:
        """For a joined compound (عبدالله, أبوظبي, نورالدين), where its second part starts."""
        if n in self._variants or n in self._protected:
            return 0
        for k in range(0, 3):
            if k and n[k - 1] not in _CLITIC_LETTERS:
                break
            rest = n[k:]
            if rest.startswith("عبدال") and len(rest) >= 7:
                return k + 3
            if rest.startswith("ابو") and (
                rest[3:] in _ABU_TAILS or (rest.startswith("ابوال") and len(rest) >= 7)
            ):
                return k + 3
        for tail, min_head in (("الله", 3), ("الدين", 2)):
            if n.endswith(tail):
                head = n[: -len(tail)]
                if (
                    len(head) >= min_head
                    and not head.startswith("ال")
                    and not set(head) <= _CLITIC_LETTERS
                ):
                    return len(head)
        return 0

    def _join(self, head: _Word, tail: _Word) -> str | None:
        """The joined lexeme of a two-word compound, or None."""
        h, t = head.core, tail.normalized
        if tail.is_stop or len(t) < 3:
            return None
        definite_tail = t.startswith("ال") and len(t) >= 4
        if (
            (h == "عبد" and definite_tail)
            or (h == "ابو" and (t in _ABU_TAILS or definite_tail))
            or (t in ("الله", "الدين") and len(h) >= 2 and not h.startswith("ال"))
        ):
            return self._variants.get(h + t, h + t)
        return None

    def _known(self, n: str) -> bool:
        return n in self._protected or n in self._variants

    def _readings(self, c: str, n: str) -> list[tuple[str, str]]:
        """Proclitic readings of a word: (cleaned, normalized) remainders, primary first."""
        # A known word (protected, name variant) is taken whole; written with the article,
        # it is reduced to its article-less lookup form (الصين, بالصين -> صين).
        for art in _ARTICLES:
            if n.startswith(art):
                k = len(art)
                if self._known(n[k:]) and c[k - 2] not in _HAMZA_ALEF:
                    return [(c[k:], n[k:])]
                if art.endswith("ال") and k > 2 and self._known(n[k - 2 :]):
                    return [(c[k - 2 :], n[k - 2 :])]  # بالله = ب + الله
        if self._known(n):
            return [(c, n)]
        # The definite article (with conjunction/preposition) is removed with confidence,
        # unless the word as written is a known word (المانيا) or the alef is hamzated
        # (ألمانيا, آلية: no article).
        for art in _ARTICLES:
            if n.startswith(art) and len(n) - len(art) >= 2:
                k = len(art)
                if art.endswith("ال") and c[k - 2] in _HAMZA_ALEF:
                    continue
                if art.endswith("لل"):
                    # لل = ل + ال, but also ل + a word starting with ل (للبنان, للجنة)
                    alt = k - 1
                    if self._known(n[alt:]) or self._stem_is_root_initial(c[alt:], n[alt:]):
                        return [(c[alt:], n[alt:])]
                if self._stem_is_root_initial(c, n) and not art.endswith("لل"):
                    return [(c, n)]
                return [(c[k:], n[k:])]
        candidates = [0]
        confident = 0
        if n[0] in _CONJ and len(n) >= 4:
            candidates.append(1)
            if c[1] in _HAMZA_ALEF:
                confident = 1
            if n[1] in _PREP and len(n) >= 5:
                candidates.append(2)
                if c[2] in _HAMZA_ALEF and n[1] != "ك":
                    confident = 2
        elif n[0] in _PREP and len(n) >= 4:
            candidates.append(1)
            if c[1] in _HAMZA_ALEF and n[0] != "ك":
                confident = 1
        if len(candidates) == 1:
            return [(c, n)]
        # a lexicon decides: protected/variant remainder, or a known root-initial stem
        for k in candidates:
            if self._known(n[k:]):
                return [(c[k:], n[k:])]
        for k in candidates:
            if self._stem_is_root_initial(c[k:], n[k:]):
                return [(c[k:], n[k:])]
        if confident:
            return [(c[confident:], n[confident:])]
        return [(c[k:], n[k:]) for k in reversed(candidates)]

    def _stem_is_root_initial(self, c: str, n: str) -> bool:
        if not self._root_initial or n[0] not in _CLITIC_LETTERS:
            return False
        main, alts, _ = self._suffixes(c, n)
        return main in self._root_initial or any(a in self._root_initial for a in alts)

    def _suffixes(self, c: str, n: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """Light suffix stripping of a proclitic-free word.

        Returns (stem, alternative stems for queries and documents, broader document-only
        stems)."""
        variant = self._variants.get(n)
        if variant is not None:
            return variant, (), ()
        if n in self._protected:
            return n, (), ()
        protected = self._protected
        s = n
        alt: str | None = None
        pronoun_t = False
        # 1. pronoun suffixes (ه is also the folded ta marbuta: surface ة is not a pronoun)
        for suf, keep in (("هما", 3), ("كما", 3), ("هم", 3), ("هن", 3), ("كم", 3), ("ها", 2)):
            if s.endswith(suf) and len(s) - len(suf) >= keep:
                s = s[: -len(suf)]
                pronoun_t = True
                break
        else:
            if s.endswith("ه") and len(s) >= 3:
                pronoun_t = c.endswith("ه")
                s = s[:-1]
            elif s.endswith("وا") and len(s) >= 5:  # verbal plural: قالوا, أكدوا
                s = s[:-2]
            elif s.endswith("ا") and len(s) >= 4 and not s.endswith("اا"):  # tanween alef
                s = s[:-1]
                pronoun_t = True  # also the dual construct تا: منطقتا -> منطق (or منطقت)
        if s in protected:
            return s, (), ()
        # a ta marbuta before a pronoun is written ت: حكومتها -> حكومت -> حكوم (or حكومت)
        if pronoun_t and s.endswith("ت") and not s.endswith("ات") and len(s) >= 4:
            alt, s = s, s[:-1]
        else:
            # 2. number: plural/dual
            for suf, keep in (("ات", 2), ("ون", 3), ("ين", 3), ("ان", 4)):
                if s.endswith(suf) and len(s) - 2 >= keep and not self._blocked(s, suf):
                    s = s[:-2]
                    if s in protected:
                        return s, (), ()
                    if (
                        suf in ("ين", "ان")
                        and s.endswith("ت")
                        and not s.endswith("ات")
                        and len(s) >= 4
                    ):
                        alt, s = s, s[:-1]  # الدولتين -> دول (or دولت)
                    elif s.endswith("ه") and len(s) >= 3:  # اتجاهات -> اتجاه -> اتجا
                        s = s[:-1]
                    break
        alts = (alt,) if alt and alt != s else ()
        broad: tuple[str, ...] = ()
        if s.endswith("ي") and len(s) >= 5:
            broad = (s[:-1],)  # nisba: documents with دولية/إرهابية also match the base
        return s, alts, broad

    @staticmethod
    def _blocked(s: str, suf: str) -> bool:
        """Nouns whose ين/ون/ان is part of the stem by their pattern."""
        if len(s) == 5 and s[0] == "ت" and suf in ("ين", "ون"):  # تعيين, تعاون, تباين
            return True
        if len(s) == 5 and s[0] == "م" and suf == "ون":  # مضمون, مخزون
            return True
        # استيطان, امتحان: the masdars استفعال and افتعال
        return suf == "ان" and (
            s.startswith("است") or (len(s) == 6 and s[0] == "ا" and s[2] == "ت")
        )

    # ---------------------------------------------------------------- text level
    def analyze(self, text: str) -> list[Token]:
        """Every word token of ``text`` in order, with document (index) stems."""
        return self._tokens(text, query=False)

    def scan(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, document stems) of each word of ``text``: a fast first pass for
        finding where matches are (no Token objects, no positions, and a joined
        compound keeps its own stems: analyze() is the exact pass)."""
        word, cache = self._word, self._cache
        return [
            (m.start(), m.end(), (cache.get(raw) or word(raw)).stems)
            for m in _TOKEN_RE.finditer(text)
            for raw in (m.group(),)
        ]

    def query_tokens(self, text: str) -> list[Token]:
        """Like analyze(), but each token carries its query stems (no broadening)."""
        return self._tokens(text, query=True)

    def _tokens(self, text: str, *, query: bool) -> list[Token]:
        out: list[Token] = []
        append = out.append
        cache = self._cache
        position = 0
        head: _Word | None = None  # the previous token, if an Arabic content word
        for m in _TOKEN_RE.finditer(text):
            raw = m.group()
            w = cache.get(raw) or self._word(raw)
            start, end = m.span()
            if w.split:  # a joined compound: two tokens (or more: ءءءﷲﷲ)
                pieces = self._pieces(raw, w, start)
                for piece_start, piece_end, piece in pieces[:-1]:
                    position += 1
                    stems = piece.qstems if query else piece.stems
                    if (
                        piece_start != start
                        and piece.tail
                        and head is not None
                        and (piece.tail == 1 or head.core in _JOIN_HEADS)
                    ):
                        stems = self._join_previous(out, head, piece, stems, text, piece_start)
                    append(
                        _new_token(
                            piece_start,
                            piece_end,
                            text[piece_start:piece_end],
                            position,
                            piece.normalized,
                            stems,
                            piece.is_stop,
                        )
                    )
                    head = None if piece.is_stop else piece
                start, _, w = pieces[-1]
                raw = text[start:end]
            position += 1
            stems = w.qstems if query else w.stems
            if w.tail and head is not None and (w.tail == 1 or head.core in _JOIN_HEADS):
                stems = self._join_previous(out, head, w, stems, text, start)
            append(_new_token(start, end, raw, position, w.normalized, stems, w.is_stop))
            head = w if w.arabic and not w.is_stop else None
        return out

    def _pieces(self, raw: str, w: _Word, start: int, depth: int = 0) -> list:
        """A joined compound split into its words, each split again if it is itself
        a compound, so that a piece is analysed as the same surface typed as a query."""
        if not w.split or depth > 8:
            return [(start, start + len(raw), w)]
        head, tail = raw[: w.split], raw[w.split :]
        return self._pieces(head, self._word(head), start, depth + 1) + self._pieces(
            tail, self._word(tail), start + w.split, depth + 1
        )

    def _join_previous(
        self, out: list[Token], head: _Word, tail: _Word, stems: tuple[str, ...], text: str, a: int
    ) -> tuple[str, ...]:
        """Add the joined lexeme of a two-token compound to both tokens; the tail's stems."""
        prev = out[-1]
        if prev.end != a and not text[prev.end : a].isspace():
            return stems
        joined = self._join(head, tail)
        if not joined:
            return stems
        # on both parts, so that phrases with a word before or after the compound match
        # whichever spelling
        if joined not in prev.stems:
            out[-1] = _new_token(
                prev.start,
                prev.end,
                prev.surface,
                prev.position,
                prev.normalized,
                (*prev.stems, joined),
                False,
            )
        return stems if joined in stems else (*stems, joined)

    def query_stems(self, word: str) -> tuple[str, ...]:
        """The lexemes one query word must match (OR-ed).  () for a stop word.

        A joined compound (عبدالله) gives its joined lexeme.  ``word`` should be one word;
        if it holds several tokens (digits glued to letters), the longest one counts."""
        tokens = [t for t in self._tokens(word, query=True) if not t.is_stopword]
        if not tokens:
            return ()
        if len(tokens) == 2 and tokens[0].end == tokens[1].start:
            # a joined compound: its lexeme is the one both parts carry
            joined = [s for s in tokens[0].stems if s in tokens[1].stems]
            if joined:
                return (joined[-1],)
        return max(tokens, key=lambda t: t.end - t.start).stems

    def query_width(self, word: str) -> int:
        """How many token positions ``word`` occupies in a document (at least 1).

        2 for a joined compound (عبدالله is indexed as عبد + الله) or a word with glued
        digits (2019م); a phrase builder adds ``query_width(word) - 1`` to the distance to
        the next word, so "وصل عبدالله أمس" finds both spellings of the compound."""
        return max(1, len(self._tokens(word, query=True)))

    def query_prefix(self, prefix: str) -> str:
        """Normalized prefix for ``prefix*`` queries, the definite article family removed."""
        n = self.normalize(prefix).replace(" ", "")
        for art in _ARTICLES:
            if n.startswith(art) and len(n) - len(art) >= 2:
                return n[len(art) :]
        return n

    # ---------------------------------------------------------------- regular expressions
    def word_pattern(self, word: str, level: Literal["normalized", "exact"]) -> str:
        """A PostgreSQL ARE (also valid for Python ``re``) matching ``word`` as a whole word
        in original, unnormalized text (for the ``~`` operator).

        "exact": the same letters; "normalized": each letter may be any spelling variant
        that folds to the same letter (ا أ إ آ ٱ, ي ى ی, ه ة, ء ؤ ئ, ك ک, digit sets, Latin
        case and accents).  Both tolerate harakat, tatweel, zero-width and bidi characters
        between letters.  Only letters and digits of ``word`` are used (nothing else is
        copied into the pattern); boundaries use explicit bracket ranges, never \\m \\M \\w.
        Raises ValueError for a word without letters or digits."""
        if level not in ("normalized", "exact"):
            raise ValueError(f"unknown level {level!r}")
        cleaned = self._clean(word)
        letters = [ch for ch in cleaned if ch.isalnum()]
        if not letters:
            raise ValueError("word_pattern() needs a word with letters or digits")
        parts = []
        for ch in letters:
            if level == "exact":
                variants = ch
            else:
                base = ch.translate(_FOLD)
                if ch.isdecimal():
                    d = unicodedata.decimal(ch)
                    variants = script.ASCII_DIGITS[d] + script.ARABIC_INDIC_DIGITS[d]
                    variants += script.PERSIAN_DIGITS[d]
                elif base.isascii() or ord(ch) in _LATIN:
                    base = ch.lower().translate(_LATIN)[:1] or ch
                    variants = base + base.upper() + _LATIN_UNFOLD.get(base, "")
                    variants += "".join(v.upper() for v in _LATIN_UNFOLD.get(base, ""))
                else:
                    variants = _UNFOLD.get(base, base)
            parts.append(f"[{_cls(variants)}]" if len(set(variants)) > 1 else re.escape(variants))
        tol = f"[{_PG_IGN_CLS}]*"
        body = tol.join(parts)
        # Boundaries as in the tokenizer: an Arabic word also ends at a digit or a Latin
        # letter (٢٠١٩م holds 2019), a number at an Arabic letter; a Latin word only at a
        # character that is no letter or digit.
        if all(ch.isdecimal() for ch in letters):
            word_cls = _PG_LATIN_CLS + _PG_DIGIT_CLS
        elif all(_is_arabic(ch) for ch in letters):
            word_cls = _PG_ARABIC_CLS
        else:
            word_cls = _PG_ARABIC_CLS + _PG_LATIN_CLS + _PG_DIGIT_CLS
        edge = f"[^{word_cls}{_PG_IGN_CLS}]"
        return f"(^|{edge}){body}{tol}($|{edge})"


# Word characters for word_pattern() boundaries: Arabic letters, Latin letters (with
# accents), all decimal digits of the Arabic world.  Explicit ranges: \w and \m depend on
# the database locale.
_PG_ARABIC_CLS = _cls(_ARABIC_LETTERS)
_PG_LATIN_CLS = _cls(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(chr(c) for c in range(0x00C0, 0x0250) if chr(c).isalpha())
)
_PG_DIGIT_CLS = _cls(script.ARABIC_DIGITS)
_ARABIC_SET = frozenset(_ARABIC_LETTERS)


def _is_arabic(ch: str) -> bool:
    return ch in _ARABIC_SET


# Tolerated between the letters of a word: what the tokenizer absorbs inside a word, so that
# the pattern of a word the analyzer indexed finds it in the original text.
_PG_IGN_CLS = _IGN_CLS
