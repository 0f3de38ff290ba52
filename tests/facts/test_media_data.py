"""Checks of the curated list of news agencies and media outlets (archive/data/media.json).

Entity matching tags an article with an outlet whenever one of its names occurs, so these
tests pin the shape of the file and, above all, that no alias is a common Arabic word on its
own (الرياض the city, الخليج the Gulf, الجزيرة the island, العربية "Arabic", الشرق الأوسط
the Middle East ...) and that no name points to two outlets, or to an outlet and an
organization of organizations.json or armed_groups.json.  The short forms that mean an
agency only inside an attribution phrase ("وفقا للفرنسية", "(واس)", "تونس (وات) -") are kept
apart in ``attribution_names``: each belongs to exactly one outlet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "archive" / "data"

ALIAS_LANGS = {"ar", "en", "fr", "ru", "other"}
FIELDS = [
    "slug",
    "name_ar",
    "name_en",
    "acronym",
    "kind",
    "country",
    "parent",
    "aliases",
    "attribution_names",
]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LATIN_ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9-]{2,}$")
ACRONYM_RE = re.compile(r"^[A-Za-z0-9]{2,6}$")
ARABIC_RE = re.compile("[\u0600-\u06ff]")

# Words and phrases too common in Arabic (or English and French) prose to stand alone as an
# outlet's name: any occurrence would tag the article.  An outlet so named is listed with
# its head noun ("صحيفة الرياض", "قناة الجزيرة").  Compared after folding.
COMMON_WORDS = [
    # places, adjectives and common nouns that name Arab outlets
    "الرياض",
    "الخليج",
    "الاتحاد",
    "البيان",
    "الصباح",
    "الحياة",
    "الشروق",
    "الوطن",
    "الجزيرة",
    "العربية",
    "العربي",
    "الحرة",
    "الشرق",
    "الشرق الأوسط",
    "النهار",
    "المغرب",
    "الأيام",
    "الرأي",
    "الغد",
    "الأخبار",
    "الأنباء",
    "الأهرام",
    "القبس",
    "الراية",
    "الديار",
    "الجمهورية",
    "الدستور",
    "الخبر",
    "الحدث",
    "الميادين",
    "المنار",
    "المشهد",
    "العالم",
    "الوسط",
    "المدينة",
    "السفير",
    "الوفد",
    "الإخبارية",
    "الشرقية",
    "السومرية",
    "العراقية",
    "المملكة",
    "الجديد",
    "التاسعة",
    "الصريح",
    "الصحافة",
    "الإذاعة",
    "التلفزيون",
    "التلفزة",
    "الإذاعة الوطنية",
    "التلفزة الوطنية",
    "الوطنية",
    "الوطنية الأولى",
    "الوطنية الثانية",
    "الوطنية 1",
    "الحوار",
    "الحوار التونسي",
    "الصحافة اليوم",
    "روسيا اليوم",
    "المصري اليوم",
    "اليوم السابع",
    "إسرائيل اليوم",
    "الإمارات اليوم",
    "أخبار اليوم",
    "أخبار الخليج",
    "رأي اليوم",
    "العربي الجديد",
    "القناة الأولى",
    "القناة الثانية",
    # the short forms that mean an agency only in an attribution phrase
    "الفرنسية",
    "الألمانية",
    "الأناضول",
    "العمانية",
    "قنا",
    "بنا",
    "وام",
    "كونا",
    "وفا",
    "سبأ",
    "بترا",
    "سانا",
    "واع",
    "وات",
    "واج",
    "ماب",
    "إرنا",
    "تاس",
    # bare names that are common words, places or people
    "نواة",
    "نسمة",
    "شمس",
    "ديوان",
    "الجوهرة",
    "موزاييك",
    "قرطاج",
    "حنبعل",
    "الزيتونة",
    "عكاظ",
    "إيلاف",
    "سبق",
    "رؤيا",
    "فارس",
    "تسنيم",
    "مهر",
    "صباح",
    "تايم",
    "سبوتنيك",
    "بلومبرغ",
    "بلومبيرغ",
    "معاريف",
    # Latin names that are common phrases
    "Time",
    "The Times",
    "The Sun",
    "The National",
    "The Guardian",
    "The Independent",
    "The Economist",
    "The Hill",
    "Le Monde",
    "Le Temps",
    "Le Matin",
    "Le Parisien",
    "La Presse",
    "Libération",
    "Liberation",
    "Sabah",
    "Sputnik",
    "Bloomberg",
    "Carthage",
    "Petra",
    "Foreign Policy",
    "Foreign Affairs",
    "Business News",
    "Express",
    "Al Riyadh",
    "Al Ittihad",
]

# The short forms of ``archive/text/attribution.py``: each is the attribution name of
# exactly one outlet, spelled exactly.
SHORT_NAMES = [
    "الفرنسية",
    "الألمانية",
    "الأناضول",
    "رويترز",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بنا",
    "العمانية",
    "أ ش أ",
    "أ ف ب",
    "أ.ف.ب",
    "ا ف ب",
    "لاماب",
    "ماب",
    "وات",
    "واج",
    "بترا",
    "سانا",
    "واع",
    "د ب أ",
    "شينخوا",
    "أسوشيتد برس",
    "يو بي آي",
    "يو بي أي",
    "سبأ",
    "وفا",
    "إرنا",
    "تاس",
]
SHORT_NAME_OWNERS = {
    "الفرنسية": "afp",
    "أ ف ب": "afp",
    "أ.ف.ب": "afp",
    "ا ف ب": "afp",
    "الألمانية": "dpa",
    "د ب أ": "dpa",
    "الأناضول": "anadolu",
    "رويترز": "reuters",
    "واس": "spa",
    "وام": "wam",
    "قنا": "qna",
    "كونا": "kuna",
    "بنا": "bna",
    "العمانية": "ona",
    "أ ش أ": "mena",
    "لاماب": "map",
    "ماب": "map",
    "وات": "tap",
    "واج": "aps",
    "بترا": "petra",
    "سانا": "sana",
    "واع": "ina-iraq",
    "شينخوا": "xinhua",
    "أسوشيتد برس": "ap",
    "يو بي آي": "upi",
    "يو بي أي": "upi",
    "سبأ": "saba",
    "وفا": "wafa",
    "إرنا": "irna",
    "تاس": "tass",
}

# The national news agency of every Arab League state.  The Comoros have none with an
# established Arabic name in the press (HZK-Presse is a private French-language agency),
# so the Comoros are left out rather than given an invented name.
ARAB_LEAGUE = {
    "SA": "spa",
    "AE": "wam",
    "QA": "qna",
    "KW": "kuna",
    "BH": "bna",
    "OM": "ona",
    "EG": "mena",
    "JO": "petra",
    "SY": "sana",
    "IQ": "ina-iraq",
    "LB": "nna-lebanon",
    "PS": "wafa",
    "YE": "saba",
    "SD": "suna",
    "LY": "lana",
    "MA": "map",
    "DZ": "aps",
    "TN": "tap",
    "MR": "ami",
    "SO": "sonna",
    "DJ": "adi",
}
WITHOUT_AGENCY = {"KM"}

# Outlets the brief and the Tunisian corpus rely on, with names matching must find.
REQUIRED = {
    "afp": ["وكالة فرانس برس", "فرانس برس", "وكالة الصحافة الفرنسية", "AFP"],
    "reuters": ["وكالة رويترز", "رويترز"],
    "ap": ["وكالة أسوشيتد برس", "أسوشيتد برس"],
    "dpa": ["وكالة الأنباء الألمانية"],
    "anadolu": ["وكالة الأناضول"],
    "xinhua": ["شينخوا"],
    "tap": ["وكالة تونس إفريقيا للأنباء", "وكالة تونس أفريقيا للأنباء", "TAP"],
    "spa": ["وكالة الأنباء السعودية", "واس", "SPA"],
    "jawhara-fm": ["الجوهرة أف أم", "جوهرة أف أم", "الجوهرة اف ام", "جوهرة اف ام", "Jawhara FM"],
    "mosaique-fm": ["موزاييك أف أم", "موزاييك اف ام"],
    "shems-fm": ["شمس أف أم"],
    "tn-television": ["التلفزة التونسية"],
    "wataniya-1": ["القناة الوطنية الأولى"],
    "wataniya-2": ["القناة الوطنية الثانية"],
    "nessma": ["قناة نسمة"],
    "elhiwar-ettounsi": ["قناة الحوار التونسي"],
    "attessia": ["قناة التاسعة"],
    "hannibal-tv": ["قناة حنبعل"],
    "radio-sfax": ["إذاعة صفاقس"],
    "assabah-tn": ["جريدة الصباح"],
    "echourouk-tn": ["جريدة الشروق"],
    "le-maghreb-tn": ["جريدة المغرب"],
    "la-presse-tn": ["لابريس"],
    "aljazeera-channel": ["قناة الجزيرة"],
    "aljazeera": ["شبكة الجزيرة"],
    "aljazeera-mubasher": ["الجزيرة مباشر"],
    "alarabiya": ["قناة العربية"],
    "sky-news-arabia": ["سكاي نيوز عربية"],
    "bbc": ["بي بي سي", "BBC"],
    "cnn": ["سي إن إن", "سي آن آن", "CNN"],
    "france24": ["فرانس 24"],
    "asharq-al-awsat": ["صحيفة الشرق الأوسط"],
    "al-riyadh": ["صحيفة الرياض", "جريدة الرياض"],
    "telegraph": ["التلغراف", "تلغراف", "ديلي تلغراف"],
    "the-sun": ["ذا صن", "صحيفة ذا صن"],
    "bild": ["بيلد"],
    "die-welt": ["دي فيلت"],
    "nyt": ["نيويورك تايمز"],
}
EXPECTED_PARENTS = {
    "aljazeera-channel": "aljazeera",
    "aljazeera-mubasher": "aljazeera",
    "alhadath": "alarabiya",
    "bbc-arabic": "bbc",
    "cnn-arabic": "cnn",
    "rt-arabic": "rt",
    "wataniya-1": "tn-television",
    "radio-sfax": "tn-radio-nationale",
    "una-oic": "oic",
}
EXPECTED_COUNTRIES = {
    "afp": "FR",
    "reuters": "GB",
    "ap": "US",
    "dpa": "DE",
    "anadolu": "TR",
    "aljazeera": "QA",
    "tap": "TN",
    "jawhara-fm": "TN",
    "al-akhbar-egypt": "EG",
    "al-akhbar-lebanon": "LB",
    "al-rai-kuwait": "KW",
    "al-rai-jordan": "JO",
    "fana": None,
}

# One fold for every data test: the gazetteer test's (the matcher's folds, in short).
from tests.facts.test_gazetteer_data import _load, country_codes, fold  # noqa: E402
from tests.facts.test_gazetteer_data import org_names as names  # noqa: E402


@cache
def outlets() -> list[dict]:
    return _load("media")


@cache
def others() -> list[dict]:
    return _load("organizations") + _load("armed_groups")


def by_slug() -> dict[str, dict]:
    return {o["slug"]: o for o in outlets()}


def test_count_and_fields():
    assert len(outlets()) >= 110
    for outlet in outlets():
        slug = outlet["slug"]
        assert list(outlet) == FIELDS, slug
        assert outlet["kind"] == "media", slug
        assert SLUG_RE.match(slug), slug
        assert ARABIC_RE.search(outlet["name_ar"]), slug
        assert outlet["name_ar"].strip() == outlet["name_ar"], slug
        assert outlet["name_en"].strip() == outlet["name_en"] and outlet["name_en"], slug
        assert isinstance(outlet["acronym"], str), slug
        assert outlet["acronym"] == "" or ACRONYM_RE.match(outlet["acronym"]), slug
        assert isinstance(outlet["aliases"], list), slug
        assert isinstance(outlet["attribution_names"], list), slug


def test_slugs_unique_and_disjoint_from_other_files():
    slugs = [o["slug"] for o in outlets()]
    assert len(slugs) == len(set(slugs))
    assert not set(slugs) & {o["slug"] for o in others()}


def test_countries_and_parents_resolve():
    mine, codes = by_slug(), country_codes()
    known = set(mine) | {o["slug"] for o in others()}
    for outlet in outlets():
        slug = outlet["slug"]
        assert outlet["country"] is None or outlet["country"] in codes, slug
        assert outlet["parent"] is None or outlet["parent"] in known, slug
        assert outlet["parent"] != slug, slug
        seen, node = {slug}, outlet
        while node["parent"] in mine:
            node = mine[node["parent"]]
            assert node["slug"] not in seen, f"parent cycle through {slug}"
            seen.add(node["slug"])


def test_aliases_are_well_formed():
    for outlet in outlets():
        slug = outlet["slug"]
        own = {outlet["name_ar"], outlet["name_en"], outlet["acronym"]}
        spelled = [a["name"] for a in outlet["aliases"]]
        # hamza and alef variants ("إفريقيا", "أفريقيا") are kept, exact repeats are not
        assert len(spelled) == len(set(spelled)), f"duplicate alias in {slug}"
        for alias in outlet["aliases"]:
            name = alias["name"]
            assert set(alias) == {"name", "lang"}, slug
            assert alias["lang"] in ALIAS_LANGS, (slug, alias)
            assert name and name.strip() == name, (slug, alias)
            # the loader adds these itself: repeating them would break alias_unique_per_org
            assert name not in own, (slug, alias)
            if alias["lang"] == "ar":
                assert ARABIC_RE.search(name), (slug, alias)
            letters = re.sub(r"\W", "", name)
            assert len(letters) >= 3 or LATIN_ACRONYM_RE.match(name), (slug, name)


def test_attribution_names_are_well_formed():
    for outlet in outlets():
        slug, short = outlet["slug"], outlet["attribution_names"]
        assert len(short) == len(set(short)), slug
        for name in short:
            assert isinstance(name, str) and name.strip() == name, (slug, name)
            assert ARABIC_RE.search(name), (slug, name)
            assert len(re.sub(r"\W", "", name)) >= 3, (slug, name)


def test_no_common_word_as_a_name():
    common = {fold(w) for w in COMMON_WORDS}
    for outlet in outlets():
        for name in names(outlet):
            assert fold(name) not in common, (outlet["slug"], name)
            assert len(fold(name).replace(" ", "")) >= 2, (outlet["slug"], name)


def test_bare_common_names_need_a_head_noun():
    """The outlets named after a common word are listed only with their head noun."""
    for slug, bare in {
        "al-riyadh": "الرياض",
        "al-khaleej": "الخليج",
        "al-ittihad": "الاتحاد",
        "al-bayan": "البيان",
        "al-hayat": "الحياة",
        "an-nahar": "النهار",
        "aljazeera-channel": "الجزيرة",
        "alarabiya": "العربية",
        "alhurra": "الحرة",
        "asharq-al-awsat": "الشرق الأوسط",
        "le-maghreb-tn": "المغرب",
        "assabah-tn": "الصباح",
        "echourouk-tn": "الشروق",
    }.items():
        outlet = by_slug()[slug]
        assert fold(bare) not in {fold(n) for n in names(outlet)}, slug
        assert re.match(r"^(صحيفة|جريدة|قناة|شبكة) ", outlet["name_ar"]), slug


def test_no_name_shared_across_outlets_or_with_organizations():
    owners: dict[str, set[str]] = defaultdict(set)
    for outlet in outlets():
        for name in names(outlet):
            owners[fold(name)].add(outlet["slug"])
    shared = sorted((n, sorted(s)) for n, s in owners.items() if len(s) > 1)
    assert not shared, shared
    org_names = {fold(n) for o in others() for n in names(o) if n}
    clashes = sorted(n for n in owners if n in org_names)
    assert not clashes, clashes


def test_no_name_is_a_country_or_city():
    places = set()
    for c in _load("countries"):
        places |= {fold(n) for n in [c["name_ar"], c["short_ar"], *c["aliases_ar"]]}
        places |= {fold(n) for n in [*c["adjectives_ar"], *c["ambiguous_aliases_ar"]]}
    for c in _load("cities"):
        places |= {fold(n) for n in [c["name_ar"], c["name_en"], *c["aliases_ar"]]}
    for outlet in outlets():
        for name in names(outlet):
            assert fold(name) not in places, (outlet["slug"], name)


def test_attribution_names_have_one_owner():
    owners: dict[str, set[str]] = defaultdict(set)
    exact: dict[str, set[str]] = defaultdict(set)
    for outlet in outlets():
        for name in outlet["attribution_names"]:
            owners[fold(name)].add(outlet["slug"])
            exact[name].add(outlet["slug"])
    shared = sorted((n, sorted(s)) for n, s in owners.items() if len(s) > 1)
    assert not shared, shared
    for name in SHORT_NAMES:
        assert len(exact[name]) == 1, (name, sorted(exact[name]))
    assert {n: next(iter(exact[n])) for n in SHORT_NAME_OWNERS} == SHORT_NAME_OWNERS
    # an attribution name is never another outlet's (or an organization's) name
    all_names: dict[str, set[str]] = defaultdict(set)
    for outlet in outlets():
        for name in names(outlet):
            all_names[fold(name)].add(outlet["slug"])
    org_names = {fold(n) for o in others() for n in names(o) if n}
    for name, slugs in owners.items():
        assert all_names.get(name, set()) <= slugs, name
        assert name not in org_names, name


def test_short_names_match_the_attribution_module():
    from archive.text.attribution import AGENCY_SHORT_NAMES

    # the module reads them from this file: every pinned short name is read
    assert set(SHORT_NAMES) <= set(AGENCY_SHORT_NAMES)


def test_every_arab_league_state_has_its_national_agency():
    mine = by_slug()
    arab = {c["iso2"] for c in _load("countries")} & (set(ARAB_LEAGUE) | WITHOUT_AGENCY)
    assert arab == set(ARAB_LEAGUE) | WITHOUT_AGENCY  # 22 states, all in countries.json
    assert len(ARAB_LEAGUE) + len(WITHOUT_AGENCY) == 22
    for code, slug in ARAB_LEAGUE.items():
        agency = mine.get(slug)
        assert agency is not None, f"missing national agency of {code}"
        assert agency["country"] == code, slug
        assert agency["parent"] is None, slug
        assert any("وكالة" in n or "الأنباء" in n for n in [agency["name_ar"], *names(agency)])
        assert "وكالة" in agency["name_ar"], slug
        # the acronym, or the short name news puts in brackets
        assert agency["acronym"] or agency["attribution_names"], slug


def test_required_outlets_and_names():
    mine = by_slug()
    for slug, required in REQUIRED.items():
        assert slug in mine, f"missing outlet {slug}"
        have = set(names(mine[slug]))
        assert [n for n in required if n not in have] == [], slug
    assert "الفرنسية" in mine["afp"]["attribution_names"]
    assert "وات" in mine["tap"]["attribution_names"]
    assert "واس" in mine["spa"]["attribution_names"]


def test_key_parents_and_countries():
    mine = by_slug()
    for slug, parent in EXPECTED_PARENTS.items():
        assert mine[slug]["parent"] == parent, slug
    for slug, country in EXPECTED_COUNTRIES.items():
        assert mine[slug]["country"] == country, slug
