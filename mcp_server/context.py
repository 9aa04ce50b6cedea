"""What a tool call can reach: the toolkit of this process, and who is asking.

The toolkit comes from the server's lifespan (never a global): the standalone server opens
its own, the service lends its `service.tk`. Both arrive through a `ToolkitProvider`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

from mcp.server.mcpserver import Context

from shared.store import Origin
from shared.toolkit import Toolkit

#: Opens (or lends) the toolkit for as long as the MCP server runs.
ToolkitProvider = Callable[[], AbstractAsyncContextManager[Toolkit]]

ORIGIN_KIND = "mcp"
_CLIENT_NAME_LIMIT = 64


@dataclass(frozen=True)
class McpState:
    """The lifespan's result, handed to every request."""

    tk: Toolkit


def state(ctx: Context[Any, Any]) -> McpState:
    found = ctx.request_context.lifespan_context
    if not isinstance(found, McpState):
        raise RuntimeError("the tt MCP server was started without its lifespan")
    return found


def toolkit(ctx: Context[Any, Any]) -> Toolkit:
    return state(ctx).tk


def include_private(ctx: Context[Any, Any]) -> bool:
    """Contact details and salaries only where the operator turned them on."""
    return toolkit(ctx).settings.tt_show_contact_details


def origin(ctx: Context[Any, Any]) -> Origin:
    """The actor recorded for a write: the client's name from `initialize`, else "mcp".

    The name is what the client says it is; it labels the audit log, it proves nothing.
    """
    params = ctx.session.client_params
    name = params.client_info.name.strip() if params and params.client_info else ""
    return Origin(kind=ORIGIN_KIND, user=name[:_CLIENT_NAME_LIMIT] or ORIGIN_KIND)
