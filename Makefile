# earlyhelp: one Makefile for the demo, the tests and CI.
#
#   make demo   set everything up, migrate, seed a synthetic partnership, run the server on 127.0.0.1:8000
#   make test   set everything up, then lint, type checks, Django checks and the whole pytest suite
#
# Everything runs from the checkout through .venv/bin/...; the project itself is not pip-installed.
# manage.py defaults to config.settings.local (demo mode, MFA optional); pytest and mypy use config.settings.test
# (pyproject.toml). DATABASE_URL, when set, picks the database (SQLite in db.sqlite3 otherwise).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py

# Stamps: setup is skipped when nothing it depends on has changed, and re-run when a lock file does.
PY_STAMP := $(VENV)/.installed-requirements-dev
NODE_STAMP := node_modules/.installed-package-lock

FAMILIES ?= 200
SEED ?= 42
BENCH_FAMILIES ?= 10000
BENCH_DB := /tmp/earlyhelp-bench.sqlite3
PYTEST_ARGS ?=

.PHONY: help setup demo migrate seed test quicktest pytest lint format typecheck checks bench lock clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# --- set-up ---------------------------------------------------------------------------------------------------

setup: $(PY_STAMP) $(NODE_STAMP) ## virtualenv, locked Python packages, npm packages (fast when nothing changed)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || { \
		echo "earlyhelp needs Python 3.11 (requirements/*.txt are locked for it); found $$($(PYTHON) --version 2>&1)." >&2; \
		echo "Run with PYTHON=/path/to/python3.11 make ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): requirements/dev.txt | $(PY)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# --- demo ---------------------------------------------------------------------------------------------------

demo: setup migrate ## set up, migrate, seed the synthetic partnership (once), run on http://127.0.0.1:8000
	$(MANAGE) seed --families $(FAMILIES) --seed $(SEED) --if-empty --history
	$(MANAGE) runserver 127.0.0.1:8000

migrate: setup ## apply migrations to the configured database
	$(MANAGE) migrate --noinput

seed: setup migrate ## seed synthetic families into the configured database (FAMILIES=200 SEED=42)
	$(MANAGE) seed --families $(FAMILIES) --seed $(SEED) --if-empty --history

# --- checks and tests -----------------------------------------------------------------------------------------

# Sequential on purpose: the cheapest checks fail first, and `make -j` cannot reorder them.
test: setup ## the whole suite: lint, typecheck, Django checks, all pytest tests including browser ones
	$(MAKE) lint
	$(MAKE) typecheck
	$(MAKE) checks
	$(MAKE) pytest

# Browser tests run in a process of their own: their live server needs a transactional database, flushed after
# each test, which would empty the migrated reference data under ordinary tests running later in random order.
# The others run on every core (pytest-xdist, a test database per worker); the browser tests stay in one process,
# since two Chromiums and two live servers on a small machine made the journeys' waits flaky and saved little.
XDIST := -n auto
pytest: setup ## every pytest test (browser and slow included); PYTEST_ARGS=... passes options
	$(BIN)/pytest -ra $(XDIST) -m "not browser" $(PYTEST_ARGS)
	$(BIN)/pytest -ra -m browser $(PYTEST_ARGS)

quicktest: setup ## the quick loop: pytest -m "not browser and not slow"
	$(BIN)/pytest $(XDIST) -m "not browser and not slow" $(PYTEST_ARGS)

lint: setup ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: setup ## mypy with django-stubs
	$(BIN)/mypy earlyhelp config

checks: setup ## manage.py check, and no model change without its migration
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# --- other ----------------------------------------------------------------------------------------------------

bench: setup ## time seeding 10,000 families, every report page on them, then duplicate matching among 100,000 people (throwaway SQLite)
	rm -f $(BENCH_DB)
	DATABASE_URL=sqlite:///$(BENCH_DB) DEBUG=false $(MANAGE) migrate --noinput --verbosity 0
	TIMEFORMAT='bench: seeded $(BENCH_FAMILIES) families in %1R s (user %1U s, sys %1S s)'; \
		time DATABASE_URL=sqlite:///$(BENCH_DB) DEBUG=false $(MANAGE) seed --families $(BENCH_FAMILIES) --seed $(SEED) --history
	@ls -lh $(BENCH_DB) | awk '{print "bench: database file " $$5}'
	DATABASE_URL=sqlite:///$(BENCH_DB) DEBUG=false $(PY) bench/reports.py
	rm -f $(BENCH_DB)
	$(PY) bench/matching.py --people 100000 --probes 1000 --seed 1

lock: setup ## re-compile requirements/*.txt from pyproject.toml (then commit them)
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev \
		-o requirements/dev.txt pyproject.toml

clean: ## remove caches, collected static files and the setup stamps (keeps .venv, node_modules, db.sqlite3)
	rm -rf .mypy_cache .ruff_cache .pytest_cache .hypothesis staticfiles test-results $(BENCH_DB)
	rm -f $(PY_STAMP) $(NODE_STAMP)
	find . -path ./.venv -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -print0 | xargs -0 rm -rf

distclean: clean ## also remove .venv, node_modules and the demo database
	rm -rf $(VENV) node_modules db.sqlite3
