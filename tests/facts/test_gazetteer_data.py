"""Checks of the curated gazetteer: organizations, countries and cities (archive/data/*.json).

The files are reference data that ingest loads and entity matching relies on, so these
tests pin their shape (counts, codes, references) and, above all, that no name points to
two entries by accident: two organizations (or two countries) may share a name only when
the clash is real and listed below with the reason.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "archive" / "data"
SEEDS = REPO / "seeds"

ORG_KINDS = {
    "un_body",
    "intergovernmental",
    "regional_organization",
    "security_alliance",
    "international_police",
    "financial_intelligence",
    "national_agency",
    "ministry",
    "research_training",
    "coalition",
    "other",
}
ALIAS_LANGS = {"ar", "en", "fr", "ru", "other"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")

# Names (after folding) that two organizations really share, with the reason.  Matching
# must resolve these from context (the country named nearby), never silently.
ALLOWED_SHARED_ORG_NAMES: dict[str, tuple[frozenset[str], str]] = {
    "المديرية العامة للأمن الوطني": (
        frozenset({"ma-dgsn", "dz-dgsn"}),
        "Morocco's and Algeria's national police have the same official Arabic name.",
    ),
    "DGSN": (
        frozenset({"ma-dgsn", "dz-dgsn"}),
        "Same French acronym (Direction générale de la sûreté nationale) in both countries.",
    ),
}
# Names that two countries really share (none so far: ambiguous forms such as المملكة or
# الكونغو go to ambiguous_aliases_ar instead).
ALLOWED_SHARED_COUNTRY_NAMES: dict[str, tuple[frozenset[str], str]] = {}

# --------------------------------------------------------------------------------------
# Folding: the spelling differences the archive's Arabic analyzer ignores (alef forms,
# hamza carriers, ى/ی, ة/ه, harakat, tatweel, the article), so a clash after folding is a
# clash for the matcher too.
# --------------------------------------------------------------------------------------
_MARKS = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "ء",
        "ئ": "ء",
        "ى": "ي",
        "ی": "ي",
        "ة": "ه",
        "ک": "ك",
        "گ": "ك",
        "پ": "ب",
        "ڤ": "ف",
    }
)


def fold(name: str) -> str:
    """Fold a name the way matching sees it; Latin names are case-folded."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", name)).translate(_LETTERS).casefold()
    words = re.findall(r"\w+", text)
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words)


def _load(name: str) -> list[dict]:
    with (DATA / f"{name}.json").open(encoding="utf-8") as f:
        data = json.load(f)
    assert isinstance(data, list), f"{name}.json must hold a JSON array"
    return data


@cache
def organizations() -> list[dict]:
    return _load("organizations")


@cache
def countries() -> list[dict]:
    return _load("countries")


@cache
def cities() -> list[dict]:
    return _load("cities")


def org_by_slug() -> dict[str, dict]:
    return {o["slug"]: o for o in organizations()}


def country_codes() -> set[str]:
    return {c["iso2"] for c in countries()}


def org_names(org: dict) -> list[str]:
    """Every name of an organization: Arabic and English names, acronym, aliases."""
    acronym = [org["acronym"]] if org["acronym"] else []
    return [org["name_ar"], org["name_en"], *acronym] + [a["name"] for a in org["aliases"]]


def country_names(country: dict) -> list[str]:
    return [
        country["name_ar"],
        country["short_ar"],
        *country["aliases_ar"],
        *country["adjectives_ar"],
    ]


def _clashes(owners: dict[str, set[str]], allowed: dict[str, tuple[frozenset[str], str]]) -> list:
    """Folded names owned by several entries, less the allowed clashes (keys are folded too)."""
    allowed_folded = {fold(name): keys for name, (keys, _reason) in allowed.items()}
    return sorted(
        (name, sorted(keys))
        for name, keys in owners.items()
        if len(keys) > 1 and allowed_folded.get(name) != frozenset(keys)
    )


# --------------------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------------------


