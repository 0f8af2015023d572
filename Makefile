# Hearth: `make demo` to try it, `make test` to prove it. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HEARTH := $(VENV)/bin/hearth
HEARTH_TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
# Test processes per run (pytest-xdist); each has its own database and, for the browser stories,
# its own live server and Chromium. A worker that runs out of tests takes another's (worksteal),
# so a run does not wait on one worker's long tail. Each run prints its fifteen slowest tests, so
# that CI's log says where its time goes (keep `.ci/run` under 30 minutes).
PYTEST_WORKERS ?= 2
PYTEST := $(VENV)/bin/pytest -q -n $(PYTEST_WORKERS) --dist worksteal --durations=15
export HEARTH_DATA_DIR ?= $(CURDIR)/var
# `make demo PORT=8001` serves the demo on another port.
PORT ?= 8000

.PHONY: demo test install install-test assets chromium system-libs lint typecheck test-sqlite test-postgres test-clock clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# WeasyPrint (PDF letters) needs Pango; Debian's fonts-liberation gives it an Arial-like font.
system-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  echo "Installing Pango for WeasyPrint"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation) \
	  || (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation); }

install: system-libs $(VENV)/.installed node_modules/.installed

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation) \
	  || (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation); }

demo: install
	$(HEARTH) migrate --noinput
	$(HEARTH) demo-data
	$(HEARTH) demo-run --port $(PORT)

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy src

test-sqlite: install chromium
	HEARTH_DATABASE_URL= $(PYTEST) --require-browser

test-postgres: install chromium
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(HEARTH_TEST_POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  HEARTH_DATABASE_URL=$(HEARTH_TEST_POSTGRES_URL) $(PYTEST) --require-browser; \
	else echo "PostgreSQL not reachable at $(HEARTH_TEST_POSTGRES_URL): skipping the PostgreSQL run"; fi

# A test passes on any date: the suite again with the clock 400 days ahead, without the browser
# and the benchmark commands (both run on SQLite and PostgreSQL above; what the benchmarks
# seed is dated from today, as the demo's seeding is, which this run does test).
CLOCK_OFFSET_DAYS ?= 400
test-clock: install
	HEARTH_DATABASE_URL= $(PYTEST) --ignore=tests/browser -m "not bench" --clock-offset-days $(CLOCK_OFFSET_DAYS)

test: lint test-sqlite test-postgres test-clock

clean:
	rm -rf $(VENV) node_modules var
