"""What an analyst sees on the browse pages for the seed articles: organizations,
meetings, series, countries, the network, the home page, and their pictures."""

import datetime
import re

import pytest
from django.db.models import Q

from archive.models import (
    Article,
    FactStatus,
    Meeting,
    MeetingRole,
    Organization,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12  # any browse page, whatever the size of the archive


def page(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code)
    return response


def html(response):
    return response.content.decode()


def tashkent_meeting():
    return Meeting.objects.get(city__name_en="Tashkent")


def arab_conference():
    return Meeting.objects.get(series__isnull=False, edition=24)


def svg_with_text_alternative(text: str, chart_id: str) -> None:
    svg = re.search(rf'<svg [^>]*id="{chart_id}"[^>]*>', text)
    assert svg, f"no picture {chart_id}"
    assert 'aria-labelledby="' in svg.group(0)
    assert f'<title id="{chart_id}-title">' in text
    after = text[svg.end() :]
    assert "<details" in after and "<table>" in after  # the numbers, readable as text


# --- Organizations ---------------------------------------------------------------


def test_organization_page_shows_names_meetings_partners_and_articles(client, seeded):
    response = page(client, "/organizations/cis/")
    text = html(response)
    data = response.context["data"]
    assert "<h1>رابطة الدول المستقلة" in text
    assert "Commonwealth of Independent States" in text
    assert "(CIS)" in text
    assert "كومنولث الدول المستقلة" in text  # an alias
    # The joint conference in Tashkent, where it was an organizer.
    meeting = tashkent_meeting()
    assert [(e.meeting, e.roles) for e in data.meetings] == [(meeting, ["organizer"])]
    assert f'href="/meetings/{meeting.pk}/"' in text
    assert "طشقند" in text
    # Its partners: the other organizers of that meeting, one shared meeting each.
    assert sorted((p.organization.slug, p.meetings) for p in data.partners) == [
        ("cis-atc", 1),
        ("sco", 1),
        ("sco-rats", 1),
        ("uz-sss", 1),
    ]
    assert 'href="/search?organization=cis"' in text
    assert [a.title for a in data.articles] == [
        "رابطة الدول المستقلة ومنظمة شنغهاي للتعاون تعقدان مؤتمرا مشتركا حول مكافحة الإرهاب"
    ]


def test_organization_page_draws_its_network_with_linked_nodes(client, seeded):
    text = html(page(client, "/organizations/cis/"))
    svg_with_text_alternative(text, "network")
    network = text[text.index('id="network"') : text.index("</svg>", text.index('id="network"'))]
    for slug in ("cis", "sco", "uz-sss", "sco-rats", "cis-atc"):
        assert f'<a href="/organizations/{slug}/"' in network
    assert 'aria-label="SCO – منظمة شنغهاي للتعاون"' in network  # the acronym it shows


def test_timeline_counts_articles_and_meetings_per_month(client, seeded):
    # INTERPOL: the Abu Dhabi meeting of December 2019 and the article reporting it.
    text = html(page(client, "/organizations/interpol/"))
    svg_with_text_alternative(text, "timeline")
    assert 'role="img"' in text
    row = re.search(
        r'<tr><th scope="row"><time datetime="2019-12">2019-12</time></th>(.*?)</tr>', text
    )
    assert row and row.group(1) == "<td>1</td><td>1</td>"


def test_no_timeline_without_dates(client, seeded):
    text = html(page(client, "/organizations/cis/"))
    assert 'id="timeline"' not in text


def test_a_rejected_role_is_not_a_partnership(client, seeded):
    MeetingRole.objects.filter(organization__slug="sco", meeting=tashkent_meeting()).update(
        status=FactStatus.REJECTED
    )
    data = page(client, "/organizations/cis/").context["data"]
    assert "sco" not in {p.organization.slug for p in data.partners}
    assert page(client, "/organizations/sco/").context["data"].meetings == []


def test_organization_list_filters_searches_and_sorts(client, seeded):
    def slugs(**params):
        response = page(client, "/organizations/", **params)
        return [o.slug for o in response.context["page"].object_list]

    regional = slugs(kind="regional_organization")
    assert "cis" in regional and "interpol" not in regional
    assert {"sco", "sco-rats"} <= set(slugs(q="شنغهاي"))
    assert "interpol" in slugs(q="interpol")  # English name, any case
    assert "interpol" in slugs(q="الانتربول")  # an alias
    assert set(slugs(country="uz")) == {"sco-rats", "uz-sss"}  # both based in Tashkent
    assert slugs(country="UZ", kind="ministry") == []
    by_meetings = page(client, "/organizations/", sort="meetings").context["page"].object_list
    counts = [o.meeting_count for o in by_meetings]
    assert counts == sorted(counts, reverse=True)
    assert by_meetings[0].slug == "interpol" and by_meetings[0].meeting_count == 2
    by_articles = page(client, "/organizations/", sort="articles").context["page"].object_list
    assert by_articles[0].article_count >= by_articles[1].article_count


@pytest.mark.parametrize(
    "params",
    [{"kind": "spy-ring"}, {"sort": "size"}, {"page": "0"}, {"page": "x"}, {"country": "ZZ"}],
)
def test_a_wrong_filter_is_a_message_not_an_error(client, seeded, params):
    response = page(client, "/organizations/", status=400, **params)
    assert 'class="error" role="alert"' in html(response)


# --- Meetings --------------------------------------------------------------------


def test_meeting_page_shows_roles_with_their_evidence(client, seeded):
    meeting = arab_conference()
    response = page(client, f"/meetings/{meeting.pk}/")
    text = html(response)
    data = response.context["data"]
    assert "المؤتمر العربي الرابع والعشرون للمسؤولين عن مكافحة الإرهاب" in text
    roles = [(r.organization.slug, r.role) for r in data.roles]
    assert roles[0] == ("aimc-secretariat", "organizer")  # organizers first
    assert {("interpol", "participant"), ("gcc", "participant")} <= set(roles)
    assert "المنظِّم" in text and "مشارك" in text
    # Each extracted fact with the sentence it came from.
    assert {f.name for f in data.facts} >= {"name", "kind", "series", "edition", "participants"}
    assert "بمشاركة المسؤولين عن مكافحة الإرهاب في وزارات الداخلية العربية" in text
    assert 'href="/organizations/interpol/"' in text
    # The article that reports it.
    (report,) = data.reports
    assert f'href="/articles/{report.article_id}/"' in text
    assert f'href="/search?meeting={meeting.pk}"' in text


def test_meeting_page_links_the_previous_and_next_editions(client, seeded):
    meeting = arab_conference()
    earlier = Meeting.objects.create(
        name="المؤتمر العربي الثاني والعشرون", series=meeting.series, edition=22
    )
    later = Meeting.objects.create(
        name="المؤتمر العربي الخامس والعشرون", series=meeting.series, edition=25
    )
    data = page(client, f"/meetings/{meeting.pk}/").context["data"]
    assert (data.previous, data.next) == (earlier, later)
    text = html(page(client, f"/meetings/{meeting.pk}/"))
    assert f'<a href="/meetings/{earlier.pk}/" rel="prev">' in text
    assert f'<a href="/meetings/{later.pk}/" rel="next">' in text
    assert 'rel="prev"' not in html(page(client, f"/meetings/{earlier.pk}/"))


def test_meeting_list_filters_and_sorts(client, seeded):
    def names(**params):
        response = page(client, "/meetings/", **params)
        return [m.name for m in response.context["page"].object_list]

    assert len(names()) == 5
    abu_dhabi = Meeting.objects.get(city__name_en="Abu Dhabi").name
    assert names(country="AE") == [abu_dhabi]
    assert names(year="2019") == [abu_dhabi]
    assert names(year="2020") == []
    assert names(kind="agreement") == [Meeting.objects.get(kind="agreement").name]
    assert names(series=arab_conference().series.slug) == [arab_conference().name]
    assert names()[0] == abu_dhabi  # newest first; undated meetings last
    assert names(sort="oldest")[0] == abu_dhabi
    for bad in ({"year": "abc"}, {"year": "1066"}, {"kind": "party"}, {"sort": "random"}):
        assert 'role="alert"' in html(page(client, "/meetings/", status=400, **bad))


def test_meetings_filter_by_participant_and_by_a_participants_country(client, seeded):
    def names(**params):
        response = page(client, "/meetings/", **params)
        return sorted(m.name for m in response.context["page"].object_list)

    live = MeetingRole.objects.exclude(status=FactStatus.REJECTED)
    role = (
        live.select_related("organization__country")
        .filter(organization__country__isnull=False)
        .first()
    )
    org, country = role.organization, role.organization.country
    expected = sorted(set(live.filter(organization=org).values_list("meeting__name", flat=True)))
    assert names(organization=org.slug) == expected and len(expected) < 5
    by_country = live.filter(organization__country=country).values_list("meeting__name", flat=True)
    assert names(participant_country=country.code) == sorted(set(by_country))
    # A participant no meeting has is an error the analyst sees, never silently ignored.
    assert 'role="alert"' in html(page(client, "/meetings/", status=400, organization="nobody"))
    rejected = MeetingRole.objects.filter(organization=org)
    rejected.update(status=FactStatus.REJECTED)
    assert page(client, "/meetings/", status=400, organization=org.slug)


# --- Series ----------------------------------------------------------------------


def test_series_page_lists_every_edition_in_order(client, seeded):
    meeting = arab_conference()
    Meeting.objects.create(
        name="المؤتمر العربي الخامس والعشرون",
        series=meeting.series,
        edition=25,
        start_date=datetime.date(2025, 5, 1),
    )
    Meeting.objects.create(name="المؤتمر العربي الثاني", series=meeting.series, edition=2)
    response = page(client, f"/series/{meeting.series.slug}/")
    assert [m.edition for m in response.context["data"].editions] == [2, 24, 25]
    text = html(response)
    assert (
        text.index("المؤتمر العربي الثاني<")
        < text.index("الرابع والعشرون")
        < text.index("الخامس والعشرون")
    )
    listing = page(client, "/series/")
    (row,) = [s for s in listing.context["series_list"] if s == meeting.series]
    assert (row.meeting_count, row.last_edition) == (3, 25)
    assert meeting.series.name_ar in html(listing)


# --- Countries -------------------------------------------------------------------


def test_country_page_shows_meetings_held_and_attended_and_articles(client, seeded):
    response = page(client, "/countries/UZ/")
    data = response.context["data"]
    meeting = tashkent_meeting()
    assert data.held == [meeting]
    # The Uzbek state security service organized it.
    assert [(e.meeting, [o.slug for o in e.organizations]) for e in data.attended] == [
        (meeting, ["uz-sss"])
    ]
    assert data.article_count == 1
    text = html(response)
    assert "<h1>أوزبكستان</h1>" in text
    assert 'href="/search?country=UZ"' in text


def test_country_addresses_accept_alpha3_and_any_case(client, seeded):
    for address in ("/countries/UZB/", "/countries/uz/", "/countries/uzb/"):
        response = client.get(address)
        assert response.status_code == 301
        assert response["Location"] == "/countries/UZ/"


def test_country_list_and_where_meetings_were_held(client, seeded):
    response = page(client, "/countries/")
    codes = [c.code for c in response.context["countries"]]
    assert {"UZ", "AE", "SA", "US"} <= set(codes)
    assert "FR" not in codes  # mentioned nowhere, held nothing
    assert "FR" in [c.code for c in page(client, "/countries/", all="1").context["countries"]]
    text = html(response)
    svg_with_text_alternative(text, "places")
    assert "طشقند" in text and "أبوظبي" in text  # cities in the text alternative
    by_meetings = page(client, "/countries/", sort="meetings").context["countries"]
    assert by_meetings[0].meeting_count == 1
    assert page(client, "/countries/", status=400, sort="size")


# --- Network, home, search ---------------------------------------------------------


def test_network_of_the_whole_archive(client, seeded):
    response = page(client, "/network/")
    text = html(response)
    svg_with_text_alternative(text, "network")
    assert '<a href="/organizations/interpol/"' in text
    pairs = {(a.slug, b.slug) for a, b, _n in response.context["network"]["pairs"]}
    assert ("sco", "cis") in pairs or ("cis", "sco") in pairs
    assert not any({"cis", "interpol"} == {a, b} for a, b in pairs)  # never met


def test_home_shows_holdings_active_organizations_and_meetings(client, seeded):
    response = page(client, "/")
    home = response.context["home"]
    assert home.counts["articles"] == 5
    assert home.counts["meetings"] == 5
    assert (
        home.counts["organizations"]
        == Organization.objects.filter(
            Q(article_links__isnull=False) | Q(meeting_roles__isnull=False)
        )
        .distinct()
        .count()
    )
    assert home.counts["countries"] >= 20
    # The figure says what it counts (not the gazetteer's size) and opens the list there.
    text = html(response)
    figure = f'<span class="figure">{home.counts["organizations"]}</span> منظمات مذكورة'
    assert f'<a href="/organizations/?sort=articles">{figure}</a>' in text
    # Named in two articles each, more than any other.
    assert {o.slug for o in home.active_organizations[:3]} == {"un", "uncct", "interpol"}
    assert [o.n for o in home.active_organizations[:4]] == [2, 2, 2, 1]
    assert home.recent[0] == Meeting.objects.get(city__name_en="Abu Dhabi")
    assert home.upcoming == []
    text = html(response)
    assert 'href="/organizations/"' in text and 'href="/network/"' in text


def test_upcoming_meetings_on_the_home_page(client, seeded):
    future = Meeting.objects.create(
        name="اجتماع مقبل", start_date=datetime.date.today() + datetime.timedelta(days=30)
    )
    assert page(client, "/").context["home"].upcoming == [future]


def test_search_results_have_a_timeline(client, seeded):
    text = html(page(client, "/search", q="الإرهاب"))
    svg_with_text_alternative(text, "timeline")


def test_unknown_pages_are_404(client, seeded):
    for url in (
        "/organizations/no-such-body/",
        "/meetings/999999/",
        "/series/no-such-series/",
        "/countries/XX/",
        "/countries/QQQ/",
        "/countries/1/",
        "/countries/ABCD/",
    ):
        assert client.get(url).status_code == 404, url


# --- Language, escaping, cost ------------------------------------------------------


def test_pages_in_english(client, seeded):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = html(page(client, "/organizations/cis/"))
    assert '<html lang="en" dir="ltr">' in text
    assert "<h1>Commonwealth of Independent States" in text
    text = html(page(client, "/countries/UZ/"))
    assert "<h1>Uzbekistan</h1>" in text


def test_names_from_the_database_are_escaped_everywhere(client, seeded):
    hostile = Organization.objects.create(
        slug="hostile", name_ar='<script>alert("x")</script>', acronym="<b>X</b>"
    )
    MeetingRole.objects.create(meeting=tashkent_meeting(), organization=hostile)
    for url in ("/organizations/hostile/", "/organizations/cis/", "/network/", "/organizations/"):
        text = html(page(client, url))
        assert "<script>alert" not in text and "<b>X</b>" not in text, url
        assert "&lt;script&gt;" in text or "&lt;b&gt;" in text, url


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/organizations/",
        "/organizations/interpol/",
        "/meetings/",
        "/series/",
        "/countries/",
        "/countries/AE/",
        "/network/",
    ],
)
def test_each_page_reads_a_small_bounded_number_of_queries(
    client, seeded, url, django_assert_max_num_queries
):
    # More rows must not mean more queries: add meetings and articles first.
    interpol = Organization.objects.get(slug="interpol")
    for i in range(6):
        meeting = Meeting.objects.create(name=f"اجتماع {i}", country=tashkent_meeting().country)
        MeetingRole.objects.create(meeting=meeting, organization=interpol)
    with django_assert_max_num_queries(MAX_QUERIES):
        page(client, url)


