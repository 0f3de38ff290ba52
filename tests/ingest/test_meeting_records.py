"""Meeting records on real news: candidates are not public, the agenda filter, and one
batch gives the same records in any order and with any number of workers."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.accounts.services import user_create
from archive.models import (
    Article,
    ArticleMeeting,
    FactStatus,
    Meeting,
    MeetingRole,
    MeetingSeries,
    MeetingStatus,
)

pytestmark = pytest.mark.django_db

SELECTION = Path(__file__).resolve().parents[2] / "bench" / "gold" / "selection.jsonl"


def _real_articles(strata=("meeting-security-2", "meeting+security"), count=90):
    """A fixed sample of real Tunisian news that names events (the gold set's articles,
    chosen by word search, never by the extractor)."""
    rows = []
    with open(SELECTION, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["stratum"] in strata:
                rows.append(
                    {
                        "url": row["url"],
                        "title": row["title"],
                        "body": row["body"],
                        "published_at": row["published_at"],
                        "source": "Jawhara FM",
                    }
                )
    return rows[:count]


def _ingest(tmp_path, rows, *, workers, name):
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    call_command("ingest", str(path), "--no-progress", f"--workers={workers}")


def _records():
    """Every meeting as what an analyst sees of it: its attributes, roles and reports."""
    out = set()
    for m in Meeting.objects.select_related("city", "country", "series"):
        roles = frozenset(
            MeetingRole.objects.filter(meeting=m).values_list(
                "organization__slug", "role", "status"
            )
        )
        reports = frozenset(
            ArticleMeeting.objects.filter(meeting=m).values_list("article__url", "status")
        )
        out.add(
            (
                m.kind,
                m.name,
                m.series.slug if m.series else None,
                m.edition,
                m.city.name_en if m.city else None,
                m.country.code if m.country else None,
                m.start_date,
                m.end_date,
                m.status,
                round(m.confidence, 3),
                m.about_security,
                roles,
                reports,
            )
        )
    return out


def _forget_everything():
    Article.objects.all().delete()
    Meeting.objects.all().delete()
    MeetingSeries.objects.all().delete()


def _retold(row):
    """The same story from another outlet: its own address, a reworded title and lead."""
    body = row["body"].split("\n", 1)
    return {
        **row,
        "url": row["url"] + "?outlet=2",
        "title": "عاجل: " + row["title"],
        "body": body[-1] if len(body) == 2 else row["body"] + "\nوأضاف المصدر ذاته.",
        "source": "Mosaique FM",
    }


def test_one_batch_gives_the_same_meetings_in_any_order_and_with_any_workers(tmp_path):
    rows = _real_articles()
    rows += [_retold(r) for r in rows[::3]]  # several reports of one event
    _ingest(tmp_path, rows, workers=0, name="forward")
    first = _records()
    assert len(first) >= 20  # real meetings, public and candidates
    assert sum(len(record[-1]) >= 2 for record in first) >= 5  # reported more than once
    _forget_everything()
    _ingest(tmp_path, list(reversed(rows)), workers=2, name="backward")
    assert _records() == first


def _ingest_real(tmp_path):
    rows = _real_articles(count=200)
    _ingest(tmp_path, rows, workers=0, name="real")
    candidates = Meeting.objects.filter(status=MeetingStatus.CANDIDATE)
    public = Meeting.objects.filter(status=MeetingStatus.PUBLIC)
    assert candidates.exists() and public.exists()
    return candidates, public


def test_a_candidate_meeting_is_not_shown_to_the_public(client, tmp_path):
    candidates, _public = _ingest_real(tmp_path)
    candidate = candidates.order_by("pk").first()
    link = ArticleMeeting.objects.filter(meeting=candidate).first()
    # its reports and roles are candidates, not live facts
    assert link.status == FactStatus.CANDIDATE
    assert not MeetingRole.objects.filter(meeting=candidate, status=FactStatus.AUTOMATIC).exists()
    assert client.get(f"/meetings/{candidate.pk}/").status_code == 404
    assert client.get(f"/api/meetings/{candidate.pk}").status_code == 404
    listed = client.get("/api/meetings", {"agenda": "all"}).json()
    assert candidate.pk not in {m["id"] for m in listed["results"]}
    article = client.get(f"/api/articles/{link.article_id}").json()
    assert article["meetings"] == []
    # ?candidates=1 is for curators only
    assert client.get(f"/api/articles/{link.article_id}?candidates=1").json()["meetings"] == []


def test_a_curator_sees_candidates_and_publishes_one(client, tmp_path):
    candidates, _public = _ingest_real(tmp_path)
    candidate = candidates.order_by("pk").first()
    link = ArticleMeeting.objects.filter(meeting=candidate).first()
    curator = user_create(username="leila", role="curator", password="a-long-enough-Passphrase-42")
    client.force_login(curator)
    shown = client.get(f"/api/articles/{link.article_id}?candidates=1").json()["meetings"]
    assert [m["status"] for m in shown] == ["candidate"]
    assert shown[0]["confidence_reasons"]
    assert client.get(f"/meetings/{candidate.pk}/").status_code == 200
    response = client.post(
        "/admin/archive/meeting/",
        {"action": "publish", "_selected_action": [candidate.pk]},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == MeetingStatus.PUBLIC and "status" in candidate.curated_fields
    link.refresh_from_db()
    assert link.status == FactStatus.AUTOMATIC
    client.logout()
    assert client.get(f"/meetings/{candidate.pk}/").status_code == 200
    # re-extraction keeps the curator's decision
    call_command("curate", "reextract", stdout=io.StringIO())
    candidate.refresh_from_db()
    assert candidate.status == MeetingStatus.PUBLIC


def test_the_meeting_list_opens_on_security_and_shows_all_on_request(client, tmp_path):
    _candidates, public = _ingest_real(tmp_path)
    on_security = public.filter(about_security=True)
    assert on_security.exists() and public.filter(about_security=False).exists()
    page = client.get("/meetings/").content.decode()
    everything = client.get("/meetings/", {"agenda": "all"}).content.decode()
    for meeting in public.filter(about_security=False)[:5]:
        assert f"/meetings/{meeting.pk}/" not in page
        assert f"/meetings/{meeting.pk}/" in everything or public.count() > 50
    first = on_security.order_by("-start_date", "name").first()
    assert f"/meetings/{first.pk}/" in page
    assert client.get("/meetings/", {"agenda": "nonsense"}).status_code == 400
