"""Curation services (archive.curation) judged by what a curator sees afterwards:
merges of organizations and meetings, a meeting split, re-extraction that keeps
curator decisions, review decisions, and the trace each leaves."""

import pytest

from archive.curation import services as curation
from archive.models import (
    Article,
    ArticleMeeting,
    ArticleOrganization,
    FactStatus,
    Meeting,
    MeetingRole,
    MeetingSeries,
    MergeRecord,
    Organization,
    OrganizationAlias,
    ReviewStatus,
)
from archive.search.selectors import SearchRequest, article_search

pytestmark = pytest.mark.django_db


def org(slug):
    return Organization.objects.get(slug=slug)


def article_naming(slug):
    """The seed articles naming an organization, by title."""
    return set(
        Article.objects.filter(organization_links__organization__slug=slug).values_list(
            "title", flat=True
        )
    )


def search_titles(**params):
    """Titles the site's search lists (the selector behind the page and the API)."""
    results = article_search(SearchRequest(**params), with_facets=False)
    return {a.title for a in results.articles}


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser("curator", "c@example.org", "pw-curator-1")


# --- Organizations ------------------------------------------------------------------


def test_merged_organization_takes_over_mentions_roles_aliases_and_children(
    admin_client, seeded, curator
):
    # The seeds name the UN Counter-Terrorism Centre (uncct) in two articles and the UN
    # Office of Counter-Terrorism (unoct) in one of them; a curator decides they are one.
    keep, remove = org("unoct"), org("uncct")
    both = article_naming("unoct") | article_naming("uncct")
    assert len(both) == 2
    shared = Article.objects.filter(organization_links__organization=keep).get(
        organization_links__organization=remove
    )
    ArticleOrganization.objects.filter(article=shared, organization=remove).update(
        status=FactStatus.ACCEPTED
    )
    mentions = {link.organization_id: link.mentions for link in shared.organization_links.all()}
    remove_aliases = set(remove.aliases.values_list("name", flat=True))
    remove_roles = set(remove.meeting_roles.values_list("meeting_id", "role"))
    child = Organization.objects.create(slug="child-unit", name_ar="وحدة تابعة", parent=remove)
    remove_name, remove_id = remove.name_ar, remove.pk

    record = curation.organization_merge(keep=keep, remove=remove, user=curator)

    assert not Organization.objects.filter(pk=remove_id).exists()
    assert article_naming("unoct") == both
    combined = ArticleOrganization.objects.get(article=shared, organization=keep)
    assert combined.mentions == mentions[keep.pk] + mentions[remove_id]  # counts summed
    assert combined.status == FactStatus.ACCEPTED  # the curator's decision survives
    assert remove_roles <= set(keep.meeting_roles.values_list("meeting_id", "role"))
    aliases = set(keep.aliases.values_list("name", flat=True))
    assert remove_aliases <= aliases and remove_name in aliases
    child.refresh_from_db()
    assert child.parent_id == keep.pk
    # The merge can be traced: what into what, by whom.
    assert record.kind == MergeRecord.Kind.ORGANIZATION_MERGE
    assert (record.kept_id, record.other_id, record.user) == (keep.pk, remove_id, curator)
    assert remove_name in record.other_label
    assert keep.history.filter(history_user=curator).exists()
    # Searching by the merged name still finds both articles; the filter by the kept
    # organization lists them too.
    assert both <= search_titles(q=remove_name)
    assert search_titles(organization="unoct") == both
    # The kept organization's admin page shows the merged name among its aliases and
    # counts both articles; the articles list filtered by it shows both.
    page = admin_client.get(f"/admin/archive/organization/{keep.pk}/change/").content.decode()
    assert remove_name in page
    listing = admin_client.get("/admin/archive/article/", {"organization": keep.pk})
    assert {a.title for a in listing.context["cl"].result_list} == both
    # Merging again changes nothing and returns the first trace.
    assert curation.organization_merge(keep=keep, remove=remove, user=curator) == record


