"""Benchmarks: `python -m bench` (or `make bench`) runs them all and rewrites the README table.

Each benchmark is a module with `run() -> dict`; `python -m bench top_candidates` runs one.
"""
