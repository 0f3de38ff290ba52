"""Search as analysts use it: query language, names across scripts, filters, facets,
levels, ranking, highlighting, export, feed, and bad input."""

import csv
import io
import re

import pytest

from archive.ingest.services import article_upsert
from archive.models import Article, ArticleOrganization, FactStatus, Organization

pytestmark = pytest.mark.django_db


def titles(response):
    return [row["article"].title for row in response.context["rows"]]


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def corpus(db):
    """Small articles whose expected matches are easy to read."""
    made = {}
    for key, title, body, day in [
        (
            "interpol",
            "الإنتربول يعقد اجتماعا في أبوظبي",
            "اجتمع ممثلو الانتربول لمكافحة الإرهاب.",
            "2019-12-20",
        ),
        (
            "gcc",
            "مجلس التعاون لدول الخليج العربية يبحث الأمن",
            "بحث المجلس التعاون الأمني.",
            "2020-03-01",
        ),
        (
            "sco",
            "منظمة شانغهاي للتعاون تعقد مؤتمرا",
            "المنظمات الإقليمية والتطرف في طشقند.",
            "2021-06-10",
        ),
        ("football", "مباراة كرة القدم", "فاز الفريق في المباراة النهائية.", "2021-06-11"),
        ("phrase", "مكافحة تمويل الإرهاب", "تمويل الجماعات ومكافحة الإرهاب الدولي.", "2022-01-05"),
    ]:
        import datetime

        made[key] = article_upsert(
            title=title,
            body=body,
            published_at=datetime.date.fromisoformat(day),
            source_name="وكالة" if key != "football" else "الرياضة",
        ).article
    return made


def test_all_words_must_match(client, corpus):
    data = api(client, q="مكافحة الإرهاب")
    ids = {hit["id"] for hit in data["results"]}
    assert ids == {corpus["interpol"].pk, corpus["phrase"].pk}


def test_or_and_exclusion(client, corpus):
    ids = {h["id"] for h in api(client, q="طشقند OR أبوظبي", expand="0")["results"]}
    assert ids == {corpus["sco"].pk, corpus["interpol"].pk}
    ids = {h["id"] for h in api(client, q="الإرهاب -تمويل")["results"]}
    assert ids == {corpus["interpol"].pk}


def test_exact_phrase(client, corpus):
    ids = {h["id"] for h in api(client, q='"تمويل الإرهاب"')["results"]}
    assert ids == {corpus["phrase"].pk}
    ids = {h["id"] for h in api(client, q='"الإرهاب تمويل"')["results"]}
    assert ids == set()


def test_a_longer_phrase_alone_and_as_one_alternative(client, corpus):
    """A three-word phrase is its adjacent word pairs, also beside other alternatives."""
    assert {h["id"] for h in api(client, q='"مكافحة تمويل الإرهاب"')["results"]} == {
        corpus["phrase"].pk
    }
    assert api(client, q='"تمويل مكافحة الإرهاب"')["count"] == 0
    ids = {h["id"] for h in api(client, q='"مكافحة تمويل الإرهاب" OR المباراة')["results"]}
    assert ids == {corpus["phrase"].pk, corpus["football"].pk}


def test_prefix(client, corpus):
    ids = {h["id"] for h in api(client, q="المبارا*", expand="0")["results"]}
    assert ids == {corpus["football"].pk}


def test_definite_and_indefinite_forms_match(client, corpus):
    # منظمات / المنظمات / منظمة share one stem.
    ids = {h["id"] for h in api(client, q="منظمات", expand="0")["results"]}
    assert corpus["sco"].pk in ids


def test_an_english_name_finds_the_arabic_articles_and_says_so(client, corpus):
    data = api(client, q="Interpol")
    assert {h["id"] for h in data["results"]} == {corpus["interpol"].pk}
    assert [o["slug"] for o in data["also_searched"]] == ["interpol"]
    # Turned off, the English word alone finds nothing.
    assert api(client, q="Interpol", expand="0")["count"] == 0


def test_an_acronym_finds_the_organization(client, corpus):
    data = api(client, q="GCC")
    assert {h["id"] for h in data["results"]} == {corpus["gcc"].pk}


def test_also_searched_is_shown_with_a_way_to_turn_it_off(client, corpus):
    response = client.get("/search", {"q": "Interpol"})
    html = response.content.decode()
    assert "الإنتربول" in titles(response)[0]
    assert "expand=0" in html


