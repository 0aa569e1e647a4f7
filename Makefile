# Participatiemix: the two commands are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test install install-test browser migrate load lint bench bench-processes messages clean redis

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages WeasyPrint (PDF), pdftotext and Playwright need; installed only when missing.
system-deps:
	@bash scripts/system-deps.sh

migrate: install
	$(BIN)/python -m django migrate --noinput --settings=participatiemix.site.settings

load: migrate
	$(BIN)/python -m django load_demo --settings=participatiemix.site.settings

run: system-deps load
	mkdir -p staticfiles
	@echo "Participatiemix draait op http://$(HOST):$(PORT)/"
	$(BIN)/python -m django runserver $(HOST):$(PORT) --settings=participatiemix.site.settings

# Production server (docs/deploy.md): DJANGO_ENV=production, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and
# DATABASE_URL come from the environment; gunicorn.conf.py reads workers and the bind address from it too.
serve: install
	DJANGO_ENV=$${DJANGO_ENV:-production} $(BIN)/python -m django collectstatic --noinput -v 0 --settings=participatiemix.site.settings
	DJANGO_ENV=$${DJANGO_ENV:-production} $(BIN)/python -m django migrate --noinput --settings=participatiemix.site.settings
	$(BIN)/gunicorn -c gunicorn.conf.py

# The shared cache's tests talk to Redis on 127.0.0.1:6379; started here when it does not run.
redis:
	@bash scripts/redis.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: system-deps install redis
	$(BIN)/ruff check .
	$(BIN)/python -m django makemigrations --check --dry-run --settings=participatiemix.site.settings
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/catalogue.py
	$(BIN)/python bench/advice.py
	$(BIN)/python bench/plan_page.py
	$(BIN)/python bench/scan.py
	$(BIN)/python bench/werksessie.py

# Running processes (issue #9): PostgreSQL on 127.0.0.1:5432 and Redis; each makes its own throw-away database.
bench-processes: install redis
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python bench/process_page.py
	$(BIN)/python bench/process_report.py
	$(BIN)/python bench/survey_results.py
	$(BIN)/python bench/survey_submit.py

messages: install
	cd participatiemix && ../$(BIN)/python -m django compilemessages --settings=participatiemix.site.settings

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3
