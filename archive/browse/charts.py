"""Server-rendered SVG pictures: a timeline, a co-participation network and bars.

Pure Python (no Django, no JavaScript): the pages work without scripts and no
request leaves the machine. Callers pass labels already translated and a number
formatter for the active language. Every text that reaches the SVG is escaped
here (labels can hold an organization's or a curator's text), so the returned
markup may be marked safe by the caller and nothing else.

Each picture carries `<title>`/`<desc>` and an aria label; the page puts its text
alternative (a table or a list built from the same data) next to it.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

Number = Callable[[int], str]

# Colours with at least 4.5:1 contrast on white (WCAG AA for text and marks).
PALETTE = ("#0b5a8a", "#a04a00", "#4a5561")
MAX_MONTHS = 60  # beyond five years a monthly bar is too thin: count per year
# A stretch of this many empty months splits the dates into runs; a run holding less than
# OUTLIER_SHARE of everything counted (a 1975 event that an article of 2016 recalls) is
# shown apart, so the axis spans the period that holds the data.
OUTLIER_GAP_MONTHS = 24
OUTLIER_SHARE = 0.1


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float) -> str:
    """A coordinate: short, stable, locale-free."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _dir(rtl: bool) -> str:
    # The SVG box is left-to-right (see _svg); a label in a right-to-left page
    # is its own right-to-left run, so "start" is its right edge and mixed
    # Arabic and Latin (an acronym in brackets) reads in the right order.
    return ' direction="rtl"' if rtl else ""


def _shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary where there is one.

    Whole words keep a shortened label a part of the full name (the accessible name
    of a node must contain what the picture shows: WCAG 2.5.3).
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] not in " -":  # the cut falls inside a word: drop that word
        boundary = max(cut.rfind(" "), cut.rfind("-"))
        if boundary >= limit // 2:
            cut = cut[:boundary]
    return cut.rstrip(" -–,،") + "…"


# --- Timeline ------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineSeries:
    """One kind of thing counted per month, e.g. articles; keys are any day of the month."""

    label: str
    counts: Mapping[datetime.date, int]


