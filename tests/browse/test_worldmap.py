"""The world map of /countries/: every state drawable, counts coloured, links and tooltips."""

import re

import pytest

from archive.browse import worldmap
from tests.browse.test_browse import html, page


def _map(values, names, links, title="t"):
    svg, _ = worldmap.world_map(
        values,
        title=title,
        chart_id="m",
        names=names,
        links=links,
        describe=lambda name, n: f"{name}: {n}",
        no_data="-",
    )
    return svg


def test_the_projection_puts_the_equator_and_meridian_in_the_middle_and_keeps_north_up():
    x, y = worldmap.project(0, 0)
    assert (round(x), round(y)) == (worldmap.WIDTH // 2, round(worldmap.HEIGHT / 2))
    _, north = worldmap.project(0, 60)
    _, south = worldmap.project(0, -60)
    assert north < y < south
    west, _ = worldmap.project(-170, 0)
    east, _ = worldmap.project(170, 0)
    assert 0 < west < x < east < worldmap.WIDTH


def test_topojson_arcs_are_decoded_and_walked_backwards_for_negative_indexes():
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    }
    arcs = worldmap._arcs(topology)
    assert arcs[0] == [(10, 20), (12, 20), (12, 22)]
    ring = worldmap._ring(arcs, [0, 1])
    assert ring == [(10, 20), (12, 20), (12, 22), (10, 22), (10, 20)]
    assert worldmap._ring(arcs, [~0]) == [(12, 22), (12, 20), (10, 20)]


def test_every_state_of_the_archive_has_a_shape_and_small_ones_a_dot():
    shapes = worldmap.shapes()
    for code in ("SA", "TN", "US", "RU", "FR", "EG", "IQ"):
        assert code in shapes and not shapes[code].small
    # Too small to see on a world map (Bahrain, Singapore: too small even for 1:110m,
    # drawn from 1:50m): a dot as well, so a count shows.
    for code in ("BH", "SG", "MT", "MV", "QA", "KW"):
        assert shapes[code].small
    svg = _map({"BH": 3}, {"BH": "البحرين"}, {"BH": "/countries/BH/"})
    assert re.search(r'<a href="/countries/BH/" aria-label="البحرين: 3"><circle ', svg)


def test_classes_follow_the_distribution_so_one_large_count_does_not_wash_out_the_rest():
    assert worldmap.classes([]) == []
    assert worldmap.classes([1, 1, 2]) == [1, 2]
    bounds = worldmap.classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 400])
    assert len(bounds) == 5 and bounds[-1] == 400 and bounds[0] <= 2


def test_names_and_labels_are_escaped_in_the_map():
    svg = _map({"SA": 1}, {"SA": '<script>"'}, {"SA": "/x"}, title="<b>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;&quot;: 1" in svg


@pytest.mark.django_db
def test_countries_page_maps_meetings_and_articles_with_the_table_counts(client, seeded):
    response = page(client, "/countries/")
    text = html(response)
    countries = {c.code: c for c in response.context["countries"]}
    held = {code: c.meeting_count for code, c in countries.items() if c.meeting_count}
    assert held  # the seeds report meetings
    svg = text[text.index('<svg xmlns="http://www.w3.org/2000/svg" id="world"') :]
    svg = svg[: svg.index("</svg>")]
    for code, n in held.items():
        link = re.search(rf'<a href="/countries/{code}/" aria-label="([^"]+)">', svg)
        assert link and str(n) in link.group(1)
    # A country named by articles but where nothing was held is grey on this map...
    named_only = [code for code, c in countries.items() if c.article_count and not c.meeting_count]
    assert named_only
    assert f'href="/countries/{named_only[0]}/"' not in svg
    # ...and coloured on the map of articles, which the page links to.
    assert "?map=articles" in text
    articles = html(page(client, "/countries/", map="articles"))
    assert f'<a href="/countries/{named_only[0]}/" aria-label=' in articles
    page(client, "/countries/", status=400, map="cities")
