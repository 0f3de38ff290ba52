# Quick start: `make run` serves the archive on http://127.0.0.1:8000; `make test` runs the suite.
# With DATABASE_URL unset, both use the embedded PostgreSQL under var/ (pgserver wheel).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# .env: local settings read by make and by the settings themselves (archive/settings.py).
# make writes one on first run (the rule below), so manage.py works in a new shell too.
-include .env
export

.PHONY: run test setup migrate seed serve lint db-stop clean prod-check backup restore screenshots vendor

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# First run: debug on and a generated development key; never overwritten (edit it freely,
# see .env.example). The variables set in the environment win over it.
.env:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@$(PYTHON) -c 'import secrets; print("# Written by make on first run for local development; see .env.example.\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=" + secrets.token_urlsafe(50))' > $@
	@echo "wrote .env (DJANGO_DEBUG=1 and a generated development key)"

setup: $(VENV)/.installed .env

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

# Production settings with a throwaway secret: Django's deployment checks (warnings fail),
# docker-compose.yml against the Compose specification's schema, collectstatic.
PROD_ENV = DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=archive.example.org \
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')
prod-check: setup
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/pytest -q -p no:django -p no:cacheprovider tests/platform/test_compose.py
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		$(PROD_ENV) DJANGO_STATIC_ROOT="$$tmp" $(PY) manage.py collectstatic --noinput -v 1
	@echo "prod-check: OK"

# make backup: var/backups/<db>-<UTC time>.dump (pg_dump -Fc);
# make restore FILE=var/backups/....dump: replaces the database's contents, in one transaction.
backup: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py backup

restore: setup
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/<name>.dump"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py restore "$(FILE)"

# PNGs of each page type at 1280 and 390 px wide into var/screenshots/, over the seeded
# database (Debian's chromium: apt-get install -y chromium).
screenshots: seed
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) tests/browser/screenshots.py --out var/screenshots

# Refresh the committed copies of npm packages (versions pinned in package-lock.json):
# axe-core for the accessibility test, the Noto Naskh Arabic font (OFL) for the site,
# Natural Earth's country shapes (world-atlas, ISC; the shapes are public domain) for the map.
vendor:
	npm ci --no-audit --no-fund
	cp node_modules/axe-core/{axe.min.js,LICENSE,LICENSE-3RD-PARTY.txt} tests/browser/vendor/
	cp node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-{400,700}-normal.woff2 static/fonts/
	cp node_modules/@fontsource/noto-naskh-arabic/LICENSE static/fonts/OFL.txt
	cp node_modules/world-atlas/{countries-110m.json,countries-50m.json,LICENSE} archive/data/world-atlas/

db-stop: setup
	$(PY) -m archive.platform.embedded_db stop

clean: db-stop
	rm -rf var/pgdata
