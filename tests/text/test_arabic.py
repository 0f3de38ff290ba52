"""The Arabic analyzer (archive.text.arabic), case by case, organized by phenomenon.

"a finds b" means: every word of the query ``a`` has a query lexeme among the document
lexemes of ``b`` (what the search does with a tsquery over the stored tsvector).  A pair
"matches" when a finds b AND b finds a; a must-not pair when neither finds the other.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.text.arabic import ANALYZER_VERSION, ArabicAnalyzer, Token

A = ArabicAnalyzer.default()
ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def doc_stems(text: str) -> set[str]:
    return {s for t in A.analyze(text) for s in t.stems}


def finds(query: str, doc: str) -> bool:
    lexemes = doc_stems(doc)
    words = [w for w in query.split() if A.query_stems(w)]
    return bool(words) and all(set(A.query_stems(w)) & lexemes for w in words)


def same(a: str, b: str) -> bool:
    return finds(a, b) and finds(b, a)


def apart(a: str, b: str) -> bool:
    return not finds(a, b) and not finds(b, a)


def stem(word: str) -> str:
    """The primary stem of a one-token word."""
    (token,) = A.analyze(word)
    return token.stems[0]


def phrase_finds(phrase: str, doc: str) -> bool:
    """Emulates the phrase search: consecutive query words at distance 1; a stop word or a
    word spanning several positions (query_width: joined compounds) widens the distance."""
    positions: dict[str, set[int]] = {}
    for t in A.analyze(doc):
        for s in t.stems:
            positions.setdefault(s, set()).add(t.position)
    steps: list[tuple[set[str], int]] = []
    gap = 0
    for word in phrase.split():
        lexemes = set(A.query_stems(word))
        if not lexemes:
            gap += A.query_width(word)
            continue
        steps.append((lexemes, gap if steps else 0))
        gap = A.query_width(word)

    def at(lexemes: set[str]) -> set[int]:
        return set().union(*(positions.get(s, set()) for s in lexemes))

    current = at(steps[0][0])
    for lexemes, distance in steps[1:]:
        current = {p + distance for p in current} & at(lexemes)
    return bool(current)


# --------------------------------------------------------------------------- clitics


CLITICS = [
    ("والإرهاب", "إرهاب"),
    ("الإرهاب", "إرهاب"),
    ("بالإرهاب", "الإرهاب"),
    ("للإرهاب", "إرهاب"),
    ("وللإرهاب", "الإرهاب"),
    ("فالإرهاب", "إرهاب"),
    ("كالإرهاب", "الإرهاب"),
    ("وبالإرهاب", "إرهاب"),
    ("ومكافحة", "مكافحة"),
    ("لمكافحة", "مكافحة"),
    ("بمكافحة", "مكافحة"),
    ("وتعزيز", "تعزيز"),
    ("لتعزيز", "تعزيز"),
    ("ولتعزيز", "تعزيز"),
]


@pytest.mark.parametrize(("a", "b"), CLITICS)
def test_clitics_are_removed(a, b):
    assert same(a, b)


@pytest.mark.parametrize("word", ["والإرهاب", "الإرهاب", "بالإرهاب", "للإرهاب", "إرهاب"])
def test_clitic_forms_share_the_primary_stem(word):
    assert stem(word) == "ارهاب"


def test_alternative_readings_of_an_initial_letter():
    # و/ف/ب/ك/ل + at least 3 letters may or may not be a clitic: both readings, the
    # stripped one first; the query uses both too (OR), so each form finds the other.
    assert A.query_stems("وتعزيز") == ("تعزيز", "وتعزيز")
    assert A.query_stems("لتعزيز") == ("تعزيز", "لتعزيز")
    assert A.query_stems("ولتعزيز")[0] == "تعزيز"
    # a remainder of two letters is too short to be read as clitic + word (as in Lucene)
    assert A.query_stems("وصل") == ("وصل",)
    assert A.query_stems("بحر") == ("بحر",)
    # a hamzated alef after و/ف/ب/ل shows the clitic: one reading
    assert A.query_stems("وأكد") == ("اكد",)
    assert A.query_stems("لإيران") == ("ايران",)
    # known root-initial stems (mined from news text) keep their first letter: one reading
    assert A.query_stems("وزارة") == ("وزار",)
    assert A.query_stems("لجنة") == ("لجن",)
    assert A.query_stems("للجنة") == ("لجن",)  # ل + لجنة, not ل + ال + جنة
    assert A.query_stems("وسائل") == ("وساءل",)


# ------------------------------------------------------------------ definite / indefinite

DEFINITE = [
    ("المنظمات", "منظمات"),
    ("الوزارة", "وزارة"),
    ("اللجنة", "لجنة"),
    ("الاجتماع", "اجتماع"),
    ("الأمن", "أمن"),
    ("التعاون", "تعاون"),
    ("الجيش", "جيش"),
]


@pytest.mark.parametrize(("a", "b"), DEFINITE)
def test_definite_and_indefinite_forms_match(a, b):
    assert same(a, b)
    assert stem(a) == stem(b)


# ------------------------------------------------------------------ plural and gender

PLURAL_GENDER = [
    ("المنظمات", "منظمة"),
    ("منظمات", "المنظمة"),
    ("مسؤولون", "مسؤول"),
    ("مسؤولين", "مسؤول"),
    ("مسؤولون", "مسؤولين"),
    ("المسؤولة", "مسؤول"),
    ("الدولية", "دولي"),
    ("الدوليين", "دولية"),
    ("الإرهابيون", "الإرهابيين"),
    ("الإرهابية", "إرهابي"),
    ("العمليات", "عملية"),
    ("وزيرة", "وزير"),
    ("المتطرفين", "متطرفون"),
]


@pytest.mark.parametrize(("a", "b"), PLURAL_GENDER)
def test_plural_and_gender_forms_match(a, b):
    assert same(a, b)


def test_nisba_is_kept_but_documents_also_index_the_base():
    # دولي (international) and دولة (state) stay apart ...
    assert stem("الدولية") == "دولي"
    assert stem("دولة") == "دول"
    assert apart("الدولي", "الدولة")
    # ... while a query for the base noun also finds its (long) nisba adjective
    assert finds("إرهاب", "الجماعات الإرهابية")
    assert finds("تونس", "السلطات التونسية")
    assert not finds("إرهابي", "الإرهاب")


# ------------------------------------------------------------------------------- dual

DUAL = [
    ("الجانبين", "جانب"),
    ("الجانبان", "جانب"),
    ("الجانبين", "الجانبان"),
    ("الطرفين", "طرف"),
    ("الدولتين", "دولة"),
    ("الحكومتين", "الحكومة"),
]


@pytest.mark.parametrize(("a", "b"), DUAL)
def test_dual_forms_match(a, b):
    assert same(a, b)


# --------------------------------------------------------------------- pronoun suffixes

PRONOUNS = [
    ("قدراتها", "قدرات"),
    ("قدراتهم", "القدرات"),
    ("تعاونهما", "تعاون"),
    ("تعاونها", "التعاون"),
    ("حكومته", "الحكومة"),
    ("حكومتها", "حكومة"),
    ("زيارته", "زيارة"),
    ("مكافحتها", "مكافحة"),
    ("أمينه", "أمين"),
    ("سجنه", "السجن"),
]


@pytest.mark.parametrize(("a", "b"), PRONOUNS)
def test_pronoun_suffixes_are_removed(a, b):
    assert same(a, b)


def test_ta_before_a_pronoun_gives_two_readings():
    # حكومته = حكومة + ه; the ت may also be a root letter (صوته: صوت + ه): both are kept
    assert A.query_stems("حكومته") == ("حكوم", "حكومت")
    assert stem("صوته") == "صوت"


# ------------------------------------------------------------------------ hamza spellings

HAMZA = [
    ("مسؤول", "مسئول"),
    ("المسؤولين", "مسئولين"),
    ("الإنتربول", "الانتربول"),
    ("أفريقيا", "إفريقيا"),
    ("أفريقيا", "افريقيا"),
    ("إفريقيا", "افريقيا"),
    ("الإستراتيجية", "الاستراتيجية"),
    ("رئيس", "الرئيس"),
    ("شؤون", "شئون"),
]


@pytest.mark.parametrize(("a", "b"), HAMZA)
def test_hamza_spellings_match(a, b):
    assert same(a, b)


def test_hamzated_alef_is_not_the_article():
    # ألمانيا/آلية begin with a hamzated alef: not the article; the bare spelling follows
    assert stem("ألمانيا") == stem("المانيا") == stem("لألمانيا") == "المانيا"
    assert stem("آلية") == stem("الآلية") == "الي"


# --------------------------------------------------------------------- ta marbuta and ya

TA_YA = [
    ("مكافحة", "مكافحه"),
    ("مصطفى", "مصطفي"),
    ("مستوى", "مستويات"),
    ("الكبرى", "الكبري"),
]


@pytest.mark.parametrize(("a", "b"), TA_YA)
def test_ta_marbuta_and_alef_maksura_fold(a, b):
    assert same(a, b)


@pytest.mark.parametrize("word", ["إلى", "الى", "إلي", "إِلَى", "على", "في", "وفي", "ولا", "التي"])
def test_stop_words_are_matched_before_folding(word):
    (token,) = A.analyze(word)
    assert token.is_stopword and token.stems == ()
    assert A.query_stems(word) == ()


def test_a_content_word_normalized_like_a_stop_word_is_not_one():
    (token,) = A.analyze("آلي")  # automatic: normalizes to "الي", like the stop word الي
    assert token.normalized == "الي"
    assert not token.is_stopword and token.stems


def test_stop_words_consume_positions():
    tokens = A.analyze("التعاون في مكافحة الإرهاب")
    assert [t.position for t in tokens] == [1, 2, 3, 4]
    assert [t.is_stopword for t in tokens] == [False, True, False, False]
    assert phrase_finds("التعاون في مكافحة", "التعاون في مكافحة الإرهاب")
    assert not phrase_finds("التعاون مكافحة", "التعاون في مكافحة الإرهاب")


# -------------------------------------------------------------------- diacritics, tatweel

DIACRITICS = [
    ("الإرهـــاب", "الإرهاب"),
    ("الإِرْهَاب", "الإرهاب"),
    ("مثّل", "مثل"),
    ("دوليًا", "دولي"),
    ("اجتماعًا", "اجتماع"),
    ("الإرهاب\u200c", "الإرهاب"),  # zero-width non-joiner
    ("\u200fالإرهاب", "الإرهاب"),  # right-to-left mark
    ("ﺍﻹﺭﻫﺎﺏ", "الإرهاب"),  # presentation forms
]


@pytest.mark.parametrize(("a", "b"), DIACRITICS)
def test_diacritics_tatweel_and_invisible_characters(a, b):
    assert same(a, b)
    assert stem(a.strip("\u200f")) == stem(b)


# -------------------------------------------------------------------------------- digits


@pytest.mark.parametrize("number", ["٢٠١٩", "2019", "۲۰۱۹"])
def test_digit_sets_fold(number):
    assert stem(number) == "2019"
    assert A.query_stems(number) == ("2019",)


def test_date_tokens():
    text = "٢٠ ديسمبر، ٢٠١٩"
    tokens = A.analyze(text)
    assert [(t.surface, t.normalized, t.position) for t in tokens] == [
        ("٢٠", "20", 1),
        ("ديسمبر", "ديسمبر", 2),
        ("٢٠١٩", "2019", 3),
    ]
    assert all(text[t.start : t.end] == t.surface for t in tokens)


def test_digits_glued_to_letters_are_split():
    tokens = A.analyze("2019م و٣٠أبريل")
    assert [t.surface for t in tokens] == ["2019", "م", "و", "٣٠", "أبريل"]
    assert [t.is_stopword for t in tokens] == [False, True, True, False, False]
    assert A.query_stems("2019م") == ("2019",)


# ----------------------------------------------------------------------------- compounds

COMPOUNDS = [
    ("أبوظبي", "أبو ظبي"),
    ("عبدالله", "عبد الله"),
    ("عبدالرحمن", "عبد الرحمن"),
    ("نورالدين", "نور الدين"),
]


@pytest.mark.parametrize(("joined", "split"), COMPOUNDS)
def test_compounds_match_in_both_directions(joined, split):
    for query in (joined, split):
        for doc in (f"وصل {joined} أمس", f"وصل {split} أمس"):
            assert finds(query, doc), (query, doc)
            assert phrase_finds(query, doc), (query, doc)
    # phrases with a word before and after the compound, whatever the spelling
    for query in (f"وصل {joined} أمس", f"وصل {split} أمس"):
        for doc in (f"وصل {joined} أمس", f"وصل {split} أمس"):
            assert phrase_finds(query, doc), (query, doc)


def test_query_width():
    assert A.query_width("عبدالله") == 2
    assert A.query_width("عبد") == 1
    assert A.query_width("2019م") == 2
    assert A.query_width("في") == 1
    assert A.query_width("") == 1


def test_joined_compound_is_split_with_exact_offsets():
    text = "زيارة أبوظبي"
    tokens = A.analyze(text)
    assert [t.surface for t in tokens] == ["زيارة", "أبو", "ظبي"]
    assert [t.position for t in tokens] == [1, 2, 3]
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert "ابوظبي" in tokens[1].stems and "ابوظبي" in tokens[2].stems
    assert A.query_stems("أبوظبي") == ("ابوظبي",)
    assert A.query_stems("وعبدالله") == ("عبدالله",)


def test_split_compound_gets_the_joined_lexeme_on_its_first_token():
    tokens = A.analyze("أبو ظبي")
    assert "ابوظبي" in tokens[0].stems
    assert tokens[0].stems[0] == "ابو"


@pytest.mark.parametrize("word", ["والدين", "الوالدين", "بالله", "أبوجا", "خالدين"])
def test_words_that_only_look_like_compounds_are_not_split(word):
    assert len(A.analyze(word)) == 1


# --------------------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    "text", ["الإرهاب،", "الإرهاب؛", "الإرهاب؟", "«الإرهاب»", '"الإرهاب"', "(الإرهاب).", "الإرهاب…"]
)
def test_punctuation_is_not_part_of_words(text):
    tokens = A.analyze(text)
    assert [(t.surface, t.stems) for t in tokens] == [("الإرهاب", ("ارهاب",))]


# ------------------------------------------------------------------------ Persian letters

PERSIAN = [
    ("الإسلامی", "الإسلامي"),
    ("کردستان", "كردستان"),
    ("یوروپول", "يوروبول"),
    ("ڤيروس", "فيروس"),
    ("گاز", "كاز"),
    ("چاد", "جاد"),
]


@pytest.mark.parametrize(("a", "b"), PERSIAN)
def test_persian_and_urdu_letters_fold(a, b):
    assert same(a, b)


# --------------------------------------------------------------------------------- Latin


@pytest.mark.parametrize("word", ["Interpol", "INTERPOL", "interpol", "interpol's", "Interpol’s"])
def test_latin_words_are_lowercased_and_stemmed(word):
    assert same(word, "interpol")
    assert A.query_stems(word) == ("interpol",)


def test_latin_english_stems_and_accents():
    assert same("attacks", "attack")
    assert same("Café", "cafe")
    assert A.analyze("G20")[0].stems == ("g20",)
    assert [t.surface for t in A.analyze("داعشISIS")] == ["داعش", "ISIS"]


# ------------------------------------------------------------------------ protected names


def test_protected_names_are_not_suffix_stripped():
    assert apart("طالبان", "طالب")
    assert stem("فلسطين") == "فلسطين"
    assert stem("لفلسطين") == "فلسطين"
    assert stem("بفلسطين") == "فلسطين"
    assert stem("الصين") == stem("بالصين") == stem("والصين") == "صين"
    assert apart("البحرين", "بحر")
    assert same("البحرين", "بالبحرين")
    assert stem("الله") == stem("بالله") == "الله"
    assert apart("القصرين", "قصر")
    assert apart("ماكرون", "ماكر")


def test_protected_word_still_takes_pronoun_and_clitics():
    assert stem("أمينه") == stem("الأمين") == stem("أمين") == "امين"
    assert stem("تعاونهما") == "تعاون"


def test_custom_protected_words():
    plain = ArabicAnalyzer(stopwords=())
    custom = ArabicAnalyzer(protected_words=["سوسة"], stopwords=())
    assert plain.analyze("سوسة")[0].stems == ("سوس",)
    assert custom.analyze("بسوسة")[0].stems == ("سوسه",)


# ---------------------------------------------------------------------------- variants

VARIANTS = [
    ("شانغهاي", "شنغهاي"),
    ("ترمب", "ترامب"),
    ("الإنتربول", "إنتربول"),
    ("الأنتربول", "والانتربول"),
    ("يوروبول", "اليوروبول"),
    ("طاشقند", "بطشقند"),
    ("اوزباكستان", "أوزبكستان"),
    ("قرغيزستان", "قيرغيزستان"),
    ("واشنطون", "واشنطن"),
]


@pytest.mark.parametrize(("a", "b"), VARIANTS)
def test_name_variants_map_to_one_lexeme(a, b):
    assert same(a, b)
    assert stem(a) == stem(b)


def test_custom_name_variants_use_the_first_spelling():
    a = ArabicAnalyzer(name_variants=[["شنغهاي", "شانغهاي"], ["الإنتربول", "الانتربول", "إنتربول"]])
    assert a.analyze("شانغهاي")[0].stems == ("شنغهاي",)
    assert a.analyze("للإنتربول")[0].stems == ("انتربول",)
    assert a.query_stems("إنتربول") == ("انتربول",)


# ------------------------------------------------------------------- pairs that differ

MUST_NOT = [
    ("طالبان", "طالب"),
    ("طالبان", "طالبات"),
    ("البحرين", "بحر"),
    ("أمين", "أمن"),
    ("الوزارة", "زار"),
    ("وطني", "طن"),
    ("الدولة", "الدولي"),
    ("لجنة", "جنة"),
    ("فساد", "ساد"),
    ("ماكرون", "ماكر"),
    ("القصرين", "قصر"),
    ("مدنين", "مدن"),
    ("مصراتة", "مصر"),
    ("سبها", "سب"),
    ("درعا", "درع"),
    ("القاهرة", "قاهر"),
    ("وجدة", "وجد"),
    ("وسائل", "سائل"),
    ("وحدة", "حدة"),
    ("الإخوان", "الإخوة"),
    ("لبنان", "لبن"),
    ("تركيا", "ترك"),
    ("بحرية", "حرية"),
    ("كامل", "أمل"),
    ("وسيلة", "سيل"),
    ("والي", "آلية"),
    ("العمليات", "العمل"),
    ("مالي", "مال"),
]


@pytest.mark.parametrize(("a", "b"), MUST_NOT)
def test_different_words_stay_apart(a, b):
    assert apart(a, b)


# ------------------------------------------------------------------- the quality table

X_BROKEN = "broken (internal) plural: a light stemmer cannot relate it to the singular"
QUALITY_MATCH = [
    # clitics and the article
    ("والإرهاب", "إرهاب"),
    ("بالإرهاب", "الإرهاب"),
    ("وللإرهاب", "الإرهاب"),
    ("فالأمن", "الأمن"),
    ("الأمن", "وللأمن"),
    ("بوزارة", "وزارة"),
    ("لوزارة", "الوزارة"),
    ("والوزارة", "وزارة"),
    ("ولاية", "بولاية"),
    ("للجنة", "لجنة"),
    ("لتعزيز", "تعزيز"),
    ("بمكافحة", "مكافحة"),
    ("بهجوم", "هجوم"),
    ("والهجوم", "هجوم"),
    ("بالتنسيق", "التنسيق"),
    ("تونس", "بتونس"),
    ("وتونس", "تونس"),
    ("الجزائر", "بالجزائر"),
    ("مصر", "بمصر"),
    ("الأردن", "والأردن"),
    ("العراق", "بالعراق"),
    ("سوريا", "لسوريا"),
    ("إيران", "لإيران"),
    ("روسيا", "وروسيا"),
    ("للاتحاد", "الاتحاد"),
    ("الجيش", "للجيش"),
    ("باعتقال", "اعتقال"),
    ("القبض", "بالقبض"),
    ("السلاح", "بالسلاح"),
    ("التعاون", "وتعاون"),
    ("بالتعاون", "التعاون"),
    ("بزيارة", "زيارة"),
    ("الساحل", "بالساحل"),
    ("تمويل", "لتمويل"),
    ("تبادل", "وتبادل"),
    ("الدفاع", "بالدفاع"),
    ("فلسطين", "لفلسطين"),
    ("البحرين", "بالبحرين"),
    ("الصين", "والصين"),
    ("طالبان", "لطالبان"),
    ("الوالي", "والي"),
    # definite/indefinite, number, gender
    ("المنظمات", "منظمة"),
    ("منظمات", "المنظمة"),
    ("مسؤولون", "مسؤول"),
    ("مسؤولين", "المسؤول"),
    ("المسؤولة", "مسؤول"),
    ("الدولية", "دولي"),
    ("الدوليين", "دولية"),
    ("الأمنية", "أمني"),
    ("الأمنيين", "أمنية"),
    ("الإرهابية", "إرهابي"),
    ("إرهابيون", "الإرهابيين"),
    ("وزير", "الوزير"),
    ("وزيرة", "وزير"),
    ("الولايات", "ولاية"),
    ("اللجان", "لجان"),
    ("العمليات", "عملية"),
    ("الهجمات", "هجمة"),
    ("الجماعات", "جماعة"),
    ("جماعات", "الجماعة"),
    ("المتطرفة", "متطرف"),
    ("المتطرفين", "متطرفون"),
    ("الاجتماعات", "اجتماع"),
    ("العسكرية", "عسكري"),
    ("القوات", "قوة"),
    ("الحدودية", "حدودي"),
    ("الليبية", "الليبي"),
    ("السوريين", "السوري"),
    ("التونسية", "التونسي"),
    ("التونسيين", "تونسيون"),
    ("الجزائرية", "الجزائري"),
    ("العراقية", "العراقي"),
    ("الإيرانية", "الإيراني"),
    ("الروسية", "الروسي"),
    ("الأمريكيين", "أمريكي"),
    ("الأوروبي", "الأوروبية"),
    ("الوطني", "وطنية"),
    ("اعتقالات", "اعتقال"),
    ("الموقوفين", "موقوف"),
    ("تفجيرات", "تفجير"),
    ("انتحاري", "الانتحارية"),
    ("الانتحاريين", "انتحاري"),
    ("عبوة", "عبوات"),
    ("ناسفة", "الناسفة"),
    ("المخابرات", "مخابرات"),
    ("اتفاقية", "اتفاقيات"),
    ("مذكرة", "مذكرات"),
    ("رئيسة", "رئيس"),
    ("المؤتمر", "مؤتمرات"),
    ("اللقاءات", "لقاء"),
    ("المسلحين", "مسلحون"),
    ("محاكمة", "المحاكمة"),
    ("التحقيقات", "تحقيق"),
    ("المهاجرين", "مهاجر"),
    ("اللاجئين", "لاجئ"),
    ("المهربين", "مهرب"),
    # dual
    ("الجانبين", "جانب"),
    ("الجانبان", "الجانبين"),
    ("الطرفين", "طرف"),
    ("الدولتين", "دولة"),
    ("الحكومتين", "الحكومة"),
    # pronoun suffixes
    ("قدراتها", "قدرات"),
    ("قدراتهم", "القدرات"),
    ("تعاونهما", "التعاون"),
    ("حكومته", "الحكومة"),
    ("زيارته", "زيارة"),
    ("اجتماعه", "الاجتماع"),
    ("قواتها", "القوات"),
    ("حدودها", "الحدود"),
    ("عملياتها", "العملية"),
    ("مكافحتها", "مكافحة"),
    ("بمكافحته", "مكافحة"),
    ("سجنه", "السجن"),
    # tanween alef
    ("الإرهابي", "إرهابيا"),
    ("دوليا", "دولي"),
    ("أمنيا", "أمني"),
    ("اجتماعا", "اجتماع"),
    ("مسلحا", "مسلح"),
    ("تعاونا", "تعاون"),
    # spelling
    ("مسئول", "مسؤول"),
    ("الإنتربول", "الانتربول"),
    ("أفريقيا", "إفريقيا"),
    ("افريقيا", "إفريقيا"),
    ("الأفريقي", "الإفريقي"),
    ("الإستراتيجية", "الاستراتيجية"),
    ("مكافحه", "مكافحة"),
    ("مصطفى", "مصطفي"),
    ("الإرهـــاب", "الإرهاب"),
    ("الإِرْهَاب", "الإرهاب"),
    ("مثّل", "مثل"),
    ("٢٠١٩", "2019"),
    ("۲۰۱۹", "2019"),
    ("الإسلامی", "الإسلامي"),
    ("کردستان", "كردستان"),
    ("Interpol", "INTERPOL"),
    ("interpol's", "Interpol"),
    ("شانغهاي", "شنغهاي"),
    ("ترمب", "ترامب"),
    ("أبوظبي", "أبو ظبي"),
    ("عبدالله", "عبد الله"),
    # failures, kept to measure honestly
    pytest.param("الأجهزة", "جهاز", marks=pytest.mark.xfail(reason=X_BROKEN, strict=True)),
    pytest.param("القضايا", "قضية", marks=pytest.mark.xfail(reason=X_BROKEN, strict=True)),
    pytest.param("المدن", "مدينة", marks=pytest.mark.xfail(reason=X_BROKEN, strict=True)),
    pytest.param("أسلحة", "سلاح", marks=pytest.mark.xfail(reason=X_BROKEN, strict=True)),
    pytest.param("السجون", "سجن", marks=pytest.mark.xfail(reason=X_BROKEN, strict=True)),
    pytest.param(
        "مسؤل",
        "مسؤول",
        marks=pytest.mark.xfail(reason="misspelling without the waw seat: not folded", strict=True),
    ),
    pytest.param(
        "الطرفان",
        "الطرفين",
        marks=pytest.mark.xfail(
            reason="ان is only stripped from stems of 4+ letters (بيان, إعلان, سلمان...)",
            strict=True,
        ),
    ),
    pytest.param(
        "البلدان",
        "البلدين",
        marks=pytest.mark.xfail(
            reason="ان is only stripped from stems of 4+ letters (بيان, إعلان, سلمان...)",
            strict=True,
        ),
    ),
]

QUALITY_MUST_NOT = [
    *MUST_NOT,
    ("الإرهاب", "رهاب"),
    ("الحديدة", "حديد"),
    ("البصرة", "بصر"),
    ("أنقرة", "انقر"),
    ("سوسة", "سوس"),
    ("جدة", "جد"),
    ("السودان", "سود"),
    ("عمان", "عم"),
    ("سوريا", "سور"),
    ("بطولة", "طول"),
    ("لحظة", "حظ"),
    ("وزير", "زير"),
    ("الإعلام", "علم"),
    ("بوزيد", "زيد"),
    ("بورقيبة", "رقيب"),
    ("كتائب", "تائب"),
    ("روحاني", "روح"),
    ("الأمين", "الأمن"),
    pytest.param(
        "مدينة",
        "مدين",
        marks=pytest.mark.xfail(reason="ة is folded to ه and stripped: city = debtor", strict=True),
    ),
    pytest.param(
        "الشرطة",
        "الشرط",
        marks=pytest.mark.xfail(reason="ة stripped: police = condition", strict=True),
    ),
    pytest.param(
        "حماس",
        "حماسة",
        marks=pytest.mark.xfail(reason="ة stripped: Hamas = enthusiasm", strict=True),
    ),
    pytest.param(
        "الاجتماع",
        "الاجتماعية",
        marks=pytest.mark.xfail(
            reason="by design a query for a noun also finds its nisba adjective (meeting -> social)",
            strict=True,
        ),
    ),
]


def _values(param):
    return param.values if hasattr(param, "values") else param


@pytest.mark.parametrize(("a", "b"), QUALITY_MATCH)
def test_quality_expected_match(a, b):
    assert same(a, b)


@pytest.mark.parametrize(("a", "b"), QUALITY_MUST_NOT)
def test_quality_must_not_match(a, b):
    assert apart(a, b)


def test_quality_rates():
    matches = [_values(p) for p in QUALITY_MATCH]
    must_not = [_values(p) for p in QUALITY_MUST_NOT]
    assert len(matches) >= 80 and len(must_not) >= 25
    hit = sum(same(a, b) for a, b in matches) / len(matches)
    wrong = sum(not apart(a, b) for a, b in must_not)
    print(f"\nexpected-match pairs found: {hit:.1%} of {len(matches)}")
    print(f"wrong merges: {wrong} of {len(must_not)} must-not pairs")
    assert hit >= 0.87
    assert wrong <= 8


# ------------------------------------------------------------------------- query symmetry


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def test_query_stems_are_a_subset_of_document_stems():
    checked = 0
    for text in _seed_texts():
        for token in A.analyze(text):
            if token.is_stopword:
                continue
            query = A.query_stems(token.surface)
            assert set(query) & set(token.stems), token
            assert set(query) <= set(token.stems) | set(A.query_stems(token.surface)), token
            checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "word", ["وزارة", "وتعزيز", "حكومته", "الدولتين", "أبوظبي", "عبدالله", "الإرهابية", "ترمب"]
)
def test_a_query_word_finds_itself(word):
    assert finds(word, f"قال {word} اليوم")
    assert finds(word, word)


# ------------------------------------------------------------------------------ offsets


@pytest.mark.skipif(not SEEDS, reason="no seed files")
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_offsets_are_exact_on_the_seed_files(path):
    text = path.read_text(encoding="utf-8")
    tokens = A.analyze(text)
    assert tokens
    previous_end = 0
    for expected_position, token in enumerate(tokens, start=1):
        assert isinstance(token, Token)
        assert text[token.start : token.end] == token.surface
        assert token.start >= previous_end
        assert token.position == expected_position
        assert bool(token.stems) != token.is_stopword
        previous_end = token.end


def test_offsets_with_marks_ligatures_and_presentation_forms():
    text = "«الإِرْهَـاب» ﻻ يُقاوَم، ﷲ أكبر\u200f؛ ٢٠١٩م"
    tokens = A.analyze(text)
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert [t.normalized for t in tokens] == ["الارهاب", "لا", "يقاوم", "الله", "اكبر", "2019", "م"]


# ---------------------------------------------------------------------------- normalize


def test_normalize_running_text():
    text = "قال مسؤولٌ في الإنتربول، يوم ٢٠ ديسمبر ٢٠١٩م: «الإرهـــاب» INTERPOL Café؟"
    assert A.normalize(text) == (
        "قال مسءول في الانتربول ، يوم 20 ديسمبر 2019 م: « الارهاب » interpol cafe ؟"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مكافحة", "مكافحه"),
        ("مصطفى", "مصطفي"),
        ("الإسلامی", "الاسلامي"),
        ("کردستان", "كردستان"),
        ("ڤيروس", "فيروس"),
        ("پاکستان", "باكستان"),
        ("ﻻ", "لا"),
        ("آلية", "اليه"),
        ("مسئول", "مسءول"),
        ("۲۰۱۹", "2019"),
        ("\u200fنص\u200c", "نص"),
    ],
)
def test_normalize_folds(text, expected):
    assert A.normalize(text) == expected


# ---------------------------------------------------------------------------- prefixes


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("والإره", "اره"), ("الإرها", "ارها"), ("للإره", "اره"), ("إرها", "ارها"), ("Inter", "inter")],
)
def test_query_prefix(prefix, expected):
    assert A.query_prefix(prefix) == expected


def test_query_prefix_matches_stems_of_the_word():
    assert stem("الإرهابيين").startswith(A.query_prefix("والإرهاب"))


# ------------------------------------------------------------------------ word_pattern


@pytest.mark.parametrize(
    ("word", "level", "text", "expected"),
    [
        ("الإرهاب", "exact", "ضد الإرهاب.", True),
        ("الإرهاب", "exact", "ضد الإِرْهَـاب", True),
        ("الإرهاب", "exact", "ضد الارهاب", False),
        ("الإرهاب", "normalized", "ضد الارهاب", True),
        ("الارهاب", "normalized", "ضد الإرهاب", True),
        ("الإرهاب", "normalized", "الإرهابَ", True),
        ("الإرهاب", "normalized", "بالإرهاب", False),
        ("الإرهاب", "normalized", "الإرهابي", False),
        ("الإرهاب", "exact", "الإرهابية", False),
        ("الإرهاب", "normalized", "«الإرهاب»", True),
        ("مسؤول", "normalized", "مسئول كبير", True),
        ("مكافحة", "normalized", "مكافحه", True),
        ("مكافحة", "exact", "مكافحه", False),
        ("مصطفى", "normalized", "مصطفي", True),
        ("كردستان", "normalized", "کردستان", True),
        ("2019", "normalized", "عام ٢٠١٩م", True),
        ("2019", "exact", "عام ٢٠١٩", False),
        ("2019", "normalized", "20190", False),
        ("Interpol", "normalized", "INTERPOL, Lyon", True),
        ("Interpol", "exact", "INTERPOL", False),
        ("Interpol", "normalized", "Interpols", False),
        ("Café", "normalized", "CAFE", True),
        ("أمن", "normalized", "الأمن", False),
        ("أمن", "normalized", "الأمن أمن", True),
    ],
)
def test_word_pattern(word, level, text, expected):
    assert bool(re.search(A.word_pattern(word, level), text)) is expected


def test_word_pattern_escapes_metacharacters():
    pattern = A.word_pattern("a.b*(c)|[d]\\", "exact")
    assert re.search(pattern, "abcd")
    assert not re.search(pattern, "a.b*(c)|[d]\\ x") or re.search(pattern, "abcd")
    assert not re.search(pattern, "axbcd")
    for banned in ("\\m", "\\M", "\\w", "\\b", "\\y"):
        assert banned not in A.word_pattern("الإرهاب", "normalized")
    with pytest.raises(ValueError):
        A.word_pattern("...", "exact")
    with pytest.raises(ValueError):
        A.word_pattern("word", "fuzzy")


# ---------------------------------------------------------------------------- API, data


def test_api_and_data_files():
    assert isinstance(ANALYZER_VERSION, str) and ANALYZER_VERSION
    assert ArabicAnalyzer.default() is A
    data = ROOT / "archive" / "data"

    def entries(name):
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return [x.split("#")[0].strip() for x in lines if x.split("#")[0].strip()]

    assert len(entries("protected_words.txt")) >= 100
    assert len(entries("name_variants.txt")) >= 40
    assert all("|" in line for line in entries("name_variants.txt"))
    assert "إلى" in entries("stopwords_ar.txt")


def test_token_is_an_immutable_value():
    token = A.analyze("الإرهاب")[0]
    assert token == Token(0, 7, "الإرهاب", 1, "الارهاب", ("ارهاب",), False)
    assert hash(token) == hash(Token(0, 7, "الإرهاب", 1, "الارهاب", ("ارهاب",), False))
    assert repr(token).startswith("Token(start=0, end=7")
    with pytest.raises(AttributeError):
        token.start = 3  # type: ignore[misc]


def test_module_does_not_import_django():
    source = (ROOT / "archive" / "text" / "arabic.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            assert not any(alias.name.startswith("django") for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("django")


_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ ولالله عبد أبو"
    "ًٌٍَُِّْٰـ٠١٢٣٤٥٦٧٨٩۲0123456789،؛؟«».,!\"'’ \n-abcsXYZé\u200c\u200f\ufeffﻻﷲﺍﻹکیگپچژڤ"
)


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_properties_on_random_text(text):
    tokens = A.analyze(text)
    previous_end = 0
    for position, token in enumerate(tokens, start=1):
        assert token.surface and text[token.start : token.end] == token.surface
        assert token.start >= previous_end and token.position == position
        assert bool(token.stems) != token.is_stopword
        if not token.is_stopword:
            assert set(A.query_stems(token.surface)) & set(token.stems)
            re.compile(A.word_pattern(token.surface, "normalized"))
        previous_end = token.end
    assert [t.surface for t in A.query_tokens(text)] == [t.surface for t in tokens]
    A.normalize(text)
    A.query_prefix(text)


def test_empty_and_odd_input():
    assert A.analyze("") == []
    assert A.analyze("... ، ؛ ؟ ـــ") == []
    assert A.query_stems("") == ()
    assert A.query_stems("،") == ()
    assert A.normalize("") == ""


@pytest.mark.parametrize("text", ["ءءءﷲﷲ", "عبدﷲﷲ", "وعبدﷲ"])
def test_a_compound_of_compounds_is_searchable_by_each_of_its_words(text):
    # found by the property test above: a piece of a split compound that was itself a
    # compound was indexed unsplit while the same surface typed as a query was split
    for token in A.analyze(text):
        assert set(A.query_stems(token.surface)) & set(token.stems), token


def test_latin_words_are_stemmed_alike_from_many_threads_at_once():
    """A web worker analyses in several threads: the English stemmer must not be shared
    (a shared Snowball stemmer raised IndexError under load: a 500 for the analyst)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    import snowballstemmer

    from archive.text import arabic

    words = [f"{w}{'s' * (n % 4)}" for n in range(4000) for w in ("organization", "criminal")]
    reference = snowballstemmer.stemmer("english")
    expected = [reference.stemWord(w) for w in words]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave inside a stemming
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(arabic._english_stem, words)) == expected
    finally:
        sys.setswitchinterval(switch)
