"""News media in extraction (archive.text.extraction.sources), in sentences of real news:
an outlet is an organization of the article of its own kind; the agency an article cites
("وفقا للألمانية", "(واس)", "نقلا عن وكالة الأنباء الفرنسية") is its source, never a
country, a place or a party to the event it reports."""

import pytest

from archive.text.extraction import Gazetteer, extract


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def run(gaz, body, title="", **kw):
    return extract(title=title, body=body, published=None, gazetteer=gaz, **kw)


def keys(mentions):
    return {m.key for m in mentions}


def test_an_agency_cited_by_its_adjective_is_the_source_not_a_country(gaz):
    found = run(gaz, "وأعلنت الشرطة توقيف ثلاثة مشتبه بهم في الهجوم، وفقا للألمانية.")
    assert "DE" not in keys(found.countries)
    assert "dpa" in keys(found.organizations)
    found = run(gaz, "وقال المتحدث إن المفاوضات ستستأنف الأسبوع المقبل بحسب الفرنسية.")
    assert "FR" not in keys(found.countries) and "afp" in keys(found.organizations)


def test_the_country_the_article_names_itself_still_counts(gaz):
    # "ألمانيا" is named: Germany counts; "للألمانية" is the agency
    found = run(gaz, "وأكد الوزير أن التعاون مع ألمانيا في مكافحة الإرهاب مستمر، وفقا للألمانية.")
    assert "DE" in keys(found.countries) and "dpa" in keys(found.organizations)


def test_an_agency_in_brackets_and_in_a_dateline(gaz):
    found = run(gaz, "الرياض (واس) - استقبل وزير الداخلية السعودي نظيره الأردني في مكتبه.")
    assert "spa" in keys(found.organizations)
    assert "Riyadh|SA" in keys(found.cities)  # the dateline's place is a place
    found = run(
        gaz, "تونس (وات) - أعلنت وزارة الداخلية عن تفكيك خلية إرهابية.", source_country="TN"
    )
    assert {"tap", "tn-moi"} <= keys(found.organizations)


def test_an_agency_named_in_full_is_the_outlet_and_its_country_no_country(gaz):
    found = run(
        gaz,
        "ونقلت وكالة الأنباء الفرنسية عن مصدر أمني أن الهجوم استهدف دورية للجيش في سيناء.",
    )
    assert "afp" in keys(found.organizations)
    assert "FR" not in keys(found.countries)


def test_media_outlets_are_organizations_but_never_parties_to_the_event(gaz):
    found = run(
        gaz,
        "وشارك ممثلون عن الإنتربول ومكتب الأمم المتحدة لمكافحة الإرهاب في الاجتماع الذي عقد "
        "في الرباط، حسب ما أفادت به قناة الجزيرة.",
        title="اجتماع إقليمي حول مكافحة الإرهاب في الرباط",
    )
    assert "aljazeera-channel" in keys(found.organizations)
    assert found.meeting is not None
    parties = set(found.meeting.participants + found.meeting.organizers + found.meeting.hosts)
    assert "interpol" in parties and "aljazeera-channel" not in parties


@pytest.mark.parametrize(
    ("sentence", "outlet"),
    [
        ("وقال الوزير في تصريح لإذاعة الجوهرة أف أم إن الوضع الأمني مستقر.", "jawhara-fm"),
        ("وأوضح في حوار مع صحيفة الشرق الأوسط أن بلاده تدعم التحالف.", "asharq-al-awsat"),
        ("وبثت قناة العربية صورا للهجوم.", "alarabiya"),
    ],
)
def test_outlets_named_with_their_head_noun(gaz, sentence, outlet):
    assert outlet in keys(run(gaz, sentence).organizations)


def test_common_words_that_are_also_outlet_names_are_not_outlets(gaz):
    # "الشرق الأوسط" is the Middle East, "العربية" Arabic, "الرياض" the city
    found = run(gaz, "وتشهد منطقة الشرق الأوسط توترا، وتحدث باللغة العربية في الرياض.")
    assert not (keys(found.organizations) & gaz.media)
