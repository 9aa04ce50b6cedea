"""The MCP tools, one small module per area; `build_tools` assembles them for a server."""

from __future__ import annotations

import inspect

from mcp.server.mcpserver.tools import Tool

from mcp_server.schema import compact_schema
from mcp_server.tools import (
    assessments,
    ats,
    candidates,
    interviews,
    jobs,
    moves,
    rescores,
    uploads,
)
from mcp_server.tools.spec import ToolSpec

SPECS: tuple[ToolSpec, ...] = (
    *jobs.TOOLS,
    *candidates.TOOLS,
    *rescores.TOOLS,
    *moves.TOOLS,
    *ats.TOOLS,
    *uploads.TOOLS,
    *assessments.TOOLS,
    *interviews.TOOLS,
)
WRITE_TOOLS = frozenset(s.name for s in SPECS if s.writes)


def build_tools(*, read_only: bool = False) -> list[Tool]:
    """Every tool, or only the read-only ones: in read-only mode writes are not even listed."""
    tools: list[Tool] = []
    for spec in SPECS:
        if read_only and spec.writes:
            continue
        tool = Tool.from_function(
            spec.fn,
            name=spec.name,
            description=inspect.cleandoc(spec.fn.__doc__ or ""),
            annotations=spec.annotations,
            structured_output=True,
        )
        tool.parameters = compact_schema(tool.parameters)
        if tool.fn_metadata.output_schema is not None:
            tool.fn_metadata.output_schema = compact_schema(
                tool.fn_metadata.output_schema, output=True
            )
        tools.append(tool)
    return tools


__all__ = ["SPECS", "WRITE_TOOLS", "ToolSpec", "build_tools"]
