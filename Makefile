# The contract between the parts: each target is one step of
# raw files -> ingestion -> dbt (staging -> intermediate -> marts) -> publish.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever requirements.txt or pyproject.toml changes.
INSTALLED := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
# The Data Docs' front-end files, from npm (package-lock.json pins them); re-installed when the lock changes.
DOCS_ASSETS := expectations/data_docs_assets
DOCS_ASSETS_INSTALLED := $(DOCS_ASSETS)/node_modules/.installed-$(shell cksum $(DOCS_ASSETS)/package-lock.json | cut -d' ' -f1)
# Debian packages: Chromium for the browser tests, Noto CJK so that Chinese text renders, Noto emoji for the
# dashboard's page icons, nginx for several dashboard processes behind one address (make serve-many),
# poppler-utils (pdftotext, pdffonts, pdftoppm) for the briefing tests' reading of the PDF.
SYSTEM_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji nginx poppler-utils
# Where `make serve` listens: every interface, so that leaders on the district network can open it. The
# address readers use is given to Streamlit: without it, a headless server asks an internet service for the
# machine's external IP at start-up.
DASHBOARD_ADDRESS ?= 0.0.0.0
DASHBOARD_PORT ?= 8501
DASHBOARD_HOST ?= $(or $(firstword $(shell hostname -I 2>/dev/null)),localhost)
# make serve-many: how many dashboard processes share the readers (one core each at a time).
DASHBOARD_PROCESSES ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system-packages sample build serve serve-many run test test-unit bench lint-sql dbt-build dbt-docs data-docs quality templates submit waiting workbook briefing clean

setup: $(INSTALLED) $(DOCS_ASSETS_INSTALLED)  ## .venv with the pinned requirements, Data Docs assets from npm

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@# The project itself, editable: scripts, dashboard and expectations import from anywhere, no sys.path edits.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

$(DOCS_ASSETS_INSTALLED): $(DOCS_ASSETS)/package-lock.json
	npm ci --prefix $(DOCS_ASSETS) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

system-packages:  ## Chromium and CJK fonts from Debian, installed only if missing (needs root)
	@# "installed", not merely known to dpkg: a removed package leaves its config files and a status behind.
	@(for package in $(SYSTEM_PACKAGES); do \
		[ "$$(dpkg-query -W -f='$${db:Status-Status}' $$package 2>/dev/null)" = installed ] || exit 1; \
	done) || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); }

sample: setup  ## write the synthetic sample raw files into data/raw/ (marked provenance=sample)
	$(BIN)/python -m scripts.demo.generate_sample_data

build: setup  ## load data/raw/, validate, dbt build into a new file, validate, publish, print the summary
	$(BIN)/python -m scripts.publishing.pipeline

serve: setup  ## the dashboard on the published file (.streamlit/config.toml) and the steward worker; Ctrl-C stops both
	@# Accounts live outside the repository: in production (GF_ENV=production) an unsafe accounts file stops
	@# the start; otherwise demo accounts are written once if there are none (scripts/administration/accounts.py).
	$(BIN)/python -m scripts.administration.accounts ensure
	@echo "Dashboard: http://$(DASHBOARD_HOST):$(DASHBOARD_PORT)/  (on this machine: http://localhost:$(DASHBOARD_PORT)/)"
	@# The steward worker beside it (scripts/publishing/steward_worker.py: submissions answered warm), stopped with it.
	$(BIN)/python -m scripts.publishing.steward_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(BIN)/streamlit run dashboard/server.py --server.address $(DASHBOARD_ADDRESS) --server.port $(DASHBOARD_PORT) \
		--browser.serverAddress $(DASHBOARD_HOST)

serve-many: setup system-packages  ## DASHBOARD_PROCESSES dashboard processes behind nginx (sticky sessions) and the steward worker; Ctrl-C stops all
	$(BIN)/python -m scripts.administration.accounts ensure
	$(BIN)/python -m scripts.serving.behind_proxy --processes $(DASHBOARD_PROCESSES) --address $(DASHBOARD_ADDRESS) \
		--port $(DASHBOARD_PORT) --host $(DASHBOARD_HOST)

run: setup  ## the main job: sample data -> marts -> progress summary -> dashboard served
	$(MAKE) --no-print-directory sample
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory serve

test: setup system-packages  ## every test, all three lanes (what CI runs): dbt unit and data tests run inside the pipeline tests
	$(BIN)/python -m pytest

test-unit: setup  ## the unit lane only: in-process tests, no pipeline, server or browser (under a minute)
	$(BIN)/python -m pytest -m unit

bench: setup system-packages  ## where time and memory go (not a test, not in CI): refresh vs its floor, steward path, scale curve, concurrent readers -> data/bench/
	$(BIN)/python -m scripts.benchmark.run $(BENCH_ARGS)

dbt-build: setup  ## what an analyst runs: dbt build into data/dev/ (raw data read from the published file)
	cd dbt_project && ../$(BIN)/dbt build

lint-sql: setup  ## sqlfluff on the dbt models and tests (dbt_project/.sqlfluff; also part of make test)
	cd dbt_project && ../$(BIN)/sqlfluff lint models tests

dbt-docs: setup  ## dbt docs of the dev copy as one offline HTML file: dbt_project/target/static_index.html
	cd dbt_project && ../$(BIN)/dbt docs generate --static

quality: setup  ## run the quality gate on the published file (changes nothing; exit 1 on a critical failure)
	$(BIN)/python -m scripts.quality.quality_gate

data-docs: setup  ## rebuild the Data Docs from every kept validation: data/quality/data_docs/index.html
	$(BIN)/python -m scripts.quality.data_docs

templates: setup  ## rewrite the data stewards' file templates in scripts/ingestion/templates/
	$(BIN)/python -m scripts.ingestion.submission_templates

workbook: setup  ## the published marts as one Excel workbook with a data dictionary (WORKBOOK_LANG=en for English)
	$(BIN)/python -m dashboard.workbook --lang $(or $(WORKBOOK_LANG),zh)

briefing: setup  ## the leading group's briefing as PDF and Word: make briefing [QUARTER=2026Q3] [BRIEFING_LANG=en] -> data/briefings/
	$(BIN)/python -m scripts.outputs.briefing $(if $(QUARTER),--quarter $(QUARTER)) --lang $(or $(BRIEFING_LANG),zh)

submit: setup  ## submit a reporting round: make submit FILE="a.xlsx b.csv" [SOURCE=green_loans] [DRY_RUN=1]
	$(BIN)/python -m scripts.publishing.ingest $(if $(SOURCE),--source $(SOURCE)) $(foreach file,$(FILE),--file $(file)) \
		$(if $(DRY_RUN),--dry-run)

waiting: setup  ## list the submissions waiting for their partner source (green loans <-> all loans)
	$(BIN)/python -m scripts.publishing.ingest --waiting

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache
