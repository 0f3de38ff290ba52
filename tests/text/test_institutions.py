"""State institutions from the grammar, armed groups and GeoNames places, in sentences of
the kind real news writes (no database)."""

import pytest

from archive.text.extraction import Gazetteer, extract
from archive.text.institutions import Grammar, generated_organizations


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def run(body: str, gaz: Gazetteer, **kw):
    return extract(title="", body=body, published=None, gazetteer=gaz, **kw)


def org_keys(ex) -> set[str]:
    return {m.key for m in ex.organizations}


def test_an_adjective_after_a_ministry_names_its_country(gaz):
    ex = run("وأعلنت وزارة الداخلية التونسية عن إيقاف عنصرين تكفيريين.", gaz)
    assert "tn-moi" in org_keys(ex)
    ex = run("وقال وزير الداخلية الأردني إن التعاون مستمر.", gaz)
    assert "jo-moi" in org_keys(ex)
    ex = run("وأكدت الداخلية المغربية تفكيك خلية إرهابية.", gaz)
    assert "ma-moi" in org_keys(ex)


def test_every_state_has_its_bodies_without_a_hand_list(gaz):
    ex = run("وقالت الشرطة الهولندية إن المشتبه به اعتقل.", gaz)
    assert "nl-police" in org_keys(ex)
    assert "NL" in {m.key for m in ex.countries}  # the adjective names a party too
    ex = run("وصادق البرلمان البريطاني على القانون.", gaz)
    assert "gb-parliament" in org_keys(ex)


def test_a_bare_form_is_the_press_country_body_and_a_common_word_needs_the_country(gaz):
    body = "وأذنت النيابة العمومية بالاحتفاظ بالمشتبه بهم، وتدخلت الشرطة."
    assert org_keys(run(body, gaz, source_country="TN")) == {"tn-prosecution"}
    assert not org_keys(run(body, gaz))  # no country to give it: nothing is guessed


def test_a_country_own_name_for_its_body(gaz):
    ex = run("وصادق مجلس نواب الشعب على مشروع القانون.", gaz)
    assert "tn-parliament" in org_keys(ex)


def test_hand_curated_bodies_replace_the_generated_ones():
    rows = generated_organizations(
        [{"iso2": "TN", "name_en": "Tunisia", "name_ar": "تونس", "adjectives_ar": ["التونسية"]}],
        [{"slug": "tn-moi", "country": "TN", "institution": "interior"}],
    )
    slugs = {r["slug"] for r in rows}
    assert "tn-interior" not in slugs and "tn-police" in slugs
    police = next(r for r in rows if r["slug"] == "tn-police")
    assert police["name_ar"] == "الشرطة التونسية" and police["kind"] == "security_service"
    assert len(Grammar.default().institutions) >= 40


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("وتبنى تنظيم داعش الإرهابي الهجوم.", "isis"),
        ("وأعلنت كتيبة عقبة بن نافع مسؤوليتها عن الكمين.", None),
        ("وتنشط حركة الشباب المجاهدين في الصومال.", None),
        ("وقصفت جماعة الحوثي مواقع في المنطقة.", None),
        ("وهاجمت جماعة بوكو حرام قرية في نيجيريا.", None),
    ],
)
def test_armed_groups_are_organizations_of_the_article(gaz, sentence, slug):
    ex = run(sentence, gaz)
    kinds = {o["slug"]: o["kind"] for o in gaz.organizations}
    found = [m.key for m in ex.organizations]
    assert found and all(kinds[k] == "armed_group" for k in found), found
    if slug:
        assert slug in found


def test_an_affiliate_has_its_parent():
    parents = {o["slug"]: o.get("parent") for o in Gazetteer.default().organizations}
    by_name = {o["name_ar"]: o["slug"] for o in Gazetteer.default().organizations}
    aqim = next(s for n, s in by_name.items() if "المغرب الإسلامي" in n and "القاعدة" in n)
    assert parents[aqim] == "al-qaeda"


def test_a_shared_city_name_goes_to_the_larger_city_unless_the_context_says(gaz):
    ex = run("انطلق مؤتمر أبل للمطورين في سان خوسيه بولاية كاليفورنيا.", gaz)
    assert [m.key for m in ex.cities] == ["San Jose|US"]
    ex = run("وصل الوفد إلى سان خوسيه عاصمة كوستاريكا.", gaz)
    assert {m.key.split("|")[1] for m in ex.cities} == {"CR"}


def test_a_governorate_is_not_its_chief_town(gaz):
    ex = run("وشهدت ولايات القصرين وقفصة وسيدي بوزيد احتجاجات، ثم زار الوزير مدينة سوسة.", gaz)
    assert [m.key.split("|")[0] for m in ex.cities] == ["Sousse"]


def test_cities_beyond_the_old_hand_list(gaz):
    ex = run("وانعقد الملتقى في مدينة صفاقس بحضور ممثلين عن ولاية قابس.", gaz)
    assert [m.key for m in ex.cities] == ["Sfax|TN"]


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        # a local unit of a national service, named with its town (the Tunisian press)
        ("وأفاد مصدر من منطقة الأمن الوطني بالكاف بإيقاف المشتبه به.", "tn-national-security"),
        ("وتعهدت فرقة الشرطة العدلية بالمنستير بالبحث في القضية.", "tn-police"),
        ("وقضت محكمة الاستئناف بسيدي بوزيد بسجنه عامين.", "tn-courts"),
        ("وأصدرت المحكمة الابتدائية بتونس حكمها في القضية.", "tn-courts"),
    ],
)
def test_local_units_of_a_state_service_are_that_service(gaz, sentence, body):
    assert body in org_keys(run(sentence, gaz, source_country="TN"))


def test_national_security_as_a_concept_is_no_body(gaz):
    ex = run("وقال إن هذه الأفعال تمثل تهديدا للأمن الوطني.", gaz, source_country="TN")
    assert "tn-national-security" not in org_keys(ex)


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        # towns GeoNames names only in Latin letters, as the Tunisian press writes them
        ("وأفاد مصدر أمني بإيقاف شخصين في المكنين من ولاية المنستير.", "Moknine|TN"),
        ("وانطلقت التظاهرة في مدينة المرسى بحضور الوالي.", "La Marsa|TN"),
        ("وتم حجز كمية من السلع المهربة في بن قردان.", "Ben Gardane|TN"),
    ],
)
def test_tunisian_towns_are_places(gaz, sentence, city):
    assert city in {m.key for m in run(sentence, gaz, source_country="TN").cities}
