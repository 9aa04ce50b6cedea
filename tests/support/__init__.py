"""Helpers that tests in more than one folder share: fakes of outside systems, checkers,
and small accessors. Nothing here is a test, and nothing here imports pytest fixtures."""
