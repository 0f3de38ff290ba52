"""Every normalizer of archive.text does what the script table (archive.text.script) says,
over the whole Basic Multilingual Plane (every code point 0..0xFFFF but the surrogates).

The normalizers: the search analyzer's ``normalize`` and tokenizer, cleaning's matching key
``fold``, extraction's tokenizer and word fold, the ordinal/date reader's ``normalize``
(and its span ends), the query parser's words, and ``dates`` end to end.  Each test names
the code points a normalizer gets wrong.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from archive.text import cleaning, dates, extraction, ordinals, query_parser, script
from archive.text.arabic import ArabicAnalyzer
from archive.text.cleaning import clean_article

A = ArabicAnalyzer.default()
BMP = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
IGNORABLE = sorted(set(script.IGNORABLE))
# Words of each kind an invisible character may sit in: Arabic, Latin, digits.
WORDS = [("ب", "تاب"), ("ab", "cd"), ("12", "34")]


def _extraction_fold(text: str) -> str:
    norm = extraction._norm(text)
    return "" if norm == "\x01" else norm  # the placeholder of a word without letters


FOLDS = {
    "analysis": A.normalize,
    "cleaning": cleaning.fold,
    "extraction": _extraction_fold,
    "ordinals": ordinals.normalize,
}


def _query_words(text: str) -> list[str]:
    parsed = query_parser.parse(text)
    return [word for clause in parsed.clauses for term in clause.terms for word in term.words]


TOKENIZERS = {
    "analysis": lambda text: [token.surface for token in A.analyze(text)],
    "extraction": lambda text: extraction._tokenize(text).words,
    "query parser": _query_words,
}


def _bad(chars, ok) -> list[str]:
    return [f"U+{ord(ch):04X}" for ch in chars if not ok(ch)]


def _squeeze(text: str) -> str:
    return "".join(text.split())


# ----------------------------------------------------------------------------- invisible


def test_cleaning_deletes_invisible_format_characters_but_not_joiners_or_harakat():
    # the text shown keeps what changes how it looks: the joiners and the harakat
    line = "وقال المتحدث إن اللجنة{}ستجتمع مرة أخرى الأسبوع المقبل لمناقشة التقرير."
    for ch in script.FORMAT_CHARACTERS + script.ARABIC_MARKS:
        body = clean_article(title="عنوان", body=line.format(ch)).body
        kept = ch not in script.DELETABLE_FORMAT_CHARACTERS
        assert (ch in body) is kept, f"U+{ord(ch):04X}"


@pytest.mark.parametrize("name", FOLDS)
def test_every_normalizer_drops_the_ignorable_characters(name):
    fold = FOLDS[name]
    for before, after in WORDS:
        expected = fold(before + after)
        assert _bad(IGNORABLE, lambda ch: fold(before + ch + after) == expected) == [], (
            name,
            before + after,
        )


@pytest.mark.parametrize("name", TOKENIZERS)
def test_every_tokenizer_keeps_an_ignorable_character_inside_its_word(name):
    tokenize = TOKENIZERS[name]

    def ok(ch: str) -> bool:  # one word, which is the word without the character
        words = tokenize(before + ch + after)
        return len(words) == 1 and A.normalize(words[0]) == A.normalize(before + after)

    for before, after in WORDS:
        assert _bad(IGNORABLE, ok) == [], (name, before + after)


@pytest.mark.parametrize("name", FOLDS)
def test_no_normalizer_drops_a_character_the_script_keeps(name):
    fold = FOLDS[name]
    kept = [ch for ch in BMP if script.fold(ch).strip()]
    expected = fold("بت")
    assert _bad(kept, lambda ch: fold("ب" + ch + "ت") != expected) == [], name


def test_a_span_ends_after_the_ignorable_characters_of_its_last_word():
    def ok(ch: str) -> bool:
        text = "العشرون" + ch + " x"
        _, offsets = ordinals.normalize_with_offsets(text)
        return ordinals.raw_span(offsets, 0, 7, text) == (0, 8)

    assert _bad(IGNORABLE, ok) == []


def test_dates_read_month_names_with_ignorable_characters_inside():
    expected = dt.date(2019, 12, 20)
    assert _bad(IGNORABLE, lambda ch: dates.parse_date(f"20 ديس{ch}مبر 2019") == expected) == []


# ----------------------------------------------------------------------------- letters

# The characters the script folds to something else: letter variants, presentation forms
# and ligatures of Arabic letters, accented Latin letters.
FOLDED = [
    ch
    for ch in BMP
    if (ord(ch) in script.FOLD or ch in script.ARABIC_LETTERS or ord(ch) in script.LATIN_FOLDS)
    and not ch.isdecimal()
]


def _expected_fold(ch: str) -> str:
    return _squeeze(script.fold(ch).lower().translate(script.LATIN_FOLDS))


@pytest.mark.parametrize("name", FOLDS)
def test_every_normalizer_folds_letters_as_the_script_does(name):
    fold = FOLDS[name]
    assert _bad(FOLDED, lambda ch: _squeeze(fold(ch)) == _expected_fold(ch)) == [], name


def test_the_folds_the_normalizers_once_disagreed_on():
    # cleaning folded ک but not گ, ؤ or ئ; the ordinal reader had no hamza carriers
    for name, fold in FOLDS.items():
        assert fold("گ") == fold("ک") == fold("ك"), name
        assert fold("مسؤول") == fold("مسئول") == fold("مسءول"), name
        assert fold("پاریس") == fold("باريس"), name


@pytest.mark.parametrize("name", ["analysis", "extraction", "query parser"])
def test_an_arabic_letter_is_a_word_character_for_every_tokenizer(name):
    tokenize = TOKENIZERS[name]
    letters = script.ARABIC_LETTERS
    assert _bad(letters, lambda ch: len(tokenize("ب" + ch + "ت")) == 1) == [], name


def test_dates_read_month_names_in_any_spelling_the_script_folds():
    names = [(n, 2019) for n in dates.MONTHS] + [(n, 1440) for n in dates.HIJRI_MONTHS]
    checked = 0
    for base, variants in script.LETTER_FOLDS.items():
        name, year = next(((n, y) for n, y in names if base in n), ("", 0))
        if not name:
            continue
        expected = dates.parse_date(f"20 {name} {year}")
        assert expected is not None, name
        for variant in variants:
            spelled = name.replace(base, variant)
            assert dates.parse_date(f"20 {spelled} {year}") == expected, (name, spelled)
            checked += 1
    assert checked > 60


# ----------------------------------------------------------------------------- digits

DIGITS = [ch for ch in BMP if ch.isdecimal()]


@pytest.mark.parametrize("name", FOLDS)
def test_every_normalizer_writes_every_decimal_digit_in_ascii(name):
    fold = FOLDS[name]
    assert _bad(DIGITS, lambda ch: fold(ch) == str(unicodedata.decimal(ch))) == [], name


def _digit_sets() -> list[str]:
    zeros = [ch for ch in DIGITS if unicodedata.decimal(ch) == 0]
    return ["".join(chr(ord(zero) + i) for i in range(10)) for zero in zeros]


def test_dates_and_ordinals_read_numbers_in_every_digit_set():
    sets = _digit_sets()
    assert len(sets) > 30
    for digits in sets:
        assert [unicodedata.decimal(d) for d in digits] == list(range(10)), digits
        write = lambda n: "".join(digits[int(d)] for d in str(n))  # noqa: E731
        assert dates.parse_date(f"{write(20)} ديسمبر {write(2019)}") == dt.date(2019, 12, 20)
        assert ordinals.parse_ordinal("الـ" + write(24)) == 24


def test_a_digit_of_any_set_starts_a_word_for_the_analyzer_and_the_query_parser():
    for name in ("analysis", "query parser"):
        tokenize = TOKENIZERS[name]
        assert _bad(DIGITS, lambda ch: tokenize(ch + ch) == [ch + ch]) == [], name
