"""A real SQLite file per test, and a clock the test moves by hand."""

from collections.abc import AsyncIterator

import pytest

from shared.store import Store


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "var" / "tt.db"


@pytest.fixture
async def store(db_path, clock) -> AsyncIterator[Store]:
    async with Store.connect(db_path, clock=clock) as opened:
        yield opened