@dataclass(frozen=True)
class TimelineRow:
    period: str  # "2024-03", or "2024" when counted per year
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Timeline:
    svg: str
    labels: tuple[str, ...]
    rows: tuple[TimelineRow, ...]  # the text alternative: every period with something in it
    by_year: bool
    title: str = ""
    outliers: tuple[TimelineRow, ...] = ()  # months outside the axis, per month


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def core_period(totals: Mapping[datetime.date, int]) -> tuple[datetime.date, datetime.date]:
    """The first and last month of the runs that hold the data (see OUTLIER_SHARE)."""
    months = sorted(totals)
    runs: list[list[datetime.date]] = [[months[0]]]
    for prev, day in itertools.pairwise(months):
        if _month_index(day) - _month_index(prev) > OUTLIER_GAP_MONTHS:
            runs.append([])
        runs[-1].append(day)
    everything = sum(totals.values()) or 1
    kept = [r for r in runs if sum(totals[d] for d in r) / everything >= OUTLIER_SHARE]
    if not kept:  # scattered evenly: no run stands out, keep them all
        kept = runs
    return kept[0][0], kept[-1][-1]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from first to last, inclusive, as first days."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline(
    series: Sequence[TimelineSeries],
    *,
    title: str,
    chart_id: str,
    rtl: bool = False,
    number: Number = str,
    width: int = 640,
    height: int = 200,
    max_months: int = MAX_MONTHS,
    title_by_year: str | None = None,
) -> Timeline | None:
    """Grouped bars per month (per year over long spans, titled ``title_by_year``); None
    when nothing is dated. Months far from the rest (see OUTLIER_SHARE) are left off the
    axis and returned as ``outliers``.

    In a right-to-left page time runs from right to left, as the text does.
    """
    buckets: list[dict[datetime.date, int]] = []
    for s in series:
        counts: dict[datetime.date, int] = {}
        for day, n in s.counts.items():
            if day is not None and n:
                counts[month_start(day)] = counts.get(month_start(day), 0) + int(n)
        buckets.append(counts)
    totals: dict[datetime.date, int] = {}
    for counts in buckets:
        for day, n in counts.items():
            totals[day] = totals.get(day, 0) + n
    if not totals:
        return None
    first, last_month = core_period(totals)
    outliers = tuple(
        TimelineRow(period=day.strftime("%Y-%m"), counts=tuple(c.get(day, 0) for c in buckets))
        for day in sorted(totals)
        if not first <= day <= last_month
    )
    buckets = [{d: n for d, n in c.items() if first <= d <= last_month} for c in buckets]
    periods = months_between(first, last_month)
    by_year = len(periods) > max_months
    if by_year and title_by_year:
        title = title_by_year
    if by_year:
        years = list(range(periods[0].year, periods[-1].year + 1))
        table = [
            [sum(n for day, n in counts.items() if day.year == y) for counts in buckets]
            for y in years
        ]
        names = [str(y) for y in years]
    else:
        table = [[counts.get(p, 0) for counts in buckets] for p in periods]
        names = [p.strftime("%Y-%m") for p in periods]
    peak = max(max(row) for row in table) or 1

    # The value axis stands at the start edge of the reading direction (right in Arabic).
    left, right, top, bottom = (12, 44, 30, 30) if rtl else (44, 12, 30, 30)
    axis_x, axis_anchor = (width - right + 6, "start") if rtl else (left - 6, "end")
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(table)
    group_gap = min(slot * 0.2, 6)
    # A few months only: bars no wider than a finger, each group centred in its slot.
    bar_w = min(max((slot - group_gap) / len(series), 0.5), 28)
    group_gap = slot - bar_w * len(series)

    def x_of(index: int) -> float:
        # Slot `index` counted from the start edge of the reading direction.
        return left + (len(table) - 1 - index) * slot if rtl else left + index * slot

    parts = []
    # Axis: a baseline, the peak line with its value, and a handful of period labels.
    base_y = top + plot_h
    parts.append(
        f'<line x1="{left}" y1="{_num(base_y)}" x2="{width - right}" y2="{_num(base_y)}" '
        f'stroke="#4a5561" stroke-width="1"/>'
    )
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{width - right}" y2="{top}" '
        f'stroke="#d5dbe1" stroke-dasharray="3 3"/>'
    )
    parts.append(
        f'<text x="{axis_x}" y="{top + 4}" text-anchor="{axis_anchor}" font-size="13" '
        f'fill="#4a5561">{_e(number(peak))}</text>'
    )
    parts.append(
        f'<text x="{axis_x}" y="{_num(base_y)}" text-anchor="{axis_anchor}" font-size="13" '
        f'fill="#4a5561">{_e(number(0))}</text>'
    )
    step = max(1, math.ceil(len(table) / 8))
    label_indexes = list(range(0, len(table), step))
    last = len(table) - 1
    if label_indexes[-1] != last:
        # Always name the last period; drop its neighbour when they would overlap.
        if last - label_indexes[-1] < step / 2 and len(label_indexes) > 1:
            label_indexes.pop()
        label_indexes.append(last)
    for i in label_indexes:
        cx = x_of(i) + slot / 2
        parts.append(
            f'<text x="{_num(cx)}" y="{_num(base_y + 18)}" text-anchor="middle" '
            f'font-size="13" fill="#4a5561">{_e(names[i])}</text>'
        )
    for i, row in enumerate(table):
        for j, n in enumerate(row):
            if not n:
                continue
            h = max(plot_h * n / peak, 1.5)
            offset = group_gap / 2 + (len(series) - 1 - j if rtl else j) * bar_w
            parts.append(
                f'<rect x="{_num(x_of(i) + offset)}" y="{_num(base_y - h)}" '
                f'width="{_num(bar_w)}" height="{_num(h)}" fill="{PALETTE[j % len(PALETTE)]}">'
                f"<title>{_e(names[i])}: {_e(series[j].label)} {_e(number(n))}</title></rect>"
            )
    # Legend, at the start edge of the reading direction.
    legend_x = width - right if rtl else left
    cursor = 0.0
    for j, s in enumerate(series):
        label = _shorten(s.label, 30)
        swatch_x = legend_x - cursor - 10 if rtl else legend_x + cursor
        text_x = swatch_x - 4 if rtl else swatch_x + 14
        parts.append(
            f'<rect x="{_num(swatch_x)}" y="6" width="10" height="10" '
            f'fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{_num(text_x)}" y="15" text-anchor="start"{_dir(rtl)} font-size="14" '
            f'fill="#1d232b">{_e(label)}</text>'
        )
        cursor += 14 + 8.5 * len(label) + 18

    rows = tuple(
        TimelineRow(period=names[i], counts=tuple(row)) for i, row in enumerate(table) if any(row)
    )
    desc = "; ".join(
        f"{s.label}: {number(sum(row[j] for row in table))}" for j, s in enumerate(series)
    )
    span = f"{names[0]} – {names[-1]}" if len(names) > 1 else names[0]
    if outliers:
        desc += "; " + ", ".join(
            f"{o.period}: "
            + " ".join(f"{s.label} {number(n)}" for s, n in zip(series, o.counts, strict=True) if n)
            for o in outliers
        )
    svg = _svg(
        chart_id=chart_id,
        title=title,
        desc=f"{span}. {desc}",
        width=width,
        height=height,
        body="".join(parts),
        css_class="chart timeline",
    )
    return Timeline(
        svg=svg,
        labels=tuple(s.label for s in series),
        rows=rows,
        by_year=by_year,
        title=title,
        outliers=outliers,
    )


