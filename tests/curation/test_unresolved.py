"""The organizations no list holds yet, as a curator meets them in the admin: the phrases
ranked by how many articles name them, one resolved in one action (a new organization, an
alias of an existing one, or not an organization), and the articles naming it that now
list it."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from archive.models import (
    Article,
    ArticleOrganization,
    DismissedPhrase,
    Organization,
    OrganizationAlias,
    UnresolvedMention,
)

pytestmark = pytest.mark.django_db

OBSERVATORY = "المرصد التونسي للحقوق الاقتصادية والاجتماعية"
ARTICLES = [
    {
        "title": "تقرير جديد حول الاحتجاجات",
        "body": f"أصدر {OBSERVATORY} تقريره الشهري حول الاحتجاجات الاجتماعية في الجهات.\n"
        "وسجل التقرير ارتفاعا في عدد التحركات.",
        "url": "https://example.org/ftdes-1",
        "published_at": "2017-02-01",
        "source": "Jawhara FM",
    },
    {
        "title": "الهجرة غير النظامية",
        "body": f"وبحسب {OBSERVATORY} فإن عدد المهاجرين ارتفع هذا العام.\n"
        f"ودعا {OBSERVATORY} إلى مقاربة جديدة.",
        "url": "https://example.org/ftdes-2",
        "published_at": "2017-03-01",
        "source": "Jawhara FM",
    },
    {
        "title": "ندوة حول الاقتصاد",
        "body": "نظمت جمعية أصدقاء المكتبة الوطنية ندوة حول الكتاب.",
        "url": "https://example.org/other",
        "published_at": "2017-03-02",
        "source": "Jawhara FM",
    },
]


@pytest.fixture
def ingested(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES), "utf-8")
    call_command("ingest", str(path), "--no-progress", stdout=io.StringIO())
    return {a["url"]: Article.objects.get(url=a["url"]) for a in ARTICLES}


def listed(client, **params) -> str:
    """The list page's table (not its messages)."""
    page = client.get(reverse("admin:archive_unresolvedmention_changelist"), params)
    assert page.status_code == 200
    html = page.content.decode()
    main = html[html.index('id="content-main"') :]
    return main[main.index("<table") : main.index("</table>")]


def key_of(phrase):
    return UnresolvedMention.objects.filter(phrase=phrase).values_list("key", flat=True)[0]


def organizations_of(article):
    return set(
        ArticleOrganization.objects.filter(article=article).values_list(
            "organization__name_ar", flat=True
        )
    )


def test_the_list_ranks_phrases_by_articles(admin_client, ingested):
    page = listed(admin_client)
    assert OBSERVATORY in page and "جمعية أصدقاء المكتبة الوطنية" in page
    assert page.index(OBSERVATORY) < page.index("جمعية أصدقاء المكتبة الوطنية")  # 2 before 1
    only = listed(admin_client, q="المرصد")
    assert OBSERVATORY in only and "جمعية أصدقاء" not in only


def test_resolving_a_phrase_adds_the_organization_to_the_articles_naming_it(admin_client, ingested):
    two = [ingested["https://example.org/ftdes-1"], ingested["https://example.org/ftdes-2"]]
    assert all(OBSERVATORY not in organizations_of(a) for a in two)
    page = admin_client.get(
        reverse("admin:archive_unresolvedmention_resolve"), {"key": key_of(OBSERVATORY)}
    )
    assert page.status_code == 200
    assert "أصدر" in page.content.decode()  # the evidence sentences are shown

    response = admin_client.post(
        reverse("admin:archive_unresolvedmention_resolve"),
        {
            "key": key_of(OBSERVATORY),
            "action": "create",
            "name_ar": OBSERVATORY,
            "name_en": "Tunisian Forum for Economic and Social Rights",
            "acronym": "FTDES",
            "kind": "ngo",
        },
    )
    assert response.status_code == 302
    created = Organization.objects.get(name_ar=OBSERVATORY)
    assert (created.kind, created.acronym) == ("ngo", "FTDES")
    for article in two:
        assert OBSERVATORY in organizations_of(article)
    link = ArticleOrganization.objects.get(article=two[1], organization=created)
    assert link.mentions == 2
    # resolved: no longer listed, and the other article was not touched
    assert not UnresolvedMention.objects.filter(phrase=OBSERVATORY).exists()
    assert OBSERVATORY not in listed(admin_client)
    assert UnresolvedMention.objects.filter(phrase="جمعية أصدقاء المكتبة الوطنية").exists()


def test_a_phrase_becomes_an_alias_of_an_existing_organization(admin_client, ingested):
    existing = Organization.objects.create(
        slug="ftdes", name_ar="المنتدى التونسي للحقوق الاقتصادية والاجتماعية", kind="ngo"
    )
    response = admin_client.post(
        reverse("admin:archive_unresolvedmention_resolve"),
        {"key": key_of(OBSERVATORY), "action": "alias", "organization": existing.pk, "kind": "ngo"},
    )
    assert response.status_code == 302
    assert OrganizationAlias.objects.filter(organization=existing, name=OBSERVATORY).exists()
    assert existing.name_ar in organizations_of(ingested["https://example.org/ftdes-2"])


def test_a_wrong_decision_form_is_refused_and_writes_nothing(admin_client, ingested):
    before = Organization.objects.count()
    response = admin_client.post(
        reverse("admin:archive_unresolvedmention_resolve"),
        {"key": key_of(OBSERVATORY), "action": "alias", "kind": "ngo"},  # no organization
    )
    assert response.status_code == 200
    assert "Choose the organization" in response.content.decode() or "اختر" in (
        response.content.decode()
    )
    assert Organization.objects.count() == before
    response = admin_client.post(
        reverse("admin:archive_unresolvedmention_resolve"),
        {"key": key_of(OBSERVATORY), "action": "create", "name_ar": "x", "kind": "no-such"},
    )
    assert response.status_code == 200 and Organization.objects.count() == before
    missing = admin_client.get(
        reverse("admin:archive_unresolvedmention_resolve"), {"key": "لا يوجد"}
    )
    assert missing.status_code == 404


def test_dismissing_a_phrase_hides_it_until_the_dismissal_is_deleted(admin_client, ingested):
    other = "جمعية أصدقاء المكتبة الوطنية"
    response = admin_client.post(
        reverse("admin:archive_unresolvedmention_resolve"),
        {"key": key_of(other), "action": "dismiss", "kind": "other"},
    )
    assert response.status_code == 302
    assert other not in listed(admin_client)
    DismissedPhrase.objects.all().delete()
    assert other in listed(admin_client)


def test_re_extraction_rewrites_the_phrases_of_an_article(ingested):
    from archive.curation.services import article_reextract

    article = ingested["https://example.org/other"]
    Article.objects.filter(pk=article.pk).update(body="نص بلا أي اسم.")
    article.refresh_from_db()
    article_reextract(articles=[article])
    assert not UnresolvedMention.objects.filter(article=article).exists()
