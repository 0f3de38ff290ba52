"""An ingest killed with SIGKILL and run again ends with exactly the rows of one clean run."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from archive.models import (
    Article,
    ArticleCountry,
    ArticleMeeting,
    ArticleOrganization,
    Meeting,
    MeetingRole,
    MeetingSeries,
    Source,
)
from tests.conftest import ROOT, SEEDS, suite_database_url

# migrated_data: starts from the migrated data (gazetteer) even after another
# transactional test's flush.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_data"),
    pytest.mark.slow,
]


def _batch(tmp_path, size=120):
    """Real text, deterministic everywhere: the seeds, each told in several versions."""
    seeds = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rows = [
        {
            "url": f"https://example.org/story/{n}",
            "body": seeds[n % len(seeds)] + f"\n\nتحديث رقم {n}: تابعت وكالات الأنباء الخبر.",
            "published_at": f"2024-05-{1 + n % 28:02d}",
        }
        for n in range(size)
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    return path


def _env():
    return {**os.environ, "DATABASE_URL": suite_database_url(), "DJANGO_DEBUG": "1"}


def _ingest(path, *, kill_at=None):
    """Run ingest; with kill_at, SIGKILL it once that many articles are committed."""
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(path), "--no-progress"],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if kill_at is None:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
        return
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if Article.objects.count() >= kill_at:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def _state():
    """Everything ingest writes, independent of ids."""
    return {
        "articles": sorted(Article.objects.values_list("content_hash", "url", "title")),
        "sources": sorted(Source.objects.values_list("name", flat=True)),
        "orgs": sorted(
            ArticleOrganization.objects.values_list(
                "article__content_hash", "organization__slug", "mentions"
            )
        ),
        "countries": sorted(
            ArticleCountry.objects.values_list("article__content_hash", "country__code")
        ),
        "meetings": sorted(
            Meeting.objects.values_list("name", "kind", "edition", "start_date", "end_date")
        ),
        "series": sorted(MeetingSeries.objects.values_list("slug", flat=True)),
        "roles": sorted(
            MeetingRole.objects.values_list("meeting__name", "organization__slug", "role")
        ),
        "reports": sorted(
            ArticleMeeting.objects.values_list("article__content_hash", "meeting__name")
        ),
    }


def _wipe():
    for model in (
        ArticleMeeting,
        MeetingRole,
        ArticleOrganization,
        ArticleCountry,
        Article,
        Meeting,
        MeetingSeries,
        Source,
    ):
        model.objects.all().delete()


def test_sigkill_at_random_points_then_a_rerun_equals_one_clean_run(tmp_path):
    batch = _batch(tmp_path)
    _ingest(batch)
    clean = _state()
    assert len(clean["articles"]) >= 5 and clean["orgs"]
    _wipe()
    rng = random.Random(20261123)
    total = len(clean["articles"])
    # Random points in the first half: far from the end even for a fast ingest.
    targets = sorted(rng.sample(range(1, total // 2), 3))
    for target in targets:
        _ingest(batch, kill_at=target)
        written = Article.objects.count()
        # Killed in the middle: some articles in, not all (each one whole).
        assert 0 < written < total, (target, written)
    _ingest(batch)
    assert _state() == clean
