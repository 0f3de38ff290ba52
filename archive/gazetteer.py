"""The curated gazetteer: shipped JSON ↔ database rows ↔ the extraction matcher.

`load_shipped` takes the model classes as arguments so the data migration can
call it with historical models and the `load_gazetteer` command with the real
ones. It only adds what is missing: a curator's edits are never overwritten.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def shipped(name: str) -> list[dict]:
    with open(DATA_DIR / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_shipped(*, Country, City, Organization, OrganizationAlias) -> dict[str, int]:  # noqa: N803
    """Insert the shipped countries, cities, organizations and aliases that are missing."""
    added = {"countries": 0, "cities": 0, "organizations": 0, "aliases": 0}
    countries = {c.code: c for c in Country.objects.all()}
    for row in shipped("countries"):
        if row["iso2"] in countries:
            continue
        countries[row["iso2"]] = Country.objects.create(
            code=row["iso2"],
            iso3=row.get("iso3", ""),
            name_ar=row["name_ar"],
            name_en=row["name_en"],
            short_ar=row.get("short_ar", ""),
            aliases_ar=row.get("aliases_ar", []),
            adjectives_ar=row.get("adjectives_ar", []),
            ambiguous_aliases_ar=row.get("ambiguous_aliases_ar", []),
            status=row.get("status", "member"),
        )
        added["countries"] += 1
    existing_cities = set(City.objects.values_list("country__code", "name_en"))
    for row in shipped("cities"):
        if (row["country"], row["name_en"]) in existing_cities:
            continue
        City.objects.create(
            name_ar=row["name_ar"],
            name_en=row["name_en"],
            country=countries[row["country"]],
            aliases_ar=row.get("aliases_ar", []),
            latitude=row.get("lat"),
            longitude=row.get("lon"),
        )
        existing_cities.add((row["country"], row["name_en"]))
        added["cities"] += 1
    orgs = {o.slug: o for o in Organization.objects.all()}
    new_rows = []
    for row in shipped("organizations"):
        if row["slug"] in orgs:
            continue
        orgs[row["slug"]] = Organization.objects.create(
            slug=row["slug"],
            name_ar=row["name_ar"],
            name_en=row.get("name_en", ""),
            acronym=row.get("acronym") or "",
            kind=row.get("kind", "other"),
            country=countries.get(row.get("country") or ""),
        )
        new_rows.append(row)
        added["organizations"] += 1
    for row in new_rows:
        org = orgs[row["slug"]]
        if row.get("parent") and row["parent"] in orgs:
            org.parent = orgs[row["parent"]]
            org.save(update_fields=["parent"])
        names = {}
        for alias in row.get("aliases", []):
            names.setdefault(alias["name"], alias.get("lang", "ar"))
        OrganizationAlias.objects.bulk_create(
            [
                OrganizationAlias(
                    organization=org,
                    name=name,
                    language=lang if lang in {"ar", "en", "fr", "ru"} else "other",
                    is_acronym=name.isupper() and len(name) <= 12 and name.isascii(),
                )
                for name, lang in names.items()
            ],
            ignore_conflicts=True,
        )
        added["aliases"] += len(names)
    return added
