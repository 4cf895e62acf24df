# secbrief: two commands for a new user.
#   make brief   set up (venv, Python packages, system libraries) and build the demo monthly brief
#   make test    the same set-up, then the whole test suite (with doctests; records coverage)
# For contributors (docs/contributing.md):
#   make check      lint, format check, types, schema doc, coverage floors; CI runs it after make test
#   make test-fast  the suite without the slow tests, for quick iteration
#   make format     apply ruff's formatting and safe lint fixes
#   make docs       regenerate docs/schema.md from data/schema.json
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PERIOD ?= 2025-06
OUT ?= out

# Coverage floors (% of lines): the whole code base and analysis/ alone. `:=`, not `?=`, so an
# environment variable cannot lower them in CI; `make coverage COV_ANALYSIS=90` still works locally.
COV_TOTAL := 75
COV_ANALYSIS := 85
SOURCES := $(shell find analysis reports -name '*.py' -not -path '*/_data/*' -not -path '*/_templates/*')
TESTS := $(shell find tests -name '*.py')
# A failed suite must not leave a .coverage that looks up to date.
.DELETE_ON_ERROR:

.PHONY: brief test test-fast setup system-deps clean demo-data \
        check lint format typecheck coverage docs docs-check

brief: setup
	$(VENV)/bin/secbrief brief --period $(PERIOD) --out $(OUT) --emit-json \
	  $(if $(wildcard data/demo/notes/$(PERIOD).md),--notes data/demo/notes/$(PERIOD).md)
	@echo "Brief written to $(OUT)/monthly-$(PERIOD).pdf"

# The suite runs once and records line coverage in .coverage; `make check` reports it.
# pytest-cov combines the data of subprocesses and workers into .coverage; the files it could
# not use (a pool worker killed while saving) are removed so later reports do not warn about them.
# Tests run in one worker process per core (pytest-xdist); PYTEST_JOBS=0 runs them in one process, e.g. to debug.
PYTEST_JOBS ?= auto
COV_PYTEST = $(PY) -m pytest -n $(PYTEST_JOBS) --cov --cov-report=; rc=$$?; rm -f .coverage.*; exit $$rc
test: setup
	@echo "$(PY) -m pytest -n $(PYTEST_JOBS) --cov --cov-report="
	@$(COV_PYTEST)

test-fast: setup
	$(PY) -m pytest -n $(PYTEST_JOBS) -m "not slow"

setup: system-deps $(STAMP)

# WeasyPrint needs Pango (and HarfBuzz subsetting for fast font embedding); the brief
# embeds Noto fonts; the tests turn PDFs into text and PNG with poppler-utils.
system-deps:
	@PYTHON='$(PYTHON)' bash tools/system-deps.sh

# A .venv without a working python and pip (a `python3 -m venv` that failed for want of
# ensurepip, an upgraded system Python) is rebuilt, whatever its stamp says.
ifneq ($(shell $(PY) -c 'import pip' >/dev/null 2>&1 && echo ok),ok)
.PHONY: $(STAMP)
endif
$(STAMP): pyproject.toml
	@bash tools/venv.sh '$(PYTHON)' $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo-data: setup
	$(PY) -m analysis.demo --out data/demo/incidents.csv.gz

# Every check runs even when an earlier one fails; the summary names the failures and the
# exit status is non-zero when any failed.
CHECKS := lint typecheck docs-check coverage
check: setup
	@failed=""; \
	for t in $(CHECKS); do \
	  start=$$(date +%s); \
	  if $(MAKE) --no-print-directory $$t; then res=ok; else res=FAILED; failed="$$failed $$t"; fi; \
	  echo "check: $$t $$res ($$(( $$(date +%s) - start )) s)"; \
	done; \
	if [ -n "$$failed" ]; then echo "make check: FAILED:$$failed"; exit 1; fi; \
	echo "make check: all passed"

lint: setup
	@rc=0; \
	$(VENV)/bin/ruff check --output-format concise . || rc=1; \
	$(VENV)/bin/ruff format --check --output-format concise . || rc=1; \
	exit $$rc

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: setup
	$(VENV)/bin/mypy

# Reports the coverage recorded by `make test`; runs the suite first only when there is no
# .coverage or a source or test file changed since, so CI (make test; make check) runs it once.
coverage: setup .coverage
	$(PY) -m coverage report --fail-under=$(COV_TOTAL) --sort=cover
	@pct=$$($(PY) -m coverage report --include='analysis/*' --format=total --fail-under=0) || exit 1; \
	echo "analysis/ line coverage: $$pct % (floor $(COV_ANALYSIS) %)"; \
	$(PY) -m coverage report --include='analysis/*' --format=total --fail-under=$(COV_ANALYSIS) > /dev/null || \
	  { echo "analysis/ line coverage $$pct % is below the floor of $(COV_ANALYSIS) %"; exit 2; }

.coverage: $(SOURCES) $(TESTS) pyproject.toml
	@echo "$(PY) -m pytest -n $(PYTEST_JOBS) --cov --cov-report="
	@$(COV_PYTEST)

docs: setup
	$(PY) tools/gen_schema_doc.py

docs-check: setup
	$(PY) tools/gen_schema_doc.py --check

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache .coverage .coverage.* htmlcov build dist *.egg-info
