"""Extraction measured on the hand-labelled gold set (bench/gold/), dev and held apart.

    .venv/bin/python bench/extraction_eval.py            # the tables for the README
    .venv/bin/python bench/extraction_eval.py --errors   # also list the dev set's errors

The labels were written by reading the articles (bench/gold/SCHEMA.md), never from the
extractor's output. Tune on the dev part only; the held part's errors are for reporting
(--errors never lists them). Runs the pure extractor with the shipped gazetteer: no
database.

Matching a found organization to a labelled one compares spellings, not ids (the labels
name bodies no list holds): after folding letters and dropping the proclitics و ف ب ل ك
and the article ال, one spelling's words must be a run of the other's.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.text import script  # noqa: E402
from archive.text.extraction import Gazetteer, extract  # noqa: E402
from archive.text.extraction.event_confidence import PUBLIC_AT  # noqa: E402

GOLD = ROOT / "bench" / "gold"
KINDS = ("intergovernmental", "state", "armed_group", "media", "other")
_PROCLITIC = re.compile(r"^(?:[وف])?(?:لل|بال|كال|ال|[بلك])?")
_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    out = []
    for w in _WORD.findall(script.fold(script.clean(text or "")).casefold()):
        stripped = _PROCLITIC.sub("", w)
        out.append(stripped if len(stripped) >= 2 else w)
    return tuple(out)


def _run_of(a: tuple, b: tuple) -> bool:
    return bool(a) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def same_name(a: tuple, b: tuple) -> bool:
    return _run_of(a, b) or _run_of(b, a)


def load() -> list[dict]:
    selection = {}
    with open(GOLD / "selection.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            selection[row["id"]] = row
    gold = []
    for path in sorted(GOLD.glob("labels_*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    label = json.loads(line)
                    gold.append({**selection[label["id"]], "gold": label})
    return gold


# The press each gold article comes from, as ingest knows it from Source.country: the ANT
# corpus is Tunisian radio (Jawhara FM).
SOURCE_COUNTRIES = {"ant": "TN"}


def source_country(row: dict) -> str | None:
    return SOURCE_COUNTRIES.get(row["id"].split("-")[0])


def _published(row: dict) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((row.get("published_at") or "")[:10])
    except ValueError:
        return None


class Score:
    def __init__(self) -> None:
        self.c = Counter()
        self.errors: list[str] = []

    def prf(self, tp: str, found: str, gold: str) -> tuple[float, float, float]:
        p = self.c[tp + "_p"] / self.c[found] if self.c[found] else 0.0
        r = self.c[tp + "_r"] / self.c[gold] if self.c[gold] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[dict], gazetteer: Gazetteer) -> Score:
    s = Score()
    for row in rows:
        g = row["gold"]
        ex = extract(
            title=row["title"],
            body=row["body"],
            published=_published(row),
            gazetteer=gazetteer,
            source_country=source_country(row),
        )
        # Organizations
        found = [{words(f) for f in m.surface_forms} | {words(m.key)} for m in ex.organizations]
        golds = [
            {words(f) for f in [o["name_ar"], o.get("name_en") or "", *o.get("forms", [])] if f}
            for o in g["organizations"]
        ]
        s.c["org_found"] += len(found)
        for i, forms in enumerate(found):
            if any(any(same_name(a, b) for a in forms for b in gf) for gf in golds):
                s.c["org_p"] += 1
            else:
                s.errors.append(f"{row['id']} org+ {ex.organizations[i].surface_forms}")
        for o, gf in zip(g["organizations"], golds, strict=True):
            kind = o["kind"] if o["kind"] in KINDS else "other"
            s.c["org_gold"] += 1
            s.c[f"kind_{kind}"] += 1
            if any(any(same_name(a, b) for a in forms for b in gf) for forms in found):
                s.c["org_r"] += 1
                s.c[f"kind_{kind}_found"] += 1
            else:
                s.errors.append(f"{row['id']} org- {o['name_ar']} ({kind})")
        # About terrorism, counter-terrorism or security (the article's relevance)
        found_sec, gold_sec = bool(ex.security and ex.security.about), bool(g.get("about_security"))
        s.c["sec_found"] += found_sec
        s.c["sec_gold"] += gold_sec
        s.c["sec_p"] += found_sec and gold_sec
        s.c["sec_r"] += found_sec and gold_sec
        if found_sec != gold_sec:
            s.errors.append(
                f"{row['id']} security{'+' if found_sec else '-'} {ex.security.reasons[:4]}"
            )
        # Countries
        fc, gc = {m.key for m in ex.countries}, set(g["countries"])
        s.c["cty_found"] += len(fc)
        s.c["cty_gold"] += len(gc)
        s.c["cty_p"] += len(fc & gc)
        s.c["cty_r"] += len(fc & gc)
        for iso in sorted(fc - gc):
            s.errors.append(f"{row['id']} country+ {iso}")
        for iso in sorted(gc - fc):
            s.errors.append(f"{row['id']} country- {iso}")
        # Places (cities)
        fcity = [
            ({words(f) for f in m.surface_forms}, m.key.split("|")[0].casefold()) for m in ex.cities
        ]
        gcity = [(words(p["name_ar"]), (p.get("name_en") or "").casefold()) for p in g["places"]]
        s.c["city_found"] += len(fcity)
        s.c["city_gold"] += len(gcity)
        hit = [
            [(en and en == gen) or any(f == gar for f in forms) for gar, gen in gcity]
            for forms, en in fcity
        ]
        s.c["city_p"] += sum(any(h) for h in hit)
        s.c["city_r"] += sum(any(h[j] for h in hit) for j in range(len(gcity)))
        for m, h in zip(ex.cities, hit, strict=True):
            if not any(h):
                s.errors.append(f"{row['id']} city+ {m.key} {m.surface_forms}")
        for j, p in enumerate(g["places"]):
            if not any(h[j] for h in hit):
                s.errors.append(f"{row['id']} city- {p['name_ar']} ({p.get('name_en')})")
        # Meetings: a public record is found; a candidate (below PUBLIC_AT) is not
        event, extracted = g.get("event"), ex.meeting
        meeting = extracted if extracted and extracted.confidence >= PUBLIC_AT else None
        s.c["mtgall_found"] += extracted is not None
        s.c["mtgall_gold"] += event is not None
        s.c["mtgall_p"] += extracted is not None and event is not None
        s.c["mtgall_r"] += extracted is not None and event is not None
        s.c["mtg_found"] += meeting is not None
        s.c["mtg_gold"] += event is not None
        # Events with security on their agenda, found as public records on security
        gold_sec_event = event is not None and bool(event.get("security"))
        found_sec_event = meeting is not None and meeting.security
        s.c["smtg_found"] += found_sec_event
        s.c["smtg_gold"] += gold_sec_event
        s.c["smtg_p"] += found_sec_event and event is not None
        s.c["smtg_r"] += gold_sec_event and meeting is not None
        if meeting is not None and event is not None:
            s.c["mtg_p"] += 1
            s.c["mtg_r"] += 1
            s.c["field_security_n"] += 1
            s.c["field_security"] += meeting.security == bool(event.get("security"))
            s.c["field_country_n"] += bool(event.get("country"))
            s.c["field_country"] += (
                bool(event.get("country")) and meeting.country == event["country"]
            )
            s.c["field_start_n"] += bool(event.get("start"))
            s.c["field_start"] += bool(event.get("start")) and str(meeting.start) == event["start"]
            s.c["field_edition_n"] += bool(event.get("edition"))
            s.c["field_edition"] += (
                bool(event.get("edition")) and meeting.edition == event["edition"]
            )
            if event.get("city"):
                s.c["field_city_n"] += 1
                en = {
                    (p.get("name_en") or "").casefold()
                    for p in g["places"]
                    if p["name_ar"] == event["city"]
                }
                s.c["field_city"] += (
                    bool(meeting.city) and meeting.city.split("|")[0].casefold() in en
                )
        elif meeting is not None:
            s.errors.append(
                f"{row['id']} meeting+ {meeting.confidence} {meeting.reasons[1:]}"
                f" {meeting.kind}: {meeting.name[:60]}"
            )
        elif event is not None:
            why = (
                f"candidate {extracted.confidence} {extracted.reasons[1:]}"
                if extracted
                else "not found"
            )
            s.errors.append(f"{row['id']} meeting- {why} {event['kind']}: {event.get('name')}")
    return s


def table(parts: dict[str, Score], n: dict[str, int]) -> str:
    names = list(parts)
    out = ["| measure | " + " | ".join(f"{k} ({n[k]} articles)" for k in names) + " |"]
    out.append("|---|" + "---|" * len(names))

    def line(label, cells):
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    for label, key in (
        ("organizations", "org"),
        ("countries", "cty"),
        ("cities", "city"),
        ("meeting reported: public records (article level)", "mtg"),
        ("meeting reported: public records and candidates", "mtgall"),
        ("events with security on the agenda: public records on security", "smtg"),
        ("about terrorism or security (article level)", "sec"),
    ):
        cells = []
        for k in names:
            p, r, f = parts[k].prf(key, f"{key}_found", f"{key}_gold")
            cells.append(f"P {p:.2f} R {r:.2f} F1 {f:.2f}")
        line(label, cells)
    for kind in KINDS:
        cells = []
        for k in names:
            c = parts[k].c
            total = c[f"kind_{kind}"]
            cells.append(
                f"{c[f'kind_{kind}_found']}/{total}"
                + (f" ({c[f'kind_{kind}_found'] / total:.0%})" if total else "")
            )
        line(f"organizations found: {kind}", cells)
    for field in ("city", "country", "start", "edition", "security"):
        cells = []
        for k in names:
            c = parts[k].c
            total = c[f"field_{field}_n"]
            cells.append(f"{c[f'field_{field}']}/{total}")
        line(f"meeting {field} right (of public records with a labelled {field})", cells)
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list the dev part's errors")
    args = ap.parse_args()
    rows = load()
    gazetteer = Gazetteer.default()
    parts = {k: score([r for r in rows if r["split"] == k], gazetteer) for k in ("dev", "held")}
    n = {k: sum(r["split"] == k for r in rows) for k in parts}
    print(table(parts, n))
    if args.errors:
        print("\nDev errors (+ found but not labelled, - labelled but not found):")
        for e in parts["dev"].errors:
            print(" ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
