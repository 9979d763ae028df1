# Fresh-machine entry points (see README): `make demo` and `make test`.
# Both install the system packages carekit needs (scripts/system-deps.sh: apt-get as
# root, else it prints what to install), create .venv and install carekit into it.

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
	scripts/system-deps.sh

# Check both bundled examples, then render each to Markdown, HTML and PDF in out/, with
# its completed CARE checklist.
# The examples are incomplete on purpose, so the check exits 1 (findings); only exit 2
# (a broken file or usage) fails the demo.
demo: install
	$(BIN)/carekit check examples/; test $$? -le 1
	@for draft in examples/*/draft.yaml; do \
		name=$$(basename $$(dirname $$draft)); \
		echo "$(BIN)/carekit render $$draft -o out/$$name"; \
		$(BIN)/carekit render $$draft -o out/$$name || exit $$?; \
		$(BIN)/carekit checklist $$draft -o out/$$name || exit $$?; \
	done

lint: $(STAMP)
	$(BIN)/ruff check carekit tests bench

test: install lint
	scripts/system-deps.sh test
	$(BIN)/python -m pytest -q -rs

bench: install
	scripts/system-deps.sh bench
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/privacy_speed.py
	$(BIN)/python bench/render_speed.py
	$(BIN)/python bench/scale_speed.py
	$(BIN)/python bench/import_speed.py
	$(BIN)/python bench/lsp_latency.py

clean:
	rm -rf $(VENV) build dist out .pytest_cache .ruff_cache
