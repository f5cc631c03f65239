# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck check install clean bench bench-full bytecode

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)

# pip's editable install compiles nothing, and where PYTHONDONTWRITEBYTECODE is set (containers,
# CI images) Python never writes bytecode itself: every `factbot ask` would compile the whole
# package again, about 0.1 s. Up to date, this is a quick look at the files' times.
bytecode:
	@$(BIN)/python -m compileall -q bot

install: $(STAMP)

# With DISCORD_TOKEN and/or SLACK_BOT_TOKEN + SLACK_APP_TOKEN set (or token files named in
# config.yaml), run the bot on those platforms (config.yaml if present); otherwise the console.
run: $(STAMP) bytecode
	@if [ -n "$$DISCORD_TOKEN$$SLACK_BOT_TOKEN$$SLACK_APP_TOKEN" ] || \
		{ [ -f config.yaml ] && grep -Eq '^\s*(token_file|bot_token_file|app_token_file):\s*[^n ]' config.yaml; }; then \
		$(BIN)/factbot run $(if $(wildcard config.yaml),--config config.yaml,); \
	else \
		$(BIN)/factbot chat; \
	fi

check: $(STAMP)
	$(BIN)/factbot check knowledge --strict

lint: $(STAMP)
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks
	$(BIN)/lint-imports --no-logo --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

# Benchmarks against full-scan baselines (see README, Performance): 1k, 10k and 100k entries.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench --sizes 1000,10000,100000

# The same plus one million entries: about 400 MB of generated YAML under benchmarks/data/,
# most of an hour; written to benchmarks/results-full.json beside the routine results.json.
bench-full: $(STAMP)
	$(BIN)/python -m benchmarks.bench --sizes 1000,10000,100000,1000000 \
		--out benchmarks/results-full.json

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
