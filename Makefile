# Quick start: `make run` serves the archive on http://127.0.0.1:8000; `make test` runs the suite.
# With DATABASE_URL unset, both use the embedded PostgreSQL under var/ (pgserver wheel).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
-include .env
export

.PHONY: run test setup migrate seed serve lint db-stop clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

migrate: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py reanalyze
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py ingest seeds/

serve:
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

run: seed serve

test: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

db-stop: setup
	$(PY) -m archive.embedded_db stop

clean: db-stop
	rm -rf var/pgdata
