"""Shared fixtures: the seed articles ingested once per test that needs them."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeded(db):
    from archive.ingest import ingest

    report = ingest([str(SEEDS)])
    assert not report.failed, report.as_json()
    return report