def test_filters_by_source_language_and_dates(client, corpus):
    data = api(client, q="الإرهاب", date_from="2022-01-01")
    assert {h["id"] for h in data["results"]} == {corpus["phrase"].pk}
    data = api(client, q="المباراة", source="الرياضة")
    assert data["count"] == 1
    data = api(client, q="المباراة", source="وكالة")
    assert data["count"] == 0


def test_filter_and_facet_by_organization(client, corpus):
    interpol = Organization.objects.get(slug="interpol")
    ArticleOrganization.objects.create(article=corpus["interpol"], organization=interpol)
    data = api(client, q="الإرهاب")
    assert {"value": "interpol", "label": interpol.name_ar, "count": 1} in data["facets"][
        "organization"
    ]
    data = api(client, q="الإرهاب", organization="interpol")
    assert [h["id"] for h in data["results"]] == [corpus["interpol"].pk]


def test_histogram_counts_results_per_month(client, corpus):
    data = api(client, q="الإرهاب")
    assert data["histogram"] == [
        {"month": "2019-12-01", "count": 1},
        {"month": "2022-01-01", "count": 1},
    ]


def test_relevance_puts_title_matches_first_and_date_sort_newest_first(client, corpus):
    data = api(client, q="الإرهاب")
    assert data["results"][0]["id"] == corpus["phrase"].pk  # in the title
    data = api(client, q="الإرهاب", sort="date")
    assert [h["id"] for h in data["results"]] == [corpus["phrase"].pk, corpus["interpol"].pk]


def test_spelling_level_does_not_match_other_word_forms(client, corpus):
    # Stemmed: المنظمات matches منظمة; at the spelling level it does not.
    assert api(client, q="منظمة", expand="0")["count"] == 1
    assert api(client, q="منظمة", level="normalized", expand="0")["count"] == 1
    assert api(client, q="المنظمة", level="exact", expand="0")["count"] == 0
    assert api(client, q="المنظمات", level="exact", expand="0")["count"] == 1


def test_highlighted_snippet_marks_the_matched_forms(client, corpus):
    data = api(client, q="إرهاب")
    snippets = " ".join(h["snippet"] for h in data["results"])
    assert "<mark>الإرهاب</mark>" in snippets


