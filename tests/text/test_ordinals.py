"""Arabic ordinals and the folded text dates are matched on (archive.text.ordinals)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text.ordinals import normalize, normalize_with_offsets, parse_ordinal, raw_span

_TOKENS = [
    "الرابع",
    "والعشرون",
    "الحادية",
    "عشرة",
    "الثاني",
    "عشر",
    "الأول",
    "الأولى",
    "الـ24",
    "٢٤",
    "3rd",
    "المؤتمر",
    "العربي",
    "الدورة",
    "دورتها",
    "العادية",
    "كانون",
    "تشرين",
    "ربيع",
    "جمادى",
    "الأول",
    "الثانية",
    "ثانية",
    "رابعة",
    "بالمائة",
    "في",
    "المائة",
    "و",
    "ً",
    "ّ",
    "ـ",
    "27",
]

MASCULINE = [
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الحادي عشر",
    "الثاني عشر",
    "الثالث عشر",
    "الرابع عشر",
    "الخامس عشر",
    "السادس عشر",
    "السابع عشر",
    "الثامن عشر",
    "التاسع عشر",
    "العشرون",
    "الحادي والعشرون",
    "الثاني والعشرون",
    "الثالث والعشرون",
    "الرابع والعشرون",
    "الخامس والعشرون",
    "السادس والعشرون",
    "السابع والعشرون",
    "الثامن والعشرون",
    "التاسع والعشرون",
    "الثلاثون",
]
FEMININE = [
    "الأولى",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
    "العاشرة",
    "الحادية عشرة",
    "الثانية عشرة",
    "الثالثة عشرة",
    "الرابعة عشرة",
    "الخامسة عشرة",
    "السادسة عشرة",
    "السابعة عشرة",
    "الثامنة عشرة",
    "التاسعة عشرة",
    "العشرين",
    "الحادية والعشرين",
    "الثانية والعشرين",
    "الثالثة والعشرين",
    "الرابعة والعشرين",
    "الخامسة والعشرين",
    "السادسة والعشرين",
    "السابعة والعشرين",
    "الثامنة والعشرين",
    "التاسعة والعشرين",
    "الثلاثين",
]


# --- parse_ordinal ------------------------------------------------------------


@pytest.mark.parametrize(("n", "phrase"), list(enumerate(MASCULINE, start=1)))
def test_masculine_1_to_30(n, phrase):
    assert parse_ordinal(phrase) == n


@pytest.mark.parametrize(("n", "phrase"), list(enumerate(FEMININE, start=1)))
def test_feminine_1_to_30(n, phrase):
    assert parse_ordinal(phrase) == n


TENS = {
    20: "العشر",
    30: "الثلاث",
    40: "الأربع",
    50: "الخمس",
    60: "الست",
    70: "السبع",
    80: "الثمان",
    90: "التسع",
}
UNITS_M = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
UNITS_F = [
    "الحادية",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
]


@pytest.mark.parametrize("tens", sorted(TENS))
@pytest.mark.parametrize("ending", ["ون", "ين"])
def test_compounds_21_to_99_both_case_endings(tens, ending):
    stem = TENS[tens]
    assert parse_ordinal(stem + ending) == tens
    for unit, (masc, fem) in enumerate(zip(UNITS_M, UNITS_F, strict=True), start=1):
        assert parse_ordinal(f"{masc} و{stem}{ending}") == tens + unit
        assert parse_ordinal(f"{fem} و{stem}{ending}") == tens + unit


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("الواحد والعشرون", 21),
        ("الواحدة و العشرين", 21),  # spaced conjunction, as in the Tunisian corpus
        ("الثالثة عشر", 13),  # mixed gender teen, common in print
        ("الحادية عشر", 11),
        ("التاسع والتسعون", 99),
        ("المائة", 100),
        ("المئة", 100),
        ("ثاني", 2),  # without the article
        ("رابع", 4),
        ("أول", 1),
        ("عشرون", 20),
        ("الأوَّل", 1),  # harakat
        ("الرابـــع", 4),  # tatweel
        ("الاولى", 1),  # hamza dropped
        ("الأولي", 1),  # ى written ي
        ("الثانيه", 2),  # ة written ه
        ("الثانى عشر", 12),
    ],
)
def test_variants(phrase, value):
    assert parse_ordinal(phrase) == value


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("24", 24),
        ("الـ24", 24),
        ("الـ 24", 24),
        ("ال24", 24),
        ("٢٤", 24),  # Arabic-Indic
        ("۲۴", 24),  # Persian
        ("الـ٢٤", 24),
        ("24th", 24),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("second", 2),
        ("Second", 2),
        ("the fourth", 4),
        ("twenty-fourth", 24),
        ("twenty first", 21),
        ("twelfth", 12),
        ("hundredth", 100),
    ],
)
def test_digits_and_english(phrase, value):
    assert parse_ordinal(phrase) == value


@pytest.mark.parametrize(
    "phrase", ["", "   ", "مؤتمر", "0", "الرابع الخامس", "twenty", "abc", None, 4]
)
def test_not_an_ordinal(phrase):
    assert parse_ordinal(phrase) is None


# --- normalization ------------------------------------------------------------


def test_normalize_folds_letters_digits_and_punctuation():
    assert normalize("أإآٱ ة ى ی ٠١٢٣ ۴۵۶ ، ؛ – ـ") == "اااا ه ي ي 0123 456 , ; - "


def test_offsets_point_into_the_raw_text():
    raw = "الرّابـعُ"
    folded, offs = normalize_with_offsets(raw)
    assert folded == "الرابع"
    assert len(offs) == len(folded)
    assert [raw[i] for i in offs] == list("الرابع")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=12), st.sampled_from(["", " "]))
def test_offsets_hold_on_any_mix(tokens, joiner):
    text = joiner.join(tokens)
    folded, offs = normalize_with_offsets(text)
    assert folded == normalize(text)
    assert len(offs) == len(folded)
    assert offs == sorted(offs) and all(0 <= i < len(text) for i in offs)
    for start in range(len(folded)):
        a, b = raw_span(offs, start, len(folded), text)
        assert a == offs[start] and offs[-1] < b <= len(text)
    parse_ordinal(text)  # never raises
