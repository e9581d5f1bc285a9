# Two commands do all set-up: `make serve` and `make test`. Both create .venv from
# requirements.lock when it is missing or older than the lock.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the sitemap and gzip dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)

.PHONY: install serve build test test-fast lock clean new-site

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

serve: $(STAMP)  ## live-reloading site at http://127.0.0.1:8000
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build into a temporary folder and swap it in only on success, so a failed build never
# leaves a half-written site/ that looks good.
build: $(STAMP)  ## static site in site/
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

test: $(STAMP)  ## the whole suite: unit, fixture sites, real site, browser
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## everything but the browser and slow tests
	$(BIN)/python -m pytest -m "not browser and not slow"

# A new explainer in DIR (new or empty): make new-site DIR=../tea TITLE="Tea, Explained"
new-site: $(STAMP)  ## a minimal new explainer site in DIR
	@test -n "$(DIR)" || { echo 'usage: make new-site DIR=path/to/new-site TITLE="Its title"'; exit 2; }
	$(BIN)/python -m mkdocs_explainer new "$(DIR)" --title "$(or $(TITLE),New explainer)"

lock:  ## re-resolve requirements.in into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Exact versions of every dependency (direct and transitive), resolved from requirements.in."; \
	  echo "# Regenerate with: make lock"; .lock-venv/bin/pip freeze; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site .site-build .pytest_cache

.PHONY: bench
bench: $(STAMP)  ## build-time benchmark: floor vs macros vs mkdocs-bibtex, table in bench/README.md (~20 min)
	$(BIN)/python bench/run.py

.PHONY: lighthouse
lighthouse: $(STAMP)  ## Lighthouse 12.2.3 (mobile) on three pages with Debian's Chromium; fails below target
	@test -x node_modules/.bin/lighthouse || npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python tests/browser/lighthouse.py
