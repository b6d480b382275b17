# Two commands for people: `make serve` and `make test`. Both set up everything they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP_VENV := $(VENV)/.installed
STAMP_NPM := node_modules/.installed
PORT ?= 8000

.PHONY: serve site site-zensical package test bench debs clean

# Debian packages the build and the tests run: Graphviz lays out the guide diagrams at build time,
# Chromium runs the browser tests, poppler's pdftotext reads what they print, Java runs the HTML
# checker (vnu.jar from npm). Installed only
# when missing, and before `npm ci`: package.json does not allow vnu-jar's install script, but an
# npm that ignores allowScripts would run it, and it downloads a Java when none is installed.
DEBS := chromium:chromium pdftotext:poppler-utils dot:graphviz java:default-jre-headless /usr/sbin/nginx:nginx /usr/sbin/apache2:apache2 \
        /usr/lib/nginx/modules/ngx_http_brotli_static_module.so:libnginx-mod-http-brotli-static

# Builds, serves on http://127.0.0.1:$(PORT)/ and rebuilds when a page, a guide or the law
# registry changes.
serve: debs $(STAMP_VENV) $(STAMP_NPM)
	$(PY) build_scripts/serve.py site --port $(PORT) --watch $(if $(KOMMUNE),--kommune $(KOMMUNE))

# Checks, the builder, then the steps after it (build_scripts/build.py). A municipality's own
# copy: make site KOMMUNE=kommuner/eksempel/kommune.yml (see kommuner/README.md).
site: debs $(STAMP_VENV) $(STAMP_NPM)
	$(PY) -m build_scripts.build --builder mkdocs --site-dir site $(if $(KOMMUNE),--kommune $(KOMMUNE))

# The guidance as a zip that staff can read from a folder, without a server (the guides are
# printable checklists there): build/samarbeid-rundt-barn-mappe.zip
package: debs $(STAMP_VENV) $(STAMP_NPM)
	$(PY) -m build_scripts.build --mappe build/samarbeid-rundt-barn-mappe.zip $(if $(KOMMUNE),--kommune $(KOMMUNE))

# The same site from Zensical, Material for MkDocs' successor (pinned in requirements.lock).
site-zensical: debs $(STAMP_VENV) $(STAMP_NPM)
	$(PY) -m build_scripts.build --builder zensical --site-dir site $(if $(KOMMUNE),--kommune $(KOMMUNE))

# Two processes (pytest-xdist), a test file each at a time: its module fixtures stay in one
# process, and the sites every file reads are built once (tests/conftest.py built_once).
test: debs $(STAMP_VENV) $(STAMP_NPM)
	$(VENV)/bin/pytest -n 2 --dist loadfile

bench: debs $(STAMP_VENV) $(STAMP_NPM)
	$(PY) build_scripts/bench.py

# Python >= 3.12 (pyodide-build needs it); pyenv shims may need PYENV_VERSION to run it.
$(STAMP_VENV): requirements.lock
	@py=$$(bash build_scripts/find_python.sh) && echo "Lager $(VENV) med $$py" && $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(STAMP_NPM): package-lock.json
	npm ci --no-audit --no-fund
	touch $@

debs:
	@missing=""; for pair in $(DEBS); do { [ -e "$${pair%%:*}" ] || command -v $${pair%%:*} >/dev/null; } || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then echo "Installerer:$$missing"; apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; fi

clean:
	rm -rf site .cache $(VENV) node_modules
