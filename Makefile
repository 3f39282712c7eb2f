# One entry point for everything: `make demo` and `make test` work on a fresh clone with
# only Python 3.11+ and Node.js installed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
NPM_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)

# The web console (console/, its own npm project) builds into build/console (git-ignored), which
# the local API serves at /. Rebuilt only when a source changes: the stamp names their checksum.
CONSOLE_SRC := $(shell find console -path console/node_modules -prune -o -type f -print | LC_ALL=C sort)
CONSOLE_NPM_STAMP := console/node_modules/.installed-$(shell cat console/package.json console/package-lock.json | cksum | cut -d' ' -f1)
CONSOLE_STAMP := build/console/.built-$(shell cat $(CONSOLE_SRC) | cksum | cut -d' ' -f1)
# The browser of the console's tests: Debian's chromium (Playwright's own download is not reachable),
# with CJK fonts so the Chinese and Korean screens' screenshots show their text.
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

# Lambda runs arm64 (Graviton: about 20% cheaper per GB-second than x86_64, and every
# dependency ships aarch64 wheels); the layer is built for that platform without Docker.
LAYER_PLATFORM ?= manylinux2014_aarch64
LAYER_PYTHON   ?= 3.12
LAYER_DIR      := build/layers/deps

export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1
export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION := 1

.PHONY: help install console browser demo local test lint typecheck pytest bench bench-console bench-search bench-traffic openapi layer synth deploy diff clean

help:
	@echo "make demo     set up, boot the local cloud and run the end-to-end scenario"
	@echo "make test     set up and run every check (ruff, mypy strict on all code, pytest incl. CDK, cdk-nag, cfn-lint)"
	@echo "make local    run the local cloud and API (and the web console at /) until Ctrl-C"
	@echo "make console  build the web console into build/console"
	@echo "make bench    cold starts and AWS calls per handler, closed loop, IVR, SLA sweep, traffic"
	@echo "make bench-traffic  the local contact center: 1,000 calls/hour for a simulated hour"
	@echo "make bench-console  Lighthouse on the web console (phone and desktop)"
	@echo "make bench-search  knowledge search on CLINC150 (accuracy, hand-overs, latency, memory)"
	@echo "make openapi  regenerate docs/openapi.json from the API routers"
	@echo "make layer    build the third-party dependency layer (no Docker)"
	@echo "make synth    cdk synth (offline, no credentials)"
	@echo "make deploy   build the layer and cdk deploy (needs AWS credentials)"

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-*
	@touch $@

$(CONSOLE_NPM_STAMP): console/package.json console/package-lock.json
	cd console && npm ci --no-audit --no-fund --loglevel=error
	@rm -f console/node_modules/.installed-*
	@touch $@

$(CONSOLE_STAMP): $(CONSOLE_NPM_STAMP) $(CONSOLE_SRC)
	cd console && npm run --silent build
	@touch $@

console: $(CONSOLE_STAMP)

browser:
	@test -x $(CHROMIUM) -a -e $(CJK_FONT) || (apt-get update && apt-get install -y chromium fonts-noto-cjk)

demo: $(STAMP) console
	$(BIN)/contactcenter demo

local: $(STAMP) console
	$(BIN)/contactcenter local

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy --strict over every room: pyproject.toml's [tool.mypy] files list names them all.
typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) console browser
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench

bench-traffic: $(STAMP)
	$(BIN)/python -m bench.traffic

LIGHTHOUSE_STAMP := bench/lighthouse/node_modules/.installed-$(shell cat bench/lighthouse/package.json bench/lighthouse/package-lock.json | cksum | cut -d' ' -f1)

$(LIGHTHOUSE_STAMP): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@rm -f bench/lighthouse/node_modules/.installed-*
	@touch $@

bench-console: $(STAMP) console browser $(LIGHTHOUSE_STAMP)
	$(BIN)/python -m bench.console

bench-search: $(STAMP)
	$(BIN)/python -m bench.search
	$(BIN)/python -m bench.language_id
	$(BIN)/python -m bench.multilingual

openapi: $(STAMP)
	$(BIN)/python -m cli.openapi

layer: $(STAMP)
	$(BIN)/python -m infra.layer --platform $(LAYER_PLATFORM) --python-version $(LAYER_PYTHON) --target $(LAYER_DIR)

synth: $(STAMP) $(NPM_STAMP) $(CONSOLE_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" npx cdk synth --quiet

diff: $(STAMP) $(NPM_STAMP) $(CONSOLE_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" npx cdk diff

deploy: layer $(NPM_STAMP) $(CONSOLE_STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" npx cdk deploy --all

clean:
	rm -rf $(VENV) build cdk.out node_modules console/node_modules bench/lighthouse/node_modules .local .pytest_cache .mypy_cache .ruff_cache
