"""Shared fixtures: the seed articles ingested once per test that needs them."""

import os
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


# Property tests are reproducible in CI: the same generated examples on every run.
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    pass
