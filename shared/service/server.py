"""uvicorn as the service runs it: limits and timeouts so a slow or idle client costs little.

uvicorn has no timeout for a request's headers: a connection that opens and never finishes
them holds a file descriptor forever, and about a thousand of them exhaust the process
(asyncio then logs "accept() out of system resource" in a loop and nothing is served).
`GuardedH11Protocol` closes a connection that has not sent complete headers within
`HEADER_TIMEOUT`, and past `MAX_CONNECTIONS` drops the oldest such connection to make
room, so a flood of half-open connections never starves real requests. Together with
uvicorn's own knobs (`limit_concurrency` answers 503 beyond it, `timeout_keep_alive`
closes idle keep-alive connections, a small `h11_max_incomplete_event_size` caps what an
incomplete request may buffer, `backlog` bounds the kernel's queue), one process stays
healthy. A public deployment still belongs behind a reverse proxy (see the README).
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds to send a request's headers
MAX_CONNECTIONS = 800  # open connections, below the usual 1,024 file descriptors
# Requests in flight; beyond it uvicorn answers 503. uvicorn counts open connections here
# too, so it sits above MAX_CONNECTIONS: waiting connections are dropped before it applies.
LIMIT_CONCURRENCY = MAX_CONNECTIONS + 100
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open
MAX_HEADER_BYTES = 64 * 1024  # what an incomplete request may buffer (h11)
BACKLOG = 512


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = HEADER_TIMEOUT
    max_connections: int = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._headers_done = False
        self._opened_at = self.loop.time()
        self._header_timer: asyncio.TimerHandle | None = self.loop.call_later(
            self.header_timeout, self._headers_too_slow
        )
        if len(self.connections) > self.max_connections:
            self._drop_oldest_waiting()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not None and not self._headers_done:
            self._headers_done = True  # a request arrived: from here uvicorn's timeouts apply
            if self._header_timer is not None:
                self._header_timer.cancel()

    def connection_lost(self, exc: Exception | None) -> None:
        if getattr(self, "_header_timer", None) is not None:
            self._header_timer.cancel()  # type: ignore[union-attr]
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        if not self._headers_done and not self.transport.is_closing():
            self.transport.close()

    def _drop_oldest_waiting(self) -> None:
        waiting = [
            c for c in self.connections if isinstance(c, GuardedH11Protocol) and not c._headers_done
        ]
        if waiting:
            oldest = min(waiting, key=lambda c: c._opened_at)
            oldest.transport.close()


def guarded_protocol(
    header_timeout: float = HEADER_TIMEOUT, max_connections: int = MAX_CONNECTIONS
) -> type[GuardedH11Protocol]:
    return type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout": header_timeout, "max_connections": max_connections},
    )


def raise_file_limit() -> None:
    """Use the hard limit on open files, so MAX_CONNECTIONS fits with room to spare."""
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 65536 if hard == resource.RLIM_INFINITY else hard
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def server_config(
    app: Any,
    *,
    header_timeout: float = HEADER_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
    **kwargs: Any,
) -> uvicorn.Config:
    """A uvicorn.Config with the limits above; `kwargs` are uvicorn's (host, port, …)."""
    return uvicorn.Config(
        app,
        http=guarded_protocol(header_timeout, max_connections),
        limit_concurrency=LIMIT_CONCURRENCY,
        timeout_keep_alive=KEEP_ALIVE,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        backlog=BACKLOG,
        **kwargs,
    )
