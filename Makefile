# Two commands do everything on a fresh machine: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/palabre
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages: gettext compiles the catalogues, Pango renders PDFs, DejaVu gives PDFs a font,
# Cairo draws the charts of Word documents.
SYSTEM_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core libcairo2
TEST_SYSTEM_PACKAGES := chromium poppler-utils

.PHONY: demo serve test install install-test system-deps system-deps-test lint format messages makemessages clean bench bench-consultations bench-indicators

demo: install
	$(BIN)/palabre demo --port $(PORT)

serve: install
	$(BIN)/palabre runserver 127.0.0.1:$(PORT)

test: install-test system-deps-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest
	@echo "== test suite on PostgreSQL ($(PG_TEST_URL)) =="
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: system-deps $(VENV)/.installed messages

install-test: install $(VENV)/.installed-test

messages: $(VENV)/.installed
	$(BIN)/palabre compilemessages --ignore '.venv' -v 0

# Installs only what is missing, so a second run costs a few dpkg queries.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

system-deps:
	$(call apt_install,$(SYSTEM_PACKAGES))

system-deps-test:
	$(call apt_install,$(TEST_SYSTEM_PACKAGES))

lint:
	$(BIN)/ruff check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extracts the strings to translate; the French catalogue must then be completed by hand.
makemessages: $(VENV)/.installed
	cd src/palabre && PALABRE_DATA_DIR=$(CURDIR)/data ../../$(BIN)/palabre makemessages -l fr --no-obsolete

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache

# Speed and memory, measured on demand on scratch databases; results go to BENCHMARKS.md.
# `make bench BENCH_PG_URL=` skips PostgreSQL; its database name must contain "bench".
BENCH_PEOPLE ?= 10000
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/palabre_bench

bench: $(VENV)/.installed bench-consultations bench-indicators
	$(BIN)/python benchmarks/run.py --people $(BENCH_PEOPLE)
	$(if $(BENCH_PG_URL),$(BIN)/python benchmarks/run.py --people $(BENCH_PEOPLE) --database-url $(BENCH_PG_URL))

# The analysis of a consultation of 5,000 participants × 300 statements, 30 % of the cells voted.
bench-consultations: $(VENV)/.installed
	$(BIN)/python benchmarks/consultation_analysis.py
	$(if $(BENCH_PG_URL),$(BIN)/python benchmarks/consultation_analysis.py --database-url $(BENCH_PG_URL))

# Every indicator of a logframe over 1,000,000 attendance lines (PostgreSQL only: its own
# database, dropped and created again).
bench-indicators: $(VENV)/.installed
	$(if $(BENCH_PG_URL),$(BIN)/python benchmarks/indicators.py)
