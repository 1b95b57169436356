# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint venv bench backup restore

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# The task worker (imports) runs beside the site in its own process group, ended with it.
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	setsid $(BIN)/python manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill -TERM -$$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest -n auto --dist loadgroup

# ruff (style and bugs), import-linter (the layers, pyproject.toml), mypy with django-stubs (types).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/report_pdf.py

# The database (pg_dump -Fc, or a consistent SQLite copy) and the media folder in one file under backups/.
backup: $(STAMP)
	$(BIN)/python manage.py backup

# make restore FILE=backups/chidoan-YYYYmmdd-HHMMSS.tar.gz (asks before replacing the data).
restore: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/chidoan-....tar.gz"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"
