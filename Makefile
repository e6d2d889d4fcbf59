# Two entry points: `make demo` (set up + run the main job) and `make test` (set up + run the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_FLAGS := --quiet --disable-pip-version-check

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip

# Stamps make a second run skip installation unless pyproject.toml changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install $(PIP_FLAGS) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install $(PIP_FLAGS) -e '.[dev]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/jalin db upgrade
	$(BIN)/jalin demo

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@if [ -x "$${JALIN_CHROMIUM:-/usr/bin/chromium}" ]; then \
	  echo "Browser tests: driving $${JALIN_CHROMIUM:-/usr/bin/chromium} (tests/browser)."; \
	else \
	  echo "Browser tests SKIPPED: no Chromium at /usr/bin/chromium (apt-get install -y chromium)."; \
	fi
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_geo.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