def test_zero_hits_suggest_a_close_form(client, corpus):
    data = api(client, q="طشقنذ")
    assert data["count"] == 0
    assert data["suggestion"] == "طشقند"


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "a & b | !c",
        "<-> :* ::",
        "foo:*",
        "'; DROP TABLE x; --",
        "\x00\x01\x1f",
        "(((",
        "",
        "   ",
        "*",
        "-",
        "OR OR",
        "ا" * 400,
    ],
)
def test_any_input_gives_results_no_results_or_a_clear_400(client, corpus, q):
    for url in ("/search", "/api/search", "/search/export.csv", "/search/feed"):
        response = client.get(url, {"q": q})
        assert response.status_code in (200, 400), (url, q, response.status_code)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"date_from": "2020-13-45"},
        {"page": "-3"},
        {"page": "NaN"},
        {"level": "fuzzy"},
        {"date_from": "2021-01-02", "date_to": "2020-01-01"},
        {"country": "'; --"},
    ],
)
def test_wrong_form_values_give_400_with_a_message(client, corpus, params):
    response = client.get("/search", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert client.get("/api/search", params).status_code == 400


def test_export_csv_lists_the_matches(client, corpus):
    response = client.get("/search/export.csv", {"q": "الإرهاب", "sort": "date"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["id", "title", "url"]
    assert [int(r[0]) for r in rows[1:]] == [corpus["phrase"].pk, corpus["interpol"].pk]


def test_atom_feed_of_the_newest_matches(client, corpus):
    response = client.get("/search/feed", {"q": "الإرهاب"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.index("مكافحة تمويل الإرهاب") < body.index("الإنتربول يعقد")


def test_article_markup_is_escaped_in_results(client, db):
    article_upsert(
        title="<script>alert(1)</script> الإرهاب",
        body='<img src=x onerror="alert(2)"> نص عن الإرهاب',
    )
    html = client.get("/search", {"q": "الإرهاب"}).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert Article.objects.count() == 1


def test_common_queries_rank_the_newest_candidates_then_list_older_matches(client, db, monkeypatch):
    """Beyond RANK_CANDIDATES matches, the newest ones are ranked by relevance and the
    older ones follow newest first; every match is still reachable page by page."""
    import datetime

    from archive.search import selectors

    monkeypatch.setattr(selectors, "RANK_CANDIDATES", 3)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    day = datetime.date(2020, 1, 1)
    made = {}
    for n, (key, title, body) in enumerate(
        [
            ("old-title", "الإرهاب في العنوان", "نص قديم."),
            ("older", "خبر", "نص عن الإرهاب."),
            ("mid", "خبر آخر", "نص عن الإرهاب مرة."),
            ("new-body", "خبر جديد", "نص عن الإرهاب."),
            ("new-title", "الإرهاب والأمن", "نص عن الإرهاب."),
        ]
    ):
        made[key] = article_upsert(
            title=title, body=body, published_at=day + datetime.timedelta(days=n)
        ).article
    pages = [api(client, q="الإرهاب", page=p)["results"] for p in (1, 2, 3)]
    order = [r["id"] for page in pages for r in page]
    # The 3 newest are ranked (the title match first); then the 2 older, newest first,
    # although the oldest has the word in its title.
    assert order[0] == made["new-title"].pk
    assert set(order[:3]) == {made["new-title"].pk, made["new-body"].pk, made["mid"].pk}
    assert order[3:] == [made["older"].pk, made["old-title"].pk]
    # Sorted by date, the same five newest first.
    by_date = [
        r["id"] for p in (1, 2, 3) for r in api(client, q="الإرهاب", sort="date", page=p)["results"]
    ]
    assert by_date == [made[k].pk for k in ("new-title", "new-body", "mid", "older", "old-title")]


def test_seed_articles_on_interpol_in_any_script_ranked_and_highlighted(client, seeded):
    """The seeds that name Interpol (as الأنتربول with its full Arabic name, and as
    الإنتربول) come back for the English name and for each Arabic spelling, the one
    naming it in full first, with the forms they use highlighted."""
    import re

    conference = Article.objects.get(title__startswith="اختتم المؤتمر العربي الرابع والعشرون")
    networks = Article.objects.get(title__startswith="تعطيل الشبكات الإرهابية")
    for q in ("Interpol", "INTERPOL", "الإنتربول", "الانتربول", "الأنتربول"):
        data = api(client, q=q)
        assert [r["id"] for r in data["results"]] == [conference.pk, networks.pk], q
        assert [o["slug"] for o in data["also_searched"]] == ["interpol"], q
        marked = [re.findall(r"<mark>(.*?)</mark>", r["snippet"]) for r in data["results"]]
        assert {"المنظمة", "الدولية", "للشرطة", "الجنائية"} <= set(marked[0]), q
        assert "الإنتربول" in marked[1], q
    response = client.get("/search", {"q": "Interpol"})
    assert titles(response) == [conference.title, networks.title]
    assert "<mark>الإنتربول</mark>" in str(response.context["rows"][1]["snippet"])
    # Turning the alias search off: the Latin name alone is in no seed.
    assert api(client, q="Interpol", expand="0")["count"] == 0


def _dated_matches():
    """40 articles holding الإرهاب over three years (several per month, some undated)
    and 10 that do not."""
    import datetime

    day = datetime.date(2019, 11, 3)
    for n in range(40):
        published = None if n % 9 == 4 else day + datetime.timedelta(days=27 * n)
        article_upsert(title=f"خبر {n}", body=f"نص عن الإرهاب رقم {n}.", published_at=published)
    for n in range(10):
        article_upsert(title=f"رياضة {n}", body="مباراة كرة القدم.", published_at=day)


def test_newest_matches_period_by_period_equal_the_sorted_matches(db, monkeypatch):
    """The newest matches found month window by month window (what a common word at a
    million articles takes) are exactly the matches sorted newest first, undated last,
    whatever the limit and the date filter."""
    import datetime

    from archive.search import selectors

    _dated_matches()
    request = selectors.SearchRequest(q="الإرهاب")
    qs, _compiled, _ = selectors.matching_articles(request)
    expected = list(selectors._newest_first(qs).values_list("pk", flat=True))
    assert len(expected) == 40
    # Tell newest_matches the word is common in a big archive: one-month first windows.
    windows = []
    original = selectors.search_expressions.PeriodMatch

    def recording(column, lexemes):
        windows.append(lexemes)
        return original(column, lexemes)

    monkeypatch.setattr(selectors, "_estimated_rows", lambda qs: 5e6)
    monkeypatch.setattr(selectors, "_table_rows", lambda db: 1e7)
    monkeypatch.setattr(selectors.search_expressions, "PeriodMatch", recording)
    for limit in (1, 5, 17, 36, 40, 60):
        assert selectors.newest_matches(qs, limit) == expected[:limit], limit
    assert windows and len(windows[0]) == 1 and windows[0][0].startswith("m")
    # With a date filter: only that range, and no undated article.
    since, until = datetime.date(2020, 6, 1), datetime.date(2021, 5, 31)
    dated = selectors.SearchRequest(q="الإرهاب", date_from=since, date_to=until)
    qs, _, _ = selectors.matching_articles(dated)
    within = list(selectors._newest_first(qs).values_list("pk", flat=True))
    assert within and len(within) < 40
    assert selectors.newest_matches(qs, 100, date_from=since, date_to=until) == within


def test_deep_pages_of_a_common_word_list_every_match_once(client, db, monkeypatch):
    """Past the ranked candidates, pages go on newest first to the last match (found
    period by period), each match exactly once, in the page and the CSV export."""
    from archive.search import selectors

    _dated_matches()
    monkeypatch.setattr(selectors, "RANK_CANDIDATES", 7)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 6)
    monkeypatch.setattr(selectors, "_estimated_rows", lambda qs: 5e6)
    monkeypatch.setattr(selectors, "_table_rows", lambda db: 1e7)
    qs, _, _ = selectors.matching_articles(selectors.SearchRequest(q="الإرهاب"))
    by_date = list(selectors._newest_first(qs).values_list("pk", flat=True))
    seen = [r["id"] for p in range(1, 9) for r in api(client, q="الإرهاب", page=p)["results"]]
    assert sorted(seen) == sorted(by_date) and len(seen) == 40
    assert seen[7:] == by_date[7:]  # after the 7 ranked candidates: by date
    dated = [
        r["id"]
        for p in range(1, 9)
        for r in api(client, q="الإرهاب", page=p, sort="date")["results"]
    ]
    assert dated == by_date
    export = client.get("/search/export.csv", {"q": "الإرهاب"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows][7:] == by_date[7:] and len(rows) == 40


def test_a_corrected_publication_date_moves_the_article_in_newest_first_results(db):
    """The period an article is found in follows its date when a curator fixes it."""
    import datetime

    from archive.search import config as search_config
    from archive.search import expressions as search_expressions

    article = article_upsert(
        title="خبر", body="نص عن الإرهاب.", published_at=datetime.date(2020, 1, 5)
    ).article

    def in_period(lexeme):
        return list(
            Article.objects.filter(search_expressions.PeriodMatch("period_vector", [lexeme]))
        )

    assert in_period("m202001") == in_period("y2020") == [article]
    article.published_at = datetime.date(2023, 7, 9)
    article.save()
    assert in_period("m202001") == []
    assert in_period("y2023") == in_period("m202307") == [article]
    article.published_at = None
    article.save()
    assert in_period(search_config.UNDATED) == [article] and in_period("y2023") == []


def test_a_query_with_too_many_terms_is_a_400_in_every_output(client, corpus):
    params = {"q": " ".join(f"w{i}" for i in range(40))}
    for path in ("/search", "/api/search", "/search/export.csv", "/search/feed"):
        response = client.get(path, params)
        assert response.status_code == 400, path
        assert "32" in response.content.decode(), path


def test_the_feeds_own_link_and_its_page_link_keep_every_filter(client, corpus):
    body = client.get("/search/feed", {"q": "الإرهاب", "language": "ar"}).content.decode()
    own = re.search(r'<link [^>]*rel="self"[^>]*>', body)
    assert own and "/search/feed?" in own.group(0) and "language=ar" in own.group(0)
    alternate = re.search(r'<link [^>]*href="([^"]+)"[^>]*rel="alternate"', body)
    assert alternate and "language=ar" in alternate.group(1) and "/search?" in alternate.group(1)


def test_the_csv_export_carries_the_snippet_and_the_articles_facts(client, seeded):
    from archive.models import ArticleCountry, ArticleMeeting, ArticleOrganization

    response = client.get("/search/export.csv", {"q": "طشقند"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert list(rows[0])[:7] == ["id", "title", "url", "published_at", "source", "language", "page"]
    for row in rows:
        pk = int(row["id"])
        assert "طشقند" in row["snippet"] and "<mark>" not in row["snippet"]
        orgs = ArticleOrganization.objects.filter(article_id=pk).values_list(
            "organization__name_ar", flat=True
        )
        assert set(row["organizations"].split("; ")) == set(orgs)
        countries = ArticleCountry.objects.filter(article_id=pk).values_list(
            "country__name_ar", flat=True
        )
        assert set(row["countries"].split("; ")) == set(countries)
        meetings = ArticleMeeting.objects.filter(article_id=pk, relation="reports")
        assert row["meeting"] == "; ".join(m.meeting.name for m in meetings)
    assert any(row["meeting"] for row in rows)  # the Tashkent meeting is reported


def test_a_filter_keeps_an_article_whose_other_link_a_curator_rejected(client, db):
    from archive.models import ArticleCountry, Country

    un, gcc = Organization.objects.get(slug="un"), Organization.objects.get(slug="gcc")
    both = article_upsert(title="الأمم المتحدة ومجلس التعاون", body="نص عن الإرهاب.").article
    only_rejected = article_upsert(title="خبر آخر", body="نص آخر عن الإرهاب.").article
    ArticleOrganization.objects.create(article=both, organization=un)
    ArticleOrganization.objects.create(article=both, organization=gcc, status=FactStatus.REJECTED)
    ArticleOrganization.objects.create(
        article=only_rejected, organization=un, status=FactStatus.REJECTED
    )
    ArticleCountry.objects.create(
        article=only_rejected, country=Country.objects.get(code="SA"), status=FactStatus.REJECTED
    )

    def ids(**params):
        return [
            r["id"] for r in client.get("/api/search", {"q": "الإرهاب", **params}).json()["results"]
        ]

    assert ids(organization="un") == [both.pk]  # its rejected GCC link does not hide it
    assert ids(organization="gcc") == []  # a rejected mention is not a match
    assert ids(country="SA") == []


def test_filter_chips_name_the_organization_and_country_and_remove_only_their_own(client, seeded):
    response = client.get("/search", {"q": "الإرهاب", "organization": "un", "country": "SA"})
    text = response.content.decode()
    chips = text[text.index('class="active-filters"') :]
    chips = chips[: chips.index("</ul>")]
    from django.utils import translation

    from archive.web.forms import SearchForm

    with translation.override("ar"):
        fields = SearchForm.base_fields
        assert f"{fields['organization'].label}: الأمم المتحدة" in chips
        assert f"{fields['country'].label}: المملكة العربية السعودية" in chips
    assert ">un <" not in chips and ">SA <" not in chips
    # Each chip's link drops its own filter and keeps the other.
    links = re.findall(r'href="\\?([^"]+)"', chips)
    assert any("country=SA" in link and "organization" not in link for link in links)
    assert any("organization=un" in link and "country" not in link for link in links)


def test_the_security_filter_keeps_the_articles_about_terrorism_or_security(client, db):
    """?security=1 narrows a search to the articles the extractor read as about terrorism,
    counter-terrorism or security; the API's article says so and why."""
    import io
    import json
    import tempfile
    from pathlib import Path

    from django.core.management import call_command

    rows = [
        {
            "title": "تفكيك خلية إرهابية",
            "body": "أعلنت وزارة الداخلية عن تفكيك خلية إرهابية تكفيرية في إطار التعاون "
            "مع الدول المجاورة.",
            "url": "https://example.org/sec-1",
        },
        {
            "title": "التعاون الاقتصادي مع الدول المجاورة",
            "body": "بحث الوزير التعاون الاقتصادي مع الدول المجاورة وصادرات زيت الزيتون.",
            "url": "https://example.org/sec-2",
        },
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
        call_command("ingest", str(path), "--no-progress", stdout=io.StringIO())
    every = client.get("/api/search", {"q": "التعاون"}).json()
    assert {r["url"] for r in every["results"]} == {r["url"] for r in rows}
    only = client.get("/api/search", {"q": "التعاون", "security": "1"}).json()
    assert [r["url"] for r in only["results"]] == ["https://example.org/sec-1"]
    page = client.get("/search", {"q": "التعاون", "security": "1"}).content.decode()
    assert "تفكيك خلية إرهابية" in page and "الاقتصادي" not in page
    doc = client.get(f"/api/articles/{only['results'][0]['id']}").json()
    assert doc["about_security"] is True and doc["security_score"] > 0.5
    assert any("رهاب" in reason for reason in doc["security_reasons"])
    other = client.get(f"/api/articles/{every['results'][0]['id']}").json()
    assert isinstance(other["about_security"], bool)