# --- Network -------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    key: str
    label: str  # short label drawn under the node (an acronym, say)
    title: str  # full name (and what the weight counts): the link's accessible name
    url: str
    weight: int  # e.g. the number of meetings


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    weight: int  # shared meetings


Point = tuple[float, float]


def circle_layout(keys: Sequence[str], *, radius: float = 0.42) -> dict[str, Point]:
    """Keys evenly on a circle in the unit square, the first at twelve o'clock."""
    n = len(keys)
    if n == 1:
        return {keys[0]: (0.5, 0.5)}
    return {
        key: (
            0.5 + radius * math.sin(2 * math.pi * i / n),
            0.5 - radius * math.cos(2 * math.pi * i / n),
        )
        for i, key in enumerate(keys)
    }


def force_layout(
    keys: Sequence[str],
    edges: Iterable[Edge],
    *,
    iterations: int = 60,
    gravity: float = 1.0,
    min_distance: float = 0.18,
) -> dict[str, Point]:
    """A small Fruchterman–Reingold layout in the unit square.

    Deterministic: it starts from the circle in the given order and uses no
    randomness, so the same graph is always drawn the same way.
    """
    index = set(keys)
    weighted = [(e.a, e.b, e.weight) for e in edges if e.a in index and e.b in index]
    linked = {key for a, b, _w in weighted for key in (a, b)}
    # Organizations without a partner would only be pushed to the rim: they go
    # in a row under the drawing instead.
    alone = [key for key in keys if key not in linked]
    keys = [key for key in keys if key in linked]
    n = len(keys)
    pos = {k: list(p) for k, p in circle_layout(keys, radius=0.35).items()} if keys else {}
    if n < 3:
        return _fit(_with_row({k: (p[0], p[1]) for k, p in pos.items()}, alone))
    peak = max((w for _a, _b, w in weighted), default=1)
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = {key: [0.0, 0.0] for key in keys}
        for i in range(n):
            a = keys[i]
            pa = pos[a]
            for j in range(i + 1, n):
                b = keys[j]
                pb = pos[b]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                dist2 = dx * dx + dy * dy or 1e-6
                force = k * k / dist2
                disp[a][0] += dx * force
                disp[a][1] += dy * force
                disp[b][0] -= dx * force
                disp[b][1] -= dy * force
        for a, b, w in weighted:
            pa, pb = pos[a], pos[b]
            dx, dy = pa[0] - pb[0], pa[1] - pb[1]
            dist = math.sqrt(dx * dx + dy * dy) or 1e-3
            force = dist / k * (0.5 + w / peak)
            disp[a][0] -= dx * force
            disp[a][1] -= dy * force
            disp[b][0] += dx * force
            disp[b][1] += dy * force
        for key in keys:
            # Gravity towards the centre: it sets the drawing's scale and keeps
            # organizations without partners from drifting off the canvas.
            disp[key][0] += (0.5 - pos[key][0]) * gravity
            disp[key][1] += (0.5 - pos[key][1]) * gravity
            dx, dy = disp[key]
            length = math.sqrt(dx * dx + dy * dy)
            if length:
                step = min(length, temperature)
                pos[key][0] += dx / length * step
                pos[key][1] += dy / length * step
        temperature -= cooling
    # The forces pull a group that all met together (a clique) into a knot whose circles
    # and labels cover each other: spread the fitted drawing until they stand apart.
    spread = _spread(_fit({k: (p[0], p[1]) for k, p in pos.items()}), min_distance)
    return _fit(_with_row(spread, alone))


