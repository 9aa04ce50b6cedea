from collections.abc import AsyncIterator

import httpx
import pytest

from shared.kombo import KomboClient
from shared.kombo_sandbox import KomboSandbox
from shared.taptalent import RetryPolicy

BASE = "http://kombo.local/v1"


class Sleeps:
    """A fake sleep that records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def kombo_sandbox() -> KomboSandbox:
    return KomboSandbox(seed=7)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def client_for(sb: KomboSandbox, sleeps: Sleeps | None = None, **kw: object) -> KomboClient:
    return KomboClient(
        sb.api_key,
        sb.integration_id,
        BASE,
        transport=httpx.ASGITransport(app=sb.app),
        retry=RetryPolicy(max_attempts=4, jitter=False),
        sleep=sleeps or Sleeps(),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
async def kombo(kombo_sandbox: KomboSandbox, sleeps: Sleeps) -> AsyncIterator[KomboClient]:
    async with client_for(kombo_sandbox, sleeps) as client:
        yield client
