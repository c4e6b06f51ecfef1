# Two commands on a fresh machine: `make demo` runs the main job, `make test` runs the tests.
# `make test` first installs the Debian packages the tests use as real parts (as root or with
# sudo that asks no password), or stops with the command to run: no test skips for want of one.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test system-packages docs bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,postgresql]'  # the tests run every store test on PostgreSQL too
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cadence demo

test: system-packages $(STAMP)
	$(BIN)/python -m pytest

system-packages:
	@bash .ci/system-packages

docs: $(STAMP)
	bash .ci/docs

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) demo
