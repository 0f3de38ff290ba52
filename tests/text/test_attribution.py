"""Attribution phrases: the agency a news sentence cites is read as its source. The
sentences are from the shipped corpus (ant-corpus), cut to the clause."""

import pytest

from archive.text.attribution import find_attributions


def _agencies(text):
    return [(a.kind, a.agency, text[a.start : a.end]) for a in find_attributions(text)]


@pytest.mark.parametrize(
    ("text", "agency", "span"),
    [
        (
            "تلقيا العلاج بالمستشفى وغادرا لاحقا، وفقا لوكالة رويترز.",
            "وكالة رويترز",
            "وفقا لوكالة رويترز",
        ),
        (
            'بهدف معاقبتهم بشدة". ووفقا لوكالة "يو بي أي" الأميركية، فإن عددا آخر',
            'وكالة "يو بي أي"',
            'ووفقا لوكالة "يو بي أي"',
        ),
        (
            'على ساحل البحر الأحمر، وفق ما ذكرت وكالة الأنباء السعودية "واس" اليوم الأحد.',
            "وكالة الأنباء السعودية",
            "وفق ما ذكرت وكالة الأنباء السعودية",
        ),
        (
            "تعرضت لها بلدية فسديس شمال مدينة باتنة، بحسب ما أوردته جريدة الشروق الجزائرية.",
            "جريدة الشروق الجزائرية",
            "بحسب ما أوردته جريدة الشروق الجزائرية",
        ),
        (
            "وذكرت وكالة الأنباء الإيطالية اليوم الأحد 26 مارس 2017، أنه",
            "وكالة الأنباء الإيطالية",
            None,
        ),
        ("وقال المتحدث وفقا للألمانية إن الهجوم وقع فجرا", "الألمانية", "وفقا للألمانية"),
    ],
)
def test_lead_phrases_name_the_agency(text, agency, span):
    (found,) = _agencies(text)
    assert found[0] == "lead"
    assert found[1] == agency
    if span:
        assert found[2] == span


def test_two_sources_in_one_sentence_are_both_found():
    text = 'حسبما ما ذكر موقع "العربية" نقلا عن صحيفة "واشنطن بوست" الأميركية.'
    assert [a for _, a, _ in _agencies(text)] == ['موقع "العربية"', 'صحيفة "واشنطن بوست"']


def test_bracketed_agency_at_the_end_of_a_report():
    text = 'وهي تؤكد "تلاميذي هم أولادي". (أ ف ب)'
    assert _agencies(text) == [("bracket", "أ ف ب", "(أ ف ب)")]


def test_dateline_with_a_date_takes_the_place_and_the_agency():
    text = "تونس 11 ديسمبر 2016 (وات) - أكد بيان صادر بتاريخ 10 ديسمبر الجاري"
    assert _agencies(text) == [("dateline", "وات", "تونس 11 ديسمبر 2016 (وات) -")]


def test_dateline_on_a_later_line():
    text = "عنوان الخبر\nالرياض (واس) - أعلنت وزارة الداخلية"
    (found,) = find_attributions(text)
    assert (found.kind, found.agency, text[found.start : found.end]) == (
        "dateline",
        "واس",
        "الرياض (واس) -",
    )


@pytest.mark.parametrize(
    "text",
    [
        "في اليومين الأولين للعيد وفقا للبرنامج التالي:",
        "وآلاما في العضلات، وفقا للدراسة.",
        "هي ما يقيد القياس وفقا لنظرية (اينشتاين ) في الفضاء",
        "يحذرون أبناءهم من الحكم على الناس وفقا لمظهرهم",
        "زار الرئيس الرياض (العاصمة) - وسط حضور",
    ],
)
def test_according_to_a_study_or_a_rule_is_no_source(text):
    assert find_attributions(text) == []


def test_spans_do_not_overlap_and_are_in_order():
    text = "الرياض (واس) - ذكرت وكالة رويترز أن الوزير وصل. (أ ف ب)"
    found = find_attributions(text)
    assert [a.kind for a in found] == ["dateline", "lead", "bracket"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_an_agency_between_dashes_closing_the_text():
    text = "وتم تكوين الأعوان في الجانب المحاسبي للزكاة. -وات-"
    assert _agencies(text) == [("bracket", "وات", "-وات-")]
    assert _agencies("وقال إن الحصيلة - وات - ثقيلة") == [("bracket", "وات", "- وات -")]
