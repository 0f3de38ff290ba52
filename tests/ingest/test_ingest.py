"""Ingest as the operator runs it: any batch, a clear report, nothing lost or doubled."""

import io
import json
import sys

import pytest
from django.core.management import call_command

from archive.models import (
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    FactStatus,
    Meeting,
    Organization,
)
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db


def run_ingest(*args, stdin=None):
    """(exit status, stdout, stderr) of `manage.py ingest`."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        call_command("ingest", *args, "--no-progress", stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def seed_article(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return Article.objects.get(title__startswith=_title_of(path))


def _title_of(path):
    from archive.ingest.pipeline import prepare
    from archive.text.formats import iter_records

    return prepare(next(iter_records(path))).title[:40]


def test_seeds_become_clean_articles(seeded):
    a1 = seed_article("001")
    assert (
        a1.title
        == "رابطة الدول المستقلة ومنظمة شنغهاي للتعاون تعقدان مؤتمرا مشتركا حول مكافحة الإرهاب"
    )
    assert "زر الذهاب إلى الأعلى" not in a1.body and "اترك تعليقاً" not in a1.body
    a0 = seed_article("000")
    assert "سحب 0 تعليق" not in a0.body and "أخبار ذات صلة" not in a0.body
    assert "مكافحة الإرهاب" in a0.body  # the sub-heading stays
    a3 = seed_article("003")
    repeated = "كان هدف الاجتماع تحديد الفرص لتعزيز استخدام قدرات الإنتربول الشرطية العالمية"
    assert a3.body.count(repeated) == 1
    a4 = seed_article("004")
    assert "اقرأ أيضاً" not in a4.body and "مقالات مشابهة" not in a4.body
    assert "كودري" not in a4.body  # the "read also" story is not part of the article
    assert "وأكّد اللواء الطيار الركن المغيدي" in a4.body


def test_seed_001_two_spellings_resolve_to_one_organization_each(seeded):
    article = seed_article("001")
    slugs = list(
        ArticleOrganization.objects.filter(article=article).values_list(
            "organization__slug", flat=True
        )
    )
    assert slugs.count("cis") == 1 and slugs.count("sco") == 1
    cis = ArticleOrganization.objects.get(article=article, organization__slug="cis")
    assert cis.mentions >= 2
    assert {"cis-atc", "sco-rats"} <= set(slugs)
    codes = set(
        ArticleCountry.objects.filter(article=article).values_list("country__code", flat=True)
    )
    assert {"UZ", "AZ", "AM", "BY", "IN", "IR", "KZ", "CN", "KG", "PK", "RU", "TJ"} <= codes


def test_seed_003_reports_the_abu_dhabi_meeting_with_its_dates(seeded):
    article = seed_article("003")
    assert str(article.published_at) == "2019-12-20"
    meeting = ArticleMeeting.objects.get(article=article).meeting
    assert meeting.city.name_en == "Abu Dhabi" and meeting.country.code == "AE"
    assert (str(meeting.start_date), str(meeting.end_date)) == ("2019-12-10", "2019-12-12")
    assert meeting.edition == 4


def test_seed_002_reports_the_24th_arab_conference(seeded):
    meeting = ArticleMeeting.objects.get(article=seed_article("002")).meeting
    assert meeting.kind == "conference" and meeting.edition == 24
    participants = set(meeting.roles.values_list("organization__slug", flat=True))
    assert {"arab-league", "gcc", "interpol", "europol", "nauss"} <= participants


def test_ingesting_twice_adds_nothing(seeded):
    counts = (Article.objects.count(), ArticleOrganization.objects.count(), Meeting.objects.count())
    code, out, _ = run_ingest(str(SEEDS))
    assert code == 0
    assert "new 0, updated 0, duplicate 5, failed 0" in out
    assert counts == (
        Article.objects.count(),
        ArticleOrganization.objects.count(),
        Meeting.objects.count(),
    )


def test_a_changed_article_updates_its_record(tmp_path):
    path = tmp_path / "a.jsonl"
    row = {
        "url": "https://example.org/news/1",
        "title": "اجتماع أمني",
        "body": "عقد الإنتربول اجتماعا.",
    }
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run_ingest(str(path))[0] == 0
    row["body"] = "عقد الإنتربول اجتماعا في الرياض."
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run_ingest(str(path))
    assert code == 0 and "updated 1" in out
    assert Article.objects.get(url=row["url"]).body.endswith("في الرياض.")
    assert Article.objects.count() == 1


def test_curator_decisions_survive_re_ingest(tmp_path, seeded):
    article = seed_article("001")
    rejected = ArticleOrganization.objects.get(article=article, organization__slug="cis")
    rejected.status = FactStatus.REJECTED
    rejected.save()
    # The same story again, edited: the article is re-extracted...
    path = tmp_path / "001-edited.txt"
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    path.write_text(text + "\n\nوأكد المشاركون أهمية التعاون.", encoding="utf-8")
    run_ingest(str(path))
    # ...in a new record (no URL to tie them), while the curator's rejection stands.
    rejected.refresh_from_db()
    assert rejected.status == FactStatus.REJECTED


def test_malformed_inputs_each_get_a_clear_error_and_the_batch_completes(tmp_path):
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "truncated.json").write_text('[{"title": "x", "body": "نص', encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(
        "اجتماع وزراء الداخلية العرب\n\nعقد مجلس وزراء الداخلية العرب دورته في تونس.".encode(
            "cp1256"
        )
    )
    (tmp_path / "scripts.html").write_text(
        "<html><head><script>var a=1;</script></head><body><script>alert(1)</script>"
        "<nav>الرئيسية</nav></body></html>",
        encoding="utf-8",
    )
    lines = tmp_path / "mixed.jsonl"
    lines.write_text(
        '{"title": "أ", "body": "مؤتمر عن مكافحة الإرهاب في الرياض"}\n{"title": "truncated\n'
        '{"title": "no body"}\n{"body": "اجتمع مسؤولون من الإنتربول"}\n',
        encoding="utf-8",
    )
    report = tmp_path / "ingest-report.json"  # the name ingest skips when re-reading a folder
    code, out, err = run_ingest(str(tmp_path), "--report", str(report))
    assert code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    by_item = {i["item"].rsplit("/", 1)[-1]: i for i in data["items"]}
    assert (
        by_item["binary.txt"]["status"] == "failed" and "binary" in by_item["binary.txt"]["reason"]
    )
    assert by_item["empty.txt"]["status"] == "failed" and "empty" in by_item["empty.txt"]["reason"]
    assert by_item["truncated.json"]["status"] == "failed"
    assert by_item["scripts.html"]["status"] == "failed"
    assert by_item["legacy.txt"]["status"] == "new"
    assert Article.objects.filter(title="اجتماع وزراء الداخلية العرب").exists()
    statuses = sorted(i["status"] for k, i in by_item.items() if k.startswith("mixed.jsonl"))
    assert statuses == ["failed", "failed", "new", "new"]
    assert data["summary"] == {"new": 3, "updated": 0, "duplicate": 0, "failed": 6}
    assert "failed 6" in out and "failed:" in err


def test_a_50_mb_file_of_huge_articles_is_ingested_whole(client, tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(25):  # 25 articles of ~2 MB each
            body = "\n\n".join(
                f"الفقرة {n}-{i}: عقد الإنتربول اجتماعا لمكافحة الإرهاب في أبوظبي {i}." * 3
                for i in range(6_000)
            )
            fh.write(
                json.dumps({"url": f"https://example.org/{n}", "body": body}, ensure_ascii=False)
                + "\n"
            )
    assert path.stat().st_size > 50_000_000
    code, out, _ = run_ingest(str(path))
    assert code == 0 and "new 25" in out
    article = Article.objects.get(url="https://example.org/3")
    assert len(article.body) > 1_000_000  # ~2 MB of UTF-8, stored whole
    assert client.get("/search", {"q": "الإنتربول"}).context["results"].count == 25


def test_stdin_and_dry_run(tmp_path):
    data = (
        json.dumps(
            {"title": "عنوان", "body": "اجتمع ممثلو الإنتربول في الرياض."}, ensure_ascii=False
        ).encode()
        + b"\n"
    )
    code, out, _ = run_ingest("-", "--dry-run", stdin=data)
    assert code == 0 and "parsed (dry run) 1" in out
    assert Article.objects.count() == 0
    code, out, _ = run_ingest("-", stdin=data)
    assert code == 0 and "new 1" in out


def test_usage_errors_exit_with_2(tmp_path):
    import subprocess

    from tests.conftest import ROOT

    proc = subprocess.run(
        [sys.executable, "manage.py", "ingest"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "PATH" in proc.stderr


def test_missing_path_is_reported_and_the_rest_ingested(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("عنوان الخبر\n\nاجتمع ممثلو الإنتربول في الرياض.", encoding="utf-8")
    code, out, err = run_ingest(str(tmp_path / "missing.txt"), str(good))
    assert code == 1 and "new 1" in out and "missing.txt" in err


def test_organizations_are_read_from_the_database_gazetteer(tmp_path):
    org = Organization.objects.create(slug="test-bureau", name_ar="مكتب الاختبار الإقليمي")
    path = tmp_path / "a.txt"
    path.write_text("خبر\n\nشارك مكتب الاختبار الإقليمي في الاجتماع.", encoding="utf-8")
    run_ingest(str(path))
    assert ArticleOrganization.objects.filter(organization=org).count() == 1


def test_reanalyze_rewrites_only_stale_vectors(seeded):
    stale = Article.objects.order_by("pk").first()
    Article.objects.filter(pk=stale.pk).update(analyzer_version="old", search_vector=None)
    out = io.StringIO()
    call_command("reanalyze", stdout=out)
    assert "reanalyzed 1 articles" in out.getvalue()
    stale.refresh_from_db()
    assert stale.search_vector
    call_command("reanalyze", stdout=(out := io.StringIO()))
    assert "reanalyzed 0 articles" in out.getvalue()


def _one_article_breaks_a_constraint(monkeypatch):
    """The facts of the article whose text holds "الفاشل" get a negative mention count,
    which the database refuses (a CHECK constraint) while it writes that article."""
    from archive.ingest import services

    real = services._facts_found

    def failing(extraction, refs):
        organizations, *others = real(extraction, refs)
        if any("الفاشل" in v["evidence"] for v in organizations.values()):
            organizations = {k: {**v, "mentions": -1} for k, v in organizations.items()}
        return organizations, *others

    monkeypatch.setattr(services, "_facts_found", failing)


def _assert_fails_alone(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [
        {"title": t, "body": f"اجتمع ممثلو الإنتربول في الرياض {t}."}
        for t in ("الأول", "الفاشل", "الثالث")
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    code, out, err = run_ingest(str(path))
    assert code == 1 and "new 2" in out and "failed 1" in out
    assert "could not be stored" in out and "CheckViolation" in out
    # Rolled back whole: no article, no fact of the failed one.
    assert sorted(Article.objects.values_list("title", flat=True)) == ["الأول", "الثالث"]
    assert ArticleOrganization.objects.filter(mentions__lt=0).count() == 0
    assert ArticleOrganization.objects.count() == 2


def test_an_article_that_cannot_be_stored_fails_alone(tmp_path, monkeypatch):
    _one_article_breaks_a_constraint(monkeypatch)
    _assert_fails_alone(tmp_path)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_data")
def test_an_article_that_cannot_be_stored_fails_alone_in_autocommit(tmp_path, monkeypatch):
    # Outside a test transaction, as `manage.py ingest` runs: each new article is one
    # statement, its own transaction.
    _one_article_breaks_a_constraint(monkeypatch)
    _assert_fails_alone(tmp_path)


@pytest.mark.parametrize("with_update", [False, True])
def test_tellings_of_a_story_across_batches_share_one_root(tmp_path, with_update):
    # A later batch's tellings are linked to the stored first telling, whether they
    # are checked against the stored articles or against the batch's earlier ones, and
    # after an update of a stored article in the same batch.
    story = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    other = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")

    def write(name, rows):
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
        return run_ingest(str(path))

    code, out, _ = write(
        "first.jsonl",
        [
            {"url": "https://a.example/1", "title": "المؤتمر", "body": story},
            {"url": "https://a.example/2", "title": "خبر آخر", "body": other},
        ],
    )
    assert code == 0 and "new 2" in out
    update = {
        "url": "https://a.example/2",
        "title": "خبر آخر",
        "body": "وأكد المشاركون أهمية تبادل المعلومات بين الأجهزة الأمنية.\n" + other,
    }
    code, out, _ = write(
        "second.jsonl",
        [update] * with_update
        + [
            {
                "url": "https://b.example/1",
                "title": "نقلا عن أ",
                "body": story + "\nوقال مصدر مطلع إن الاجتماع المقبل سيعقد في العام القادم.",
            },
            {"url": "https://c.example/1", "title": "نقلا عن ب", "body": "عاجل\n" + story},
        ],
    )
    assert code == 0 and "new 2" in out and f"updated {int(with_update)}" in out
    root = Article.objects.get(url="https://a.example/1")
    for url in ("https://b.example/1", "https://c.example/1"):
        assert Article.objects.get(url=url).near_duplicate_of_id == root.pk
    assert Article.objects.get(url="https://a.example/2").near_duplicate_of_id is None


def test_band_rows_follow_the_fingerprint_whoever_writes_it(tmp_path):
    from archive.models import ArticleBand

    def bands(article):
        rows = ArticleBand.objects.filter(article=article).values_list("band", flat=True)
        return sorted(rows)

    story = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    other = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    path = tmp_path / "one.jsonl"
    row = {"url": "https://a.example/1", "title": "المؤتمر", "body": story}
    path.write_text(json.dumps(row, ensure_ascii=False), "utf-8")
    assert run_ingest(str(path))[0] == 0
    article = Article.objects.get(url=row["url"])
    assert article.fingerprint and bands(article) == sorted(set(article.fingerprint))
    # A changed text (an update through the ORM) moves the rows with the fingerprint.
    row["body"] = other
    path.write_text(json.dumps(row, ensure_ascii=False), "utf-8")
    assert run_ingest(str(path))[0] == 0
    article.refresh_from_db()
    assert bands(article) == sorted(set(article.fingerprint)) and article.fingerprint
    article.delete()
    assert not ArticleBand.objects.exists()


def test_two_reports_with_conflicting_dates_keep_a_valid_meeting(db):
    import datetime

    from archive.ingest.services import meeting_upsert

    def facts(start, end):
        return _meeting_facts(
            name="المؤتمر الأول",
            series_key="موتمر حركه",
            series_name="المؤتمر",
            edition=1,
            start=start,
            end=end,
        )

    first = meeting_upsert(facts=facts(datetime.date(2019, 8, 1), None), city=None, country=None)
    second = meeting_upsert(
        facts=facts(datetime.date(2016, 2, 20), datetime.date(2016, 2, 25)), city=None, country=None
    )
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.start_date == datetime.date(2019, 8, 1) and second.end_date >= second.start_date


def test_the_same_story_from_two_outlets_is_linked_not_dropped(client, tmp_path):
    story = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    rows = [
        {
            "url": "https://outlet-a.example/1",
            "source": "وكالة أ",
            "title": "المؤتمر العربي 24",
            "body": story,
        },
        {
            "url": "https://outlet-b.example/9",
            "source": "صحيفة ب",
            "title": "اختتام المؤتمر العربي للمسؤولين عن مكافحة الإرهاب",
            "body": story.replace("صورة ارشيفية", "") + "\nتابعونا على مواقعنا.",
        },
        {
            "url": "https://outlet-c.example/2",
            "source": "صحيفة ب",
            "title": "خبر آخر",
            "body": next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"),
        },
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    code, out, _ = run_ingest(str(path))
    assert code == 0 and "new 3" in out
    first = Article.objects.get(url=rows[0]["url"])
    second = Article.objects.get(url=rows[1]["url"])
    other = Article.objects.get(url=rows[2]["url"])
    assert second.near_duplicate_of_id == first.pk
    assert first.near_duplicate_of_id is None and other.near_duplicate_of_id is None
    html = client.get(f"/articles/{second.pk}/").content.decode()
    assert f'href="/articles/{first.pk}/"' in html


def test_later_reports_in_a_batch_complete_the_meeting_and_keep_curated_fields(
    db, django_assert_num_queries
):
    import datetime

    from archive.ingest.services import IngestRefs, meeting_upsert
    from archive.models import City, Country

    refs = IngestRefs.preload()  # as a batch writes: meetings remembered by their facts
    first = _meeting_facts(
        name="المؤتمر الرابع والعشرون",
        series_key="موتمر قاده الشرطه",
        series_name="مؤتمر قادة الشرطة",
        edition=24,
        start=datetime.date(2019, 12, 10),
        end=None,
    )
    meeting = meeting_upsert(facts=first, city=None, country=None, refs=refs)
    # The same facts again add nothing: not even a query.
    with django_assert_num_queries(0):
        assert meeting_upsert(facts=first, city=None, country=None, refs=refs).pk == meeting.pk
    # Meanwhile a curator sets the country: a later report naming another one leaves it,
    # although the batch remembers the meeting as it was before.
    egypt, uae = Country.objects.get(code="EG"), Country.objects.get(code="AE")
    Meeting.objects.filter(pk=meeting.pk).update(country=egypt, curated_fields=["country"])
    meeting_upsert(facts=first, city=None, country=uae, refs=refs)
    assert Meeting.objects.get(pk=meeting.pk).country == egypt
    # A later report that names the city completes the stored meeting.
    city = City.objects.order_by("pk").first()
    meeting_upsert(facts=first, city=city, country=uae, refs=refs)
    assert Meeting.objects.get(pk=meeting.pk).city == city
    assert Meeting.objects.count() == 1


def test_ingest_leaves_the_connection_as_django_configures_it(tmp_path):
    # The batch's session settings and prepared statements are for the batch only: the
    # same connection (a shell, a transaction pooler) must not keep them.
    from django.db import connection

    path = tmp_path / "one.txt"
    path.write_text((next(SEEDS.glob("001_*.txt"))).read_text(encoding="utf-8"), "utf-8")
    before = _session_settings(connection)
    assert run_ingest(str(path))[0] == 0
    assert Article.objects.count() == 1
    assert _session_settings(connection) == before
    assert connection.connection.prepare_threshold is None


def _session_settings(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit',"
            " 'gin_pending_list_limit', 'work_mem') ORDER BY name"
        )
        return cursor.fetchall()


def test_an_interrupted_batch_keeps_what_was_written_and_says_so(tmp_path, monkeypatch):
    # Ctrl-C in the middle of a batch: exit status 130, a clear message, the articles
    # written before it kept whole, the report file closed as valid JSON, and the
    # connection handed back as Django configures it.
    from django.db import connection

    from archive.ingest import writer

    for n in ("000", "001", "002"):
        seed = next(SEEDS.glob(f"{n}_*.txt"))
        (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), "utf-8")
    written = writer.ArticleBatchWriter.write

    def write_then_interrupt(self, items):
        written(self, items[:1])
        raise KeyboardInterrupt  # as if the operator pressed Ctrl-C after one article

    monkeypatch.setattr(writer.ArticleBatchWriter, "write", write_then_interrupt)
    report = tmp_path / "report.json"
    code, out, err = run_ingest(str(tmp_path), "--workers", "0", "--report", str(report))
    assert code == 130
    assert "interrupted" in err
    assert Article.objects.count() == 1
    assert json.loads(report.read_text(encoding="utf-8"))["interrupted"] is True
    assert connection.connection.prepare_threshold is None


def _meeting_facts(**values):
    """What extraction would report for a conference, with no place or organizations."""
    from archive.text.extraction import MeetingFacts

    empty = {"city": None, "country": None, "organizers": (), "hosts": (), "participants": ()}
    return MeetingFacts(kind="conference", participant_countries=(), evidence={}, **empty, **values)


def _pending_pages_merged():
    """Merge the search index's pending list now; how many pages it held."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list('article_search_gin'::regclass)")
        return cursor.fetchone()[0]


