# The contract between the parts: each target is one step of
# raw files -> ingestion -> dbt (staging -> intermediate -> marts) -> publish.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever requirements.txt changes.
INSTALLED := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: setup sample build run test dbt-build dbt-docs clean

setup: $(INSTALLED)  ## create .venv and install the pinned requirements

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

sample: setup  ## write the synthetic sample raw files into data/raw/ (marked provenance=sample)
	$(BIN)/python -m scripts.generate_sample_data

build: setup  ## load data/raw/, dbt build into a new file, publish it, print the progress summary
	$(BIN)/python -m scripts.pipeline

run: setup  ## the main job: sample data -> marts -> progress summary
	$(MAKE) --no-print-directory sample
	$(MAKE) --no-print-directory build

test: setup  ## every test: dbt unit and data tests run inside the pipeline tests
	$(BIN)/python -m pytest

dbt-build: setup  ## what an analyst runs: dbt build on the published file
	cd dbt_project && ../$(BIN)/dbt build

dbt-docs: setup  ## dbt docs as one offline HTML file: dbt_project/target/static_index.html
	cd dbt_project && ../$(BIN)/dbt docs generate --static

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache
