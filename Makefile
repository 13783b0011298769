# `make test` is what CI runs (.ci/run). Every target prepares the checkout first with scripts/setup.sh.

BIN := .venv/bin
KIOSK_ARGS ?= --windowed
SOURCES ?= ../shared/sources
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# Deferred (=, not :=) so that it is evaluated after setup has made the virtualenv. pytest-xdist is in the test
# extra; without it the suite still runs, in one process.
# loadscope: each test module runs whole on one worker, so a module's machines (tests/packaging/test_vm.py,
# test_fleet.py) are booted once, not once per worker; those modules also take turns (build/vm.lock)
XDIST = $(shell $(BIN)/python -c 'import xdist' 2>/dev/null && echo --numprocesses=$(PYTEST_WORKERS) --dist loadscope)

.PHONY: run test lint validate schema clean setup-test

run:
	bash scripts/setup.sh run
	$(BIN)/kiosk run $(KIOSK_ARGS)

setup-test:
	bash scripts/setup.sh test

# ruff; import-linter's contracts; mypy, strict on the core; qmllint on the QML module (zero warnings); the
# architecture tests (no import cycles, the docs name only what exists); ansible-lint on the fleet's playbooks
# (their example vault opened with its example password)
lint: setup-test
	$(BIN)/ruff check kiosk tests
	$(BIN)/lint-imports
	$(BIN)/mypy kiosk/core
	$(BIN)/python scripts/qmllint.py
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_layers.py tests/test_docs.py
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_VAULT_PASSWORD_FILE=packaging/ansible/example-vault-password.txt \
		$(BIN)/ansible-lint --offline -q packaging/ansible

test: lint
	$(BIN)/python -m pytest -q $(XDIST) $(PYTEST_ARGS)

validate: setup-test
	$(BIN)/kiosk validate content $(if $(wildcard $(SOURCES)),--sources $(SOURCES))

schema: setup-test
	$(BIN)/kiosk schema

clean:
	rm -rf build dist media/generated media/icons media/renditions .pytest_cache .ruff_cache .mypy_cache .import_linter_cache *.egg-info
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +

# --- installed builds (packaging/README.md): dist/testament-kiosk, PyInstaller onedir from a clean .venv-build ---
.PHONY: dist
dist: setup-test
	bash scripts/build-dist.sh