def _spread(pos: dict[str, Point], min_distance: float, rounds: int = 80) -> dict[str, Point]:
    """Push apart, pair by pair, points closer than `min_distance` (deterministic)."""
    keys = list(pos)
    points = {k: list(p) for k, p in pos.items()}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                pa, pb = points[a], points[b]
                dx, dy = pb[0] - pa[0], pb[1] - pa[1]
                dist = math.hypot(dx, dy)
                if dist >= min_distance:
                    continue
                if dist < 1e-9:  # on top of each other: part them along a fixed slant
                    dx, dy, dist = 0.6, 0.8, 1.0
                push = (min_distance - dist) / 2
                ux, uy = dx / dist * push, dy / dist * push
                pa[0] -= ux
                pa[1] -= uy
                pb[0] += ux
                pb[1] += uy
                moved = True
        if not moved:
            break
    return {k: (p[0], p[1]) for k, p in points.items()}


def _with_row(pos: dict[str, Point], keys: Sequence[str]) -> dict[str, Point]:
    """`keys` in an evenly spaced row below the positions already placed."""
    if not keys:
        return pos
    if not pos:
        return circle_layout(keys)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1 = min(xs), max(xs)
    y = max(ys) + max((max(ys) - min(ys)) * 0.2, 0.1)
    step = (x1 - x0) / (len(keys) + 1) if x1 > x0 else 0.1
    placed = dict(pos)
    for i, key in enumerate(keys):
        placed[key] = (x0 + step * (i + 1), y)
    return placed


def _fit(pos: dict[str, Point], margin: float = 0.04) -> dict[str, Point]:
    """Stretch positions to fill the unit square minus a margin (each axis on its own)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, y0 = min(xs), min(ys)
    sx = (1 - 2 * margin) / ((max(xs) - x0) or 1.0)
    sy = (1 - 2 * margin) / ((max(ys) - y0) or 1.0)
    return {k: (margin + (x - x0) * sx, margin + (y - y0) * sy) for k, (x, y) in pos.items()}


def ego_layout(center: str, others: Sequence[str]) -> dict[str, Point]:
    """The centre in the middle, the others around it in the given order."""
    pos = circle_layout(list(others), radius=0.38) if others else {}
    if len(others) == 1:
        pos = {others[0]: (0.5, 0.12)}
    pos[center] = (0.5, 0.5)
    return pos


def _bend(a: Point, b: Point, away_from: Point) -> Point:
    """The control point of a curve from a to b that bulges away from `away_from`."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = mx - away_from[0], my - away_from[1]
    length = math.hypot(b[0] - a[0], b[1] - a[1])
    distance = math.hypot(dx, dy)
    if distance < 1e-6:  # a and b face each other across the centre: bend sideways
        dx, dy, distance = -(b[1] - a[1]), b[0] - a[0], length or 1.0
    push = 0.35 * length
    return mx + dx / distance * push, my + dy / distance * push


