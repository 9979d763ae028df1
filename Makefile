# Fresh-machine entry points (see README): `make demo` and `make test`.
# Both create .venv and install carekit with everything it needs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
		|| { echo "carekit needs Python 3.10 or newer ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

# Check both bundled examples. They are incomplete on purpose, so carekit exits 1
# (findings); only exit 2 (a broken file or usage) fails the demo.
demo: install
	$(BIN)/carekit check examples/; test $$? -le 1

lint: install
	$(BIN)/ruff check carekit tests bench

test: install lint
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/check_speed.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
