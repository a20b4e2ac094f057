# Factsheet: build the site and run the checks. GNU make; needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SITE_STAMP := $(VENV)/.installed-site

# Material prints a multi-line end-of-life notice on every MkDocs run; keep build logs readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast check bench clean screenshots

# One environment for building and testing, reinstalled when pyproject.toml or setup.py
# changes. Building the site needs the package (editable) alone; testing adds the test
# extras (pytest, mypy, ruff, playwright, frictionless...), which also covers the site.
$(SITE_STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(SITE_STAMP)

# build.py site: under the project's build lock, build.py, then `mkdocs build --strict`, the
# offline copy and the site checks into a temporary folder, swapped in for site/ only when all
# of them succeeded (factsheet/site/publish.py).
site: $(SITE_STAMP)
	$(PY) build.py site
	$(PY) -m factsheet.site.identity
	@echo "Preview it with: make serve"

# PNGs of one page of every kind at 390 and 1280 px (first screen and whole page) in
# screenshots/ (gitignored): the site built as `make site` does, served on 127.0.0.1 and
# opened in Debian's chromium through Playwright (tools/screenshots.py).
screenshots: site
	$(PY) -m tools.screenshots --site site --out screenshots

serve: $(SITE_STAMP)
	$(PY) build.py serve

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest

# The quick loop while editing: every test but the browser checks, the benchmark, and the
# tests that need a process of their own or a whole MkDocs site (markers in pyproject.toml).
# Under a minute on two cores; `make test` (what CI runs) still runs everything.
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not process and not slow and not bench"

check: $(SITE_STAMP)
	$(PY) build.py check

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf site screenshots docs/incidents docs/actors docs/sources docs/data docs/timeline docs/differences docs/.factsheet-* .factsheet-cache .factsheet-site-* $(VENV)
	rm -f docs/index.md docs/timeline.md docs/differences.md docs/data.md docs/feed.xml
