# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint dev bench bench-scale docs dashboard install clean ocr-deps layout-deps browser-deps redis-deps

$(STAMP): pyproject.toml requirements.lock
	-@$(MAKE) --no-print-directory ocr-deps
	-@$(MAKE) --no-print-directory layout-deps
	-@$(MAKE) --no-print-directory browser-deps
	-@$(MAKE) --no-print-directory redis-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Tesseract OCR with Chinese (for scanned pages); installed with apt where we can, else the run reports needs_ocr
ocr-deps:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -q chi_sim; then \
	  echo "tesseract with chi_sim: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim >/dev/null) \
	    && echo "installed tesseract-ocr + tesseract-ocr-chi-sim" \
	    || echo "could not install tesseract; scanned pages will be reported as needs_ocr"; \
	else \
	  echo "tesseract-ocr + tesseract-ocr-chi-sim not installed (install them for OCR); scanned pages will be reported as needs_ocr"; \
	fi

## WeasyPrint's system libraries (pango, HarfBuzz subsetting) and the font Noto Sans CJK SC, for the layout
## families (pipeline/tools/layouts.py); installed with apt where we can, else `make bench` skips that section
layout-deps:
	@if fc-list :lang=zh 2>/dev/null | grep -q "Noto Sans CJK SC" && ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset \
	    && ldconfig -p 2>/dev/null | grep -q libpangoft2; then \
	  echo "pango, harfbuzz-subset and Noto Sans CJK SC: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk libpango-1.0-0 \
	    libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null) \
	    && echo "installed fonts-noto-cjk + pango + libharfbuzz-subset0" \
	    || echo "could not install fonts-noto-cjk / pango; the layout families cannot be rendered"; \
	else \
	  echo "fonts-noto-cjk, libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0 not installed (install them for the layout families)"; \
	fi

## headless Chromium and its driver, for the dashboard's browser test (tests/integration/test_dashboard_browser.py);
## installed with apt where we can, else that test skips
browser-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
	  echo "chromium + chromedriver: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    && echo "installed chromium + chromium-driver" \
	    || echo "could not install chromium; the dashboard's browser test will be skipped"; \
	else \
	  echo "chromium + chromium-driver not installed (install them for the dashboard's browser test)"; \
	fi

## Redis, the broker of the Celery workers (celery_document_job, docs/operations.md: Distributed execution)
## and of their integration test (tests/integration/test_celery.py); installed with apt where we can, else that test skips
redis-deps:
	@if command -v redis-server >/dev/null 2>&1; then \
	  echo "redis-server: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
	    && echo "installed redis-server" \
	    || echo "could not install redis-server; the Celery integration test will be skipped"; \
	else \
	  echo "redis-server not installed (install it for the Celery workers and their test)"; \
	fi

## build the warehouse from raw/ (only new or changed documents are re-read)
run: $(STAMP)
	$(PY) -m pipeline run

## run the test suite
test: $(STAMP)
	$(PY) -m pytest -q

## lint: ruff over the Python (pyproject.toml), sqlfluff over the dbt models, macros and tests (.sqlfluff)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/sqlfluff lint --disable-progress-bar dbt_project/models dbt_project/macros dbt_project/tests

## Dagster UI with the assets, checks, schedule and sensor (switch them on under Automation)
dev: $(STAMP)
	mkdir -p .dagster_home
	cp dagster.yaml .dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/.dagster_home $(VENV)/bin/dagster dev -m pipeline.definitions

## timings: full run, rerun with nothing changed, rerun after adding one document (pipeline/tools/bench.py)
bench: $(STAMP)
	$(PY) -m pipeline bench

## the scale benchmark: whole runs at 1x, 2x, 8x, 40x the PDFs of raw/, three repetitions (pipeline/tools/bench_scale.py)
bench-scale: $(STAMP)
	$(PY) -m pipeline bench --only scale

## dbt docs of the built warehouse (every model and column described): warehouse/docs/static_index.html
docs: $(STAMP)
	test -f warehouse/warehouse.duckdb || $(PY) -m pipeline run
	$(PY) -m pipeline.tools.docs

## analyst dashboard (docs/dashboard.md) on http://127.0.0.1:8501 (another port: DASHBOARD_PORT=…);
## reads the warehouse read-only (BUDGET_WAREHOUSE, default warehouse/warehouse.duckdb), listens on 127.0.0.1 only
dashboard: $(STAMP)
	test -f "$${BUDGET_WAREHOUSE:-warehouse/warehouse.duckdb}" || $(PY) -m pipeline run
	$(VENV)/bin/streamlit run pipeline/dashboard/app.py --server.address 127.0.0.1 \
	  --server.port $${DASHBOARD_PORT:-8501} --server.headless true --server.fileWatcherType none \
	  --browser.gatherUsageStats false --client.toolbarMode viewer

clean:
	rm -rf warehouse/extract warehouse/.build warehouse/warehouse.duckdb warehouse/docs dbt_project/target
