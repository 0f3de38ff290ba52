"""The README's commands work in a new shell after `make run`, with nothing exported.

`make` writes `.env` on first run (debug on, a generated development key) and the settings
read it themselves, so an operator's `.venv/bin/python manage.py ingest seeds/` needs no
DJANGO_* variable. The child process below gets a clean environment: PATH, HOME and the
database the suite uses (in a real new shell DATABASE_URL is unset and the embedded
cluster is used; pointing at the suite's database keeps the developer's data untouched).
"""

import subprocess
import sys

import pytest

from archive.models import Article
from tests.conftest import ROOT, SEEDS, suite_database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_data"),
    pytest.mark.slow,
]


def _clean_env(tmp_path) -> dict[str, str]:
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DATABASE_URL": suite_database_url(),
    }


def test_manage_py_ingest_works_in_a_new_shell_with_nothing_exported(tmp_path):
    # What `make run` does first: write .env when there is none (never overwrite one).
    subprocess.run(["make", "-s", ".env"], cwd=ROOT, check=True, capture_output=True)
    assert (ROOT / ".env").is_file()

    proc = subprocess.run(
        [sys.executable, "manage.py", "ingest", "seeds/", "--no-progress"],
        cwd=ROOT,
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "ImproperlyConfigured" not in proc.stderr
    # No library start-up noise before the command's own output.
    assert "AXES" not in proc.stderr + proc.stdout
    assert Article.objects.count() == len(list(SEEDS.glob("*.txt")))


def test_an_exported_variable_wins_over_the_env_file(tmp_path):
    env = {**_clean_env(tmp_path), "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    proc = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # .env says debug on with a key; the shell says debug off and no key: the shell wins,
    # and production settings refuse to start without a key.
    assert proc.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in proc.stderr
