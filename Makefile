# The project's verbs. Every target installs what it needs first, so on a fresh
# clone `make run` and `make test` are the only commands to type.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HTMX := static/vendor/htmx.min.js
LOCK := requirements.lock

.PHONY: help setup lock run dev export test test-fast lint format content-check content-status catalogs system-packages clean loadtest bench \
	translations-update translations-check translations-status

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# --- installing ---------------------------------------------------------------

# Every Python package, direct or not (pip, setuptools and wheel too), comes from $(LOCK) at the
# version and with the hashes it names; a package missing from it fails the install. Then the app
# itself, editable, with no dependencies and no build isolation, so nothing unpinned is fetched to
# build it; pip check fails when pyproject.toml asks for what the lock does not hold (run make lock).
$(BIN)/.locked: $(LOCK)
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	touch $@

$(BIN)/.installed: $(BIN)/.locked pyproject.toml
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $@

# pip-compile (pinned in pyproject.toml's dev extra, so in the lock) resolves pyproject.toml's pins and
# the packages they need, keeping the lock's other pins while they fit; LOCK_ARGS=--upgrade moves
# them all to their newest versions, LOCK_ARGS="--upgrade-package NAME" one of them.
lock: $(BIN)/.locked  ## rewrite requirements.lock (every package, pinned with hashes) from pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --extra dev --strip-extras \
	  --allow-unsafe --no-emit-index-url --no-emit-find-links --no-build-isolation $(LOCK_ARGS) -o $(LOCK) pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(HTMX): node_modules/.installed
	mkdir -p $(dir $@)
	cp node_modules/htmx.org/dist/htmx.min.js $@

FLASK := $(BIN)/flask --app webapp

catalogs: $(BIN)/.installed  ## compile translations/*/LC_MESSAGES/*.po into .mo (fuzzy entries left out)
	$(FLASK) translations compile

setup: $(BIN)/.installed $(HTMX) catalogs  ## install everything the app needs

system-packages:  ## install Debian's chromium, gettext, zbar-tools, nginx (with brotli) and Java (the HTML checker) for the tests, if missing
	@scripts/ensure-debian-packages chromium:chromium msgfmt:gettext msgmerge:gettext msgattrib:gettext zbarimg:zbar-tools \
	  nginx:nginx-light /usr/lib/nginx/modules/ngx_http_brotli_static_module.so:libnginx-mod-http-brotli-static \
	  java:default-jre-headless

# --- using --------------------------------------------------------------------

run: setup  ## serve the app with gunicorn on http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py "webapp:create_app()"

dev: setup  ## serve with the Flask debugger, reloading on code, content and catalog edits
	$(FLASK) run --debug --port $(PORT) \
	  --extra-files "$$(find content translations -type f | tr '\n' ':')"

DEST ?= export
export: setup  ## write the site to $(DEST)/ for a static host or nginx (deploy/nginx.conf); needs MBC_PUBLIC_BASE_URL
	$(FLASK) site export $(DEST)

test: lint setup system-packages  ## lint, then run every test, browser tests included
	$(BIN)/python -m pytest

test-fast: lint setup  ## lint, then run the tests that need no browser
	$(BIN)/python -m pytest -m "not browser"

loadtest: setup  ## drive gunicorn on 127.0.0.1 for a bounded time; errors and p99 go to BENCHMARKS.md
	@scripts/ensure-debian-packages wrk:wrk
	$(BIN)/python scripts/loadtest.py

bench: setup  ## export, serving cost (gunicorn, nginx) vs hello-world, memory, slow-3G bytes, Lighthouse -> BENCHMARKS.md
	@scripts/ensure-debian-packages wrk:wrk chromium:chromium nginx:nginx-light \
	  /usr/lib/nginx/modules/ngx_http_brotli_static_module.so:libnginx-mod-http-brotli-static
	$(BIN)/python scripts/bench.py

content-check: $(BIN)/.installed  ## check every content file and print reading levels
	$(BIN)/python -m webapp.guide.check

content-status: $(BIN)/.installed  ## every page's clinical review: reviewed, due, overdue, stale or never
	$(FLASK) content status

# --- translating (see TRANSLATING.md) ------------------------------------------

translations-update: $(BIN)/.installed  ## extract the English texts and merge them into every catalog
	$(FLASK) translations update

translations-check: $(BIN)/.installed  ## check every catalog: markup, links, numbers, placeholders, msgfmt
	$(FLASK) translations check

translations-status: $(BIN)/.installed  ## how complete each language is
	$(FLASK) translations status

# --- keeping the code tidy ----------------------------------------------------

lint: $(BIN)/.installed  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:  ## remove everything setup installed or built
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
	find . -name '*.mo' -delete
