# `make run` opens the app on the shipped db.json; `make test` runs every check and test.
# Both create .venv on first use and reinstall when pyproject.toml changes; `run` installs the
# program's own dependencies only, `test` (and everything else) the test tools too (`[dev]`).
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
RUN_STAMP := $(VENV)/.run-stamp

.PHONY: run test lint typecheck pytest bench bench-ssh build install-user clean

$(RUN_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
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

bench-ssh: $(STAMP)
	$(PY) benchmarks/bench_ssh.py

build: $(STAMP)
	$(VENV)/bin/kirklees-tui build --corpus corpus --out db.json --force

# The program for this user, outside the checkout, with its runtime dependencies only (and
# the web server: EXTRAS= leaves it out). README's "Installing for a team" installs it for all.
EXTRAS ?= [serve]
install-user:
	@if command -v pipx >/dev/null 2>&1; then pipx install --force '$(CURDIR)$(EXTRAS)'; \
	elif command -v uv >/dev/null 2>&1; then uv tool install --force '$(CURDIR)$(EXTRAS)'; \
	else echo "install-user needs pipx or uv (apt-get install pipx)" >&2; exit 2; fi

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache dist artifacts
