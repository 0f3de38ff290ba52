"""Is an article about terrorism or security, and why (archive.text.extraction.security)?
Sentences of the kind the Tunisian and Saudi press write."""

import pytest

from archive.text.extraction import Gazetteer, extract


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def relevance(gaz, body, title=""):
    found = extract(title=title, body=body, published=None, gazetteer=gaz, source_country="TN")
    return found.security


@pytest.mark.parametrize(
    "body",
    [
        "أعلنت وزارة الداخلية عن تفكيك خلية إرهابية تتكون من خمسة عناصر تكفيرية بولاية سوسة.",
        "تبنى تنظيم داعش الهجوم الذي استهدف دورية للجيش في سيناء.",
        "بحث وزراء الداخلية العرب سبل تعزيز التعاون في مكافحة الإرهاب والتطرف.",
    ],
)
def test_news_of_terrorism_and_counter_terrorism_is_about_security(gaz, body):
    found = relevance(gaz, body)
    assert found.about and found.score > 0.5
    assert found.reasons  # what made it so is shown


@pytest.mark.parametrize(
    "body",
    [
        "فاز الترجي الرياضي التونسي على النجم الساحلي بهدفين دون رد في قمة الجولة.",
        "ارتفعت صادرات زيت الزيتون بنسبة عشرين بالمائة خلال الموسم الحالي.",
        "افتتح وزير الثقافة الدورة الجديدة لمهرجان قرطاج الدولي.",
    ],
)
def test_other_news_is_not(gaz, body):
    found = relevance(gaz, body)
    assert not found.about and found.score < 0.5


def test_the_reasons_name_the_words_and_groups_weightiest_first(gaz):
    found = relevance(
        gaz,
        "وأكد المتحدث أن تنظيم القاعدة في بلاد المغرب الإسلامي يقف وراء العملية الإرهابية، "
        "وأن الوحدات الأمنية تلاحق العناصر الإرهابية.",
    )
    assert found.about
    assert "aqim" in found.reasons[:2]  # the group and the word weigh most
    assert any("إرهاب" in r or "ارهاب" in r for r in found.reasons)


def test_one_word_many_times_counts_a_few_times_only(gaz):
    once = relevance(gaz, "وقال إن الوضع الأمني مستقر.")
    many = relevance(gaz, " ".join(["وقال إن الوضع الأمني مستقر."] * 20))
    assert not once.about and not many.about  # "أمني" alone, however often, is not enough