def test_organization_count_and_fields():
    orgs = organizations()
    assert len(orgs) >= 170
    for org in orgs:
        assert set(org) >= {
            "slug",
            "name_ar",
            "name_en",
            "acronym",
            "kind",
            "country",
            "parent",
            "aliases",
        }
        assert SLUG_RE.match(org["slug"]), org["slug"]
        assert org["kind"] in ORG_KINDS, (org["slug"], org["kind"])
        assert org["name_ar"].strip() and org["name_en"].strip(), org["slug"]
        assert isinstance(org["acronym"], str)
        assert re.search("[\u0600-\u06ff]", org["name_ar"]), org["slug"]


def test_organization_slugs_are_unique():
    slugs = [o["slug"] for o in organizations()]
    assert len(slugs) == len(set(slugs))


def test_organization_countries_and_parents_resolve():
    by_slug, codes = org_by_slug(), country_codes()
    for org in organizations():
        assert org["country"] is None or org["country"] in codes, (org["slug"], org["country"])
        assert org["parent"] is None or org["parent"] in by_slug, (org["slug"], org["parent"])
        # no cycles: walking up the parents ends at a root
        seen, node = {org["slug"]}, org
        while node["parent"] is not None:
            node = by_slug[node["parent"]]
            assert node["slug"] not in seen, f"parent cycle through {org['slug']}"
            seen.add(node["slug"])


def test_organization_aliases_are_well_formed():
    for org in organizations():
        names = [a["name"] for a in org["aliases"]]
        assert len(names) == len(set(names)), f"duplicate alias in {org['slug']}"
        for alias in org["aliases"]:
            assert set(alias) == {"name", "lang"}, org["slug"]
            assert alias["lang"] in ALIAS_LANGS, (org["slug"], alias)
            assert alias["name"].strip() == alias["name"] and alias["name"], (org["slug"], alias)
            # the loader adds these itself: repeating them would break alias_unique_per_org
            assert alias["name"] not in {org["name_ar"], org["name_en"], org["acronym"]}, (
                org["slug"],
                alias,
            )
            if alias["lang"] == "ar":
                assert re.search("[\u0600-\u06ff]", alias["name"]), (org["slug"], alias)


def test_no_name_points_to_two_organizations():
    owners: dict[str, set[str]] = defaultdict(set)
    for org in organizations():
        for name in org_names(org):
            owners[fold(name)].add(org["slug"])
    assert _clashes(owners, ALLOWED_SHARED_ORG_NAMES) == []


def test_shared_name_allow_list_is_current():
    """Every allowed clash still exists, so the list cannot hide a stale exception."""
    owners: dict[str, set[str]] = defaultdict(set)
    for org in organizations():
        for name in org_names(org):
            owners[fold(name)].add(org["slug"])
    for name, (slugs, reason) in ALLOWED_SHARED_ORG_NAMES.items():
        assert reason
        assert owners[fold(name)] == set(slugs), name


