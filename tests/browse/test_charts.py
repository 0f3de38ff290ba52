"""The server-rendered pictures: well-formed, accessible, escaped and deterministic."""

import datetime
import math
import xml.etree.ElementTree as ET

from archive.browse import charts
from archive.browse.charts import Bar, Edge, Node, TimelineSeries

SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # also proves the markup is well-formed


def bars_of(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def test_months_between_crosses_years():
    assert charts.months_between(D(2019, 11, 5), D(2020, 2, 1)) == [
        D(2019, 11, 1),
        D(2019, 12, 1),
        D(2020, 1, 1),
        D(2020, 2, 1),
    ]


def test_no_dated_data_draws_no_timeline():
    assert charts.timeline([TimelineSeries("Articles", {})], title="t", chart_id="c") is None


def test_timeline_counts_per_month_with_a_table_of_the_non_empty_months():
    result = charts.timeline(
        [
            TimelineSeries("Articles", {D(2020, 1, 3): 2, D(2020, 1, 20): 1, D(2020, 4, 1): 5}),
            TimelineSeries("Meetings", {D(2020, 4, 9): 1}),
        ],
        title="Articles and meetings per month",
        chart_id="tl",
    )
    assert [(r.period, r.counts) for r in result.rows] == [
        ("2020-01", (3, 0)),
        ("2020-04", (5, 1)),
    ]
    assert result.labels == ("Articles", "Meetings")
    assert not result.by_year
    root = parse(result.svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "tl-title tl-desc"
    assert root.find(f"{SVG}title").text == "Articles and meetings per month"
    assert root.find(f"{SVG}title").get("id") == "tl-title"
    # One bar per non-zero count; each names its month and value.
    titles = [r.find(f"{SVG}title").text for r in bars_of(root)]
    assert titles == ["2020-01: Articles 3", "2020-04: Articles 5", "2020-04: Meetings 1"]


def test_long_spans_are_counted_per_year():
    result = charts.timeline(
        [TimelineSeries("Articles", {D(2001, 5, 1): 1, D(2010, 2, 1): 2, D(2010, 9, 1): 1})],
        title="t",
        chart_id="c",
    )
    assert result.by_year
    assert [(r.period, r.counts) for r in result.rows] == [("2001", (1,)), ("2010", (3,))]


def test_timeline_runs_right_to_left_in_arabic():
    data = [TimelineSeries("مقالات", {D(2020, 1, 1): 1, D(2020, 6, 1): 1})]
    ltr = bars_of(parse(charts.timeline(data, title="t", chart_id="a").svg))
    rtl = bars_of(parse(charts.timeline(data, title="t", chart_id="a", rtl=True).svg))
    assert float(ltr[0].get("x")) < float(ltr[1].get("x"))
    assert float(rtl[0].get("x")) > float(rtl[1].get("x"))


def test_numbers_use_the_given_formatter():
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    result = charts.timeline(
        [TimelineSeries("مقالات", {D(2020, 1, 1): 12})],
        title="t",
        chart_id="c",
        number=lambda n: str(n).translate(arabic),
    )
    assert "١٢" in result.svg


def test_labels_are_escaped():
    hostile = '<script>alert("x")</script>&'
    result = charts.timeline(
        [TimelineSeries(hostile, {D(2020, 1, 1): 1})], title=hostile, chart_id="c"
    )
    assert "<script>" not in result.svg
    root = parse(result.svg)
    assert root.find(f"{SVG}title").text == hostile
    svg = charts.network(
        [Node("a", hostile, hostile, '/o/a?x="1"', 1)], [], title=hostile, chart_id="n"
    )
    assert "<script>" not in svg
    link = parse(svg).find(f".//{SVG}a")
    assert link.get("href") == '/o/a?x="1"'
    svg = charts.bars([Bar(hostile, 3)], title=hostile, chart_id="b")
    assert "<script>" not in svg
    parse(svg)


def nodes(n):
    return [
        Node(f"o{i}", f"O{i}", f"Organization {i}", f"/organizations/o{i}/", i + 1)
        for i in range(n)
    ]


def test_network_nodes_are_links_named_after_their_organization():
    edges = [Edge("o0", "o1", 3), Edge("o1", "o2", 1), Edge("o2", "zz", 9)]
    svg = charts.network(nodes(3), edges, title="Who meets whom", chart_id="net")
    root = parse(svg)
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "Who meets whom"
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == [f"/organizations/o{i}/" for i in range(3)]
    assert links[0].get("aria-label") == "Organization 0"
    # Edges to nodes that are not drawn are left out; heavier edges are thicker.
    lines = root.findall(f".//{SVG}line")
    assert len(lines) == 2
    widths = sorted(float(line.get("stroke-width")) for line in lines)
    assert widths[0] < widths[1]


def test_network_layout_is_deterministic_and_on_the_canvas():
    edges = [Edge(f"o{i}", f"o{(i * 7) % 12}", 1 + i % 3) for i in range(12)]
    first = charts.network(nodes(12), edges, title="t", chart_id="n")
    assert first == charts.network(nodes(12), edges, title="t", chart_id="n")
    for circle in parse(first).iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cx")) <= 640
        assert 0 <= float(circle.get("cy")) <= 480


def test_force_layout_pulls_partners_together():
    keys = [f"o{i}" for i in range(8)]
    # Two cliques of four joined by nothing.
    edges = [Edge(a, b, 2) for group in (keys[:4], keys[4:]) for a in group for b in group if a < b]
    pos = charts.force_layout(keys, edges)

    def dist(a, b):
        return math.dist(pos[a], pos[b])

    inside = [dist(a, b) for e in edges for a, b in [(e.a, e.b)]]
    across = [dist(a, b) for a in keys[:4] for b in keys[4:]]
    assert max(inside) < min(across)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())


def test_ego_network_puts_the_organization_in_the_middle():
    svg = charts.network(nodes(4), [Edge("o0", "o1", 1)], title="t", chart_id="n", center="o2")
    circles = {a.get("href"): a.find(f"{SVG}circle") for a in parse(svg).findall(f".//{SVG}a")}
    centre = circles["/organizations/o2/"]
    assert (float(centre.get("cx")), float(centre.get("cy"))) == (320, 240)


def test_around_one_organization_edges_between_partners_bend_away_from_it():
    # o0 and o2 sit opposite each other on the ring around o4: a straight edge
    # between them would cross the organization in the middle.
    edges = [Edge("o0", "o2", 1), Edge("o4", "o0", 2)]
    root = parse(charts.network(nodes(5), edges, title="t", chart_id="n", center="o4"))
    assert len(root.findall(f".//{SVG}line")) == 1  # the edge to the centre stays straight
    (path,) = root.findall(f".//{SVG}path")
    _m, x1, y1, _q, cx, cy, x2, y2 = path.get("d").replace("M", "M ").replace("Q", " Q ").split()
    mid = ((float(x1) + float(x2)) / 2, (float(y1) + float(y2)) / 2)
    assert mid == (320, 240)
    assert math.dist((float(cx), float(cy)), (320, 240)) > 50


def test_no_nodes_no_network():
    assert charts.network([], [], title="t", chart_id="n") == ""


def test_bars_are_proportional_and_labelled_on_the_reading_side():
    items = [Bar("الرياض", 4), Bar("طشقند", 2), Bar("نيويورك", 1)]
    root = parse(charts.bars(items, title="Where", chart_id="geo", rtl=True))
    assert root.get("role") == "img"
    widths = [float(r.get("width")) for r in bars_of(root)]
    assert widths[0] == 2 * widths[1] == 4 * widths[2]
    labels = [t for t in root.iter(f"{SVG}text") if t.get("direction") == "rtl"]
    assert [t.text for t in labels] == ["الرياض", "طشقند", "نيويورك"]
    # Right-to-left: labels sit at the right edge, bars extend to their left.
    assert all(float(t.get("x")) > float(r.get("x")) for t, r in zip(labels, bars_of(root)))


def test_one_historical_month_far_from_the_rest_is_shown_apart_not_on_the_axis():
    # Real news of 2016-2017, and one article recalling a meeting of 1975.
    articles = {D(2016, m, 1): 10 + m for m in range(1, 13)} | {D(2017, 1, 1): 8}
    result = charts.timeline(
        [TimelineSeries("Articles", articles), TimelineSeries("Meetings", {D(1975, 3, 1): 1})],
        title="per month",
        title_by_year="per year",
        chart_id="c",
    )
    assert not result.by_year  # 13 months: the axis spans the news, per month
    assert result.title == "per month"
    assert result.rows[0].period == "2016-01" and result.rows[-1].period == "2017-01"
    assert [(o.period, o.counts) for o in result.outliers] == [("1975-03", (0, 1))]
    assert "1975-03" in parse(result.svg).find(f"{SVG}desc").text


def test_a_long_real_span_is_titled_per_year_and_keeps_every_period():
    result = charts.timeline(
        [TimelineSeries("Articles", {D(2001, 5, 1): 5, D(2004, 1, 1): 5, D(2010, 2, 1): 6})],
        title="per month",
        title_by_year="per year",
        chart_id="c",
    )
    assert result.by_year and result.title == "per year"
    assert parse(result.svg).find(f"{SVG}title").text == "per year"
    assert not result.outliers
