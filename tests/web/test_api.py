"""The JSON API contracts: /api/search, /api/articles, /api/articles/<id>, OpenAPI."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_search_returns_ranked_hits_with_snippets(client, seeded):
    response = client.get("/api/search", {"q": "طشقند"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert set(hit) == {
        "id",
        "title",
        "url",
        "published_at",
        "source",
        "snippet",
        "score",
        "organizations",
    }
    assert "<mark>طشقند</mark>" in hit["snippet"]
    assert hit["score"] > 0
    assert data["next"] is None and data["previous"] is None


def test_api_search_pages_link_to_each_other(client, seeded):
    # All five seeds speak of terrorism; page size is 20, so one page.
    data = client.get("/api/search", {"q": "الإرهاب"}).json()
    assert data["count"] == 5 and len(data["results"]) == 5
    scores = [hit["score"] for hit in data["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "a", "page": "abc"},
        {"q": "a", "page": "0"},
        {"q": "a", "page": "99999999"},
    ],
)
def test_api_search_rejects_bad_input_with_400(client, params):
    response = client.get("/api/search", params)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_api_articles_filters_by_url_and_reads_one(client, db):
    from archive.ingest.services import article_upsert

    result = article_upsert(
        title="عنوان", body="نص عن التعاون الأمني", url="https://example.org/a/1"
    )
    listing = client.get("/api/articles", {"url": "https://example.org/a/1"}).json()
    assert listing["count"] == 1
    assert listing["results"][0]["id"] == result.article.pk
    one = client.get(f"/api/articles/{result.article.pk}").json()
    assert one["title"] == "عنوان"
    assert one["organizations"] == [] and one["countries"] == [] and one["meetings"] == []
    assert client.get("/api/articles/999999").status_code == 404


def test_openapi_document_describes_the_endpoints(client):
    doc = client.get("/api/openapi.json").json()
    for path in ("/api/search", "/api/articles", "/api/articles/{article_id}"):
        assert path in doc["paths"], path


def test_api_articles_filters_by_source_language_and_dates(client, db):
    import datetime

    from archive.ingest.services import article_upsert

    old, new = (
        article_upsert(
            title=title,
            body=f"نص عن التعاون الأمني {title}",
            url=f"https://example.org/{year}",
            published_at=datetime.date(year, 5, 1),
            source_name=source,
        ).article
        for title, year, source in (("قديم", 2019, "الحياة"), ("جديد", 2022, "الشرق"))
    )

    def ids(params):
        return [a["id"] for a in client.get("/api/articles", params).json()["results"]]

    assert ids({"source": "الحياة"}) == [old.pk]
    assert ids({"published_after": "2020-01-01"}) == [new.pk]
    assert ids({"published_before": "2020-01-01"}) == [old.pk]
    assert ids({"language": "en"}) == []
    assert ids({"language": "ar"}) == [new.pk, old.pk]


def test_an_article_gives_its_cities_as_objects_and_its_organizations_kinds(client, seeded):
    from archive.models import Meeting

    meeting = Meeting.objects.get(city__name_en="Tashkent")
    article = meeting.article_links.first().article
    doc = client.get(f"/api/articles/{article.pk}").json()
    tashkent = next(c for c in doc["cities"] if c["name_en"] == "Tashkent")
    assert tashkent["name_ar"] == "طشقند"
    assert tashkent["country"]["code"] == "UZ"
    assert 41 < tashkent["latitude"] < 42 and 69 < tashkent["longitude"] < 70
    kinds = {o["slug"]: (o["kind"], o["parent"]) for o in doc["organizations"]}
    assert kinds["cis-atc"] == ("regional_organization", "cis") or kinds["cis-atc"][1] == "cis"
    assert kinds["sco"][1] is None
    place = doc["meetings"][0]["place"]
    assert place["name_en"] == "Tashkent" and place["country"]["code"] == "UZ"
    assert doc["meetings"][0]["city"] == "طشقند"  # the older string field stays
