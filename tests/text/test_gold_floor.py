"""Floors on the hand-labelled gold set (bench/gold/): extraction must not get worse on
real news it was not tuned on. The figures themselves are in the README
(bench/extraction_eval.py); only the dev part is pinned here."""

from archive.text.extraction import Gazetteer
from bench.extraction_eval import load, score


def _dev():
    rows = [r for r in load() if r["split"] == "dev"]
    assert len(rows) >= 100
    return score(rows, Gazetteer.default())


def test_every_gold_article_is_labelled_once():
    ids = [r["id"] for r in load()]
    assert len(ids) == 360 and len(set(ids)) == 360


def test_countries_and_listed_bodies_stay_above_their_floors():
    dev = _dev()
    _p, _r, f1 = dev.prf("cty", "cty_found", "cty_gold")
    assert f1 >= 0.85
    p, _r, _f = dev.prf("org", "org_found", "org_gold")
    assert p >= 0.9  # what is found is right
    assert dev.c["kind_intergovernmental_found"] / dev.c["kind_intergovernmental"] >= 0.5