def test_merging_an_organization_into_itself_is_refused(seeded):
    with pytest.raises(ValueError):
        curation.organization_merge(keep=org("un"), remove=org("un"))


def test_merge_moves_series_it_organizes_and_keeps_one_alias_per_name(seeded):
    keep, remove = org("interpol"), org("europol")
    series = MeetingSeries.objects.create(slug="s-europol", name_ar="سلسلة", organizer=remove)
    OrganizationAlias.objects.create(organization=keep, name="اليوروبول المكرر")
    OrganizationAlias.objects.create(organization=remove, name="اليوروبول المكرر")
    curation.organization_merge(keep=keep, remove=remove)
    series.refresh_from_db()
    assert series.organizer_id == keep.pk
    assert keep.aliases.filter(name="اليوروبول المكرر").count() == 1


# --- Meetings -----------------------------------------------------------------------


def _meeting_of(slug):
    """The meeting a seed article reports, found through an organization's role in it."""
    return Meeting.objects.filter(roles__organization__slug=slug).distinct().get()


def test_meeting_merge_gathers_articles_and_roles(seeded, curator):
    keep = _meeting_of("tftc")  # the summit of counter-terrorism centres
    remove = _meeting_of("cis-atc")  # the CIS/SCO conference
    keep_articles = set(keep.articles.values_list("pk", flat=True))
    remove_articles = set(remove.articles.values_list("pk", flat=True))
    # One article already linked to both records: its two links become one.
    shared = Article.objects.get(pk=next(iter(keep_articles)))
    ArticleMeeting.objects.create(
        article=shared, meeting=remove, relation="reports", status=FactStatus.REJECTED
    )
    roles = set(keep.roles.values_list("organization__slug", "role")) | set(
        remove.roles.values_list("organization__slug", "role")
    )
    keep.start_date = None
    keep.save()

    record = curation.meeting_merge(keep=keep, remove=remove, user=curator)

    keep.refresh_from_db()
    assert not Meeting.objects.filter(pk=record.other_id).exists()
    assert set(keep.articles.values_list("pk", flat=True)) == keep_articles | remove_articles
    assert ArticleMeeting.objects.filter(article=shared, meeting=keep).count() == 1
    assert ArticleMeeting.objects.get(article=shared, meeting=keep).status == "rejected"
    assert set(keep.roles.values_list("organization__slug", "role")) == roles
    assert keep.series is not None and keep.edition == 2  # kept its own series and edition
    assert record.kind == MergeRecord.Kind.MEETING_MERGE and record.user == curator
    # The article page of the moved article now names the kept meeting.
    moved = Article.objects.get(pk=next(iter(remove_articles)))
    assert [m.pk for m in moved.meetings.all()] == [keep.pk]


def test_meeting_merge_takes_the_series_and_dates_the_kept_record_lacks(seeded):
    keep = _meeting_of("cis-atc")  # no series, no edition
    remove = _meeting_of("aimc-secretariat")  # the 24th Arab conference
    series, edition = remove.series_id, remove.edition
    curation.meeting_merge(keep=keep, remove=remove)
    keep.refresh_from_db()
    assert (keep.series_id, keep.edition) == (series, edition)


def test_meeting_split_moves_the_chosen_articles_with_their_roles(admin_client, seeded, curator):
    summit = _meeting_of("tftc")
    conference = _meeting_of("cis-atc")
    conference_article = conference.articles.get()
    curation.meeting_merge(keep=summit, remove=conference)  # a wrong merge...
    assert summit.articles.count() == 2

    new = curation.meeting_split(meeting=summit, articles=[conference_article], user=curator)

    # ... undone by a split: each article reports its own meeting again.
    assert list(new.articles.all()) == [conference_article]
    assert conference_article not in summit.articles.all() and summit.articles.count() == 1
    # The roles whose evidence comes from the moved article moved with it.
    assert set(new.roles.values_list("organization__slug", flat=True)) == {
        "cis",
        "sco",
        "uz-sss",
        "cis-atc",
        "sco-rats",
    }
    assert set(summit.roles.values_list("organization__slug", flat=True)) == {"tftc"}
    assert ArticleMeeting.objects.get(meeting=new).status == FactStatus.ACCEPTED
    assert new.edition is None
    record = MergeRecord.objects.get(kind=MergeRecord.Kind.MEETING_SPLIT)
    assert (record.kept_id, record.other_id, record.user) == (new.pk, summit.pk, curator)
    assert record.details["articles"] == [conference_article.pk]
    # The curator sees the new meeting with its article in the admin.
    page = admin_client.get(f"/admin/archive/meeting/{new.pk}/change/").content.decode()
    assert str(conference_article.pk) in page