# Key names each entry must carry, spelled exactly (they are the forms news uses).
REQUIRED_ORG_NAMES = {
    "un": ["الأمم المتحدة"],
    "un-security-council": ["مجلس الأمن الدولي", "مجلس الأمن"],
    "un-ctc": ["لجنة مكافحة الإرهاب"],
    "un-cted": ["المديرية التنفيذية للجنة مكافحة الإرهاب", "CTED"],
    "unoct": ["مكتب الأمم المتحدة لمكافحة الإرهاب", "UNOCT"],
    "uncct": ["مركز الأمم المتحدة لمكافحة الإرهاب", "UNCCT"],
    "unodc": ["مكتب الأمم المتحدة المعني بالمخدرات والجريمة"],
    "interpol": [
        "المنظمة الدولية للشرطة الجنائية",
        "الإنتربول",
        "الانتربول",
        "الأنتربول",
        "Interpol",
    ],
    "europol": ["اليوروبول", "Europol"],
    "afripol": ["أفريبول"],
    "gccpol": ["جهاز الشرطة الخليجية"],
    "arab-league": ["جامعة الدول العربية", "الجامعة العربية"],
    "arab-interior-ministers-council": ["مجلس وزراء الداخلية العرب"],
    "aimc-secretariat": ["الأمانة العامة لمجلس وزراء الداخلية العرب"],
    "arab-justice-ministers-council": ["مجلس وزراء العدل العرب"],
    "nauss": ["جامعة نايف العربية للعلوم الأمنية"],
    "gcc": ["مجلس التعاون لدول الخليج العربية", "مجلس التعاون الخليجي"],
    "oic": ["منظمة التعاون الإسلامي"],
    "imctc": ["التحالف الإسلامي العسكري لمحاربة الإرهاب", "التحالف الإسلامي"],
    "tftc": ["مركز استهداف تمويل الإرهاب"],
    "etidal": ["المركز العالمي لمكافحة الفكر المتطرف", "مركز اعتدال"],
    "hedayah": ["مركز هداية"],
    "sawab": ["مركز صواب"],
    "gctf": ["المنتدى العالمي لمكافحة الإرهاب"],
    "global-coalition-daesh": ["التحالف الدولي ضد داعش"],
    "fatf": ["مجموعة العمل المالي", "فاتف", "FATF"],
    "mena-fatf": ["مجموعة العمل المالي لمنطقة الشرق الأوسط وشمال أفريقيا"],
    "egmont-group": ["مجموعة إيغمونت"],
    "sco": ["منظمة شنغهاي للتعاون", "منظمة شانغهاي للتعاون"],
    "sco-rats": ["الهيكل الإقليمي لمكافحة الإرهاب"],
    "cis": ["رابطة الدول المستقلة", "كومنولث الدول المستقلة"],
    "cis-atc": ["مركز مكافحة الإرهاب لرابطة الدول المستقلة"],
    "csto": ["منظمة معاهدة الأمن الجماعي"],
    "eu": ["الاتحاد الأوروبي"],
    "nato": ["حلف شمال الأطلسي", "الناتو"],
    "osce": ["منظمة الأمن والتعاون في أوروبا"],
    "african-union": ["الاتحاد الأفريقي"],
    "acsrt": ["المركز الأفريقي للدراسات والبحوث حول الإرهاب"],
    "sa-state-security": ["رئاسة أمن الدولة"],
    "uz-sss": ["جهاز أمن الدولة في أوزبكستان"],
}


@pytest.mark.parametrize("slug", sorted(REQUIRED_ORG_NAMES))
def test_required_organization_names(slug):
    org = org_by_slug().get(slug)
    assert org is not None, f"missing organization {slug}"
    names = set(org_names(org))
    missing = [n for n in REQUIRED_ORG_NAMES[slug] if n not in names]
    assert missing == [], f"{slug} lacks {missing}"


def test_parent_links_of_key_bodies():
    by_slug = org_by_slug()
    expected = {
        "sco-rats": "sco",
        "cis-atc": "cis",
        "unoct": "un",
        "uncct": "unoct",
        "un-cted": "un-security-council",
        "un-ctc": "un-security-council",
        "arab-interior-ministers-council": "arab-league",
        "aimc-secretariat": "arab-interior-ministers-council",
        "europol": "eu",
        "afripol": "african-union",
        "gccpol": "gcc",
    }
    assert {s: by_slug[s]["parent"] for s in expected} == expected
    assert by_slug["mena-fatf"]["parent"] is None


