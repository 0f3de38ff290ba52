"""The maintained cities (archive/facts/places.py): GeoNames under the hand list."""

from __future__ import annotations

import pytest

from archive.facts import places
from archive.text.script import fold


@pytest.fixture(scope="module")
def cities() -> list[dict]:
    return places.maintained_cities()


def _find(cities, country: str, name_ar: str) -> list[dict]:
    return [c for c in cities if c["country"] == country and c["name_ar"] == name_ar]


def test_rows_are_shaped_like_the_hand_list(cities):
    keys = {"name_ar", "name_en", "country", "aliases_ar", "lat", "lon", "population", "geonameid"}
    for c in cities:
        assert set(c) == keys
        assert isinstance(c["population"], int) and isinstance(c["geonameid"], int)
        assert isinstance(c["aliases_ar"], list)


def test_count(cities):
    assert len(cities) >= 5000


def test_one_row_per_country_and_english_name(cities):
    keys = [(c["country"], c["name_en"]) for c in cities]
    assert len(keys) == len(set(keys))
    ids = [c["geonameid"] for c in cities if c["geonameid"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("country", "name_ar"),
    [("TN", "صفاقس"), ("TN", "سوسة"), ("TN", "القيروان"), ("SA", "جدة"), ("EG", "القاهرة")],
)
def test_known_cities(cities, country, name_ar):
    assert _find(cities, country, name_ar)


def test_same_arabic_name_in_several_countries(cities):
    us = _find(cities, "US", "سان خوسيه")
    cr = _find(cities, "CR", "سان خوسيه")
    assert len(us) == 1 and len(cr) == 1
    assert us[0]["population"] > cr[0]["population"] > 0
    assert _find(cities, "LY", "طرابلس") and _find(cities, "LB", "طرابلس")


def test_every_hand_list_city_is_kept_with_its_aliases(cities):
    by_key = {(c["country"], c["name_en"]): c for c in cities}
    for hand in places._hand_list():
        row = by_key[(hand["country"], hand["name_en"])]
        assert row["name_ar"] == hand["name_ar"]
        assert set(hand["aliases_ar"]) <= set(row["aliases_ar"])


def test_no_common_word_is_a_city_name(cities):
    words = {fold(w) for w in places._read_list(places.COMMON_WORDS_FILE)}
    assert len(words) > 100
    for c in cities:
        for name in [c["name_ar"], *c["aliases_ar"]]:
            assert fold(name) not in words, (c["name_en"], name)


def test_names_are_arabic_script_only(cities):
    for c in cities:
        for name in [c["name_ar"], *c["aliases_ar"]]:
            # harakat are allowed (a hand-list alias writes "فيينّا"), other marks are not
            assert places.is_arabic_name(places.clean_name(name)), (c["name_en"], name)


def test_arabic_letter_test():
    assert places.is_arabic_name("سان خوسيه")
    assert places.is_arabic_name("إسطنبول")
    assert places.is_arabic_name("دبى")  # a final alef maqsura is Arabic
    assert not places.is_arabic_name("اسکالدس-انگوردانی")  # Persian ک گ ی
    assert not places.is_arabic_name("پاریس")
    assert not places.is_arabic_name("رىياد")  # Uyghur: ى inside a word
    assert not places.is_arabic_name("ئالجىر")
    assert not places.is_arabic_name("د مشق")  # a broken entry
    assert not places.is_arabic_name("Paris")
    assert not places.is_arabic_name("")


def test_arabic_names_ranking():
    assert places.arabic_names(["Cairo", "القاهرة", "قاهره"]) == ["القاهرة"]
    assert places.arabic_names(["ترابلس", "طرابلس"])[0] == "طرابلس"
    assert places.arabic_names(["جدّة", "جده"]) == ["جدة"]
    assert places.arabic_names(["ولاية قابس", "قابس"]) == ["قابس"]


def test_cached_and_fast():
    assert places.maintained_cities() is places.maintained_cities()
