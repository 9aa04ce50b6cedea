"""Fault injection and request recording for the Partner API routes (/v1/partner/...).

Pure ASGI, so it adds almost nothing to each request. Admin routes (/_sandbox/...) pass
straight through: tests must be able to turn faults off while faults are on.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.sandbox.errors import ApiError, internal, rate_limited
from shared.sandbox.runtime import RequestRecord, Runtime

API_PREFIX = "/v1/partner"


class PartnerApiFaults:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.rt = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        status = 500

        async def remember_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            fault = await self._fault()
            if fault is not None:
                await fault.response()(scope, receive, remember_status)
            else:
                await self.app(scope, receive, remember_status)
        finally:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            self.rt.requests.append(
                RequestRecord(
                    scope["method"], scope["path"], query, status, started, time.monotonic()
                )
            )

    async def _fault(self) -> ApiError | None:
        faults, rng = self.rt.faults, self.rt.api_rng
        delay = faults.latency
        if faults.latency_jitter:
            delay += rng.uniform(0, faults.latency_jitter)
        if delay > 0:
            await asyncio.sleep(delay)
        if faults.rate_limit_rate and rng.random() < faults.rate_limit_rate:
            return rate_limited(faults.retry_after)
        if faults.error_rate and rng.random() < faults.error_rate:
            return internal(503)
        return None