# --------------------------------------------------------------------------------------
# Seed articles: every organization, country and city they name is in the gazetteer
# under the form the article uses (proclitics such as ل/ب/و aside).
# --------------------------------------------------------------------------------------
SEED_ORGS = {
    "000_ea48ddaf0c48730a": {
        "tftc": "مركز استهداف تمويل الإرهاب",
        "fatf": "مجموعة العمل المالي",
    },
    "001_40ba571edd290cb5": {
        "cis": "رابطة الدول المستقلة",
        "sco": "منظمة شنغهاي للتعاون",
        "uz-sss": "جهاز أمن الدولة في أوزبكستان",
        "cis-atc": "مركز مكافحة الإرهاب لرابطة الدول المستقلة",
        "sco-rats": "الهيكل الإقليمي لمكافحة الإرهاب التابع لمنظمة شانغهاي للتعاون",
    },
    "002_f2632be3270ffe64": {
        "aimc-secretariat": "الأمانة العامة لمجلس وزراء الداخلية العرب",
        "arab-interior-ministers-council": "مجلس وزراء الداخلية العرب",
        "arab-league": "جامعة الدول العربية",
        "gcc": "مجلس التعاون لدول الخليج العربية",
        "unoct": "مكتب الأمم المتحدة لمكافحة الإرهاب",
        "interpol": "المنظمة الدولية للشرطة الجنائية",
        "europol": "اليوروبول",
        "eu-ct-mena": "مشروع مكافحة الإرهاب لمنطقة الشرق الأوسط وشمال إفريقيا",
        "nauss": "جامعة نايف العربية للعلوم الأمنية",
        "uncct": "مركز الأمم المتحدة لمكافحة الإرهاب",
    },
    "003_0546f77b3de22a26": {
        "interpol": "الإنتربول",
        "interpol-ct-directorate": "إدارة الإنتربول لمكافحة الإرهاب",
        "interpol-foundation": "مؤسسة الإنتربول من أجل عالم أكثر أمانا",
        "interpol-mena-sea-ctwg": (
            "الفريق العامل المعني بمكافحة الإرهاب المشترك بين بلدان منطقتي الشرق الأوسط"
            " وشمال أفريقيا وجنوب آسيا والمحيط الهادئ"
        ),
        "ae-moi": "وزارة الداخلية في الإمارات العربية المتحدة",
    },
    "004_e0c78c889b169ca9": {
        "imctc": "التحالف الإسلامي العسكري لمحاربة الإرهاب",
        "uncct": "مركز الأمم المتحدة لمكافحة الإرهاب",
        "un": "الأمم المتحدة",
        "un-security-council": "مجلس الأمن",
        "african-union": "الاتحاد الإفريقي",
        "un-ctc": "لجنة مكافحة الإرهاب",
        "oic": "منظمة التعاون الإسلامي",
    },
}
SEED_COUNTRIES = {
    "000_ea48ddaf0c48730a": {
        "SA": "المملكة العربية السعودية",
        "US": "الولايات المتحدة الأمريكية",
        "AE": "الإمارات العربية المتحدة",
        "BH": "البحرين",
        "OM": "سلطنة عمان",
        "QA": "قطر",
        "KW": "دولة الكويت",
    },
    "001_40ba571edd290cb5": {
        "UZ": "أوزبكستان",
        "AZ": "أذربيجان",
        "AM": "أرمينيا",
        "BY": "بيلاروسيا",
        "IN": "الهند",
        "IR": "إيران",
        "KZ": "كازاخستان",
        "CN": "الصين",
        "KG": "قيرغيزستان",
        "PK": "باكستان",
        "RU": "روسيا",
        "TJ": "طاجيكستان",
        "TM": "تركمانستان",
        "AF": "أفغانستان",
        "MN": "منغوليا",
        "EG": "مصر",
        "TR": "تركيا",
    },
    "003_0546f77b3de22a26": {"AE": "الإمارات العربية المتحدة"},
    "004_e0c78c889b169ca9": {
        "SA": "سعودية",
        "GB": "بريطانيا",
        "US": "أمريكا",
        "DZ": "الجزائر",
        "AR": "أرجنتينية",
        "JO": "الأردن",
        "YE": "اليمن",
    },
}
SEED_CITIES = {
    "000_ea48ddaf0c48730a": {"SA": "الرياض"},
    "001_40ba571edd290cb5": {"UZ": "طشقند"},
    "003_0546f77b3de22a26": {"AE": "أبوظبي"},
    "004_e0c78c889b169ca9": {"US": "نيويورك", "SA": "مكة المكرمة", "YE": "صعدة", "PS": "غزة"},
}


def _seed_text(seed: str) -> str | None:
    path = SEEDS / f"{seed}.txt"
    return fold(path.read_text(encoding="utf-8")) if path.exists() else None


def _assert_in_seed(seed: str, surface: str) -> None:
    text = _seed_text(seed)
    if text is None:  # the seed files may be moved; the names stay pinned above
        return
    # the first word may carry proclitics (لكومنولث, بمكة, للإنتربول, بالإنتربول)
    pattern = r"(?:^|\s)[وفبلك]{0,2}(?:ال)?" + re.escape(fold(surface)) + r"(?=\s|$)"
    assert re.search(pattern, text), f"{surface!r} is not in seed {seed}"


