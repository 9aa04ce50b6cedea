"""Fixtures: the InstaView emulator in-process and a client wired to it over ASGI.

The emulator's rate-limit windows and the client's retry waits share one fake clock that
moves only when the client sleeps, so a 429's Retry-After is honoured without waiting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from shared.instaview import InstaViewClient, RetryPolicy
from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
from tests.secrets_guard import register_secret
from tests.shared.clients import client_factory
from tests.shared.fake_time import FakeTime

BASE_URL = "http://instaview.test/v1/public"


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def make_sandbox(fake_time: FakeTime) -> AsyncIterator[Callable[..., InstaViewSandbox]]:
    made: list[InstaViewSandbox] = []

    def factory(**config: Any) -> InstaViewSandbox:
        config.setdefault("clock", fake_time.clock)
        config.setdefault("test_duration", 0.01)
        config.setdefault("analysis_delay", 0.01)
        sandbox = InstaViewSandbox(InstaViewSandboxConfig(**config))
        register_secret(sandbox.api_key, "InstaView emulator API key")
        register_secret(sandbox.webhook_secret, "InstaView emulator webhook secret")
        made.append(sandbox)
        return sandbox

    yield factory
    for sandbox in made:
        await sandbox.aclose()


@pytest.fixture
def emulator(make_sandbox: Callable[..., InstaViewSandbox]) -> InstaViewSandbox:
    return make_sandbox()


@pytest.fixture
async def make_client(fake_time: FakeTime) -> AsyncIterator[Callable[..., InstaViewClient]]:
    retry = RetryPolicy(jitter=False, total_budget=600)
    async with client_factory(InstaViewClient, BASE_URL, fake_time, retry=retry) as factory:
        yield factory


@pytest.fixture
async def client(emulator: InstaViewSandbox, make_client: Any) -> InstaViewClient:
    return make_client(emulator)
