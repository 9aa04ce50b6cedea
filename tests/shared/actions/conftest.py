"""The action tests run against each sandbox dialect: `seed` (the documents' own shapes),
`tt` (tt's earlier shapes) and `mixed` (any documented variant, per answer)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.dialect import DIALECTS


@pytest.fixture(params=DIALECTS)
def dialect(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def sandbox(dialect: str) -> AsyncIterator[Sandbox]:
    sb = Sandbox(SandboxConfig(seed=7, rescore_delay=0.05, dialect=dialect))
    try:
        yield sb
    finally:
        await sb.aclose()
