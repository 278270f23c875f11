# One command for each habit. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast lint format demo install install-dev chromium bench plotly-bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .

# Browser tests drive Debian's Chromium (never a downloaded browser build); PDF reports
# print through it. poppler-utils (pdftotext, pdftoppm) lets the tests read PDFs back.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; \
	fi

run: install
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

test: install-dev chromium
	$(BIN)/python -m pytest

# Library and app tests only, no browser.
test-fast: install-dev
	$(BIN)/python -m pytest -m "not browser"

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: install
	$(BIN)/python -m cxdash demo

# Budgets of DESIGN.md section 8 at the large scale; writes BENCHMARKS.md.
bench: install-dev chromium
	$(BIN)/python -m cxdash.bench --scale large --repeat 5

# The Plotly bundle charts load (cxdash/ui/web/plotly.min.js: plotly.js with the trace types
# cxdash draws) is committed; rebuild it with Node.js after changing the plotly.js version in
# cxdash/ui/web/plotly/package.json (keep it the one Python's plotly ships) or the traces.
plotly-bundle:
	cd cxdash/ui/web/plotly && npm ci --ignore-scripts && npm run build
