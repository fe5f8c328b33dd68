VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint eval clean browser

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/manysides analyze --demo -o demo-out

test: $(STAMP) browser
	$(PY) -m pytest -q

# The browser tests drive Debian's chromium; install it where we may, else they skip.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
		[ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium is not installed: the browser tests will be skipped"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests eval bench

eval: $(STAMP)
	$(PY) -m eval.run_all

bench: $(STAMP)
	$(PY) bench/bench_analyze.py

clean:
	rm -rf $(VENV) demo-out
