# The two commands of the README: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install demo test browser lint bench clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/kg

# Build the graph of the bundled example abstracts, then serve it (explorer + SPARQL).
demo: install
	$(BIN)/kg build examples/ -o out/examples
	$(BIN)/kg stats out/examples --top 10
	$(BIN)/kg serve out/examples --port $(PORT)

# Debian's Chromium for the explorer's browser tests (apt-get as root, else through sudo).
browser:
	@test -x /usr/bin/chromium || bash scripts/install-chromium.sh

test: install browser
	$(BIN)/ruff check kg tests bench scripts
	$(BIN)/python -m pytest -q -ra

lint: install
	$(BIN)/ruff check kg tests bench scripts

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) out test-output .pytest_cache
