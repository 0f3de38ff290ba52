"""Checks of the curated list of non-state organizations (archive/data/civic.json).

Parties, trade unions and professional orders, companies and platforms, sports bodies and
clubs, associations and NGOs: the organizations Arabic (and above all Tunisian) news names.
Entity matching tags an article with an organization whenever one of its names occurs, so
these tests pin the shape of the file and, above all, that no name is a common Arabic word
or bare adjective on its own (النهضة "renaissance", الإفريقي "African", الشعب "the people"
...) and that no name points to two organizations, here or in the other gazetteer files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "archive" / "data"

KINDS = {"party", "union", "company", "sports", "ngo"}
ALIAS_LANGS = {"ar", "en", "fr", "ru", "other"}
FIELDS = ["slug", "name_ar", "name_en", "acronym", "kind", "country", "parent", "aliases"]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LATIN_ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Za-z0-9-]{2,}$")
ARABIC_RE = re.compile("[\u0600-\u06ff]")

# Words and phrases too common in Arabic prose to stand alone as an organization's name:
# any occurrence would tag the article.  Compared after folding (article, hamza, taa
# marbuta), so one spelling each is enough.  Forms shared by two organizations (حزب العمال:
# Tunisia's, Algeria's and Britain's; الحزب الجمهوري: Tunisia's and the US one; حزب
# العدالة والتنمية: Morocco's and Turkey's) are listed too: they go to none of them.
COMMON_WORDS = [
    # generic heads
    "الحزب",
    "الحركة",
    "الجبهة",
    "الاتحاد",
    "النادي",
    "الملعب",
    "الجامعة",
    "الرابطة",
    "النقابة",
    "الهيئة",
    "المنظمة",
    "الجمعية",
    "الشركة",
    "البنك",
    "المجمع",
    "التحالف",
    "الائتلاف",
    "التيار",
    "التجمع",
    "المؤتمر",
    "الكتلة",
    "العمادة",
    "المرصد",
    # bare adjectives and common nouns that are also names
    "النهضة",
    "الإفريقي",
    "الأفريقي",
    "الشعب",
    "الأمل",
    "الوطني",
    "الشعبي",
    "الشعبية",
    "الديمقراطي",
    "الدستوري",
    "الجمهوري",
    "الاشتراكي",
    "الشيوعي",
    "التقدمي",
    "الحر",
    "الصفاقسي",
    "البنزرتي",
    "المنستيري",
    "القابسي",
    "الساحلي",
    "النجم",
    "المستقبل",
    "الكرامة",
    "التكتل",
    "المسار",
    "المبادرة",
    "العريضة",
    "المحبة",
    "البديل",
    "الإرادة",
    "الرحمة",
    "الوفاق",
    "الأحرار",
    "الأصالة",
    "الاستقلال",
    "الوفد",
    "النور",
    "الدعوة",
    "البعث",
    "الحكمة",
    "المردة",
    "الكتائب",
    "القوات اللبنانية",
    "أمل",
    "فتح",
    "الفتح",
    "سائرون",
    "العمل",
    "الخير",
    "السعادة",
    "المحافظين",
    "الخضر",
    "الديمقراطيين",
    "الجمهوريين",
    "الرجاء",
    "الوداد",
    "الهلال",
    "النصر",
    "الأهلي",
    "الزمالك",
    "الإسماعيلي",
    "المصري",
    "المريخ",
    "السد",
    "العين",
    "الشباب",
    "الجيش الملكي",
    "الريال",
    "الشبيبة",
    "الأولمبي",
    "القوافل",
    "الأمان",
    "الزيتونة",
    "البوصلة",
    "مراقبون",
    "عتيد",
    "اتصالات",
    "الصليب الأحمر",
    "الهلال الأحمر",
    "الحزب الجمهوري",
    "الحزب الديمقراطي",
    "الجبهة الشعبية",
    "الجبهة الديمقراطية",
    "حزب العمال",
    "حزب المؤتمر",
    "حزب العدالة والتنمية",
    "حزب الشعب الجمهوري",
    "التجمع الوطني",
    "الحزب الديمقراطي التقدمي",
    "نقابة الصحفيين",
    "نقابة المحامين",
    "هيئة المحامين",
    "تحيا تونس",
    "مشروع تونس",
    # places and words that some names transliterate (a city, the Amazon, camels, El Kef)
    "برشلونة",
    "مدريد",
    "ليفربول",
    "ميلان",
    "روما",
    "نابولي",
    "بورتو",
    "دورتموند",
    "الكاف",
    "كاف",
    "آبل",
    "الإبل",
    "أمازون",
    "الأمازون",
    "شل",
    "تسلا",
    "تويوتا",
    "أورانج",
    "ميتا",
    "إيني",
    "علي بابا",
    "إكس",
]

# Organizations the brief and the Tunisian press rely on, with names matching must find.
REQUIRED = {
    "tn-ugtt": ["الاتحاد العام التونسي للشغل", "اتحاد الشغل", "UGTT"],
    "tn-utica": ["الاتحاد التونسي للصناعة والتجارة والصناعات التقليدية", "UTICA"],
    "tn-utap": ["الاتحاد التونسي للفلاحة والصيد البحري", "UTAP"],
    "tn-onat": ["الهيئة الوطنية للمحامين"],
    "tn-snjt": ["النقابة الوطنية للصحفيين التونسيين"],
    "tn-ltdh": ["الرابطة التونسية للدفاع عن حقوق الإنسان"],
    "tn-cnom": ["عمادة الأطباء"],
    "tn-ennahda": ["حركة النهضة"],
    "tn-nidaa-tounes": ["حركة نداء تونس", "نداء تونس"],
    "tn-ettakatol": ["حزب التكتل"],
    "tn-cpr": ["المؤتمر من أجل الجمهورية"],
    "tn-afek-tounes": ["آفاق تونس"],
    "tn-upl": ["الاتحاد الوطني الحر"],
    "tn-qalb-tounes": ["قلب تونس"],
    "tn-karama": ["ائتلاف الكرامة"],
    "tn-courant-democrate": ["التيار الديمقراطي"],
    "tn-echaab": ["حركة الشعب"],
    "tn-pdl": ["الحزب الدستوري الحر"],
    "tn-harak-irada": ["حراك تونس الإرادة"],
    "tn-est": ["الترجي الرياضي التونسي", "الترجي"],
    "tn-ca": ["النادي الإفريقي", "النادي الافريقي"],
    "tn-ess": ["النجم الرياضي الساحلي", "النجم الساحلي"],
    "tn-css": ["النادي الصفاقسي", "السي اس اس"],
    "tn-st": ["الملعب التونسي"],
    "tn-usm": ["الاتحاد المنستيري"],
    "tn-cab": ["النادي البنزرتي"],
    "tn-asg": ["مستقبل قابس"],
    "tn-ftf": ["الجامعة التونسية لكرة القدم"],
    "tn-lnfp": ["الرابطة الوطنية لكرة القدم المحترفة"],
    "tn-tunisair": ["الخطوط التونسية"],
    "tn-steg": ["الشركة التونسية للكهرباء والغاز", "STEG"],
    "tn-bvmt": ["بورصة تونس"],
    "ps-fatah": ["حركة فتح"],
    "tr-akp": ["AKP"],
    "fifa": ["الاتحاد الدولي لكرة القدم", "FIFA"],
    "caf": ["الاتحاد الإفريقي لكرة القدم", "CAF"],
    "uefa": ["UEFA"],
    "ioc": ["اللجنة الأولمبية الدولية"],
    "facebook": ["فيسبوك", "فايسبوك"],
    "google": ["غوغل", "جوجل"],
    "twitter": ["تويتر"],
    "youtube": ["يوتيوب"],
    "whatsapp": ["واتساب"],
    "telegram": ["تلغرام"],
    "instagram": ["إنستغرام"],
    "microsoft": ["مايكروسوفت"],
    "fitch": ["فيتش"],
    "moodys": ["موديز"],
    "sp-global": ["ستاندرد آند بورز"],
    "amnesty": ["منظمة العفو الدولية"],
    "hrw": ["هيومن رايتس ووتش"],
    "icrc": ["اللجنة الدولية للصليب الأحمر"],
    "msf": ["أطباء بلا حدود"],
    "transparency": ["منظمة الشفافية الدولية"],
}
# Names that must NOT be carried (the bare common form of a required organization).
FORBIDDEN = {
    "tn-ennahda": ["النهضة"],
    "tn-ca": ["الإفريقي"],
    "tn-echaab": ["الشعب"],
    "tn-courant-democrate": ["التيار"],
    "tn-popular-front": ["الجبهة الشعبية"],
    "ps-fatah": ["فتح"],
}
EXPECTED = {
    "tn-ugtt": ("union", "TN"),
    "tn-ennahda": ("party", "TN"),
    "tn-est": ("sports", "TN"),
    "tn-tunisair": ("company", "TN"),
    "tn-ltdh": ("ngo", "TN"),
    "ma-umt": ("union", "MA"),
    "dz-ugta": ("union", "DZ"),
    "eg-etuf": ("union", "EG"),
    "fifa": ("sports", "CH"),
    "facebook": ("company", "US"),
    "amnesty": ("ngo", "GB"),
}
EXPECTED_PARENTS = {
    "facebook": "meta",
    "instagram": "meta",
    "whatsapp": "meta",
    "youtube": "google",
    "tn-lnfp": "tn-ftf",
    "tn-ugtt-secondary": "tn-ugtt",
}
# Organizations kept in the other files, so not repeated here.
SKIPPED_ELSEWHERE = {"hamas", "hezbollah", "muslim-brotherhood", "pflp", "pkk"}

# One fold for every data test: the gazetteer test's (the matcher's folds, in short).
from tests.facts.test_gazetteer_data import _load, country_codes, fold  # noqa: E402


@cache
def civic() -> list[dict]:
    return _load("civic")


@cache
def others() -> dict[str, list[dict]]:
    """The other organization files: organizations, armed groups and media (if present)."""
    files = {name: _load(name) for name in ("organizations", "armed_groups")}
    if (DATA / "media.json").exists():
        files["media"] = _load("media")
    return files


def by_slug() -> dict[str, dict]:
    return {o["slug"]: o for o in civic()}


def names(entry: dict) -> list[str]:
    acronym = [entry["acronym"]] if entry.get("acronym") else []
    aliases = [a["name"] if isinstance(a, dict) else a for a in entry.get("aliases", [])]
    return [
        n for n in [entry.get("name_ar", ""), entry.get("name_en", ""), *acronym, *aliases] if n
    ]


def test_count_and_fields():
    assert len(civic()) >= 250
    for org in civic():
        assert list(org) == FIELDS, org.get("slug")
        assert org["kind"] in KINDS, (org["slug"], org["kind"])
        assert SLUG_RE.match(org["slug"]), org["slug"]
        assert ARABIC_RE.search(org["name_ar"]), org["slug"]
        assert not re.search("[A-Za-z]", org["name_ar"]), org["slug"]
        assert org["name_ar"].strip() == org["name_ar"], org["slug"]
        assert org["name_en"].strip() == org["name_en"] and org["name_en"], org["slug"]
        assert not ARABIC_RE.search(org["name_en"]), org["slug"]
        assert isinstance(org["acronym"], str)
        assert org["acronym"].strip() == org["acronym"], org["slug"]
        assert isinstance(org["aliases"], list), org["slug"]


def test_every_kind_is_represented():
    counts = defaultdict(int)
    for org in civic():
        counts[org["kind"]] += 1
    assert set(counts) == KINDS
    assert min(counts.values()) >= 25, dict(counts)


def test_slugs_unique_and_disjoint_from_the_other_files():
    slugs = [o["slug"] for o in civic()]
    assert len(slugs) == len(set(slugs))
    for name, entries in others().items():
        assert not set(slugs) & {e["slug"] for e in entries}, name
    assert not set(slugs) & SKIPPED_ELSEWHERE


def test_countries_and_parents_resolve():
    mine, codes = by_slug(), country_codes()
    known = set(mine) | {o["slug"] for o in others()["organizations"]}
    for org in civic():
        assert org["country"] is None or org["country"] in codes, (org["slug"], org["country"])
        assert org["parent"] is None or org["parent"] in known, (org["slug"], org["parent"])
        assert org["parent"] != org["slug"], org["slug"]
        seen, node = {org["slug"]}, org
        while node["parent"] in mine:
            node = mine[node["parent"]]
            assert node["slug"] not in seen, f"parent cycle through {org['slug']}"
            seen.add(node["slug"])


def _spelling(name: str) -> str:
    # The fold without dropping the article: the matcher never adds ال to a name written
    # without it, so "الفيسبوك" ("بالفيسبوك") is a spelling of its own beside "فيسبوك".
    return " ".join(
        ("ال" + w if raw.startswith("ال") and len(raw) > 3 else w)
        for raw, w in zip(re.findall(r"\w+", name), fold(name).split(), strict=False)
    )


def test_aliases_are_well_formed():
    for org in civic():
        own = {_spelling(org["name_ar"]), fold(org["name_en"]), fold(org["acronym"])}
        folded = [_spelling(a["name"]) for a in org["aliases"]]
        assert len(folded) == len(set(folded)), f"duplicate alias in {org['slug']}"
        for alias in org["aliases"]:
            name = alias["name"]
            assert set(alias) == {"name", "lang"}, org["slug"]
            assert alias["lang"] in ALIAS_LANGS, (org["slug"], alias)
            assert name and name.strip() == name, (org["slug"], alias)
            assert _spelling(name) not in own, (org["slug"], alias)
            if alias["lang"] == "ar":
                assert ARABIC_RE.search(name) and not re.search("[A-Za-z]", name), (
                    org["slug"],
                    alias,
                )
            else:
                assert not ARABIC_RE.search(name), (org["slug"], alias)
            letters = re.sub(r"\W", "", name)
            assert len(letters) >= 3 or LATIN_ACRONYM_RE.match(name), (org["slug"], name)


def test_no_common_word_as_a_name():
    common = {fold(w) for w in COMMON_WORDS}
    for org in civic():
        for name in names(org):
            assert fold(name) not in common, (org["slug"], name)
            assert len(fold(name).replace(" ", "")) >= 3, (org["slug"], name)


def test_no_name_shared_across_rows():
    owners: dict[str, set[str]] = defaultdict(set)
    for org in civic():
        for name in names(org):
            owners[fold(name)].add(org["slug"])
    shared = sorted((n, sorted(s)) for n, s in owners.items() if len(s) > 1)
    assert not shared, shared


def test_no_name_shared_with_the_other_files():
    mine = {fold(n): o["slug"] for o in civic() for n in names(o)}
    for file, entries in others().items():
        theirs = {fold(n) for e in entries for n in names(e)}
        clashes = sorted((n, mine[n]) for n in mine if n in theirs)
        assert not clashes, (file, clashes)


def test_no_name_is_a_country_name():
    country = set()
    for c in _load("countries"):
        forms = [c["name_ar"], c["short_ar"], c["name_en"], *c["aliases_ar"], *c["adjectives_ar"]]
        country |= {fold(n) for n in forms if n}
    clashes = sorted((n, o["slug"]) for o in civic() for n in names(o) if fold(n) in country)
    assert not clashes, clashes


def test_required_rows_and_names():
    mine = by_slug()
    for slug, required in REQUIRED.items():
        assert slug in mine, f"missing organization {slug}"
        carried = {fold(n) for n in names(mine[slug])}
        missing = [n for n in required if fold(n) not in carried]
        assert not missing, (slug, missing)
    # Facebook's two press spellings are both listed as written (they differ after folding).
    assert {"فيسبوك", "فايسبوك"} <= set(names(mine["facebook"]))
    assert mine["tn-ennahda"]["name_ar"] == "حركة النهضة"
    assert mine["tn-ugtt"]["name_ar"] == "الاتحاد العام التونسي للشغل"


def test_forbidden_bare_forms():
    mine = by_slug()
    for slug, forbidden in FORBIDDEN.items():
        carried = {fold(n) for n in names(mine[slug])}
        assert not carried & {fold(n) for n in forbidden}, slug


def test_key_kinds_countries_and_parents():
    mine = by_slug()
    for slug, (kind, country) in EXPECTED.items():
        assert (mine[slug]["kind"], mine[slug]["country"]) == (kind, country), slug
    for slug, parent in EXPECTED_PARENTS.items():
        assert mine[slug]["parent"] == parent, slug


def test_state_bodies_and_armed_groups_are_left_out():
    """The central bank is a state body; Hamas and Hezbollah live in armed_groups.json."""
    folded = {fold(n) for o in civic() for n in names(o)}
    for name in ["البنك المركزي", "البنك المركزي التونسي", "حماس", "حزب الله"]:
        assert fold(name) not in folded, name
