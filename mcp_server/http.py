"""MCP over streamable HTTP: the `/mcp` endpoint, for the service and for `--http`.

Defences, outermost first:
- a bearer token (`TT_MCP_TOKEN`, at least 16 characters) when one is set, and always when
  listening beyond loopback; without one such an endpoint refuses everything. A missing or
  wrong token gets 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750),
  each with its own message;
- Host and Origin checks (DNS rebinding: a web page must not reach a loopback server);
- a small request body cap: tool arguments are a few hundred bytes.
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp.server.transport_security import TransportSecuritySettings
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from shared.config import Settings

log = logging.getLogger("tt.mcp")

MCP_PATH = "/mcp"
MAX_BODY_BYTES = 256 * 1024
MIN_TOKEN_LENGTH = 16
_CHALLENGE = 'Bearer realm="tt-mcp", error="invalid_token", error_description="{}"'
_MISSING = "A bearer token is required: send Authorization: Bearer <TT_MCP_TOKEN>."
_WRONG = "The bearer token is not the one this server expects (TT_MCP_TOKEN)."
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_ANY_ADDRESS = ("0.0.0.0", "::", "")  # noqa: S104 - names compared against, not bound


def is_loopback(host: str) -> bool:
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    """A bind address as it appears in a Host header (IPv6 in brackets)."""
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def transport_security(host: str, extra_hosts: Sequence[str] = ()) -> TransportSecuritySettings:
    """Accept only Host and Origin headers naming this server.

    Loopback names always; the bind address when it is a specific one; `extra_hosts` for
    the public names of a server that listens beyond loopback (`--allowed-host`).
    """
    names = list(_LOOPBACK_NAMES)
    if host not in _ANY_ADDRESS and not is_loopback(host):
        names.append(_host_name(host))
    names.extend(_host_name(h) for h in extra_hosts if h)
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[*names, *(f"{n}:*" for n in names)],
        allowed_origins=[
            f"{scheme}://{n}{port}"
            for n in names
            for scheme in ("http", "https")
            for port in ("", ":*")
        ],
    )


def http_token(settings: Settings) -> str | None:
    token = settings.tt_mcp_token
    return token.get_secret_value() if token is not None and token.get_secret_value() else None


def refusal(host: str, token: str | None) -> str | None:
    """Why MCP over HTTP must stay off on `host`, or None when it may run."""
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        return (
            f"MCP over HTTP is off: TT_MCP_TOKEN has {len(token)} characters, fewer than "
            f"{MIN_TOKEN_LENGTH}. Use a long random one, e.g. the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if token is None and not is_loopback(host):
        return (
            f"MCP over HTTP is off: it would listen on {host}, beyond loopback, and "
            "TT_MCP_TOKEN is not set. Set TT_MCP_TOKEN, or listen on 127.0.0.1."
        )
    return None


def host_warning(host: str, security: TransportSecuritySettings) -> str | None:
    """A warning when clients cannot reach `host` by its own address: the Host check
    would answer them 421."""
    allowed = security.allowed_hosts or []
    if _host_name(host) in allowed:
        return None
    names = ", ".join(h for h in allowed if not h.endswith(":*"))
    return (
        f"MCP over HTTP listens on {host}, which is not among its allowed hosts ({names}): "
        "clients must use one of those names in their URL, or get 421. Add the name they "
        "use with --allowed-host or TT_MCP_ALLOWED_HOSTS."
    )


async def _send_json(
    send: Send,
    scope: Scope,
    receive: Receive,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
) -> None:
    response = JSONResponse({"error": message}, status_code=status, headers=headers)
    await response(scope, receive, send)


class McpEndpoint:
    """The ASGI app behind `/mcp`.

    A session manager can run only once, so each `lifespan()` makes a fresh one: the
    service (or a test) may start and stop its app more than once.
    """

    def __init__(
        self,
        server: MCPServer[Any],
        *,
        host: str,
        token: str | None,
        allowed_hosts: Sequence[str] = (),
    ) -> None:
        self.server = server
        self.token = token
        self.refused = refusal(host, token)
        self.security = transport_security(host, allowed_hosts)
        self._manager: StreamableHTTPSessionManager | None = None
        warning = None if self.refused else host_warning(host, self.security)
        if warning is not None:
            log.warning("%s", warning)

    @contextlib.asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        if self.refused is not None:
            yield
            return
        # The app it returns is not used: this endpoint does the routing and the token check.
        self.server.streamable_http_app(
            transport_security=self.security, max_request_body_size=MAX_BODY_BYTES
        )
        manager = self.server.session_manager
        async with manager.run():
            self._manager = manager
            try:
                yield
            finally:
                self._manager = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if self.refused is not None:
            await _send_json(send, scope, receive, 403, self.refused)
            return
        problem = None if self.token is None else self._unauthorized(Headers(scope=scope))
        if problem is not None:
            challenge = _CHALLENGE.format("missing" if problem == _MISSING else "wrong")
            await _send_json(send, scope, receive, 401, problem, {"WWW-Authenticate": challenge})
            return
        if self._manager is None:
            await _send_json(send, scope, receive, 503, "The MCP server is not running yet.")
            return
        await self._manager.handle_request(scope, receive, send)

    def _unauthorized(self, headers: Headers) -> str | None:
        """Why the request's token is refused (missing, or wrong), or None."""
        assert self.token is not None
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return _MISSING
        # Constant time, so the token cannot be guessed a character at a time.
        if hmac.compare_digest(given.strip().encode(), self.token.encode()):
            return None
        return _WRONG
