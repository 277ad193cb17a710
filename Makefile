# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve test lint format messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: reinstall only when the dependencies change, so a second
# `make run` starts at once.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

run: export DJANGO_DEBUG ?= true
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_demo_staff
	@# The task worker sends the donors' emails; it stops with the server.
	$(BIN)/python manage.py db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: what must be set in the environment before `make serve` starts
# (the README's configuration table has the rest, such as the banking settings).
PRODUCTION_ENV := DJANGO_SECRET_KEY DONOR_DATA_KEYS DJANGO_ALLOWED_HOSTS DATABASE_URL

# As in production: debug off, hashed and compressed static files, gunicorn with the
# settings in gunicorn.conf.py, and the mail worker beside it. Ctrl-C or SIGTERM stops
# both; so does either one ending. Migrations are a deploy step: `manage.py migrate`.
serve: export DJANGO_DEBUG = false
serve: $(VENV)/.installed
	@missing=""; for name in $(PRODUCTION_ENV); do \
		[ -n "$$(printenv $$name)" ] || missing="$$missing $$name"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "make serve: set$$missing in the environment; refusing to start." >&2; exit 1; \
	fi
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@# Started in the background, both ignore the terminal's Ctrl-C: the trap stops them.
	$(BIN)/python manage.py db_worker --interval 2 & worker=$$!; \
	$(BIN)/gunicorn --config gunicorn.conf.py ngo.wsgi & web=$$!; \
	trap 'kill -TERM $$web $$worker 2>/dev/null; wait $$web $$worker; exit 143' INT TERM; \
	while kill -0 $$web 2>/dev/null && kill -0 $$worker 2>/dev/null; do sleep 1; done; \
	kill -TERM $$web $$worker 2>/dev/null; wait $$web $$worker; exit 1

test: $(VENV)/.installed-test
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the catalogs after changing translatable strings (needs GNU gettext),
# then translate the new entries and compile them into the committed .mo files.
messages: export DJANGO_DEBUG ?= true
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --no-obsolete --no-location -l nl -l fr -l nb -l da --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv
