"""The admin as a curator uses it: filters, the Arabic search box, change pages with
the extracted facts, bulk actions, merge and split pages, the review queue, history,
and escaping of hostile article text."""

import datetime

import pytest
from django.utils.html import escape

from archive.ingest.services import article_upsert
from archive.models import (
    Article,
    ArticleOrganization,
    FactStatus,
    Meeting,
    MergeRecord,
    Organization,
    ReviewStatus,
    Source,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/archive/article/"


def listed(response):
    assert response.status_code == 200, response.content[:2000]
    return {a.pk for a in response.context["cl"].result_list}


def naming(slug):
    return set(
        Article.objects.filter(organization_links__organization__slug=slug).values_list(
            "pk", flat=True
        )
    )


def form_data(response):
    """The POST data of an admin change form as rendered (main form and inlines)."""
    data = {}

    def put(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None:
            data[key] = ""
        elif value is True:
            data[key] = "on"
        elif value is False:
            return
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)

    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = "" if value is None else str(value)
        for child in formset.forms:
            for name in child.fields:
                put(child, name)
    return data


# --- The articles list --------------------------------------------------------------


def test_every_filter_of_the_articles_list(admin_client, seeded):
    everything = set(Article.objects.values_list("pk", flat=True))
    assert listed(admin_client.get(ARTICLES)) == everything
    assert listed(admin_client.get(ARTICLES, {"queue": "new"})) == everything
    assert listed(admin_client.get(ARTICLES, {"queue": "facts"})) == everything
    assert listed(admin_client.get(ARTICLES, {"review_status__exact": "reviewed"})) == set()
    rt = Source.objects.get(name="RT")
    assert listed(admin_client.get(ARTICLES, {"source__id__exact": rt.pk})) == set(
        rt.articles.values_list("pk", flat=True)
    )
    assert listed(admin_client.get(ARTICLES, {"language__exact": "ar"})) == everything
    dated = Article.objects.get(published_at=datetime.date(2019, 12, 20))
    assert listed(admin_client.get(ARTICLES, {"month": "2019-12"})) == {dated.pk}
    interpol = Organization.objects.get(slug="interpol")
    assert listed(admin_client.get(ARTICLES, {"organization": interpol.pk})) == naming("interpol")
    uae = set(
        Article.objects.filter(country_links__country__code="AE").values_list("pk", flat=True)
    )
    assert listed(admin_client.get(ARTICLES, {"country": "AE"})) == uae
    # A rejected mention no longer lists the article under that organization.
    one = next(iter(naming("interpol")))
    ArticleOrganization.objects.filter(article_id=one, organization=interpol).update(
        status=FactStatus.REJECTED
    )
    assert one not in listed(admin_client.get(ARTICLES, {"organization": interpol.pk}))


def test_the_search_box_is_the_sites_arabic_search(admin_client, seeded):
    sco_article = Article.objects.get(title__contains="شنغهاي")
    assert listed(admin_client.get(ARTICLES, {"q": "شنغهاي"})) == {sco_article.pk}
    # Other spellings and word forms are found, as on the site: the body spells the
    # name شانغهاي, and the stem of الإرهابية is the stem of الإرهاب.
    assert listed(admin_client.get(ARTICLES, {"q": "شانغهاي"})) == {sco_article.pk}
    assert listed(admin_client.get(ARTICLES, {"q": "الإنتربول"})) == naming("interpol")
    assert listed(admin_client.get(ARTICLES, {"q": "الإرهابية"})) == set(
        Article.objects.values_list("pk", flat=True)
    )
    assert listed(admin_client.get(ARTICLES, {"q": "كرة القدم"})) == set()
    assert listed(admin_client.get(ARTICLES, {"q": str(sco_article.pk)})) == {sco_article.pk}
    # Search combines with the filters.
    assert listed(admin_client.get(ARTICLES, {"q": "شنغهاي", "queue": "new"})) == {sco_article.pk}
    assert admin_client.get(ARTICLES, {"q": '"'}).status_code == 200  # bad input: no 500


def test_autocomplete_of_articles_uses_the_arabic_search(admin_client, seeded):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "archive",
            "model_name": "articlemeeting",
            "field_name": "article",
            "term": "شنغهاي",
        },
    )
    assert response.status_code == 200
    sco_article = Article.objects.get(title__contains="شنغهاي")
    assert [r["id"] for r in response.json()["results"]] == [str(sco_article.pk)]
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "archive",
            "model_name": "articleorganization",
            "field_name": "organization",
            "term": "interpol",
        },
    )
    assert response.status_code == 200 and response.json()["results"]