def network(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    title: str,
    chart_id: str,
    center: str | None = None,
    rtl: bool = False,
    number: Number = str,
    width: int = 640,
    height: int = 480,
) -> str:
    """Organizations as linked nodes, shared meetings as weighted edges.

    The nodes are links, so the picture is a labelled group (not role="img",
    whose children are hidden from assistive technology); every link has the
    organization's full name as its accessible name.
    """
    if not nodes:
        return ""
    keys = [n.key for n in nodes]
    known = set(keys)
    edges = [e for e in edges if e.a in known and e.b in known and e.a != e.b]
    if center is not None and center in known:
        pos = ego_layout(center, [k for k in keys if k != center])
    else:
        pos = force_layout(keys, edges)
    top_weight = max(n.weight for n in nodes) or 1
    top_edge = max((e.weight for e in edges), default=1)
    pad_x, pad_y = 60, 30
    plot_w, plot_h = width - 2 * pad_x, height - 2 * pad_y

    def at(key: str) -> Point:
        x, y = pos[key]
        return pad_x + x * plot_w, pad_y + y * plot_h

    parts = ['<g class="edges" fill="none" stroke="#7a8896" stroke-opacity="0.7">']
    middle = (width / 2, height / 2)
    for e in sorted(edges, key=lambda e: (e.weight, e.a, e.b)):
        (x1, y1), (x2, y2) = at(e.a), at(e.b)
        stroke = _num(1 + 5 * e.weight / top_edge)
        if center is None or center in (e.a, e.b):
            parts.append(
                f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
                f'stroke-width="{stroke}"/>'
            )
            continue
        # Around one organization, an edge between two of its partners bends
        # outwards so that it does not run through the organization itself.
        cx, cy = _bend((x1, y1), (x2, y2), middle)
        parts.append(
            f'<path d="M{_num(x1)} {_num(y1)} Q{_num(cx)} {_num(cy)} {_num(x2)} {_num(y2)}" '
            f'stroke-width="{stroke}"/>'
        )
    parts.append('</g><g class="nodes">')
    for node in nodes:
        x, y = at(node.key)
        r = 6 + 12 * math.sqrt(node.weight / top_weight)
        fill = PALETTE[1] if node.key == center else PALETTE[0]
        name = node.title
        parts.append(
            f'<a href="{_e(node.url)}" aria-label="{_e(name)}">'
            f"<title>{_e(name)}</title>"
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="{fill}" '
            f'stroke="#fff" stroke-width="2"/>'
            f'<text x="{_num(x)}" y="{_num(y + r + 15)}" text-anchor="middle"{_dir(rtl)} '
            f'font-size="14" fill="#1d232b" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f"{_e(_shorten(node.label, 22))}</text></a>"
        )
    parts.append("</g>")
    return _svg(
        chart_id=chart_id,
        title=title,
        desc="",
        width=width,
        height=height,
        body="".join(parts),
        css_class="chart network",
        role="group",
    )


# --- Bars ------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bars(
    items: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    rtl: bool = False,
    number: Number = str,
    width: int = 640,
    row_height: int = 30,
) -> str:
    """Horizontal bars, longest first as given; the label column on the reading start side."""
    if not items:
        return ""
    peak = max(b.value for b in items) or 1
    label_w, value_w, pad = 200, 48, 8
    bar_space = width - label_w - value_w - 2 * pad
    height = row_height * len(items) + 2 * pad
    parts = []
    for i, item in enumerate(items):
        y = pad + i * row_height
        w = max(bar_space * item.value / peak, 1.5)
        label = _e(_shorten(item.label, 26))
        value = _e(number(item.value))
        mid = y + row_height / 2 + 4
        if rtl:
            label_x = width - pad
            bar_x = width - pad - label_w - w
            value_x = bar_x - 6
            parts.append(
                f'<text x="{label_x}" y="{_num(mid)}" text-anchor="start"{_dir(rtl)} '
                f'font-size="15" fill="#1d232b">{label}</text>'
            )
            value_anchor = "end"
        else:
            bar_x = pad + label_w
            value_x = bar_x + w + 6
            parts.append(
                f'<text x="{pad}" y="{_num(mid)}" text-anchor="start" font-size="15" '
                f'fill="#1d232b">{label}</text>'
            )
            value_anchor = "start"
        parts.append(
            f'<rect x="{_num(bar_x)}" y="{_num(y + 5)}" width="{_num(w)}" '
            f'height="{row_height - 10}" fill="{PALETTE[0]}">'
            f"<title>{_e(item.label)}: {value}</title></rect>"
            f'<text x="{_num(value_x)}" y="{_num(mid)}" text-anchor="{value_anchor}" '
            f'font-size="14" fill="#4a5561">{value}</text>'
        )
    return _svg(
        chart_id=chart_id,
        title=title,
        desc="; ".join(f"{b.label}: {number(b.value)}" for b in items[:20]),
        width=width,
        height=height,
        body="".join(parts),
        css_class="chart bars",
    )


# --- Shared ----------------------------------------------------------------------


def _svg(
    *,
    chart_id: str,
    title: str,
    desc: str,
    width: int,
    height: int,
    body: str,
    css_class: str,
    role: str = "img",
) -> str:
    labelled = f"{chart_id}-title" + (f" {chart_id}-desc" if desc else "")
    # direction="ltr": coordinates and anchors above are computed for a
    # left-to-right box; without it the SVG would inherit dir="rtl" from the page
    # and flip every text anchor.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{_e(chart_id)}" class="{_e(css_class)}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'role="{role}" aria-labelledby="{_e(labelled)}" direction="ltr" '
        f'font-family="inherit">'
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>'
        + (f'<desc id="{_e(chart_id)}-desc">{_e(desc)}</desc>' if desc else "")
        + body
        + "</svg>"
    )
