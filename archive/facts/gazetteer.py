"""The curated gazetteer: shipped JSON ↔ database rows ↔ the extraction matcher.

`load_shipped` takes the model classes as arguments so the data migration can
call it with historical models and the `load_gazetteer` command with the real
ones. It only adds what is missing: a curator's edits are never overwritten.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@cache
def shipped(name: str) -> list[dict]:
    path = DATA_DIR / f"{name}.json"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


# The organization files, in the order they are read: the hand-curated bodies, then the
# armed groups, the media, and the parties, unions, companies, sports bodies and NGOs.
ORGANIZATION_FILES = ("organizations", "armed_groups", "media", "civic")


def shipped_organizations() -> list[dict]:
    """Every shipped organization: the files above, then one state institution per
    country and kind of body (``archive/text/institutions.py``) that no file holds."""
    from archive.text.institutions import generated_organizations

    rows = [row for name in ORGANIZATION_FILES for row in shipped(name)]
    return rows + generated_organizations(shipped("countries"), rows)


def load_shipped_from(apps) -> dict[str, int]:
    """``load_shipped`` with a data migration's historical models (the migrations that
    load a grown gazetteer call this)."""
    models = ("Country", "City", "Organization", "OrganizationAlias")
    return load_shipped(**{name: apps.get_model("archive", name) for name in models})


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
    # The cities: GeoNames under the hand list (archive/facts/places.py).
    from archive.facts.places import maintained_cities

    city_fields = {f.name for f in City._meta.get_fields()}
    existing_cities = set(City.objects.values_list("country__code", "name_en"))
    new_cities = []
    for row in maintained_cities():
        key = (row["country"], row["name_en"])
        if key in existing_cities or row["country"] not in countries:
            continue
        extra_city = {
            k: v
            for k, v in (
                ("population", row.get("population") or 0),
                ("geonameid", row.get("geonameid") or None),
            )
            if k in city_fields
        }
        new_cities.append(
            City(
                name_ar=row["name_ar"],
                name_en=row["name_en"],
                country=countries[row["country"]],
                aliases_ar=row.get("aliases_ar", []),
                latitude=row.get("lat"),
                longitude=row.get("lon"),
                **extra_city,
            )
        )
        existing_cities.add(key)
    City.objects.bulk_create(new_cities, batch_size=1000)
    added["cities"] += len(new_cities)
    if "population" in city_fields:
        # Cities loaded before the population was kept get GeoNames' figure.
        sizes = {
            (r["country"], r["name_en"]): r.get("population") or 0 for r in maintained_cities()
        }
        stale = []
        for city in City.objects.filter(population=0).select_related("country"):
            size = sizes.get((city.country.code, city.name_en))
            if size:
                city.population = size
                stale.append(city)
        City.objects.bulk_update(stale, ["population"], batch_size=1000)
    # An older migration calls this with the model as it was then: only its fields are set.
    has = {f.name for f in Organization._meta.get_fields()}
    later = {"institution", "designations", "attribution_names"} & has
    orgs = {o.slug: o for o in Organization.objects.all()}
    all_rows = shipped_organizations()
    rows = [row for row in all_rows if row["slug"] not in orgs]

    def extra(row: dict) -> dict:
        values = {
            "institution": row.get("institution") or "",
            "designations": list(row.get("designations") or ()),
            "attribution_names": list(row.get("attribution_names") or ()),
        }
        return {k: v for k, v in values.items() if k in later}

    # Rows loaded before these fields existed get them, unless a curator filled them in.
    backfill = []
    for row in all_rows:
        org = orgs.get(row["slug"])
        if org is None:
            continue
        changed = False
        for name, value in extra(row).items():
            if value and not getattr(org, name):
                setattr(org, name, value)
                changed = True
        if changed:
            backfill.append(org)
    if backfill:
        Organization.objects.bulk_update(backfill, sorted(later), batch_size=1000)
    created = Organization.objects.bulk_create(
        [
            Organization(
                slug=row["slug"],
                name_ar=row["name_ar"],
                name_en=row.get("name_en", ""),
                acronym=row.get("acronym") or "",
                kind=row.get("kind", "other"),
                country=countries.get(row.get("country") or ""),
                **extra(row),
            )
            for row in rows
        ],
        batch_size=1000,
    )
    for org in created:
        orgs[org.slug] = org
    added["organizations"] += len(created)
    with_parent = []
    for row in rows:
        if row.get("parent") and row["parent"] in orgs:
            org = orgs[row["slug"]]
            org.parent = orgs[row["parent"]]
            with_parent.append(org)
    Organization.objects.bulk_update(with_parent, ["parent"], batch_size=1000)
    aliases = []
    for row in rows:
        names = {}
        for alias in row.get("aliases", []):
            names.setdefault(alias["name"], alias.get("lang", "ar"))
        aliases += [
            OrganizationAlias(
                organization=orgs[row["slug"]],
                name=name,
                language=lang if lang in {"ar", "en", "fr", "ru"} else "other",
                is_acronym=name.isupper() and len(name) <= 12 and name.isascii(),
            )
            for name, lang in names.items()
        ]
    OrganizationAlias.objects.bulk_create(aliases, ignore_conflicts=True, batch_size=1000)
    added["aliases"] += len(aliases)
    return added


def table_signature(*models, using: str | None = None) -> tuple:
    """A fingerprint of every column of every row of these models' tables: equal
    fingerprints mean nothing was added, removed or edited (a renamed alias included), so
    a cache built from the tables is still right. One query; table names from metadata."""
    from django.db import connections, router

    using = using or router.db_for_read(models[0])
    one = "(SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM {} t)"
    sql = "SELECT " + ", ".join(one.format(m._meta.db_table) for m in models)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return (using, connection.settings_dict["NAME"], *cursor.fetchone())


# The matcher takes seconds to build and ingest asks for it at every run: it is kept
# with the signature of the four tables it is built from, and rebuilt only when a
# curator's edit, a merge or load_gazetteer changed them.
_built: tuple[tuple, object] | None = None


def database_gazetteer():
    """The extraction matcher built from the database, so curators' edits count."""
    global _built
    from archive.models import City, Country, Organization, OrganizationAlias

    signature = table_signature(Organization, OrganizationAlias, Country, City, using="default")
    if _built is not None and _built[0] == signature:
        return _built[1]
    gazetteer = _build_database_gazetteer()
    _built = (signature, gazetteer)
    return gazetteer