# --- Change pages -------------------------------------------------------------------


def test_article_change_page_shows_the_facts_with_evidence_and_status(admin_client, seeded):
    article = Article.objects.get(title__contains="شنغهاي")
    link = article.organization_links.get(organization__slug="sco")
    page = admin_client.get(f"{ARTICLES}{article.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(link.evidence) in html  # the evidence sentence, read-only
    assert 'name="organization_links-0-status"' in html  # accept/reject control
    assert 'name="organization_links-0-evidence"' not in html
    assert "country_links-TOTAL_FORMS" in html and "meeting_links-TOTAL_FORMS" in html


def test_curator_accepts_and_rejects_facts_inline(admin_client, seeded):
    article = Article.objects.get(title__contains="شنغهاي")
    page = admin_client.get(f"{ARTICLES}{article.pk}/change/")
    data = form_data(page)
    forms = page.context["inline_admin_formsets"][0].formset.forms
    slugs = [f.instance.organization.slug for f in forms]
    data[f"organization_links-{slugs.index('sco')}-status"] = "accepted"
    data[f"organization_links-{slugs.index('uz-sss')}-status"] = "rejected"
    response = admin_client.post(f"{ARTICLES}{article.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    status = dict(article.organization_links.values_list("organization__slug", "status"))
    assert status["sco"] == "accepted" and status["uz-sss"] == "rejected"
    assert status["cis"] == "automatic"


def test_organization_and_meeting_pages_have_their_inlines(admin_client, seeded):
    interpol = Organization.objects.get(slug="interpol")
    html = admin_client.get(f"/admin/archive/organization/{interpol.pk}/change/").content
    assert b"aliases-TOTAL_FORMS" in html
    for alias in interpol.aliases.all():
        assert escape(alias.name).encode() in html
    meeting = Meeting.objects.filter(roles__organization=interpol).first()
    page = admin_client.get(f"/admin/archive/meeting/{meeting.pk}/change/")
    html = page.content.decode()
    assert "roles-TOTAL_FORMS" in html and "article_links-TOTAL_FORMS" in html
    assert 'name="series"' in html and 'name="edition"' in html
    assert f"/admin/archive/meeting/{meeting.pk}/split/" in html
    for model in ("meetingrole", "articleorganization", "articlecountry", "articlemeeting"):
        assert admin_client.get(f"/admin/archive/{model}/").status_code == 200
    assert admin_client.get("/admin/archive/mergerecord/").status_code == 200


def test_a_meeting_is_linked_to_and_unlinked_from_articles(admin_client, seeded):
    meeting = Meeting.objects.filter(roles__organization__slug="tftc").get()
    other = Article.objects.get(title__contains="شنغهاي")
    page = admin_client.get(f"/admin/archive/meeting/{meeting.pk}/change/")
    data = form_data(page)
    data["article_links-TOTAL_FORMS"] = "2"
    data.update(
        {
            "article_links-1-article": str(other.pk),
            "article_links-1-relation": "mentions",
            "article_links-1-status": "accepted",
        }
    )
    response = admin_client.post(f"/admin/archive/meeting/{meeting.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    assert other in meeting.articles.all() and meeting.articles.count() == 2
    page = admin_client.get(f"/admin/archive/meeting/{meeting.pk}/change/")
    data = form_data(page)
    forms = page.context["inline_admin_formsets"][1].formset.forms
    index = [f.instance.article_id for f in forms].index(other.pk)
    data[f"article_links-{index}-DELETE"] = "on"
    response = admin_client.post(f"/admin/archive/meeting/{meeting.pk}/change/", data)
    assert response.status_code == 302
    assert other not in meeting.articles.all()


# --- Actions and intermediate pages -------------------------------------------------


def test_bulk_actions_on_articles(admin_client, seeded):
    ids = sorted(Article.objects.values_list("pk", flat=True))
    response = admin_client.post(
        ARTICLES, {"action": "mark_reviewed", "_selected_action": ids[:2]}, follow=True
    )
    assert response.status_code == 200
    assert set(
        Article.objects.filter(review_status=ReviewStatus.REVIEWED).values_list("pk", flat=True)
    ) == set(ids[:2])
    assert not ArticleOrganization.objects.filter(
        article_id__in=ids[:2], status=FactStatus.AUTOMATIC
    ).exists()
    # Reviewed articles leave the queue.
    assert listed(admin_client.get(ARTICLES, {"queue": "new"})) == set(ids[2:])
    admin_client.post(ARTICLES, {"action": "reject", "_selected_action": ids[4:]})
    assert Article.objects.get(pk=ids[4]).review_status == ReviewStatus.REJECTED
    ArticleOrganization.objects.filter(article_id=ids[3]).delete()
    admin_client.post(ARTICLES, {"action": "reextract", "_selected_action": [ids[3]]})
    assert ArticleOrganization.objects.filter(article_id=ids[3]).exists()


def test_merge_organizations_through_the_confirmation_page(admin_client, seeded):
    keep = Organization.objects.get(slug="unoct")
    remove = Organization.objects.get(slug="uncct")
    both = naming("unoct") | naming("uncct")
    url = "/admin/archive/organization/"
    selected = {"action": "merge", "_selected_action": [keep.pk, remove.pk]}
    page = admin_client.post(url, selected)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="keep"' in html and escape(remove.name_ar) in html
    response = admin_client.post(url, {**selected, "post": "yes", "keep": keep.pk})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=remove.pk).exists()
    assert naming("unoct") == both
    record = MergeRecord.objects.get()
    assert record.user.username == "admin" and record.other_id == remove.pk
    history = admin_client.get(f"/admin/archive/organization/{keep.pk}/history/")
    assert history.status_code == 200 and "admin" in history.content.decode()


def test_merge_and_split_meetings_in_the_admin(admin_client, seeded):
    summit = Meeting.objects.filter(roles__organization__slug="tftc").get()
    conference = Meeting.objects.filter(roles__organization__slug="cis-atc").get()
    moved = conference.articles.get()
    url = "/admin/archive/meeting/"
    selected = {"action": "merge", "_selected_action": [summit.pk, conference.pk]}
    assert 'name="keep"' in admin_client.post(url, selected).content.decode()
    admin_client.post(url, {**selected, "post": "yes", "keep": summit.pk})
    assert summit.articles.count() == 2 and not Meeting.objects.filter(pk=conference.pk).exists()

    response = admin_client.post(url, {"action": "split", "_selected_action": [summit.pk]})
    split_url = f"/admin/archive/meeting/{summit.pk}/split/"
    assert response.status_code == 302 and response["Location"] == split_url
    page = admin_client.get(split_url)
    assert page.status_code == 200 and f'value="{moved.pk}"' in page.content.decode()
    # Moving every article is refused with a message; moving one makes a new meeting.
    all_ids = list(summit.articles.values_list("pk", flat=True))
    assert admin_client.post(split_url, {"articles": all_ids}).status_code == 200
    response = admin_client.post(split_url, {"articles": [moved.pk]})
    assert response.status_code == 302
    new = Meeting.objects.exclude(pk__in=Meeting.objects.filter(pk=summit.pk)).get(articles=moved)
    assert response["Location"] == f"/admin/archive/meeting/{new.pk}/change/"
    assert list(summit.articles.values_list("pk", flat=True)) != all_ids


def test_review_queue_is_the_landing_link_and_oldest_first(admin_client, seeded):
    index = admin_client.get("/admin/").content.decode()
    assert "/admin/archive/article/review-queue/" in index
    page = admin_client.get("/admin/archive/article/review-queue/")
    assert page.status_code == 200
    assert page.context["counts"]["articles"] == Article.objects.count()
    response = admin_client.get(ARTICLES, {"queue": "new"})
    order = [a.pk for a in response.context["cl"].result_list]
    assert order == list(Article.objects.order_by("created_at", "id").values_list("pk", flat=True))
    facts = admin_client.get("/admin/archive/articleorganization/", {"status__exact": "automatic"})
    assert facts.status_code == 200
    assert len(facts.context["cl"].result_list) == min(
        100, ArticleOrganization.objects.filter(status="automatic").count()
    )


# --- History ------------------------------------------------------------------------


def test_history_lists_field_level_changes_by_the_curator(admin_client, seeded):
    article = Article.objects.get(title__contains="شنغهاي")
    # Bulk ingest writes no history rows: the first change still shows as a difference
    # from what ingest wrote.
    article.history.all().delete()
    url = f"{ARTICLES}{article.pk}/change/"
    data = form_data(admin_client.get(url))
    data["title"] = "عنوان صححه المحرر"
    data["review_status"] = "reviewed"
    assert admin_client.post(url, data).status_code == 302
    last = article.history.first()
    assert last.history_user.username == "admin"
    delta = last.diff_against(last.prev_record)
    assert {c.field for c in delta.changes} == {"title", "review_status"}
    page = admin_client.get(f"{ARTICLES}{article.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "عنوان صححه المحرر" in html and "admin" in html
    assert escape(article.title) in html  # the old value, beside the new one


# --- Escaping -----------------------------------------------------------------------

TITLE = "<script>alert('t')</script> تعاون أمني"
BODY = '<img src=x onerror="alert(1)"> اجتمع ممثلو الإنتربول <b>لمكافحة</b> الإرهاب.'


def assert_escaped(html):
    assert "<script>alert(" not in html
    assert "<img src=x" not in html and "<b>لمكافحة</b>" not in html
    assert "&lt;script&gt;" in html


def test_hostile_article_text_is_escaped_everywhere_in_the_admin(admin_client, db):
    article = article_upsert(title=TITLE, body=BODY).article
    ArticleOrganization.objects.create(
        article=article, organization=Organization.objects.get(slug="interpol"), evidence=BODY
    )
    assert_escaped(admin_client.get(ARTICLES).content.decode())
    results = admin_client.get(ARTICLES, {"q": "الإرهاب"})
    assert listed(results) == {article.pk}
    assert_escaped(results.content.decode())
    change = admin_client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    assert_escaped(change)
    assert "&lt;img src=x onerror=" in change  # the evidence sentence, escaped
    assert (
        "<img src=x" not in admin_client.get("/admin/archive/articleorganization/").content.decode()
    )
    data = form_data(admin_client.get(f"{ARTICLES}{article.pk}/change/"))
    data["title"] = TITLE + " <svg onload=alert(2)>"
    admin_client.post(f"{ARTICLES}{article.pk}/change/", data)
    history = admin_client.get(f"{ARTICLES}{article.pk}/history/").content.decode()
    assert_escaped(history)
    assert "<svg onload" not in history


# --- Names the search expands -------------------------------------------------------


def test_an_alias_renamed_in_the_admin_is_searched_by_its_new_name_at_once(admin_client, db):
    from archive.models import Organization, OrganizationAlias
    from archive.search.selectors import SearchRequest, article_search

    org = Organization.objects.create(slug="zaytun-group", name_ar="مجموعة الزيتون للتنسيق")
    alias = OrganizationAlias.objects.create(organization=org, name="ألفاتيكا", language="ar")
    article = article_upsert(
        title="اجتماع مجموعة الزيتون للتنسيق", body="عقدت مجموعة الزيتون للتنسيق اجتماعها."
    ).article

    def found(q):
        return {a.pk for a in article_search(SearchRequest(q=q)).articles}

    assert found("ألفاتيكا") == {article.pk}  # the alias finds the organization's articles
    url = f"/admin/archive/organizationalias/{alias.pk}/change/"
    data = form_data(admin_client.get(url))
    data["name"] = "بيتاريكا"
    assert admin_client.post(url, data).status_code == 302
    assert found("بيتاريكا") == {article.pk}
    assert found("ألفاتيكا") == set()