def _wait_for(condition, seconds=20.0):
    import time

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_data")
def test_the_search_index_is_merged_alongside_the_writes(client):
    # What a batch writes goes to the search index's pending list; the merger merges it
    # from its own connection while the batch goes on, so that the writer never stops
    # for a merge.
    from archive.ingest.services import article_ingest
    from archive.ingest.writer import PendingListMerger

    story = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    pk = article_ingest(title="خبر", body=story, url="https://a.example/1").article_id
    merger = PendingListMerger(every=1)
    try:
        merger.written(1)
        assert _wait_for(lambda: merger.merges == 1)
    finally:
        merger.close()
    assert merger.error is None
    assert _pending_pages_merged() == 0  # nothing was left for the end
    hits = client.get("/api/search", {"q": "المؤتمر"}).json()["results"]
    assert [hit["id"] for hit in hits] == [pk]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_data")
def test_a_merger_that_cannot_merge_leaves_the_batch_alone(tmp_path, monkeypatch):
    # Not the index's owner, say: the merger stops with the reason, the batch goes on and
    # its end merges what is pending.
    from archive.ingest import writer

    monkeypatch.setattr(writer, "MERGE_EVERY", 1)
    mergers = []

    class Recorded(writer.PendingListMerger):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.index = "nope"  # fails as "permission denied" would
            mergers.append(self)

        def written(self, count):
            super().written(count)
            _wait_for(lambda: self.error is not None)  # before the batch goes on

    monkeypatch.setattr(writer, "PendingListMerger", Recorded)
    rows = [
        {"url": f"https://a.example/{n}", "title": f"خبر {n}", "body": body}
        for n, body in enumerate(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows * 8), "utf-8")
    code, out, _ = run_ingest(str(path))
    assert code == 0 and f"new {len(rows)}" in out
    assert mergers and '"nope"' in mergers[0].error and mergers[0].merges == 0
    assert Article.objects.count() == len(rows)
    assert _pending_pages_merged() == 0  # merged at the end of the batch


