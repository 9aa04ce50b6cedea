"""Clients of the other systems wired to their emulators in-process, for tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol, TypeVar

import httpx

from shared.taptalent import RetryPolicy, TapTalentClient
from tests.shared.fake_time import FakeTime


class _Closable(Protocol):
    async def aclose(self) -> None: ...


C = TypeVar("C", bound=_Closable)


@asynccontextmanager
async def client_factory(
    cls: Callable[..., C], base_url: str, fake_time: FakeTime, **defaults: Any
) -> AsyncIterator[Callable[..., C]]:
    """``factory(emulator, **kwargs)``: a ``cls`` client over ASGI to ``emulator.app``,
    sleeping on ``fake_time`` (retries wait without waiting); all closed at the end."""
    made: list[C] = []

    def factory(emulator: Any, **kwargs: Any) -> C:
        options = {"retry": RetryPolicy(jitter=False), **defaults, **kwargs}
        client = cls(
            api_key=options.pop("api_key", emulator.api_key),
            base_url=options.pop("base_url", base_url),
            transport=options.pop("transport", httpx.ASGITransport(app=emulator.app)),
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            **options,
        )
        made.append(client)
        return client

    try:
        yield factory
    finally:
        for client in made:
            await client.aclose()


def taptalent_over(sandbox: Any) -> TapTalentClient:
    """A TapTalent client to the TapTalent sandbox in-process (use with ``async with``)."""
    return TapTalentClient(
        api_key=sandbox.api_key,
        base_url="http://sandbox/v1/partner",
        transport=httpx.ASGITransport(app=sandbox.app),
    )
