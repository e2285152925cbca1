# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test dev bench docs install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## build the warehouse from raw/ (only new or changed documents are re-read)
run: $(STAMP)
	$(PY) -m pipeline run

## run the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## Dagster UI with the assets, checks, schedule and sensor
dev: $(STAMP)
	mkdir -p .dagster_home
	DAGSTER_HOME=$(CURDIR)/.dagster_home $(VENV)/bin/dagster dev -m pipeline.definitions

clean:
	rm -rf warehouse/extract warehouse/.build warehouse/warehouse.duckdb dbt_project/target
