"""Streamable HTTP on a loopback port: token, Host/Origin checks, body cap, service mount."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS

from mcp_server.app import http_app, serve_http
from mcp_server.http import MAX_BODY_BYTES, MIN_TOKEN_LENGTH, is_loopback, refusal
from shared import actions
from shared.config import Settings
from shared.sandbox import Sandbox
from shared.service import Service
from shared.service.background import serve_in_background
from tests.conftest import make_settings
from tests.mcp_server.conftest import data

TOKEN = "test-token-5f1c-9a7e-2b44"
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "raw", "version": "1"},
    },
}
JSON_HEADERS = {"Accept": "application/json, text/event-stream"}


@contextlib.asynccontextmanager
async def standalone(settings: Settings, **args: object) -> AsyncIterator[str]:
    app = http_app(settings, read_only=False, host="127.0.0.1", **args)  # type: ignore[arg-type]
    async with serve_in_background(app) as base:
        yield f"{base}/mcp"


def with_token(url: str, token: str) -> Client:
    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30)
    return Client(streamable_http_client(url, http_client=http))


async def test_http_without_token_on_loopback(tmp_path: Path):
    async with standalone(make_settings(tmp_path)) as url, Client(url) as client:
        jobs = data(await client.call_tool("list_jobs", {}))["jobs"]
        top = data(await client.call_tool("top_candidates", {"job_id": jobs[1]["id"]}))
        assert top["candidates"]


async def test_http_answers_an_unknown_tool_with_invalid_params(tmp_path: Path):
    async with standalone(make_settings(tmp_path)) as url, Client(url) as client:
        with pytest.raises(MCPError) as caught:
            await client.call_tool("delete_everything", {})
        assert caught.value.code == INVALID_PARAMS and "list_jobs" in caught.value.message


async def test_http_refuses_foreign_origins_and_hosts(tmp_path: Path):
    async with standalone(make_settings(tmp_path)) as url, httpx.AsyncClient() as http:
        evil = await http.post(
            url, json=INITIALIZE, headers={**JSON_HEADERS, "Origin": "http://evil.example"}
        )
        assert evil.status_code == 403
        rebound = await http.post(
            url, json=INITIALIZE, headers={**JSON_HEADERS, "Host": "evil.example:80"}
        )
        assert rebound.status_code == 421
        local = await http.post(
            url, json=INITIALIZE, headers={**JSON_HEADERS, "Origin": "http://localhost:6274"}
        )
        assert local.status_code == 200  # e.g. the MCP Inspector on localhost


async def test_http_caps_the_request_body(tmp_path: Path):
    async with standalone(make_settings(tmp_path)) as url, httpx.AsyncClient() as http:
        huge = b'{"pad": "' + b"x" * MAX_BODY_BYTES + b'"}'
        response = await http.post(
            url, content=huge, headers={**JSON_HEADERS, "Content-Type": "application/json"}
        )
        assert response.status_code == 413


async def test_http_with_a_token_requires_it(tmp_path: Path):
    settings = make_settings(tmp_path, TT_MCP_TOKEN=TOKEN)
    async with standalone(settings) as url:
        async with httpx.AsyncClient() as http:
            missing = await http.post(url, json=INITIALIZE, headers=JSON_HEADERS)
            wrong = await http.post(
                url, json=INITIALIZE, headers={**JSON_HEADERS, "Authorization": "Bearer nope"}
            )
        assert missing.status_code == wrong.status_code == 401
        for refused in (missing, wrong):
            challenge = refused.headers["www-authenticate"]
            assert challenge.startswith("Bearer ") and 'error="invalid_token"' in challenge
        # Two different sentences: a client missing its token is told to send one.
        assert "required" in missing.json()["error"] and "Authorization" in missing.json()["error"]
        assert "not the one" in wrong.json()["error"]
        async with with_token(url, TOKEN) as client:
            assert data(await client.call_tool("list_jobs", {}))["jobs"]


@pytest.mark.parametrize("short", ["abc", "x" * (MIN_TOKEN_LENGTH - 1)])
def test_a_short_token_is_refused_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], short: str
):
    settings = make_settings(tmp_path, TT_MCP_TOKEN=short)
    code = serve_http(settings, read_only=False, host="127.0.0.1", port=0)
    err = capsys.readouterr().err
    assert code == 2 and "TT_MCP_TOKEN" in err and f"{len(short)} characters" in err
    assert short not in err.replace(f"{len(short)} characters", "")  # never echoed


async def test_the_service_refuses_mcp_with_a_short_token(
    tmp_path: Path, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
):
    settings = make_settings(tmp_path, TT_MCP_TOKEN="short-token")
    service = Service(settings, sandbox=sandbox, surfaces=("mcp_server.surface",))
    assert "fewer than 16" in caplog.text
    async with serve_in_background(service.app) as base, httpx.AsyncClient() as http:
        headers = {**JSON_HEADERS, "Authorization": "Bearer short-token"}
        response = await http.post(f"{base}/mcp", json=INITIALIZE, headers=headers)
    assert response.status_code == 403 and "TT_MCP_TOKEN" in response.text


def test_start_up_warns_when_the_bind_address_is_not_an_allowed_host(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    settings = make_settings(tmp_path, TT_MCP_TOKEN=TOKEN)
    http_app(settings, read_only=False, host="0.0.0.0")
    assert "0.0.0.0, which is not among its allowed hosts" in caplog.text
    assert "--allowed-host" in caplog.text
    caplog.clear()
    http_app(settings, read_only=False, host="127.0.0.1")
    http_app(settings, read_only=False, host="10.1.2.3")
    assert "not among its allowed hosts" not in caplog.text


def test_beyond_loopback_needs_a_token(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
    assert refusal("127.0.0.1", None) is None
    assert refusal("0.0.0.0", TOKEN) is None
    assert "TT_MCP_TOKEN" in (refusal("0.0.0.0", None) or "")
    code = serve_http(make_settings(tmp_path), read_only=False, host="0.0.0.0", port=0)
    assert code == 2 and "TT_MCP_TOKEN" in capsys.readouterr().err


async def test_the_service_mounts_mcp_on_its_own_toolkit(tmp_path: Path, sandbox: Sandbox):
    service = Service(make_settings(tmp_path), sandbox=sandbox, surfaces=("mcp_server.surface",))
    async with serve_in_background(service.app) as base:
        async with Client(f"{base}/mcp") as client:
            job = data(await client.call_tool("list_jobs", {"per_page": 100}))["jobs"][1]
            who = data(await client.call_tool("top_candidates", {"job_id": job["id"]}))
            target = who["candidates"][0]
            card = data(await client.call_tool("get_job", {"job_id": job["id"]}))
            stage = next(s["name"] for s in card["stages"] if s["name"] != target["stage"])
            moved = data(
                await client.call_tool(
                    "move_candidate_stage", {"job_candidate_id": target["id"], "stage": stage}
                )
            )
            assert moved["moved"]
        # The write went through the service's toolkit and store, not a second one.
        entries = await service.tk.store.audit_entries(action="move")
        assert entries and entries[0].surface == "mcp"
        after = await actions.get_job_candidate(service.tk, target["id"])
        assert after.stage == stage


async def test_the_service_refuses_mcp_beyond_loopback_without_a_token(
    tmp_path: Path, sandbox: Sandbox
):
    settings = make_settings(tmp_path, HOST="0.0.0.0")
    service = Service(settings, sandbox=sandbox, surfaces=("mcp_server.surface",))
    async with serve_in_background(service.app) as base, httpx.AsyncClient() as http:
        response = await http.post(f"{base}/mcp", json=INITIALIZE, headers=JSON_HEADERS)
    assert response.status_code == 403 and "TT_MCP_TOKEN" in response.text
