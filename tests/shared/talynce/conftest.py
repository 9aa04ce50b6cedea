"""Fixtures: the Talynce emulator in-process and a client wired to it over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest

from shared.talynce import TalynceClient
from shared.talynce_sandbox import TalynceSandbox, TalynceSandboxConfig
from tests.secrets_guard import register_secret
from tests.shared.clients import client_factory
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
    async with client_factory(TalynceClient, BASE_URL, fake_time) as factory:
        yield factory


@pytest.fixture
def client(talynce: TalynceSandbox, make_client: Callable[..., TalynceClient]) -> TalynceClient:
    return make_client(talynce)