@pytest.mark.parametrize("seed", sorted(SEED_ORGS))
def test_seed_organizations_are_covered(seed):
    by_slug = org_by_slug()
    for slug, surface in SEED_ORGS[seed].items():
        _assert_in_seed(seed, surface)
        assert slug in by_slug, f"missing organization {slug} (seed {seed})"
        assert fold(surface) in {fold(n) for n in org_names(by_slug[slug])}, (seed, slug, surface)


@pytest.mark.parametrize("seed", sorted(SEED_COUNTRIES))
def test_seed_countries_are_covered(seed):
    by_code = {c["iso2"]: c for c in countries()}
    for code, surface in SEED_COUNTRIES[seed].items():
        _assert_in_seed(seed, surface)
        assert fold(surface) in {fold(n) for n in country_names(by_code[code])}, (
            seed,
            code,
            surface,
        )


@pytest.mark.parametrize("seed", sorted(SEED_CITIES))
def test_seed_cities_are_covered(seed):
    for code, surface in SEED_CITIES[seed].items():
        _assert_in_seed(seed, surface)
        assert any(
            c["country"] == code
            and fold(surface) in {fold(n) for n in [c["name_ar"], *c["aliases_ar"]]}
            for c in cities()
        ), (seed, code, surface)


# --------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------


def test_country_counts_and_statuses():
    data = countries()
    by_status = defaultdict(set)
    for c in data:
        by_status[c["status"]].add(c["iso2"])
    assert set(by_status) == {"member", "observer", "other"}
    assert len(by_status["member"]) == 193
    assert by_status["observer"] == {"PS", "VA"}
    assert by_status["other"] == {"XK", "TW"}
    assert len(data) == 197


def test_country_codes_are_well_formed_and_unique():
    data = countries()
    iso2 = [c["iso2"] for c in data]
    iso3 = [c["iso3"] for c in data]
    assert all(ISO2_RE.match(code) for code in iso2)
    assert all(ISO3_RE.match(code) for code in iso3)
    assert len(iso2) == len(set(iso2)) and len(iso3) == len(set(iso3))


def test_country_fields():
    for c in countries():
        assert c["name_ar"].strip() and c["name_en"].strip() and c["short_ar"].strip(), c["iso2"]
        for key in ("aliases_ar", "adjectives_ar", "ambiguous_aliases_ar"):
            values = c[key]
            assert isinstance(values, list), (c["iso2"], key)
            assert all(isinstance(v, str) and v.strip() == v and v for v in values), (
                c["iso2"],
                key,
            )
            assert len(values) == len(set(values)), (c["iso2"], key)
        assert c["name_ar"] in c["aliases_ar"], c["iso2"]


def test_no_name_points_to_two_countries():
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries():
        for name in country_names(c):
            owners[fold(name)].add(c["iso2"])
    assert _clashes(owners, ALLOWED_SHARED_COUNTRY_NAMES) == []
    # an ambiguous form may be shared (المملكة), but never be another country's plain name
    for c in countries():
        for name in c["ambiguous_aliases_ar"]:
            assert owners.get(fold(name), set()) <= {c["iso2"]}, (c["iso2"], name)


REQUIRED_COUNTRY_NAMES = {
    "SA": ["السعودية", "المملكة العربية السعودية"],
    "AE": ["الإمارات", "دولة الإمارات", "الإمارات العربية المتحدة"],
    "EG": ["مصر", "جمهورية مصر العربية"],
    "US": ["الولايات المتحدة", "الولايات المتحدة الأمريكية", "أمريكا", "أميركا"],
    "OM": ["سلطنة عمان"],
    "KW": ["دولة الكويت"],
    "BY": ["بيلاروسيا", "روسيا البيضاء"],
    "KG": ["قيرغيزستان", "قرغيزستان", "قيرغيزيا"],
    "AZ": ["أذربيجان"],
    "GB": ["بريطانيا", "المملكة المتحدة"],
    "PS": ["فلسطين", "دولة فلسطين"],
}


@pytest.mark.parametrize("code", sorted(REQUIRED_COUNTRY_NAMES))
def test_required_country_names(code):
    country = next(c for c in countries() if c["iso2"] == code)
    names = set(country_names(country))
    assert [n for n in REQUIRED_COUNTRY_NAMES[code] if n not in names] == []


