"""The MCP surface of the service (`python -m bot`): `/mcp` on the service's own app.

It borrows the service's toolkit instead of opening a second client and store.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from starlette.routing import Route

from mcp_server.http import MCP_PATH, McpEndpoint, http_token
from mcp_server.server import build_server
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.service.app import Service, Surface

log = logging.getLogger("tt.mcp")


def build_surface(service: Service) -> Surface:
    from shared.service.app import Surface

    settings = service.settings

    @contextlib.asynccontextmanager
    async def borrow() -> AsyncIterator[Toolkit]:
        # Entered from the service's lifespan, after it opened its toolkit.
        yield service.tk

    endpoint = McpEndpoint(
        build_server(borrow, read_only=settings.tt_mcp_read_only),
        host=settings.host,
        token=http_token(settings),
        allowed_hosts=service.settings.tt_mcp_allowed_hosts,
    )
    if endpoint.refused is not None:
        log.warning("%s", endpoint.refused)
    return Surface(
        name="mcp", routes=[Route(MCP_PATH, endpoint=endpoint)], lifespan=endpoint.lifespan
    )
