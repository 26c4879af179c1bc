# `make run` opens the app on the shipped db.json; `make test` runs every check and test.
# Both create .venv on first use and reinstall when pyproject.toml changes.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest bench build clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kirklees-tui

test: lint typecheck pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check kirklees_tui tests benchmarks
	$(VENV)/bin/ruff format --check kirklees_tui tests benchmarks
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy --strict kirklees_tui tests benchmarks

pytest: $(STAMP)
	$(VENV)/bin/pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench_catalog.py

build: $(STAMP)
	$(VENV)/bin/kirklees-tui build --corpus corpus --out db.json --force

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache dist
