"""The client over a real TCP socket: uvicorn serving the sandbox on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn

from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import APIConnectionError, NotFoundError


@pytest.fixture
async def served_sandbox(sandbox: Any) -> AsyncIterator[str]:
    """Serve `sandbox.app` on a free loopback port in this event loop; yields the base URL."""
    config = uvicorn.Config(
        sandbox.app, host="127.0.0.1", port=0, lifespan="off", log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/v1/partner"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=10)


async def test_over_a_real_socket(
    served_sandbox: str, sandbox: Any, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.DEBUG):
        async with TapTalentClient(api_key=sandbox.api_key, base_url=served_sandbox) as client:
            jobs = await client.jobs.list(per_page=100)
            assert jobs.jobs
            ids = [c.id async for c in client.job_candidates.iter(sandbox.big_job_id)]
            assert len(ids) == 5000 == len(set(ids))
            with pytest.raises(NotFoundError):
                await client.candidates.get(999_999_999)
    assert sandbox.api_key not in caplog.text


async def test_nothing_listening_is_a_connection_error(sandbox: Any):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps: list[float] = []

    async def no_wait(seconds: float) -> None:
        sleeps.append(seconds)

    async with TapTalentClient(
        api_key=sandbox.api_key,
        base_url=f"http://127.0.0.1:{port}/v1/partner",
        sleep=no_wait,
        retry=RetryPolicy(max_attempts=4),  # the sleeps are skipped, so cap by count
    ) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.rescores.start(1)  # connect refused: provably never sent, so retried
    assert client.request_count == 4 and len(sleeps) == 3
    assert sandbox.api_key not in str(info.value)