def _build_database_gazetteer():
    from archive.models import City, Country, Organization, OrganizationAlias
    from archive.text.extraction import Gazetteer

    # Plain rows, not model instances: the gazetteer is tens of thousands of rows.
    aliases: dict[int, list[dict]] = {}
    for org_id, name, lang in OrganizationAlias.objects.values_list(
        "organization_id", "name", "language"
    ):
        aliases.setdefault(org_id, []).append({"name": name, "lang": lang})
    fields = ("slug", "name_ar", "name_en", "acronym", "kind", "institution", "attribution_names")
    organizations = [
        {
            **dict(zip(fields, values, strict=True)),
            "country": code,
            "parent": None,
            "aliases": aliases.get(pk, []),
        }
        for pk, code, *values in Organization.objects.values_list("pk", "country__code", *fields)
    ]
    country_fields = (
        "name_en",
        "name_ar",
        "iso3",
        "short_ar",
        "aliases_ar",
        "adjectives_ar",
        "ambiguous_aliases_ar",
        "status",
    )
    countries = [
        {"iso2": code, **dict(zip(country_fields, values, strict=True))}
        for code, *values in Country.objects.values_list("code", *country_fields)
    ]
    cities = [
        {
            "name_ar": name_ar,
            "name_en": name_en,
            "country": code,
            "aliases_ar": aliases_ar,
            "lat": lat,
            "lon": lon,
            "population": population,
        }
        for name_ar, name_en, code, aliases_ar, lat, lon, population in City.objects.values_list(
            "name_ar",
            "name_en",
            "country__code",
            "aliases_ar",
            "latitude",
            "longitude",
            "population",
        )
    ]
    return Gazetteer.from_data(organizations=organizations, countries=countries, cities=cities)
