"""The service process: one ASGI app with the webhook route, health, and the surfaces.

Surfaces (the Slack bot, the MCP server) plug in through `build_surface(service)` in their
own `surface` module, so neither imports the other and this module imports neither: it
only knows their module names. Each surface adds routes, a notifier for the notices of the
rescores it started, and optionally a lifespan (Socket Mode, the MCP session manager).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import signal
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from shared.actions.ats.models import AtsChange
from shared.config import Settings
from shared.logs import configure_logging
from shared.notify import LogNotifier, Notifier, RoutingNotifier
from shared.store import Store
from shared.toolkit import Toolkit, open_toolkit
from shared.webhooks import OperationTracker, webhook_endpoint
from shared.webhooks.instaview import instaview_route, wire_emulator
from shared.webhooks.kombo import KomboWebhooks

if TYPE_CHECKING:
    from shared.instaview_sandbox import InstaViewSandbox
    from shared.kombo_sandbox import KomboSandbox
    from shared.sandbox import Sandbox

log = logging.getLogger("tt.service")

SURFACE_MODULES = ("bot.surface", "mcp_server.surface")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
WEBHOOK_URL = "http://tt-service.local/webhooks/taptalent"


@dataclass
class Surface:
    name: str
    routes: list[BaseRoute] = field(default_factory=list)
    # Origin kind ("slack", "mcp", "cli", or "*" for any) -> who tells the requester.
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    lifespan: Callable[[], AbstractAsyncContextManager[Any]] | None = None
    # What /healthz says about this surface (e.g. Slack's connection), under its name.
    health: Callable[[], dict[str, Any]] | None = None


class Service:
    """Build once, serve with uvicorn (or in-process through httpx.ASGITransport)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        sandbox: Sandbox | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        surfaces: tuple[str, ...] = SURFACE_MODULES,
        notifiers: dict[str, Notifier] | None = None,
        tick: float = 1.0,
        kombo_sandbox: KomboSandbox | None = None,
        instaview_sandbox: InstaViewSandbox | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._toolkit_args: dict[str, Any] = {
            "kombo_sandbox": kombo_sandbox,
            "instaview_sandbox": instaview_sandbox,
            "sandbox": sandbox,
            "transport": transport,
            "api_key": api_key,
            "base_url": base_url,
        }
        self._tick = tick
        self._extra_notifiers = notifiers or {}
        self._tk: Toolkit | None = None
        self._tracker: OperationTracker | None = None
        self.surfaces = [s for s in (self._load(m) for m in surfaces) if s is not None]
        routes: list[BaseRoute] = [
            Route("/healthz", self._health, methods=["GET"]),
            Route(
                "/webhooks/taptalent",
                webhook_endpoint(
                    self._store,
                    self._webhook_key,
                    self._kick,
                    lambda: self.settings.taptalent_webhook_allow_empty_key,
                ),
                methods=["POST"],
            ),
        ]
        self._routes: dict[str, Notifier] = {}
        self.kombo = KomboWebhooks(lambda: self.tk, self._post_ats_change)
        routes.append(self.kombo.route)
        routes.append(instaview_route(lambda: self.tk, self._kick))
        for surface in self.surfaces:
            routes.extend(surface.routes)
        self.app = Starlette(routes=routes, lifespan=self._lifespan)

    # Access for surfaces and tests (valid while the app runs) -----------------------
    @property
    def tk(self) -> Toolkit:
        if self._tk is None:
            raise RuntimeError("the service is not running (its lifespan has not started)")
        return self._tk

    @property
    def tracker(self) -> OperationTracker:
        if self._tracker is None:
            raise RuntimeError("the service is not running (its lifespan has not started)")
        return self._tracker

    def _store(self) -> Store:
        return self.tk.store

    def _webhook_key(self) -> str | None:
        return self.tk.webhook_key

    def _kick(self) -> None:
        if self._tracker is not None:
            self._tracker.kick()

    async def _post_ats_change(self, change: AtsChange) -> None:
        """An ATS change goes where the push came from, through that surface's notifier."""
        kind = change.origin.kind
        target = self._routes.get(kind) or self._routes.get("*")
        post = getattr(target, "ats_changed", None)
        if post is None:
            log.info("ATS change for %s: %s", change.job_candidate_id, change.message)
            return
        await post(change)

    def _load(self, module: str) -> Surface | None:
        try:
            build = importlib.import_module(module).build_surface
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                return None
            raise
        surface: Surface | None = build(self)
        return surface

    # Lifecycle ------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        async with open_toolkit(self.settings, **self._toolkit_args) as tk:
            self._tk = tk
            wired = tk.sandbox is not None and tk.sandbox.webhook_url in (None, WEBHOOK_URL)
            if wired and tk.sandbox is not None:
                # The embedded sandbox delivers its webhooks to this very app, in-process.
                tk.sandbox.webhook_transport = httpx.ASGITransport(app=self.app)
                tk.sandbox.webhook_url = WEBHOOK_URL
            self._warn_about_webhook_key(tk)
            routes: dict[str, Notifier] = {}
            for surface in self.surfaces:
                routes.update(surface.notifiers)
            routes.update(self._extra_notifiers)
            self._routes = routes
            self._tracker = OperationTracker(
                tk, RoutingNotifier(routes, LogNotifier()), tick=self._tick
            )
            async with contextlib.AsyncExitStack() as stack:
                for surface in self.surfaces:
                    if surface.lifespan is not None:
                        await stack.enter_async_context(surface.lifespan())
                await stack.enter_async_context(self.kombo.running())
                stack.enter_context(wire_emulator(tk, self.app))
                await self._tracker.start()
                log.info(
                    "tt service ready (%s)",
                    ", ".join(["webhooks", *(s.name for s in self.surfaces)]),
                )
                try:
                    yield
                finally:
                    await self._tracker.stop()
                    self._tracker = None
                    if wired and tk.sandbox is not None:
                        # Down is down: deliveries from now on fail, as they would for real.
                        tk.sandbox.webhook_url = None
            self._tk = None
        log.info("tt service stopped")

    def _warn_about_webhook_key(self, tk: Toolkit) -> None:
        accept_empty = self.settings.taptalent_webhook_allow_empty_key
        if tk.webhook_key is None and accept_empty:
            log.warning(
                "TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY is on: webhooks with an empty X-Webhook-Key are "
                "accepted, so anyone who can reach /webhooks/taptalent can end rescores early "
                "and trigger alerts. Set a webhook secret in TapTalent and "
                "TAPTALENT_WEBHOOK_KEY to close that."
            )
        elif tk.webhook_key is None:
            log.warning(
                "TAPTALENT_WEBHOOK_KEY is not set: webhooks will be refused and rescores "
                "complete by polling after %.0fs (TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY=1 accepts the "
                "empty key TapTalent sends when no secret is set)",
                self.settings.tt_poll_after,
            )
        elif accept_empty:
            log.warning(
                "TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY is ignored: TAPTALENT_WEBHOOK_KEY is set"
            )

    async def _health(self, request: Request) -> JSONResponse:
        """Liveness, running operations, and notices owed but not sent (stuck alerts)."""
        health = await self.tracker.health()
        return JSONResponse(
            {
                "ok": True,
                "sandbox": self.tk.sandbox is not None,
                "surfaces": [s.name for s in self.surfaces],
                "pending_rescores": health["pending_operations"].get("rescore", 0),
                **health,
                **{s.name: s.health() for s in self.surfaces if s.health is not None},
            }
        )


def run(settings: Settings | None = None) -> None:
    """`python -m bot` and `tt serve`: serve until SIGTERM or Ctrl-C."""
    import uvicorn

    from shared.service.server import raise_file_limit, server_config

    settings = settings or Settings()
    configure_logging(settings)
    service = Service(settings)
    # What is imported and built by now (~130k objects: bolt, mcp, pydantic schemas) lives
    # as long as the process. Frozen, the cyclic collector stops rescanning it: each full
    # pass over it stalled every request for 70-100 ms under load (see bench/webhooks.py).
    gc.freeze()
    raise_file_limit()
    server = uvicorn.Server(
        server_config(
            service.app,
            host=settings.host,
            port=settings.port,
            log_level="info",
            lifespan="on",
            timeout_graceful_shutdown=10,
        )
    )

    @contextlib.contextmanager
    def stop_on_signals() -> Iterator[None]:
        # uvicorn re-raises the signal after a graceful stop, so the process would die of
        # SIGTERM; an operator (and systemd) should see a clean exit instead.
        previous = {sig: signal.signal(sig, server.handle_exit) for sig in STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    server.capture_signals = stop_on_signals  # type: ignore[method-assign]
    server.run()
