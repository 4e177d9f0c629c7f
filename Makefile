# The two commands of the README: `make demo` and `make test`. Both set up .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint format clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/regionbot demo

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/answers.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/ack.py
	$(BIN)/python bench/reminders.py

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench

format: $(STAMP)
	$(BIN)/ruff format bot tests bench
	$(BIN)/ruff check --fix bot tests bench

clean:
	rm -rf $(VENV) data/*.db
