# Two commands do all the set-up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install setup run test check bench soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_course

run: setup
	$(BIN)/python manage.py demo_accounts
	@echo "Academy is serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/gunicorn academy.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python benchmarks/grader.py
	$(BIN)/python benchmarks/load/run.py

# Workers killed 20 times while issuing certificates: counts lost and duplicated work (PostgreSQL, Redis DB 11).
soak: install
	$(BIN)/python benchmarks/soak.py

clean:
	rm -rf $(VENV) var staticfiles
