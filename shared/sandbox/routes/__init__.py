"""The Starlette app: Partner API routes under /v1/partner, controls under /_sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount

from shared.sandbox.errors import ApiError, not_found
from shared.sandbox.middleware import PartnerApiFaults
from shared.sandbox.routes import (
    admin,
    assessment_invites,
    assessments,
    candidates,
    flows,
    job_candidates,
    jobs,
    rescores,
    stages,
)
from shared.sandbox.runtime import Runtime


def build_app(rt: Runtime) -> Starlette:
    partner = [
        *jobs.routes(rt),
        *candidates.routes(rt),
        *stages.routes(rt),
        *rescores.routes(rt),
        *job_candidates.routes(rt),
        *assessments.routes(rt),
        *assessment_invites.routes(rt),
        *flows.routes(rt),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await rt.aclose()  # under uvicorn: stop background work on shutdown

    return Starlette(
        routes=[Mount("/v1/partner", routes=partner), Mount("/_sandbox", routes=admin.routes(rt))],
        middleware=[Middleware(PartnerApiFaults, runtime=rt)],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
        lifespan=lifespan,
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    # Unknown routes and wrong methods still answer in the documented envelope.
    assert isinstance(exc, HTTPException)
    if exc.status_code in (404, 405):
        return not_found("Route").response()
    return ApiError(
        exc.status_code, "INVALID_REQUEST", "validation_error", str(exc.detail)
    ).response()
