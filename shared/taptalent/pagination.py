"""Helpers to walk paged endpoints: sequentially, or several pages in flight at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


async def ordered_concurrent(
    keys: Iterable[int],
    fetch: Callable[[int], Awaitable[Sequence[T]]],
    *,
    concurrency: int,
) -> AsyncIterator[T]:
    """Fetch ``fetch(key)`` for every key with at most ``concurrency`` in flight; yield the
    items in key order as soon as each one's turn comes.

    Stopping early (``break`` out of ``async for``, or an error) cancels the fetches still
    in flight.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    pending = iter(keys)
    window: list[asyncio.Task[Sequence[T]]] = []

    def top_up() -> None:
        while len(window) < concurrency:
            key = next(pending, None)
            if key is None:
                return
            window.append(asyncio.ensure_future(fetch(key)))

    try:
        top_up()
        while window:
            head = window.pop(0)
            items = await head
            top_up()
            for item in items:
                yield item
    finally:
        for task in window:
            task.cancel()
        if window:
            await asyncio.gather(*window, return_exceptions=True)


async def gather_limited(
    calls: Sequence[Callable[[], Awaitable[T]]], *, concurrency: int
) -> list[T]:
    """Run the calls with at most ``concurrency`` at a time; results in call order.

    The first failure cancels the rest and is raised.
    """
    semaphore = asyncio.Semaphore(max(1, concurrency))

    async def run(call: Callable[[], Awaitable[T]]) -> T:
        async with semaphore:
            return await call()

    tasks = [asyncio.ensure_future(run(call)) for call in calls]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
