# The two commands: `make run` and `make test`. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: install install-test run serve test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## run: migrate, seed, load demo data into an empty database, make a first admin, serve
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed
	$(BIN)/flask demo --if-empty
	$(BIN)/flask users ensure-admin
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## serve: gunicorn with the production config (needs SECRET_KEY and DATABASE_URL)
serve: install
	TRACKER_CONFIG=production $(BIN)/flask db upgrade
	TRACKER_CONFIG=production $(BIN)/gunicorn --workers $${WORKERS:-4} --bind $${BIND:-0.0.0.0:8000} \
		--access-logfile - wsgi:app

## test: the whole suite (PostgreSQL and browser tests skip themselves when not available)
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench: the benchmark scripts under benchmarks/
bench: install-test
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
