"""Checks of the curated list of armed, terrorist and insurgent groups (archive/data/armed_groups.json).

Entity matching tags an article with a group whenever one of its names occurs, so these
tests pin the shape of the file and, above all, that no alias is a common Arabic word on its
own (القاعدة "the base/rule", الشباب "youth", الدولة "the state" ...) and that no name points to
two groups, or to a group and an organization of organizations.json.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "archive" / "data"

DESIGNATIONS = {"un", "us", "eu", "gb", "sa", "ae", "eg", "bh", "ca", "au"}
ALIAS_LANGS = {"ar", "en", "fr", "ru", "other"}
FIELDS = [
    "slug",
    "name_ar",
    "name_en",
    "acronym",
    "kind",
    "country",
    "parent",
    "designations",
    "aliases",
]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LATIN_ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9-]{2,}$")

# Words and phrases too common in Arabic prose to stand alone as a group's name: any
# occurrence would tag the article.  Compared after folding (article, hamza, taa marbuta).
COMMON_WORDS = [
    "القاعدة",
    "الدولة",
    "الدولة الإسلامية",
    "الشباب",
    "الجماعة",
    "التنظيم",
    "الحركة",
    "الجبهة",
    "الجبهة الشعبية",
    "النصرة",
    "الحشد",
    "الأنصار",
    "الجهاد",
    "الإخوان",
    "المقاومة",
    "الحزب",
    "الكتائب",
    "السرايا",
    "الفصائل",
    "المجاهدين",
    "المجاهدون",
    "المهاجرون",
    "المرابطون",
    "الخلافة",
    "الولاية",
    "الجيش",
    "الحرس",
    "الجماعة الإسلامية",
    "جيش التحرير الوطني",
    "أولياء الدم",
    "حسم",
    "فتح",
    "أنصار الإسلام",
    "أنصار الدين",
    "نصرة الإسلام والمسلمين",
    "جماعة الدعوة",
    "حركة الخدمة",
]

# Groups the Tunisian test corpus and the brief rely on, with a name matching must find.
REQUIRED = {
    "isis": "داعش",
    "al-qaeda": "تنظيم القاعدة",
    "aqim": "القاعدة في بلاد المغرب الإسلامي",
    "ansar-al-sharia-tunisia": "أنصار الشريعة",
    "okba-ibn-nafaa": "كتيبة عقبة بن نافع",
    "jund-al-khilafa-tunisia": "جند الخلافة",
    "boko-haram": "بوكو حرام",
    "al-shabaab": "حركة الشباب المجاهدين",
    "houthis": "الحوثيين",
    "hamas": "حماس",
    "hezbollah": "حزب الله",
    "jabhat-al-nusra": "جبهة النصرة",
    "hts": "هيئة تحرير الشام",
    "muslim-brotherhood": "جماعة الإخوان المسلمين",
    "pkk": "حزب العمال الكردستاني",
}
EXPECTED_PARENTS = {
    "aqim": "al-qaeda",
    "aqap": "al-qaeda",
    "al-shabaab": "al-qaeda",
    "jnim": "al-qaeda",
    "iswap": "isis",
    "isis-k": "isis",
    "sinai-province": "isis",
    "okba-ibn-nafaa": "aqim",
}
EXPECTED_COUNTRIES = {
    "houthis": "YE",
    "al-shabaab": "SO",
    "boko-haram": "NG",
    "hamas": "PS",
    "hezbollah": "LB",
    "pkk": "TR",
    "ansar-al-sharia-tunisia": "TN",
    "okba-ibn-nafaa": "TN",
    "isis": None,
    "al-qaeda": None,
}

# One fold for every data test: the gazetteer test's (the matcher's folds, in short).
from tests.facts.test_gazetteer_data import _load, country_codes, fold  # noqa: E402
from tests.facts.test_gazetteer_data import org_names as names  # noqa: E402


@cache
def groups() -> list[dict]:
    return _load("armed_groups")


def organizations() -> list[dict]:
    return _load("organizations")


def by_slug() -> dict[str, dict]:
    return {g["slug"]: g for g in groups()}


def test_count_and_fields():
    assert len(groups()) >= 150
    for group in groups():
        assert list(group) == FIELDS, group.get("slug")
        assert group["kind"] == "armed_group", group["slug"]
        assert SLUG_RE.match(group["slug"]), group["slug"]
        assert re.search("[\u0600-\u06ff]", group["name_ar"]), group["slug"]
        assert group["name_en"].strip() == group["name_en"] and group["name_en"], group["slug"]
        assert isinstance(group["acronym"], str)
        assert isinstance(group["aliases"], list)


def test_slugs_unique_and_disjoint_from_organizations():
    slugs = [g["slug"] for g in groups()]
    assert len(slugs) == len(set(slugs))
    assert not set(slugs) & {o["slug"] for o in organizations()}


def test_countries_and_parents_resolve():
    mine, codes = by_slug(), country_codes()
    known = set(mine) | {o["slug"] for o in organizations()}
    for group in groups():
        assert group["country"] is None or group["country"] in codes, group["slug"]
        assert group["parent"] is None or group["parent"] in known, group["slug"]
        assert group["parent"] != group["slug"], group["slug"]
        seen, node = {group["slug"]}, group
        while node["parent"] in mine:
            node = mine[node["parent"]]
            assert node["slug"] not in seen, f"parent cycle through {group['slug']}"
            seen.add(node["slug"])


def test_designations():
    for group in groups():
        des = group["designations"]
        assert isinstance(des, list), group["slug"]
        assert len(des) == len(set(des)), group["slug"]
        assert set(des) <= DESIGNATIONS, (group["slug"], des)


def test_aliases_are_well_formed():
    for group in groups():
        own = {fold(group["name_ar"]), fold(group["name_en"]), fold(group["acronym"])}
        folded = [fold(a["name"]) for a in group["aliases"]]
        assert len(folded) == len(set(folded)), f"duplicate alias in {group['slug']}"
        for alias in group["aliases"]:
            name = alias["name"]
            assert set(alias) == {"name", "lang"}, group["slug"]
            assert alias["lang"] in ALIAS_LANGS, (group["slug"], alias)
            assert name and name.strip() == name, (group["slug"], alias)
            assert fold(name) not in own, (group["slug"], alias)
            letters = re.sub(r"\W", "", name)
            assert len(letters) >= 3 or LATIN_ACRONYM_RE.match(name), (group["slug"], name)


def test_no_common_word_as_a_name():
    common = {fold(w) for w in COMMON_WORDS}
    for group in groups():
        for name in names(group):
            assert fold(name) not in common, (group["slug"], name)
            assert len(fold(name).replace(" ", "")) >= 3, (group["slug"], name)


def test_no_name_shared_across_groups_or_with_organizations():
    owners: dict[str, set[str]] = defaultdict(set)
    for group in groups():
        for name in names(group):
            owners[fold(name)].add(group["slug"])
    shared = sorted((n, sorted(s)) for n, s in owners.items() if len(s) > 1)
    assert not shared, shared
    org_names = {fold(n) for o in organizations() for n in names(o) if n}
    clashes = sorted(n for n in owners if n in org_names)
    assert not clashes, clashes


def test_required_groups_and_names():
    mine = by_slug()
    for slug, name in REQUIRED.items():
        assert slug in mine, f"missing group {slug}"
        assert fold(name) in {fold(n) for n in names(mine[slug])}, (slug, name)


def test_key_parents_and_countries():
    mine = by_slug()
    for slug, parent in EXPECTED_PARENTS.items():
        assert mine[slug]["parent"] == parent, slug
    for slug, country in EXPECTED_COUNTRIES.items():
        assert mine[slug]["country"] == country, slug
    assert set(mine["isis"]["designations"]) >= {"un", "us"}
