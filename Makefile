# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test check lint serve bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/fzgen build

check: $(STAMP)
	$(BIN)/fzgen check

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check fzgen tests bench
	$(BIN)/ruff format --check fzgen tests bench
	$(BIN)/mypy

serve: $(STAMP)
	$(BIN)/fzgen serve

clean:
	rm -rf output $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