def test_meeting_and_series_pages_read_few_queries(client, seeded, django_assert_max_num_queries):
    meeting = arab_conference()
    with django_assert_max_num_queries(6):
        page(client, f"/meetings/{meeting.pk}/")
    with django_assert_max_num_queries(4):
        page(client, f"/series/{meeting.series.slug}/")


def test_articles_without_facts_do_not_break_pages(client, seeded):
    Article.objects.update(published_at=None)
    # Its meeting still has dates: the timeline counts it, and no article.
    timeline = page(client, "/organizations/interpol/").context["timeline"]
    assert timeline["rows"] and all(row.counts[0] == 0 for row in timeline["rows"])
    Meeting.objects.update(start_date=None, end_date=None)
    assert page(client, "/organizations/interpol/").context["timeline"] is None


def test_a_parent_page_lists_its_bodies_and_can_include_their_meetings_and_articles(client, seeded):
    from archive.models import ArticleOrganization

    # A league, its secretariat (named in another article, in a meeting's roles) and the
    # secretariat's office (two levels down).
    league = Organization.objects.create(slug="test-league", name_ar="رابطة الاختبار")
    secretariat = Organization.objects.create(
        slug="test-secretariat", name_ar="الأمانة العامة لرابطة الاختبار", parent=league
    )
    office = Organization.objects.create(
        slug="test-office", name_ar="مكتب الأمانة", parent=secretariat
    )
    first, second, third = Article.objects.order_by("pk")[:3]
    ArticleOrganization.objects.create(article=first, organization=league)
    ArticleOrganization.objects.create(article=second, organization=secretariat)
    ArticleOrganization.objects.create(article=third, organization=office)
    meeting = tashkent_meeting()
    MeetingRole.objects.create(meeting=meeting, organization=secretariat, role="participant")

    alone = page(client, "/organizations/test-league/")
    data = alone.context["data"]
    assert not data.with_parts and data.part_count == 2
    assert [p.slug for p in data.parts] == ["test-secretariat"]  # its own children listed
    assert 'href="/organizations/test-secretariat/"' in html(alone)
    assert 'href="/organizations/test-league/?parts=1"' in html(alone)
    assert {a.title for a in data.articles} == {first.title}
    assert data.meetings == []

    both = page(client, "/organizations/test-league/", parts="1").context["data"]
    assert both.with_parts
    assert {a.title for a in both.articles} == {first.title, second.title, third.title}
    assert both.article_count == 3
    assert [e.meeting for e in both.meetings] == [meeting]
    # its own bodies are not its partners; the meeting's other organizations are
    partners = {p.organization.slug for p in both.partners}
    assert "test-secretariat" not in partners and "cis" in partners


def test_an_armed_group_page_shows_the_lists_that_designate_it(client, db):
    from archive.models import Designation

    response = page(client, "/organizations/al-qaeda/")
    labels = response.context["data"].designations
    assert str(Designation.UN.label) in labels and str(Designation.US.label) in labels
    assert str(Designation.UN.label) in html(response)
    # a body no list designates shows none
    assert page(client, "/organizations/cis/").context["data"].designations == []
