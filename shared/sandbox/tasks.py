"""Background work started by handlers (rescores, resume batches, webhook deliveries).

Tasks are tracked so `Sandbox.drain()` can wait for them and `aclose()` can cancel them.
Errors are logged, never raised into the app: the sandbox must keep answering.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from typing import Any, Protocol

log = logging.getLogger("shared.sandbox")


class TaskGroup:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("sandbox background task failed", exc_info=task.exception())

    def pending(self) -> set[asyncio.Task[Any]]:
        return {t for t in self._tasks if not t.done()}

    async def cancel_all(self) -> None:
        tasks = self.pending()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


class HoldsDeliveries(Protocol):
    def has_held(self) -> bool: ...

    async def flush_held(self) -> None: ...


async def drain(tasks: TaskGroup, webhooks: HoldsDeliveries, limit_seconds: float) -> None:
    """Wait until ``tasks`` are done and no held (reordered) delivery is left: those are
    sent. Raises TimeoutError after ``limit_seconds``."""
    deadline = time.monotonic() + limit_seconds
    while True:
        pending = tasks.pending()
        if not pending:
            if not webhooks.has_held():
                return
            await webhooks.flush_held()
            continue
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"sandbox still has {len(pending)} background tasks")
        await asyncio.wait(pending, timeout=remaining)
