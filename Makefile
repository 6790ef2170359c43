# The two commands: `make run` and `make test`. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

# pytest workers (pytest-xdist): one per core by default; JOBS=0 runs in one process.
JOBS ?= auto

.PHONY: install install-test run serve test lint screenshots bench clean translations messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

# Compiled catalogues are built from the .po files at install, never committed.
TRANSLATIONS := tracker/translations
CATALOGUES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -l $* -i $< -o $@

translations: $(CATALOGUES:.po=.mo)

## messages: extract the strings to translate and merge them into the catalogues
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed translations

install-test: $(VENV)/.installed-test translations

## run: serve the app; without DATABASE_URL, the demo from a database of its own (instance/demo.db)
# With DATABASE_URL set, that database is migrated and seeded but never filled with demo data.
DEMO_DB := sqlite:///$(CURDIR)/instance/demo.db
run: install
ifeq ($(strip $(DATABASE_URL)),)
	@echo "Serving the demo from instance/demo.db (set DATABASE_URL to serve your own database)."
	DATABASE_URL=$(DEMO_DB) $(BIN)/flask db upgrade
	DATABASE_URL=$(DEMO_DB) $(BIN)/flask seed
	DATABASE_URL=$(DEMO_DB) $(BIN)/flask demo --if-empty
	DATABASE_URL=$(DEMO_DB) $(BIN)/flask users ensure-admin
	DATABASE_URL=$(DEMO_DB) $(BIN)/flask run --host $(HOST) --port $(PORT)
else
	$(BIN)/flask db upgrade
	$(BIN)/flask seed
	$(BIN)/flask users ensure-admin
	$(BIN)/flask run --host $(HOST) --port $(PORT)
endif

## serve: gunicorn with the production config (needs SECRET_KEY and DATABASE_URL)
serve: install
	TRACKER_CONFIG=production $(BIN)/flask db upgrade
	TRACKER_CONFIG=production $(BIN)/gunicorn --workers $${WORKERS:-4} --bind $${BIND:-0.0.0.0:8000} \
		--access-logfile - wsgi:app

## test: lint, then the whole suite on every core, printing the ten slowest tests
## (PostgreSQL, Redis and browser tests skip themselves, one line per reason, when not available)
test: install-test lint
	$(BIN)/python -m pytest -n $(JOBS) --durations=10 $(PYTEST_ARGS)

## lint: ruff, configured in pyproject.toml
lint: install-test
	$(BIN)/ruff check .

## screenshots: the browser journeys, saving their pictures into docs/screenshots/ (the README's tour)
screenshots: install-test
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/e2e

## bench: the benchmark scripts under benchmarks/
bench: install-test
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
