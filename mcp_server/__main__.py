"""`python -m mcp_server`: MCP over stdio (desktop assistants) or, with --http, over HTTP.

With no TAPTALENT_API_KEY the server runs against the built-in sandbox, so it can be tried
(in Claude Desktop or the MCP Inspector) without an account.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from mcp_server.app import serve_http, serve_stdio
from shared.config import Settings
from shared.logs import configure_logging


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m mcp_server",
        description="TapTalent tools for AI assistants (MCP). Default transport: stdio.",
    )
    parser.add_argument("--http", action="store_true", help="serve streamable HTTP at /mcp")
    parser.add_argument("--host", help="HTTP address (default: HOST, else 127.0.0.1)")
    parser.add_argument("--port", type=int, help="HTTP port (default: PORT, else 3000)")
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a public host name clients use beyond loopback (repeatable)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="leave out the write tools (also TT_MCP_READ_ONLY=1)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings()
    # stdout carries the MCP protocol over stdio: every log line goes to stderr.
    configure_logging(settings, stream=sys.stderr)
    if problem := settings.db_path_problem():
        # One line, before any protocol traffic: the assistant's log shows it as is.
        print(problem, file=sys.stderr)
        return 2
    read_only = args.read_only or settings.tt_mcp_read_only
    if not args.http:
        serve_stdio(settings, read_only=read_only)
        return 0
    return serve_http(
        settings,
        read_only=read_only,
        host=args.host or settings.host,
        port=args.port if args.port is not None else settings.port,
        allowed_hosts=args.allowed_host,
    )


if __name__ == "__main__":
    sys.exit(main())
