"""Single flight: identical reads that run at the same time share one computation.

Fifty people typing the same `/tt top-candidates job:4201` at once should cost TapTalent
one ranking, not fifty. `Flights.run(key, compute)` starts `compute()` for the first caller
of a key and lets every caller that arrives while it runs await the same outcome (its
result, or its error). Nothing is kept afterwards: the next caller computes afresh, so an
answer is never older than the request that asked for it.

The flights of one API client are kept apart from every other client's (`flights_of`): two
keys, two base URLs or two sandboxes never share a computation.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Flights(Generic[T]):
    """The computations in flight for one backend, by key."""

    def __init__(self) -> None:
        self._running: dict[Hashable, asyncio.Task[T]] = {}
        self.shared = 0  # callers that joined a computation already running (for tests)

    async def run(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        task = self._running.get(key)
        if task is None:
            task = asyncio.ensure_future(compute())
            self._running[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        else:
            self.shared += 1
        # One caller giving up (a closed connection) must not cancel the others' answer.
        return await asyncio.shield(task)

    def _forget(self, key: Hashable, done: asyncio.Task[T]) -> None:
        if self._running.get(key) is done:
            del self._running[key]
        if not done.cancelled():
            done.exception()  # retrieved: every caller may have gone, nobody else will


_by_client: weakref.WeakKeyDictionary[Any, Flights[Any]] = weakref.WeakKeyDictionary()


def flights_of(client: object) -> Flights[Any]:
    """The flights of one API client (one key, one base URL, one transport)."""
    flights = _by_client.get(client)
    if flights is None:
        flights = _by_client[client] = Flights()
    return flights
