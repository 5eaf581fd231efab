# The project's verbs. Every target installs what it needs first, so on a fresh
# clone `make run` and `make test` are the only commands to type.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HTMX := webapp/static/vendor/htmx.min.js

.PHONY: help setup run dev test test-fast lint format content-check catalogs chromium clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# --- installing ---------------------------------------------------------------

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(HTMX): node_modules/.installed
	mkdir -p $(dir $@)
	cp node_modules/htmx.org/dist/htmx.min.js $@

catalogs: $(BIN)/.installed  ## compile translations/*.po into .mo
	@for po in $$(find translations -name '*.po' 2>/dev/null); do \
	  $(BIN)/pybabel compile --statistics -i "$$po" -o "$${po%.po}.mo" || exit 1; \
	done

setup: $(BIN)/.installed $(HTMX) catalogs  ## install everything the app needs

chromium:  ## install Debian's chromium for the browser tests, if missing
	@scripts/ensure-chromium

# --- using --------------------------------------------------------------------

run: setup  ## serve the app with gunicorn on http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py "webapp:create_app()"

dev: setup  ## serve with the Flask debugger, reloading on code, content and catalog edits
	$(BIN)/flask --app webapp run --debug --port $(PORT) \
	  --extra-files "$$(find content translations -type f | tr '\n' ':')"

test: setup chromium  ## run every test, browser tests included
	$(BIN)/python -m pytest

test-fast: setup  ## run the tests that need no browser
	$(BIN)/python -m pytest -m "not browser"

content-check: $(BIN)/.installed  ## check every content file and print reading levels
	$(BIN)/python -m webapp.content_check

lint: $(BIN)/.installed  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:  ## remove everything setup installed or built
	rm -rf $(VENV) node_modules webapp/static/vendor .pytest_cache
	find . -name '*.mo' -delete