def test_country_adjectives_include_both_genders():
    by_code = {c["iso2"]: c for c in countries()}
    assert {"سعودي", "سعودية", "السعودي", "السعودية"} <= set(by_code["SA"]["adjectives_ar"])
    assert {"أمريكي", "أميركي", "الأمريكية", "الأميركية"} <= set(by_code["US"]["adjectives_ar"])
    assert "المملكة" in by_code["SA"]["ambiguous_aliases_ar"]


# --------------------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------------------


def test_city_count_and_fields():
    data, codes = cities(), country_codes()
    assert len(data) >= 250
    for city in data:
        assert set(city) == {"name_ar", "name_en", "country", "aliases_ar", "lat", "lon"}, city
        assert city["name_ar"].strip() and city["name_en"].strip(), city
        assert city["country"] in codes, city
        assert isinstance(city["lat"], float) and -90 <= city["lat"] <= 90, city
        assert isinstance(city["lon"], float) and -180 <= city["lon"] <= 180, city
        assert city["name_ar"] not in city["aliases_ar"], city
        assert len(city["aliases_ar"]) == len(set(city["aliases_ar"])), city


def test_city_is_unique_per_country():
    keys = [(c["country"], c["name_en"]) for c in cities()]
    assert len(keys) == len(set(keys))  # the model's city_unique_per_country


def test_no_name_points_to_two_cities():
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c in cities():
        for name in [c["name_ar"], *c["aliases_ar"]]:
            owners[fold(name)].add((c["country"], c["name_en"]))
    assert sorted(name for name, keys in owners.items() if len(keys) > 1) == []


def test_every_country_has_a_city():
    assert country_codes() - {c["country"] for c in cities()} == set()


KEY_CITIES = {
    ("SA", "Riyadh"): ["الرياض"],
    ("SA", "Jeddah"): ["جدة"],
    ("AE", "Abu Dhabi"): ["أبوظبي", "أبو ظبي"],
    ("AE", "Dubai"): ["دبي"],
    ("QA", "Doha"): ["الدوحة"],
    ("BH", "Manama"): ["المنامة"],
    ("KW", "Kuwait City"): ["مدينة الكويت"],
    ("OM", "Muscat"): ["مسقط"],
    ("EG", "Cairo"): ["القاهرة"],
    ("EG", "Sharm El-Sheikh"): ["شرم الشيخ"],
    ("JO", "Amman"): ["عمّان"],
    ("LB", "Beirut"): ["بيروت"],
    ("IQ", "Baghdad"): ["بغداد"],
    ("MA", "Rabat"): ["الرباط"],
    ("MA", "Marrakesh"): ["مراكش"],
    ("DZ", "Algiers"): ["الجزائر"],
    ("TN", "Tunis"): ["تونس"],
    ("UZ", "Tashkent"): ["طشقند", "طاشقند"],
    ("UZ", "Samarkand"): ["سمرقند"],
    ("KZ", "Astana"): ["أستانا"],
    ("KZ", "Almaty"): ["ألماتي"],
    ("KG", "Bishkek"): ["بيشكيك"],
    ("TJ", "Dushanbe"): ["دوشنبه"],
    ("RU", "Moscow"): ["موسكو"],
    ("CN", "Beijing"): ["بكين"],
    ("US", "New York"): ["نيويورك"],
    ("CH", "Geneva"): ["جنيف"],
    ("AT", "Vienna"): ["فيينا", "فيينّا"],
    ("BE", "Brussels"): ["بروكسل"],
    ("NL", "The Hague"): ["لاهاي"],
    ("FR", "Lyon"): ["ليون"],
    ("KE", "Nairobi"): ["نيروبي"],
    ("ET", "Addis Ababa"): ["أديس أبابا"],
}


@pytest.mark.parametrize("key", sorted(KEY_CITIES))
def test_key_cities(key):
    city = next((c for c in cities() if (c["country"], c["name_en"]) == key), None)
    assert city is not None, key
    names = {city["name_ar"], *city["aliases_ar"]}
    assert [n for n in KEY_CITIES[key] if n not in names] == []
