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


def test_both_services_have_health_checks_and_the_data_outlives_the_containers():
    compose = _compose()
    db, web = compose["services"]["db"], compose["services"]["web"]
    volume = next(v.split(":")[0] for v in db["volumes"] if v.endswith(":/var/lib/postgresql/data"))
    assert volume in compose["volumes"]  # a named volume, not the container's own layer
    backups = next(v.split(":")[0] for v in web["volumes"] if v.endswith(":/app/var/backups"))
    assert backups in compose["volumes"]  # make backup's dumps outlive the web container
    probe = " ".join(web["healthcheck"]["test"])
    assert "/readyz" in probe or "/healthz" in probe
    assert "start_period" in web["healthcheck"]


def test_web_is_configured_from_an_env_file_and_runs_gunicorn_with_its_config():
    web = _compose()["services"]["web"]
    env_files = [e["path"] if isinstance(e, dict) else e for e in web["env_file"]]
    assert ".env" in env_files
    assert web["environment"]["DJANGO_DEBUG"] == "0"
    command = web["command"]
    for step in ("migrate", "collectstatic", "reanalyze", "gunicorn -c gunicorn.conf.py"):
        assert step in command
    assert command.index("migrate") < command.index("gunicorn")
    assert (ROOT / "gunicorn.conf.py").is_file()
    if "build" in web:
        assert (ROOT / "Dockerfile").is_file()


def test_gunicorn_settings_are_sized_from_the_machine():
    import runpy

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["workers"] >= 2 and conf["threads"] >= 1
    assert conf["timeout"] > 0 and conf["graceful_timeout"] > 0
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert conf["accesslog"] == "-"
    assert conf["logger_class"] == "archive.platform.observability.GunicornJsonLogger"


def test_the_compose_file_validates_against_the_shared_compose_specification():
    shared = Path("/work/shared/schemas/compose-spec.json")
    if not shared.is_file():  # outside this machine the copy in tests/fixtures is used
        shared = ROOT / "tests/fixtures/schemas/compose-spec.json"
    jsonschema.validate(_compose(), json.loads(shared.read_text()))


def test_web_trusts_forwarded_headers_from_the_proxy_alone_and_counts_it():
    services = _compose()["services"]
    web, proxy = services["web"], services["proxy"]
    assert "ports" not in web  # reached through the proxy only
    proxy_address = proxy["networks"]["edge"]["ipv4_address"]
    assert web["environment"]["FORWARDED_ALLOW_IPS"] == proxy_address
    assert web["environment"]["DJANGO_NUM_PROXIES"] == "1"
    assert "edge" in web["networks"]
    published = [str(p).split(":")[-1] for p in proxy["ports"]]
    assert "443" in published
    caddyfile = next(v.split(":")[0] for v in proxy["volumes"] if "Caddyfile" in v)
    assert "reverse_proxy web:8000" in (ROOT / caddyfile).read_text()
