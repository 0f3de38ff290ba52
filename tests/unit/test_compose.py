"""docker-compose.yml stays valid and keeps the production shape (Docker cannot run here)."""

import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_file_matches_the_compose_specification():
    schema = json.loads((ROOT / "tests/fixtures/schemas/compose-spec.json").read_text())
    jsonschema.validate(_compose(), schema)


def test_web_waits_for_a_healthy_database_and_migrates_on_start():
    services = _compose()["services"]
    db, web = services["db"], services["web"]
    assert db["image"].startswith("postgres:") and int(db["image"].split(":")[1]) >= 16
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "migrate" in web["command"] and "gunicorn" in web["command"]
