"""tt's MCP server: TapTalent tools for AI assistants (`python -m mcp_server`).

`build_server(provider)` makes the server; `surface.build_surface` mounts it in the
service at `/mcp`; `app` runs it on its own over stdio or HTTP (see the README's MCP
section).
"""

from mcp_server.server import build_server

__all__ = ["build_server"]
