# Resume Builder AI — developer entry points. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never

.PHONY: help install protos protos-check migrate key run test test-unit lint typecheck up down clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

install: ## create .venv from uv.lock
	@bash scripts/bootstrap.sh

protos: install ## regenerate gen/ from protos/
	PATH=$(VENV)/bin:$$PATH bash scripts/gen_protos.sh

protos-check: install ## fail when gen/ is stale
	@PATH=$(VENV)/bin:$$PATH bash scripts/gen_protos.sh --check

migrate: install ## create the database if needed and apply migrations
	@bash scripts/run_local.sh migrate

key: install ## create a development API key and print it once
	@bash scripts/run_local.sh key

run: install ## set up and start storage, gateway and both workers (offline LLM provider)
	@bash scripts/run_local.sh run

lint: install ## ruff everywhere, mypy on the pure packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy kit/documents.py kit/settings.py kit/logging.py kit/broker.py tailor_worker/engine export_worker/render

test: install ## lint, contract check, unit + integration + end-to-end tests
	@bash scripts/ensure_services.sh
	$(MAKE) --no-print-directory lint protos-check
	$(VENV)/bin/pytest -q -m "not slow"

test-unit: install ## pure tests only (no services)
	$(VENV)/bin/pytest -q tests/unit

up: ## whole stack in docker compose (needs a Docker engine)
	docker compose up --build

down:
	docker compose down

clean:
	rm -rf .run .pytest_cache .mypy_cache .ruff_cache
