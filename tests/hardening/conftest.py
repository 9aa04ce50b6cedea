# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Helpers shared by the hardening tests (the fixtures of tests/conftest.py apply too)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from shared.sandbox import Sandbox, SandboxConfig

# Fixtures of the Slack and MCP suites, reused here: `bot` (the service with the bot
# surface, a fake Slack, signed requests) and `client` (the real MCP client, in memory).
from tests.bot.conftest import bot, bot_settings, sandbox_dialect, slack  # noqa: F401
from tests.mcp_server.conftest import client, connect  # noqa: F401


async def until(predicate: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    """Wait for a condition (never a timing assertion: the timeout only bounds a hang)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"not met within {timeout:g}s: {what or predicate}")
        await asyncio.sleep(0.02)


def small_sandbox(seed: int = 7, **config: object) -> Sandbox:
    """A few jobs (some past 250 candidates, so one request is several rescore ids)."""
    values: dict[str, object] = {
        "seed": seed,
        "jobs": 6,
        "big_job_size": 0,
        "rescore_delay": 0.05,
        "other_company_jobs": 1,
        **config,
    }
    return Sandbox(SandboxConfig(**values))  # type: ignore[arg-type]
