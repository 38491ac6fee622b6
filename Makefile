# Two commands on a fresh machine with Python >= 3.11: `make demo` and `make test`.
# Each bootstraps what it needs (a virtual environment in .venv with the project installed).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test test-fast lint bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/engagement-monitor demo

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q

# The everyday loop: everything but the tests marked slow (browser, LibreOffice, servers and
# workers started and signalled); `make test` and CI still run them all.
test-fast: lint
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(BIN)/.installed
	$(BIN)/python bench/suite.py --quick
