"""The HTTP face of the Kombo emulator: auth, integration header, faults, paging, routes."""

from __future__ import annotations

import asyncio
import base64
import hmac
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shared.kombo_sandbox.state import KomboFault, invalid

if TYPE_CHECKING:
    from shared.kombo_sandbox.app import KomboSandbox

Handler = Callable[[Request, Any], Awaitable[Any]]
MAX_PAGE = 250


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        if kind == "o" and number.isdigit():
            return int(number)
    except ValueError:
        pass
    raise invalid(f"cursor: {cursor!r} is not a cursor from a previous page.")


def page(request: Request, items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    raw = request.query_params.get("page_size", "100")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise invalid(f"page_size: must be 1..{MAX_PAGE}, got {raw!r}.")
    size, start = int(raw), _offset(request.query_params.get("cursor"))
    chunk = items[start : start + size]
    more = start + size < len(items)
    return {"next": _cursor(start + size) if more else None, "results": list(chunk)}


def split(request: Request, name: str) -> set[str] | None:
    value = request.query_params.get(name)
    return None if value is None else {v.strip() for v in value.split(",") if v.strip()}


def after(request: Request, stamp: str) -> bool:
    since = request.query_params.get("updated_after")
    return since is None or stamp > since.replace("+00:00", "Z")


@dataclass
class KomboRequest:
    """One request as the emulator saw it (times from time.monotonic())."""

    method: str
    path: str
    started: float
    ended: float = 0.0
    status: int = 0


class Gate:
    """Auth, the integration header, faults, and the 30-writes-in-flight limit."""

    def __init__(self, sandbox: KomboSandbox) -> None:
        self.sb = sandbox
        self.writes_in_flight = 0

    def route(
        self, path: str, handler: Handler, method: str = "GET", action: str | None = None
    ) -> Route:
        async def endpoint(request: Request) -> Response:
            record = KomboRequest(method, request.url.path, time.monotonic())
            self.sb.requests.append(record)
            try:
                response = await self._serve(request, handler, method, action)
            except KomboFault as fault:
                headers = {"Retry-After": f"{self.sb.faults.retry_after:g}"}
                response = JSONResponse(
                    fault.body(), fault.status, headers if fault.status == 429 else None
                )
            record.status, record.ended = response.status_code, time.monotonic()
            return response

        return Route(path, endpoint, methods=[method])

    async def _serve(
        self, request: Request, handler: Handler, method: str, action: str | None
    ) -> Response:
        faults = self.sb.faults
        auth = request.headers.get("authorization", "")
        if not hmac.compare_digest(auth.encode(), f"Bearer {self.sb.api_key}".encode()):
            raise KomboFault(401, "PLATFORM.AUTHENTICATION_INVALID", "Invalid API key.")
        if request.url.path.startswith("/v1/ats/"):
            integration = request.headers.get("x-integration-id")
            if not integration:
                raise invalid("The X-Integration-Id header is required.")
            if integration != self.sb.integration_id:
                raise KomboFault(
                    404, "PLATFORM.INTEGRATION_NOT_FOUND", f"No integration {integration!r}."
                )
        if faults.latency:
            await asyncio.sleep(faults.latency)
        queued = faults.take(method, request.url.path)
        if queued is not None:
            raise KomboFault(queued.status, queued.code, queued.message)
        if faults.rate_limit_rate and self.sb.rng.random() < faults.rate_limit_rate:
            raise KomboFault(429, "PLATFORM.RATE_LIMIT_EXCEEDED", "Too many requests.")
        if faults.error_rate and self.sb.rng.random() < faults.error_rate:
            raise KomboFault(503, "REMOTE.SERVICE_UNAVAILABLE", "The ATS is unavailable.")
        if action is None:
            return JSONResponse({"status": "success", "data": await handler(request, None)})
        if action in faults.denied:
            raise KomboFault(
                403, "INTEGRATION.PERMISSION_MISSING", f"The scope for '{action}' is not granted."
            )
        if self.writes_in_flight >= faults.max_writes_in_flight:
            raise KomboFault(
                429, "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED", "More than 30 writes in flight."
            )
        self.writes_in_flight += 1
        try:
            body = await _json(request)
            if faults.write_latency:
                await asyncio.sleep(faults.write_latency)
            data, warnings = await handler(request, body)
        finally:
            self.writes_in_flight -= 1
        remaining = max(0, faults.max_writes_in_flight - self.writes_in_flight)
        return JSONResponse(
            {"status": "success", "data": data, "warnings": [{"message": w} for w in warnings]},
            headers={"Concurrency-Remaining": str(remaining)},
        )


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise invalid("The body is not JSON.") from None
    if not isinstance(body, dict):
        raise invalid("The body must be a JSON object.")
    return body
