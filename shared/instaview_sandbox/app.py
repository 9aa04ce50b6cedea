"""`InstaViewSandbox`: an emulator of InstaView's public API (seed 001 and the notes)."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp

from shared.instaview_sandbox.config import LIST_SHAPES, InstaViewSandboxConfig, ListShape
from shared.instaview_sandbox.http import ApiError, PublicApiGate, RateLimiter, invalid
from shared.instaview_sandbox.lifecycle import Lifecycle
from shared.instaview_sandbox.routes import render_page, routes
from shared.instaview_sandbox.state import API, InterviewRec, Store, WebhookRec
from shared.sandbox.config import Faults
from shared.sandbox.tasks import TaskGroup, drain
from shared.sandbox.webhooks import WebhookDispatcher, WebhookRecord

CONFIGURED_WEBHOOK_ID = "configured"


class InstaViewSandbox:
    """Sample agents and jobs behind a Starlette app.

    ``app`` serves ``/v1/public/...`` (answering to ``api_key``) and ``/_sandbox/...``
    (controls: faults, list shape, webhook URL; never faulted or rate limited).
    """

    def __init__(self, config: InstaViewSandboxConfig | None = None) -> None:
        self.config = config or InstaViewSandboxConfig()
        self.store = Store(self.config.seed)
        self.faults: Faults = replace(self.config.faults)
        self.list_shape: ListShape = self.config.list_shape
        self.tasks = TaskGroup()
        self.dispatcher = WebhookDispatcher(
            self.faults, random.Random(f"{self.config.seed}:instaview-webhooks"), self.tasks
        )
        self.lifecycle = Lifecycle(self.config, self.store, self.dispatcher, self.tasks)
        self.limiter = RateLimiter(self.config.per_minute, self.config.per_hour, self.config.clock)
        self.webhook_url = self.config.webhook_url
        self.app: ASGIApp = self._build_app()

    @property
    def api_key(self) -> str:
        return self.store.api_key

    @property
    def webhook_secret(self) -> str:
        """The signing secret of the webhook configured up front (`webhook_url`)."""
        return self.store.webhook_secret

    @property
    def webhook_url(self) -> str | None:
        hook = self.store.webhooks.get(CONFIGURED_WEBHOOK_ID)
        return hook.url if hook else None

    @webhook_url.setter
    def webhook_url(self, url: str | None) -> None:
        if url is None:
            self.store.webhooks.pop(CONFIGURED_WEBHOOK_ID, None)
            return
        events = ["interview.started", "interview.completed", "interview.failed"]
        events += ["analysis.completed", "analysis.failed", "ping"]
        self.store.webhooks[CONFIGURED_WEBHOOK_ID] = WebhookRec(
            CONFIGURED_WEBHOOK_ID, url, events, "configured", self.store.webhook_secret
        )

    @property
    def webhook_transport(self) -> httpx.AsyncBaseTransport | None:
        return self.dispatcher.transport

    @webhook_transport.setter
    def webhook_transport(self, transport: httpx.AsyncBaseTransport | None) -> None:
        self.dispatcher.transport = transport

    @property
    def deliveries(self) -> list[WebhookRecord]:
        return self.dispatcher.records

    def agent_id(self, name: str) -> str:
        return next(a.id for a in self.store.agents.values() if a.spec.name == name)

    def job_id(self, title: str) -> str:
        return next(j.id for j in self.store.jobs.values() if j.title == title)

    async def finish(self, interview_id: str) -> InterviewRec:
        """End an interview and its analysis now (their webhooks are queued)."""
        return await self.lifecycle.finish(interview_id)

    # The same promise as the TapTalent sandbox's drain(timeout=...).
    async def drain(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until test interviews and webhook deliveries are done (held ones are sent)."""
        await drain(self.tasks, self.dispatcher, timeout)

    async def aclose(self) -> None:
        await self.lifecycle.aclose()
        await self.tasks.cancel_all()
        await self.dispatcher.aclose()

    def page(self, request: Request, items: list[Any]) -> JSONResponse:
        return render_page(request, items, self.list_shape)

    def _build_app(self) -> Starlette:
        @asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            yield
            await self.aclose()

        return Starlette(
            routes=[Mount(API, routes=routes(self)), Mount("/_sandbox", routes=self._admin())],
            middleware=[
                Middleware(
                    PublicApiGate,
                    limiter=self.limiter,
                    faults=self.faults,
                    rng=random.Random(f"{self.config.seed}:instaview-faults"),
                )
            ],
            exception_handlers={ApiError: _api_error, HTTPException: _http_error},
            lifespan=lifespan,
        )

    def _admin(self) -> list[Route]:
        async def info(request: Request) -> Response:
            return JSONResponse(self._info())

        async def put_settings(request: Request) -> Response:
            try:
                body = json.loads(await request.body())
            except (ValueError, RecursionError):
                body = None
            if not isinstance(body, dict):
                raise invalid({"body": "must be a JSON object"})
            problems = self.faults.update(body.get("faults") or {})
            shape = body.get("listShape", self.list_shape)
            if shape not in LIST_SHAPES:
                problems["listShape"] = f"must be one of {', '.join(LIST_SHAPES)}"
            if problems:
                raise invalid(problems)
            self.list_shape = shape
            if "webhookUrl" in body:
                self.webhook_url = body["webhookUrl"] or None
            return JSONResponse(self._info())

        return [
            Route("/info", info, methods=["GET"]),
            Route("/settings", put_settings, methods=["PUT"]),
        ]

    def _info(self) -> dict[str, Any]:
        return {
            "listShape": self.list_shape,
            "webhookUrl": self.webhook_url,
            "rateLimits": self.limiter.limits,
            "faults": self.faults.as_dict(),
            "agents": [a.wire() for a in self.store.agents.values()],
            "jobs": [j.wire() for j in self.store.jobs.values()],
        }


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code in (404, 405):
        return ApiError(
            exc.status_code, "NOT_FOUND", f"No route {request.method} {request.url.path}"
        ).response()
    return ApiError(exc.status_code, "BAD_REQUEST", str(exc.detail)).response()
