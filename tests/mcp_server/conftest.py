"""MCP tests talk to the server through the real `mcp` client, in memory by default."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

import pytest
from mcp import Client
from mcp_types import CallToolResult, Implementation

from mcp_server.server import build_server
from shared.toolkit import Toolkit

CLIENT_NAME = "pytest-assistant"
T = TypeVar("T")

ClientFactory = Callable[..., AbstractAsyncContextManager[Client]]


def lend(tk: Toolkit) -> Callable[[], AbstractAsyncContextManager[Toolkit]]:
    """A provider handing the test's toolkit to the server (as the service does)."""

    @contextlib.asynccontextmanager
    async def provide() -> AsyncIterator[Toolkit]:
        yield tk

    return provide


@pytest.fixture
def connect(tk: Toolkit) -> ClientFactory:
    """`async with connect(read_only=True) as client:` an in-memory client and server."""

    @contextlib.asynccontextmanager
    async def open_client(*, read_only: bool = False, **client_args: Any) -> AsyncIterator[Client]:
        server = build_server(lend(tk), read_only=read_only)
        client_args.setdefault("client_info", Implementation(name=CLIENT_NAME, version="1.0"))
        async with Client(server, **client_args) as client:
            yield client

    return open_client


@pytest.fixture
async def client(connect: ClientFactory) -> AsyncIterator[Client]:
    async with held(connect()) as c:
        yield c


@contextlib.asynccontextmanager
async def held(manager: AbstractAsyncContextManager[T]) -> AsyncIterator[T]:
    """Enter and exit `manager` in one background task.

    pytest-asyncio may tear an async fixture down in another task than the one that set it
    up, and the client's anyio cancel scopes must be exited where they were entered.
    """
    entered: asyncio.Future[T] = asyncio.get_running_loop().create_future()
    release = asyncio.Event()

    async def hold() -> None:
        async with manager as value:
            entered.set_result(value)
            await release.wait()

    task = asyncio.create_task(hold())
    waiting: set[asyncio.Future[Any]] = {task, entered}
    done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    if task in done and not entered.done():
        task.result()  # raises what went wrong while entering
    try:
        yield entered.result()
    finally:
        release.set()
        await task


def data(result: CallToolResult) -> dict[str, Any]:
    """The structured answer of a successful call (fails the test with the error text)."""
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


def error_text(result: CallToolResult) -> str:
    assert result.is_error, result.structured_content
    return " ".join(getattr(block, "text", "") for block in result.content)


async def first_job(client: Client, *, small: bool = True) -> dict[str, Any]:
    """An active job; `small` skips the 5,000-candidate one so scans stay quick."""
    jobs = data(await client.call_tool("list_jobs", {"per_page": 100}))["jobs"]
    usable = [j for j in jobs if j.get("candidates") and (not small or j["candidates"] < 1000)]
    return usable[0]
