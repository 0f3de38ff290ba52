"""How sure the meeting reader is, why, and what it names an event the text leaves
unnamed (pure: no database)."""

import datetime as dt

import pytest

from archive.text.extraction import Gazetteer, extract
from archive.text.extraction.event_confidence import PUBLIC_AT

MONDAY = dt.date(2016, 3, 7)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def _meeting(gaz, title, body):
    return extract(
        title=title, body=body, published=MONDAY, gazetteer=gaz, source_country="TN"
    ).meeting


def test_a_reported_contact_between_two_ministers_is_a_public_record_on_security(gaz):
    m = _meeting(
        gaz,
        "وزير الداخلية يلتقي نظيره الجزائري لبحث التعاون في مكافحة الإرهاب",
        "التقى وزير الداخلية الهادي المجدوب اليوم الاثنين بتونس نظيره الجزائري نور الدين"
        " بدوي، وبحث الجانبان تعزيز التنسيق الأمني على الحدود ومكافحة الإرهاب وتبادل"
        " المعلومات حول الجماعات المسلحة.",
    )
    assert m is not None and m.confidence >= PUBLIC_AT
    assert {"in_title", "date", "place", "security"} <= set(m.reasons)
    assert m.security and "الإرهاب" in m.security_reasons
    assert m.start == MONDAY and m.city == "Tunis|TN"
    # "يلتقي نظيره الجزائري" is a clause, not a name: one is composed from the parties
    assert m.name == "لقاء بين الجزائر وتونس في تونس"


def test_a_meeting_mentioned_deep_in_a_market_story_is_only_a_candidate(gaz):
    m = _meeting(
        gaz,
        "ارتفاع أسعار الخضر في الأسواق",
        "شهدت أسعار الخضر ارتفاعا ملحوظا هذا الأسبوع في أسواق العاصمة.\n"
        "وأرجع التجار ذلك إلى نقص العرض بسبب الأمطار.\n"
        "وقال أحد الباعة إن الأسعار ستعود إلى مستواها قريبا.\n"
        "وكانت وزارة التجارة قد عقدت اجتماعا مع ممثلي الاتحاد التونسي للصناعة والتجارة"
        " لبحث مسالك التوزيع.",
    )
    assert m is not None and m.confidence < PUBLIC_AT
    assert "deep" in m.reasons and not m.security


def test_an_economic_forum_is_not_on_security_however_sure(gaz):
    m = _meeting(
        gaz,
        "افتتاح المنتدى الدولي للاستثمار بتونس",
        "افتتح رئيس الحكومة اليوم الاثنين بتونس المنتدى الدولي للاستثمار بمشاركة البنك"
        " الدولي والبنك الإفريقي للتنمية وممثلي أكثر من 40 دولة.",
    )
    assert m is not None and m.confidence >= PUBLIC_AT
    assert not m.security and m.security_reasons == ()
    assert "international" in m.reasons
