# The two commands: `make run` serves the demo portal; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve test lint assets install install-test bench bench-spending load faults clean

run: install assets
	$(BIN)/portal db upgrade
	$(BIN)/portal demo
	$(BIN)/portal run --host $(HOST) --port $(PORT)

# Production-style serving with gunicorn; settings (WEB_BIND, WEB_WORKERS, …) in README.md.
serve: install assets
	$(BIN)/portal db upgrade
	$(BIN)/portal serve

test: install-test assets
	scripts/ensure-chromium
	$(MAKE) lint
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# The search benchmark (RECORDS=100000 for the large corpus); see bench/README.md.
RECORDS ?= 10000
bench: install assets
	$(BIN)/python bench/search_bench.py --records $(RECORDS)

# Spending: `portal import` of a 50,000-line finance CSV, and the listing at 100,000 lines.
bench-spending: install assets
	$(BIN)/python bench/spending_bench.py --json bench/results-spending.json

# Load and fault runs against `portal serve` (see bench/README.md). LOAD_DATABASE_URL is a
# PostgreSQL database re-created (wiped) for the second load run.
LOAD_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/portal_load
load: install-test assets
	$(BIN)/python bench/load_bench.py --json bench/results-load-sqlite.json
	SEARCH_BACKEND=postgres $(BIN)/python bench/load_bench.py --database-url $(LOAD_DATABASE_URL) --json bench/results-load-postgres.json

faults: install-test assets
	$(BIN)/python bench/fault_bench.py --json bench/results-faults.json

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

assets: static/dist/portal.css

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/dist/portal.css: node_modules/.package-lock.json $(wildcard static/scss/*.scss)
	npm run --silent build

clean:
	rm -rf $(VENV) node_modules static/dist
