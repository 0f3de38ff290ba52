"""Cleaning scraped articles: the title, the boilerplate removed, every sentence kept."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text import script
from archive.text.cleaning import CleanText, clean_article, derive_title, strip_site_suffix

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpora" / "ant-corpus.jsonl.gz"
INVISIBLE = re.compile(f"[{script.char_class(script.DELETABLE_FORMAT_CHARACTERS)}]")


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def lines_of(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def paragraphs(result: CleanText) -> list[str]:
    return result.body.split("\n\n") if result.body else []


def assert_accounted_for(original: str, result: CleanText, title_line: str | None) -> None:
    """Every input line is kept (in order), listed in ``removed``, or is the title line.

    This is the "no sentence of the article is dropped silently" guarantee: whatever
    is not in the body is in ``removed`` for the operator to see.
    """
    source = lines_of(original)
    kept = paragraphs(result)
    accounted = [*kept, *result.removed, *([title_line] if title_line else [])]
    assert sorted(accounted) == sorted(source)
    positions = [source.index(paragraph) for paragraph in kept]
    assert positions == sorted(positions)


# --------------------------------------------------------------------------- the seeds


def test_seed_000_drops_the_comment_widgets_and_related_headings_but_keeps_sub_headings():
    text = seed("000")
    result = clean_article(title=None, body=text)
    assert (
        result.title
        == "السعودية تستضيف الدورة الثانية للقمة الدولية لمراكز التميز في مكافحة الإرهاب"
    )
    assert result.removed == [
        "سحب 0 تعليق ارسل طباعة تبليغ حذف",
        "إخترنا لك",
        "أخبار ذات صلة",
        "0 تعليق",
    ]
    body = paragraphs(result)
    assert len(body) == 5
    assert body[0].startswith("استضافة الرياض اجتماعًا دوليًا هامًا")
    assert body[1] == "مكافحة الإرهاب"  # sub-heading
    assert body[2].startswith("يُعقد هذا الاجتماع الدولي الثاني في الرياض")
    assert body[3] == "محاربة تمويل الإرهاب"  # sub-heading
    assert body[4].endswith("لتطوير إطار عمل أكثر كفاءة.")
    assert (result.source_hint, result.tags, result.dateline) == (None, [], None)
    assert_accounted_for(text, result, title_line=result.title)


def test_seed_001_drops_the_category_label_site_suffix_and_comment_form():
    text = seed("001")
    result = clean_article(title=None, body=text)
    assert result.title == (
        "رابطة الدول المستقلة ومنظمة شنغهاي للتعاون تعقدان مؤتمرا مشتركا حول مكافحة الإرهاب"
    )
    assert result.source_hint == "RT"
    assert result.removed == [
        "أخبار العالم",
        "يمكنك مشاركة هذه القصة على وسائل التواصل الاجتماعي:",
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
        "زر الذهاب إلى الأعلى",
    ]
    body = paragraphs(result)
    assert body[0] == (
        "وتسعى المنظمتان إلى تعظيم تعاونهما في مواجهة الاتجاه نحو “التطرف المتزايد”، وفقًا لبيان صحفي"
    )
    assert body[-1].startswith("وسيناقش الحضور، الخميس، التعاون في مجال مكافحة تمويل الإرهاب")
    assert len(body) == 9
    assert_accounted_for(
        text, result, title_line=f"{result.title} – RT World News"
    )  # the title line as written


def test_seed_002_skips_the_caption_and_derives_a_title_from_the_lead():
    text = seed("002")
    result = clean_article(title=None, body=text)
    assert result.removed == ["صورة ارشيفية"]
    assert result.title == (
        "اختتم المؤتمر العربي الرابع والعشرون للمسؤولين عن مكافحة الإرهاب أعماله بإصدار عدد من"
        " التوصيات الهامة الرامية…"
    )
    body = paragraphs(result)
    assert len(body) == 7  # the lead paragraph stays in the body
    assert body[0].startswith("اختتم المؤتمر العربي الرابع والعشرون")
    assert body[-1].startswith("وسترفع الأمانة العامة توصيات المؤتمر")
    assert_accounted_for(text, result, title_line=None)


def test_seed_003_keeps_repeated_paragraphs_once_and_returns_the_date_line():
    text = seed("003")
    result = clean_article(title=None, body=text)
    assert result.title == "تعطيل الشبكات الإرهابية عبر الوطنية بفضل التعاون الأقاليمي"
    assert result.dateline == "٢٠ ديسمبر، ٢٠١٩"
    repeated_1 = (
        "كان هدف الاجتماع تحديد الفرص لتعزيز استخدام قدرات الإنتربول الشرطية العالمية في"
        " التحقيقات المتعلقة بمكافحة الإرهاب."
    )
    repeated_2 = (
        "ضم الاجتماع الرابع للفريق العامل المعني بمكافحة الإرهاب المشترك بين بلدان منطقتي الشرق"
        " الأوسط وشمال أفريقيا وجنوب آسيا والمحيط الهادئ أكثر من 40 من أفراد إنفاذ القانون في 17 بلدا."
    )
    assert result.removed == ["٢٠ ديسمبر، ٢٠١٩", repeated_1, repeated_2]
    body = paragraphs(result)
    assert body.count(repeated_1) == 1 and body.count(repeated_2) == 1
    assert body[0] == "إضاءة على دور التعاون الأقاليمي في مواجهة التهديدات الإرهابية"  # standfirst
    assert body[-1].endswith("وتمول مؤسسة الإنتربول من أجل عالم أكثر أمانا هذه المبادرة.")
    assert len(body) == 9
    assert_accounted_for(text, result, title_line=result.title)


def test_seed_004_drops_the_other_story_after_read_also_and_keeps_source_and_tags():
    text = seed("004")
    result = clean_article(title=None, body=text)
    assert result.title == (
        "أبرم التحالف الإسلامي العسكري لمحاربة الإرهاب ومركز الأمم المتحدة لمكافحة الإرهاب أمس"
        " بمقر الأمم المتحدة بمدينة نيويورك…"
    )
    assert result.source_hint == "صحيفة الجزيرة"
    assert result.tags == [
        "كورونا", "بريطانيا", "أمريكا", "حوادث", "السعودية", "التحالف", "الإسلامی", "لمحاربة",
        "الإرهاب", "الأمم", "المتحدة",
    ]  # fmt: skip
    source = lines_of(text)
    read_also = source.index("إقرأ أيضاً:")
    assert result.removed == [
        "اقرأ أيضاًالعالمارتفاع أسعار النفط والذهب في التعاملات المبكرة اليوم",
        "المصدر: صحيفة الجزيرة",
        "كلمات دلالية: كورونا بريطانيا أمريكا حوادث السعودية التحالف الإسلامی لمحاربة الإرهاب"
        " الأمم المتحدة",
        *source[read_also:],  # the heading, the other story, "مقالات مشابهة" and its list
    ]
    assert source[-1] == "• اليمن.. قوات الجيش تتصدى لهجمات حوثية"
    body = paragraphs(result)
    assert len(body) == 8
    assert body[0].startswith("أبرم التحالف الإسلامي العسكري لمحاربة الإرهاب")  # the lead stays
    assert body[5].startswith("وستدعم هذه المشاريع")  # the article goes on after the glued line
    assert body[-1].startswith("وبين أن التنسيق مع الأمم المتحدة")
    assert "كودري" not in result.body
    assert_accounted_for(text, result, title_line=None)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_kept_sentence_of_a_seed_is_in_the_original(prefix):
    text = seed(prefix)
    original = " ".join(text.split())
    result = clean_article(title=None, body=text)
    for paragraph in paragraphs(result):
        assert paragraph in original
    for line in result.removed:
        assert line in original


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("title", "clean", "outlet"),
    [
        ("مؤتمر دولي لمكافحة الإرهاب في الرياض | الجزيرة نت", "مؤتمر دولي لمكافحة الإرهاب في الرياض", "الجزيرة"),
        ("ضبط خلية إرهابية في القاهرة - اليوم السابع", "ضبط خلية إرهابية في القاهرة", "اليوم السابع"),
        ("قمة أمنية في بغداد- CNN Arabic", "قمة أمنية في بغداد", "CNN"),
        ("Interpol meets in Abu Dhabi | Reuters", "Interpol meets in Abu Dhabi", "Reuters"),
        ("UN counter-terrorism chief visits Algeria - BBC News", "UN counter-terrorism chief visits Algeria", "BBC"),
        ("التحالف الإسلامي يوقع مذكرة تفاهم | أخبار | صحيفة سبق", "التحالف الإسلامي يوقع مذكرة تفاهم", "صحيفة سبق"),
        # dashes that belong to the headline stay
        ("شراكة زراعية سعودية – أرجنتينية لتعزيز الأمن الغذائي", "شراكة زراعية سعودية – أرجنتينية لتعزيز الأمن الغذائي", None),
        ("اشتباكات عنيفة في اليمن - الحوثيون", "اشتباكات عنيفة في اليمن - الحوثيون", None),
        ("Talks on security resume - UN says", "Talks on security resume - UN says", None),
        ("الأمن - الجزيرة", "الأمن - الجزيرة", None),  # too short a headline to cut
    ],
)  # fmt: skip
def test_site_suffixes_are_removed_from_titles(title, clean, outlet):
    assert strip_site_suffix(title) == (clean, outlet)
    result = clean_article(title=title, body="نص الخبر.")
    assert (result.title, result.source_hint) == (clean, outlet)


def test_derived_titles_end_at_a_sentence_a_clause_or_a_word():
    assert (
        derive_title("وصل الوفد إلى الرياض. وبدأ الاجتماع بعد ظهر اليوم.") == "وصل الوفد إلى الرياض"
    )
    long_clause = "كلمة " * 20 + "، " + "كلمة " * 30 + "."
    assert derive_title(long_clause) == ("كلمة " * 20).strip() + "…"
    no_clause = "كلمة " * 60 + "."
    title = derive_title(no_clause)
    assert title.endswith("كلمة…") and len(title) <= 111


def test_a_given_title_repeated_as_the_first_line_is_not_kept_twice():
    result = clean_article(
        title="الإنتربول يجمع خبراء مكافحة الإرهاب – RT World News",
        body="الإنتربول يجمع خبراء مكافحة الإرهاب\n\nاجتمع الخبراء في أبوظبي.",
    )
    assert result.title == "الإنتربول يجمع خبراء مكافحة الإرهاب"
    assert result.body == "اجتمع الخبراء في أبوظبي."
    assert result.removed == []


def test_breadcrumb_and_date_above_the_title_are_skipped():
    result = clean_article(
        title=None,
        body="الرئيسية > أخبار العالم\nالأحد 27 أبريل 2025\nعنوان الخبر القصير\n\nنص الخبر هنا.",
    )
    assert result.title == "عنوان الخبر القصير"
    assert result.dateline == "الأحد 27 أبريل 2025"
    assert result.removed == ["الرئيسية > أخبار العالم", "الأحد 27 أبريل 2025"]
    assert result.body == "نص الخبر هنا."


def test_a_lead_sentence_as_first_line_is_the_title_and_stays_in_the_body():
    lead = "أفاد مراسل الإذاعة في المنستير بأن أعوان الحماية المدنية تدخلوا منذ فجر اليوم لإجلاء مواطنين."
    result = clean_article(title=None, body=f"{lead}\nوتتواصل الأمطار.")
    assert result.title == lead.rstrip(".")
    assert paragraphs(result) == [lead, "وتتواصل الأمطار."]


@pytest.mark.parametrize(
    ("line", "is_date"),
    [
        ("٢٠ ديسمبر، ٢٠١٩", True),
        ("الأحد 27 أبريل 2025", True),
        ("نشر في: 20 كانون الأول 2019 - 10:30", True),
        ("الخميس 12 جانفي 2017", True),
        ("2019-12-20 10:30", True),
        ("20/12/2019", True),
        ("Published: 20 December 2019", True),
        ("الأحد 5 مارس 2017 الساعة 14:30 نجم المتلوي - النادي الصفاقسي", False),
        ("مكافحة الإرهاب", False),
        ("اجتماع 20 ديسمبر", False),
    ],
)
def test_date_lines_near_the_top(line, is_date):
    result = clean_article(title="عنوان", body=f"{line}\nنص الخبر الكامل هنا.")
    assert (result.dateline == line) is is_date


# --------------------------------------------------------------------------- boilerplate


def test_english_boilerplate_is_removed_and_the_story_kept():
    body = "\n".join(
        [
            "Share",
            "Print",
            "Comments (0)",
            "Interpol convened counter-terrorism units from 17 countries in Abu Dhabi.",
            "Advertisement",
            "Read more: Oil prices rise in early trading",
            "The meeting focused on police cooperation between the two regions.",
            "Related articles",
            "• Another story about the weather",
            "• A second unrelated story",
            "Tags: terrorism, Interpol, UAE",
            "Source: Reuters",
            "Leave a comment",
            "Your email address will not be published. Required fields are marked *",
            "Back to top",
        ]
    )
    result = clean_article(title="Interpol meets in Abu Dhabi", body=body)
    assert paragraphs(result) == [
        "Interpol convened counter-terrorism units from 17 countries in Abu Dhabi.",
        "The meeting focused on police cooperation between the two regions.",
    ]
    assert result.tags == ["terrorism", "Interpol", "UAE"]
    assert result.source_hint == "Reuters"
    assert len(result.removed) == 13


def test_a_read_also_heading_mid_article_takes_only_its_headline():
    body = "\n\n".join(
        [
            "الفقرة الأولى من الخبر عن اجتماع وزراء الداخلية العرب في تونس.",
            "اقرأ أيضا",
            "ارتفاع أسعار النفط في التعاملات المبكرة",
            "الفقرة الثانية من الخبر تتحدث عن التوصيات الصادرة عن الاجتماع.",
            "الفقرة الثالثة تتحدث عن الخطوات المقبلة للأمانة العامة.",
            "الفقرة الرابعة تختم الخبر بتصريحات المسؤولين.",
        ]
    )
    result = clean_article(title="عنوان", body=body)
    assert result.removed == ["اقرأ أيضا", "ارتفاع أسعار النفط في التعاملات المبكرة"]
    assert len(paragraphs(result)) == 4


def test_a_related_heading_followed_by_bullets_takes_the_list_only():
    body = "\n".join(
        [
            "الفقرة الأولى من الخبر عن اجتماع وزراء الداخلية العرب في تونس.",
            "أخبار ذات صلة",
            "• خبر آخر عن الطقس",
            "• خبر ثالث عن الرياضة",
            "الفقرة الثانية من الخبر تتحدث عن التوصيات الصادرة عن الاجتماع.",
            "الفقرة الثالثة تتحدث عن الخطوات المقبلة للأمانة العامة والدول الأعضاء.",
            "الفقرة الرابعة تختم الخبر بتصريحات المسؤولين في الأمانة العامة للمجلس.",
        ]
    )
    result = clean_article(title="عنوان", body=body)
    assert result.removed == ["أخبار ذات صلة", "• خبر آخر عن الطقس", "• خبر ثالث عن الرياضة"]
    assert len(paragraphs(result)) == 4


def test_bullets_inside_the_article_and_short_repeated_lines_stay():
    body = "\n".join(
        [
            "أوصى المؤتمر بما يلي:",
            "• تعزيز تبادل المعلومات بين الأجهزة الأمنية",
            "• تحديث التشريعات الخاصة بتمويل الإرهاب",
            "النتيجة",
            "فاز الفريق الأول.",
            "النتيجة",
            "فاز الفريق الثاني.",
        ]
    )
    result = clean_article(title="عنوان", body=body)
    assert result.removed == []
    assert len(paragraphs(result)) == 7


@pytest.mark.parametrize(
    "caption",
    ["(صورة أرشيفية)", "صورة: رويترز", "Photo: AFP", "Getty Images", "أرشيفية", "File photo"],
)
def test_photo_captions_and_credits_are_removed_anywhere(caption):
    body = f"الفقرة الأولى من الخبر.\n{caption}\nالفقرة الثانية من الخبر."
    result = clean_article(title="عنوان", body=body)
    assert result.removed == [caption]
    assert paragraphs(result) == ["الفقرة الأولى من الخبر.", "الفقرة الثانية من الخبر."]


def test_a_sentence_that_only_starts_like_a_caption_stays():
    line = "صورة الوضع في المنطقة: قاتمة بحسب تقرير الأمم المتحدة الأخير"
    result = clean_article(title="عنوان", body=f"الفقرة الأولى.\n{line}")
    assert result.removed == []


def test_number_lines_are_counters_unless_a_colon_introduces_them():
    result = clean_article(
        title="عنوان",
        body="يمكن الاتصال بالأرقام التالية:\n71.960.448\n71.963.512",
    )
    assert result.removed == []
    result = clean_article(title="عنوان", body="نص الخبر الكامل.\n\n12\n\nشارك")
    assert result.removed == ["12", "شارك"]


def test_hard_wrapped_text_is_joined_into_paragraphs():
    body = (
        "The United Nations Office of Counter-Terrorism and the Islamic Military\n"
        "Counter Terrorism Coalition signed a memorandum of understanding in New\n"
        "York on Monday, the two organisations said in a joint statement.\n"
        "\n"
        "The memorandum covers training courses, technical assistance to member\n"
        "states and joint projects to prevent violent extremism in the region,\n"
        "according to the statement released after the ceremony.\n"
    )
    result = clean_article(title="UN and IMCTC sign memorandum", body=body)
    first, second = paragraphs(result)
    assert first.startswith("The United Nations Office") and first.endswith("joint statement.")
    assert second.endswith("after the ceremony.")


def test_empty_and_boilerplate_only_bodies_give_an_empty_body():
    assert clean_article(title=None, body="") == CleanText(title="", body="")
    result = clean_article(title="عنوان", body="سحب 0 تعليق ارسل طباعة تبليغ حذف\n0 تعليق")
    assert (result.title, result.body) == ("عنوان", "")
    assert len(result.removed) == 2


def test_a_long_article_is_cleaned_whole():
    body = "\n\n".join(seed(prefix) for prefix in ("000", "001", "002", "003", "004")) * 60
    result = clean_article(title=None, body=body)  # about 1 MB, 8,000 lines
    assert result.body
    # the repeated paragraphs go; one telling of the five articles stays
    assert len(result.body) < len(body) / 10


# --------------------------------------------------------------------------- real text

ARTICLE_SENTENCES = [
    "اجتمع وزراء الداخلية العرب في تونس لبحث سبل مكافحة الإرهاب.",
    "وأكد المشاركون على أهمية تبادل المعلومات بين الأجهزة الأمنية.",
    "The ministers agreed to meet again next year in Riyadh.",
    "وقال الأمين العام إن التعاون الإقليمي حقق نتائج ملموسة خلال العام الماضي.",
    "مكافحة تمويل الإرهاب",
    "Le ministre a salué la coopération entre les services de sécurité.",
]
BOILERPLATE = [
    "سحب 0 تعليق ارسل طباعة تبليغ حذف",
    "0 تعليق",
    "اترك تعليقاً",
    "زر الذهاب إلى الأعلى",
    "يمكنك مشاركة هذه القصة على وسائل التواصل الاجتماعي:",
    "اقرأ أيضاًالعالمارتفاع أسعار النفط والذهب",
    "صورة ارشيفية",
    "Share",
    "Comments (0)",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(ARTICLE_SENTENCES + BOILERPLATE), min_size=1, max_size=20).filter(
        lambda lines: any(line in ARTICLE_SENTENCES for line in lines)
    ),
    st.sampled_from(["\n", "\n\n"]),
)
def test_mixing_article_lines_and_boilerplate_never_loses_an_article_line(lines, separator):
    result = clean_article(title="عنوان الخبر", body=separator.join(lines))
    kept = paragraphs(result)
    for line in lines:
        if line in ARTICLE_SENTENCES:
            assert line in kept
        else:
            assert line not in kept


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text_cleans_without_error(body, title):
    result = clean_article(title=title, body=body)
    assert isinstance(result.title, str) and isinstance(result.body, str)
    assert "\n\n\n" not in result.body


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_real_news_loses_nothing_but_credits_and_captions():
    """On 1,500 clean Tunisian news articles, cleaning removes almost nothing."""
    removed: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as corpus:
        for n, line in enumerate(corpus):
            if n == 1500:
                break
            article = json.loads(line)
            result = clean_article(title=article["title"], body=article["body"])
            original = " ".join(INVISIBLE.sub("", article["body"]).split())
            for paragraph in paragraphs(result):
                assert paragraph in original
            removed.extend(result.removed)
    assert all(line.startswith(("المصدر", "فيديو", "صور")) for line in removed), removed