def test_meeting_split_refuses_to_move_every_article_or_none(seeded):
    summit = _meeting_of("tftc")
    with pytest.raises(ValueError):
        curation.meeting_split(meeting=summit, articles=list(summit.articles.all()))
    with pytest.raises(ValueError):
        curation.meeting_split(meeting=summit, articles=[])


# --- Articles and facts -------------------------------------------------------------


def test_reextraction_keeps_accepted_and_rejected_facts(seeded):
    # The seed report of the 24th Arab conference names the GCC, INTERPOL and UNOCT.
    article = Article.objects.get(organization_links__organization__slug="aimc-secretariat")
    links = {link.organization.slug: link for link in article.organization_links.all()}
    curation.fact_accept(facts=[links["gcc"]])
    curation.fact_reject(facts=[links["interpol"]])
    # A fact the curator added by hand, and an automatic one extraction will not find.
    ArticleOrganization.objects.create(
        article=article, organization=org("sco"), status=FactStatus.ACCEPTED
    )
    ArticleOrganization.objects.create(article=article, organization=org("cis"))

    assert curation.article_reextract(articles=[article]) == 1

    status = dict(article.organization_links.values_list("organization__slug", "status"))
    assert status["gcc"] == FactStatus.ACCEPTED
    assert status["interpol"] == FactStatus.REJECTED
    assert status["sco"] == FactStatus.ACCEPTED
    assert "cis" not in status  # automatic and not found again: gone
    assert status["unoct"] == FactStatus.AUTOMATIC
    # The site's organization filter no longer lists it under INTERPOL (rejected).
    assert article.title not in search_titles(organization="interpol")


def test_mark_reviewed_accepts_remaining_facts_and_leaves_the_queue(seeded, curator):
    article = Article.objects.get(organization_links__organization__slug="imctc")
    assert article.review_status == ReviewStatus.NEW
    assert curation.article_mark_reviewed(articles=[article], user=curator) == 1
    article.refresh_from_db()
    assert article.review_status == ReviewStatus.REVIEWED
    assert set(article.organization_links.values_list("status", flat=True)) == {"accepted"}
    assert article.history.first().history_user == curator
    assert curation.article_mark_reviewed(articles=[article], user=curator) == 0  # idempotent
    assert curation.article_reject(articles=[article]) == 1
    article.refresh_from_db()
    assert article.review_status == ReviewStatus.REJECTED


def test_fact_decisions_are_recorded_per_fact(seeded, curator):
    role = MeetingRole.objects.filter(organization__slug="interpol").first()
    assert curation.fact_reject(facts=[role], user=curator) == 1
    assert curation.fact_reject(facts=[role], user=curator) == 0
    role.refresh_from_db()
    assert role.status == FactStatus.REJECTED
    last = role.history.first()
    assert last.history_user == curator
    delta = last.diff_against(last.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("status", "automatic", "rejected")]


def test_the_curate_command_calls_the_same_services(seeded, curator):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("curate", "--user", "curator", "merge-organizations", "unoct", "uncct", stdout=out)
    assert not Organization.objects.filter(slug="uncct").exists()
    assert MergeRecord.objects.get().user == curator
    gcc = ArticleOrganization.objects.filter(organization__slug="gcc").first()
    curation.fact_reject(facts=[gcc])
    call_command("curate", "reextract", stdout=out)
    gcc.refresh_from_db()
    assert gcc.status == FactStatus.REJECTED
    assert "re-extracted 5 articles" in out.getvalue()
