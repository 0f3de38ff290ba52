"""Arabic ordinals and meeting edition numbers (archive.text.ordinals)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text.ordinals import (
    find_edition,
    find_ordinals,
    normalize,
    normalize_with_offsets,
    parse_ordinal,
)

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


# --- find_ordinals ------------------------------------------------------------


def test_longest_match_first():
    text = "المؤتمر العربي الرابع والعشرون للمسؤولين"
    [(value, span, matched)] = find_ordinals(text)
    assert value == 24
    assert matched == "الرابع والعشرون"
    assert text[span[0] : span[1]] == matched


def test_teen_is_taken_whole():
    assert [v for v, _, _ in find_ordinals("الجولة الثالثة عشرة من البطولة")] == [13]


def test_spans_are_raw_offsets_with_harakat_and_tatweel():
    text = "عُقِدَ الاجتماعُ الرّابـــعُ والعشرونَ أمس"
    [(value, (a, b), matched)] = find_ordinals(text)
    assert value == 24
    assert text[a:b] == matched == "الرّابـــعُ والعشرونَ"


def test_several_in_order():
    text = "الجولة الأولى ثم الجولة الثانية ثم الدورة الـ٢٤ والمرتبة 3rd"
    assert [v for v, _, _ in find_ordinals(text)] == [1, 2, 24, 3]


def test_conjunction_prefix_not_in_span():
    text = "الاجتماعان الأول والثاني"
    found = find_ordinals(text)
    assert [(v, m) for v, _, m in found] == [(1, "الأول"), (2, "الثاني")]


@pytest.mark.parametrize(
    "text",
    [
        "في كانون الأول الماضي",
        "في 10 تشرين الثاني",
        "في تشرين الأول/أكتوبر",
        "في كانون الثاني",
        "في ربيع الأول",
        "في ربيع الثاني",
        "في جمادى الأولى",
        "في جمادى الثانية",
        "في كانون أول",
    ],
)
def test_month_names_are_not_ordinals(text):
    assert find_ordinals(text) == []


def test_month_name_and_real_ordinal_together():
    text = "عقد الاجتماع الثاني في كانون الأول"
    assert [(v, m) for v, _, m in find_ordinals(text)] == [(2, "الثاني")]


@pytest.mark.parametrize(
    "text",
    [
        "ارتفع بنسبة 20 بالمائة",
        "20 في المائة",
        "خلال 30 ثانية",  # seconds
        "في ميدان رابعة العدوية",
        "أعداد كبيرة",
        "العدد 24 من المجلة",  # bare digits are numbers, not ordinals
    ],
)
def test_false_positives(text):
    assert find_ordinals(text) == []


def test_fine_ordinals_outside_meetings():
    assert [v for v, _, _ in find_ordinals("بالدرجة الأولى في اليوم الأول")] == [1, 1]


def test_find_ordinals_empty():
    assert find_ordinals("") == []
    assert find_ordinals(None) == []


# --- find_edition -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "matched"),
    [
        # the seed articles
        (
            "السعودية تستضيف الدورة الثانية للقمة الدولية لمراكز التميز",
            2,
            "الدورة الثانية",
        ),
        (
            "اختتم المؤتمر العربي الرابع والعشرون للمسؤولين عن مكافحة الإرهاب أعماله",
            24,
            "المؤتمر العربي الرابع والعشرون",
        ),
        ("وضم هذا الاجتماع الرابع للفريق العامل المعني", 4, "الاجتماع الرابع"),
        ("يُعقد هذا الاجتماع الدولي الثاني في الرياض", 2, "الاجتماع الدولي الثاني"),
        # other phrasings
        ("النسخة الـ24 من المعرض", 24, "النسخة الـ24"),
        ("في النسخة الـ ٢٤ من المعرض", 24, "النسخة الـ ٢٤"),
        ("الدورة 27 لأيام قرطاج السينمائية", 27, "الدورة 27"),
        (
            "القمة العربية في دورتها العادية الثالثة والثلاثين",
            33,
            "دورتها العادية الثالثة والثلاثين",
        ),
        ("وشارك في اجتماعه السنوي الخامس", 5, "اجتماعه السنوي الخامس"),
        ("الاجتماع الوزاري العربي الثالث عشر", 13, "الاجتماع الوزاري العربي الثالث عشر"),
        ("الملتقى الدولي الأول حول التطرف", 1, "الملتقى الدولي الأول"),
        ("المنتدى الحادي عشر", 11, "المنتدى الحادي عشر"),
        ("التمرين المشترك السابع", 7, "التمرين المشترك السابع"),
        ("يعقد أول اجتماع له الشهر المقبل", 1, "أول اجتماع"),
        ("للدورة 69 لمهرجان كان", 69, "للدورة 69"),
        ("الجولة الثانية من المشاورات", 2, "الجولة الثانية"),
    ],
)
def test_find_edition(text, value, matched):
    found = find_edition(text)
    assert found is not None
    got_value, (a, b), got_text = found
    assert (got_value, got_text) == (value, matched)
    assert text[a:b] == matched


@pytest.mark.parametrize(
    "text",
    [
        "وفي اليوم الأول للمؤتمر، تبادل المشاركون وجهات النظر",  # day of the meeting, not edition
        "وسترفع الأمانة العامة توصيات المؤتمر إلى الدورة المقبلة لمجلس وزراء الداخلية",
        "استغرق الاجتماع 3 ساعات",  # a count, not an edition
        "عقد الاجتماع في كانون الأول",
        "قناة الحوار التونسي المرتبة الأولى",  # a noun between: not an adjective
        "احتل المرتبة الأولى",
        "",
    ],
)
def test_no_edition(text):
    assert find_edition(text) is None


def test_first_edition_in_text_wins():
    text = "بعد الاجتماع الثالث، يعقد الاجتماع الرابع في مايو"
    assert find_edition(text)[0] == 3


# --- normalization ------------------------------------------------------------


def test_normalize_folds_letters_digits_and_punctuation():
    assert normalize("أإآٱ ة ى ی ٠١٢٣ ۴۵۶ ، ؛ – ـ") == "اااا ه ي ي 0123 456 , ; - "


def test_offsets_point_into_the_raw_text():
    raw = "الرّابـعُ"
    folded, offs = normalize_with_offsets(raw)
    assert folded == "الرابع"
    assert len(offs) == len(folded)
    assert [raw[i] for i in offs] == list("الرابع")


def test_seed_texts():
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    text = (seeds / "002_f2632be3270ffe64.txt").read_text(encoding="utf-8")
    assert find_ordinals(text)[0][0] == 24
    assert find_edition(text)[0] == 24
    text = (seeds / "000_ea48ddaf0c48730a.txt").read_text(encoding="utf-8")
    assert find_edition(text)[:1] == (2,)
    text = (seeds / "003_0546f77b3de22a26.txt").read_text(encoding="utf-8")
    assert find_edition(text)[0] == 4
    text = (seeds / "001_40ba571edd290cb5.txt").read_text(encoding="utf-8")
    assert find_edition(text) is None  # "اليوم الأول للمؤتمر" is a day, not an edition


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=12), st.sampled_from(["", " "]))
def test_spans_hold_on_any_mix(tokens, joiner):
    text = joiner.join(tokens)
    for value, (a, b), matched in find_ordinals(text):
        assert value >= 1
        assert text[a:b] == matched
    found = find_edition(text)
    if found:
        assert text[found[1][0] : found[1][1]] == found[2]
    parse_ordinal(text)
