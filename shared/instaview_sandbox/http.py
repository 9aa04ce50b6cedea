"""The envelope, the errors, the rate limits and the faults of the emulated API.

Every answer is ``{success, data, error, timestamp}``, except a 429, which carries the
documented ``{statusCode, message, retryAfter, limit, remaining, reset}``. Every answer to
``/v1/public/...`` carries ``X-RateLimit-{Limit,Remaining,Reset}-{Minute,Hour}`` (Reset:
seconds until the window starts again, a **choice**).
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Callable
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.instaview_sandbox.state import API, iso, utcnow
from shared.sandbox.config import Faults

WINDOWS = (("Minute", 60.0), ("Hour", 3600.0))


def envelope(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(
        {"success": True, "data": data, "error": None, "timestamp": iso(utcnow())}, status
    )


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, details: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details

    def response(self) -> JSONResponse:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = [{"field": f, "message": m} for f, m in self.details.items()]
        body = {"success": False, "data": None, "error": error, "timestamp": iso(utcnow())}
        return JSONResponse(body, self.status)


def invalid(problems: dict[str, str]) -> ApiError:
    return ApiError(400, "VALIDATION_ERROR", "Validation failed", problems)


def not_found(what: str, ident: str) -> ApiError:
    return ApiError(404, "NOT_FOUND", f"{what} {ident} not found")


class RateLimiter:
    """Fixed windows per minute and per hour, opened by the first request in each."""

    def __init__(self, per_minute: int, per_hour: int, clock: Callable[[], float]) -> None:
        self.limits = {"Minute": per_minute, "Hour": per_hour}
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def take(self) -> tuple[dict[str, str], float | None, str]:
        """Count one request: the headers, the wait when over a limit (else None), and
        the window that ran out ("Minute" when none did)."""
        now = self._clock()
        headers: dict[str, str] = {}
        wait: float | None = None
        exhausted = "Minute"
        for name, length in WINDOWS:
            started, used = self._windows.get(name, (now, 0))
            if now - started >= length:
                started, used = now, 0
            reset = max(0.0, started + length - now)
            limit = self.limits[name]
            if used >= limit and reset >= (wait or 0.0):
                wait, exhausted = reset, name
            self._windows[name] = (started, used + 1 if used < limit else used)
            headers[f"X-RateLimit-Limit-{name}"] = str(limit)
            headers[f"X-RateLimit-Remaining-{name}"] = str(max(0, limit - used - 1))
            headers[f"X-RateLimit-Reset-{name}"] = str(math.ceil(reset))
        return headers, wait, exhausted


class PublicApiGate:
    """ASGI middleware on ``/v1/public``: latency, injected 5xx and 429, the real limits."""

    def __init__(
        self, app: ASGIApp, limiter: RateLimiter, faults: Faults, rng: random.Random
    ) -> None:
        self.app, self.limiter, self.faults, self.rng = app, limiter, faults, rng

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API):
            await self.app(scope, receive, send)
            return
        faults = self.faults
        delay = faults.latency + (
            self.rng.uniform(0, faults.latency_jitter) if faults.latency_jitter else 0
        )
        if delay > 0:
            await asyncio.sleep(delay)
        headers, wait, window = self.limiter.take()
        if wait is None and faults.rate_limit_rate and self.rng.random() < faults.rate_limit_rate:
            wait = faults.retry_after
        if wait is not None:
            await _too_many(wait, headers, window)(scope, receive, send)
            return
        if faults.error_rate and self.rng.random() < faults.error_rate:
            error = ApiError(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable")
            await error.response()(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def _too_many(wait: float, headers: dict[str, str], window: str) -> JSONResponse:
    seconds = max(1, math.ceil(wait))
    limit = int(headers[f"X-RateLimit-Limit-{window}"])
    body = {
        "statusCode": 429,
        "message": "Too many requests: the API key's rate limit is exhausted",
        "retryAfter": seconds,
        "limit": limit,
        "remaining": 0,
        "reset": seconds,
    }
    return JSONResponse(body, 429, headers={**headers, "Retry-After": str(seconds)})