def test_long_values_are_compressed_with_lz4_where_the_server_has_it():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        method = "l" if cursor.fetchone()[0] else ""  # "": the server's default (pglz)
        cursor.execute(
            "SELECT attname, attcompression FROM pg_attribute WHERE attrelid ="
            " 'archive_article'::regclass AND attname IN ('body', 'search_vector', 'title')"
        )
        assert dict(cursor.fetchall()) == {"body": method, "search_vector": method, "title": ""}


def test_without_a_terminal_progress_is_plain_periodic_lines(db, tmp_path, monkeypatch):
    from archive.management.commands import ingest as command

    monkeypatch.setattr(command, "PROGRESS_SECONDS", 0.0)
    (tmp_path / "bad.json").write_text("{not json", "utf-8")
    code, out, err = run_ingest(str(SEEDS), str(tmp_path))
    lines = err.splitlines()
    progress = [line for line in lines if line.startswith("progress: ")]
    assert progress and progress[-1].startswith("progress: 6 items, 1 failed, ")
    assert any(line.startswith("failed: ") and "bad.json" in line for line in lines)
    assert code == 1 and "\r" not in err  # no bar redrawn into a log


def test_a_sources_country_resolves_an_ambiguous_name_through_the_workers(db, tmp_path):
    import json

    from archive.models import ArticleCountry, Country, Source

    Source.objects.create(name="صحيفة سعودية", country=Country.objects.get(code="SA"))
    Source.objects.create(name="صحيفة أخرى")
    body = "رحب المسؤول بدور المملكة في مكافحة الإرهاب والتطرف ودعمها للتعاون الأمني الدولي."
    # Enough records for the worker pool to start (the first chunk runs in-process).
    rows = [
        {
            "url": f"https://example.org/{source}/{n}",
            "title": f"خبر {n}",
            "body": body,
            "source": source_name,
        }
        for n in range(40)
        for source, source_name in (("a", "صحيفة سعودية"), ("b", "صحيفة أخرى"))
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    code, out, err = run_ingest(str(path), "--workers", "2")
    assert code == 0, err
    saudi = ArticleCountry.objects.filter(country__code="SA")
    assert saudi.filter(article__source__name="صحيفة سعودية").count() == 40
    assert not saudi.filter(article__source__name="صحيفة أخرى").exists()


def test_an_article_joins_the_same_stored_meeting_whatever_was_stored_first(db):
    """Of two stored meetings on one day in two cities, a report without a city joins the
    one with its name, else the first stored: never whichever the database returns."""
    import datetime
    import types

    from archive.ingest.services import _meeting_lookup
    from archive.models import City

    day = datetime.date(2017, 3, 1)
    riyadh = City.objects.get(name_en="Riyadh", country__code="SA")
    tunis = City.objects.get(name_en="Tunis", country__code="TN")
    first = Meeting.objects.create(
        kind="meeting", name="اجتماع الرياض", start_date=day, city=riyadh
    )
    second = Meeting.objects.create(kind="meeting", name="اجتماع تونس", start_date=day, city=tunis)

    def facts(name):
        return types.SimpleNamespace(kind="meeting", start=day, name=name, edition=None)

    for _ in range(3):
        assert _meeting_lookup(facts("اجتماع تونس"), series=None, city=None) == second
        assert _meeting_lookup(facts("اجتماع آخر"), series=None, city=None) == first
        assert _meeting_lookup(facts("اجتماع آخر"), series=None, city=tunis) == second
