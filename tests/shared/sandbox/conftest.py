"""Fixtures for the sandbox tests: raw HTTP against the ASGI app, no client library.

- `sandbox`: a small sandbox (fast to build), `api` / `other_api` / `admin` HTTP clients.
- `hooks`: a recording webhook receiver wired in as the sandbox's webhook transport.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.sandbox import Sandbox, SandboxConfig

API_BASE = "http://sandbox/v1/partner"
ADMIN_BASE = "http://sandbox/_sandbox"
HOOK_URL = "http://receiver/hooks/taptalent"


def small_config(**overrides: Any) -> SandboxConfig:
    """A sandbox that builds in milliseconds but still has a "big" job to page through.

    These tests check the sandbox's behaviour (data, filters, validation, webhooks) on the
    `tt` dialect, whose answers carry every field; test_dialects.py checks the `seed` and
    `mixed` shapes, and the client and action tests run on every dialect.
    """
    values: dict[str, Any] = {
        "dialect": "tt",
        "seed": 11,
        "jobs": 4,
        "candidates_per_job": (30, 60),
        "big_job_size": 250,
        "rescore_delay": 0.01,
    }
    values.update(overrides)
    return SandboxConfig(**values)


def client_for(sandbox: Sandbox, key: str | None, base: str = API_BASE) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sandbox.app), base_url=base, headers=headers
    )


def assert_error(
    response: httpx.Response, status: int, code: str, field: str | None = None
) -> dict[str, Any]:
    """The documented envelope with this status and code (and details naming field)."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert set(error) >= {"code", "type", "message", "details"}
    if field is not None:
        assert field in error["details"], error
        assert field in error["details"][field] or "value" in error["details"][field]
    return dict(error)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    sb = Sandbox(small_config())
    try:
        yield sb
    finally:
        await sb.aclose()


@pytest.fixture
async def api(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox, sandbox.api_key) as client:
        yield client


@pytest.fixture
async def other_api(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox, sandbox.other_api_key) as client:
        yield client


@pytest.fixture
async def admin(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(sandbox, sandbox.api_key, ADMIN_BASE) as client:
        yield client


@dataclass
class HookReceiver:
    """A webhook endpoint (a Starlette app) that records what it receives.

    `fail_next` answers that many requests with 500 first, to exercise retries.
    """

    received: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0

    def __post_init__(self) -> None:
        self.app = Starlette(routes=[Route("/hooks/taptalent", self._receive, methods=["POST"])])

    async def _receive(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.received.append({"headers": dict(request.headers), "body": body})
        if self.fail_next:
            self.fail_next -= 1
            return JSONResponse({"ok": False}, status_code=500)
        return JSONResponse({"ok": True})

    def events(self) -> list[str]:
        return [r["body"]["event"] for r in self.received]


@pytest.fixture
def hooks(sandbox: Sandbox) -> HookReceiver:
    receiver = HookReceiver()
    sandbox.webhook_transport = httpx.ASGITransport(app=receiver.app)
    sandbox.webhook_url = HOOK_URL
    return receiver


async def all_job_candidates(
    api: httpx.AsyncClient, job_id: int, **params: Any
) -> list[dict[str, Any]]:
    """Every job candidate of a job, paging with perPage=100."""
    found: list[dict[str, Any]] = []
    page = 1
    while True:
        response = await api.get(
            f"/job-candidates/job/{job_id}/candidates",
            params={"perPage": 100, "page": page, **params},
        )
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        found.extend(data["candidates"])
        if page >= data["pagination"]["totalPages"]:
            return found
        page += 1
