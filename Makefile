# secbrief: two commands for a new user.
#   make brief   set up (venv, Python packages, system libraries) and build the demo monthly brief
#   make test    the same set-up, then the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PERIOD ?= 2025-06
OUT ?= out

.PHONY: brief test test-fast setup system-deps clean demo-data

brief: setup
	$(VENV)/bin/secbrief brief --period $(PERIOD) --out $(OUT) --emit-json
	@echo "Brief written to $(OUT)/monthly-$(PERIOD).pdf"

test: setup
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow"

setup: system-deps $(STAMP)

# WeasyPrint needs Pango (and HarfBuzz subsetting for fast font embedding); the brief
# embeds Noto fonts; the tests turn PDFs into text and PNG with poppler-utils.
system-deps:
	@bash tools/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo-data: setup
	$(PY) -m analysis.demo --out data/demo/incidents.csv.gz

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache build dist *.egg-info
