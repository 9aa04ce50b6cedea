"""Fixtures: the Talynce emulator in-process and a client wired to it over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from shared.talynce import RetryPolicy, TalynceClient
from shared.talynce_sandbox import TalynceSandbox, TalynceSandboxConfig
from tests.secrets_guard import register_secret
from tests.shared.fake_time import FakeTime

BASE_URL = "http://talynce.test/api/v1"


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def talynce() -> TalynceSandbox:
    sandbox = TalynceSandbox(TalynceSandboxConfig(seed=7))
    register_secret(sandbox.api_key, "Talynce emulator API key")
    return sandbox


@pytest.fixture
async def make_client(fake_time: FakeTime) -> AsyncIterator[Callable[..., TalynceClient]]:
    clients: list[TalynceClient] = []

    def factory(sandbox: TalynceSandbox, **kwargs: Any) -> TalynceClient:
        kwargs.setdefault("retry", RetryPolicy(jitter=False))
        client = TalynceClient(
            api_key=kwargs.pop("api_key", sandbox.api_key),
            base_url=kwargs.pop("base_url", BASE_URL),
            transport=httpx.ASGITransport(app=sandbox.app),
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            **kwargs,
        )
        clients.append(client)
        return client

    yield factory
    for client in clients:
        await client.aclose()


@pytest.fixture
def client(talynce: TalynceSandbox, make_client: Callable[..., TalynceClient]) -> TalynceClient:
    return make_client(talynce)
