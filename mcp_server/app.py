"""Run the MCP server on its own: stdio, or streamable HTTP with its own toolkit."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import AsyncIterator, Sequence

from mcp.server.mcpserver import MCPServer
from starlette.applications import Starlette
from starlette.routing import Route

from mcp_server.context import McpState, ToolkitProvider
from mcp_server.http import MCP_PATH, McpEndpoint, http_token, refusal
from mcp_server.server import build_server
from shared.config import Settings
from shared.toolkit import Toolkit, describe_backend, open_toolkit

log = logging.getLogger("tt.mcp")


def own_toolkit(settings: Settings) -> ToolkitProvider:
    """The standalone server opens its own client and store, for as long as it runs."""

    @contextlib.asynccontextmanager
    async def provide() -> AsyncIterator[Toolkit]:
        async with open_toolkit(settings) as tk:
            log.info("%s", describe_backend(tk))
            yield tk

    return provide


def standalone_server(settings: Settings, *, read_only: bool) -> MCPServer[McpState]:
    return build_server(own_toolkit(settings), read_only=read_only)


def serve_stdio(settings: Settings, *, read_only: bool) -> None:
    standalone_server(settings, read_only=read_only).run("stdio")


def http_app(
    settings: Settings,
    *,
    read_only: bool,
    host: str,
    allowed_hosts: Sequence[str] = (),
) -> Starlette:
    """A Starlette app serving MCP at /mcp (what `--http` runs, and what tests serve)."""
    extra = [*settings.tt_mcp_allowed_hosts, *allowed_hosts]
    endpoint = McpEndpoint(
        standalone_server(settings, read_only=read_only),
        host=host,
        token=http_token(settings),
        allowed_hosts=extra,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with endpoint.lifespan():
            yield

    return Starlette(routes=[Route(MCP_PATH, endpoint=endpoint)], lifespan=lifespan)


def serve_http(
    settings: Settings,
    *,
    read_only: bool,
    host: str,
    port: int,
    allowed_hosts: Sequence[str] = (),
) -> int:
    import uvicorn

    problem = refusal(host, http_token(settings))
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    app = http_app(settings, read_only=read_only, host=host, allowed_hosts=allowed_hosts)
    log.info("MCP over HTTP at http://%s:%d%s", host, port, MCP_PATH)
    uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on")
    return 0
