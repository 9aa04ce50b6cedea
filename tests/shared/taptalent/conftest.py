"""Fixtures for the TapTalent client tests.

- `make_client(handler)`: a client over `httpx.MockTransport` with a fake clock and a sleep
  that only records, so retries run instantly; `fake_time.sleeps` lists the waits.
- `sandbox` / `sandbox_client`: the real sandbox (`shared.sandbox`) in-process over ASGI.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from shared.taptalent import RetryPolicy, TapTalentClient
from tests.shared.fake_time import FakeTime

API_KEY = "sk_test_AbCdEfGhIjKlMnOpQrStUv"
BASE_URL = "https://partner-api.test/v1/partner"
SANDBOX_BASE_URL = "http://sandbox/v1/partner"

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def api_key() -> str:
    return API_KEY


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def make_client(
    fake_time: FakeTime,
) -> AsyncIterator[Callable[..., TapTalentClient]]:
    clients: list[TapTalentClient] = []

    def factory(handler: Handler, **kwargs: Any) -> TapTalentClient:
        kwargs.setdefault("retry", RetryPolicy(jitter=False))
        client = TapTalentClient(
            api_key=kwargs.pop("api_key", API_KEY),
            base_url=kwargs.pop("base_url", BASE_URL),
            transport=httpx.MockTransport(handler),
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            **kwargs,
        )
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.aclose()


# --- the sandbox (shared.sandbox), in-process -----------------------------------------------


@pytest.fixture
async def sandbox() -> AsyncIterator[Any]:
    """A fresh sandbox per test (seed 7: same data every run), closed afterwards."""
    from shared.sandbox import Sandbox, SandboxConfig

    sb = Sandbox(SandboxConfig(seed=7, rescore_delay=0.05))
    try:
        yield sb
    finally:
        await sb.aclose()


@pytest.fixture
async def sandbox_client(sandbox: Any) -> AsyncIterator[TapTalentClient]:
    """A client talking to `sandbox` over ASGI (no sockets), retrying without long waits."""
    client = TapTalentClient(
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
        transport=httpx.ASGITransport(app=sandbox.app),
        retry=RetryPolicy(base_delay=0.001, max_delay=0.01, total_budget=5.0),
    )
    async with client:
        yield client
