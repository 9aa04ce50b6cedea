# The two commands a newcomer needs (README): `make demo` and `make test`.
# Both install what they need first (scripts/bootstrap: a pinned uv, then the locked deps).
.PHONY: demo test lint typecheck bench setup

setup:
	@./scripts/bootstrap

demo: setup
	@.venv/bin/tt demo

lint: setup
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .

typecheck: setup
	@.venv/bin/mypy

# -n auto: one worker per core (pytest-xdist); each builds its sandbox worlds once.
test: lint typecheck
	@.venv/bin/python -m pytest -n auto --dist worksteal

bench: setup
	@.venv/bin/python -m bench
