"""A small fake of Slack's Web API (and of response_url), served on a loopback port.

slack_sdk's async client speaks aiohttp, so it needs a real socket: the app is served by
`serve_in_background`. Every call is recorded with its method and decoded body.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.blockkit import limit_problems

BOT_USER = "UBOT"
TEAM = "T1"


@dataclass
class Call:
    method: str
    body: dict[str, Any]
    at: float
    refused: str | None = None  # the error the fake answered with, as Slack would


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    usergroups: dict[str, list[str]] = field(default_factory=dict)
    # method -> Retry-After seconds: answer the next call with 429 once.
    rate_limit_once: dict[str, int] = field(default_factory=dict)
    # method -> Slack error code to answer with (every time).
    errors: dict[str, str] = field(default_factory=dict)
    # response_url name -> HTTP status to refuse the next answer with (once).
    response_errors: dict[str, int] = field(default_factory=dict)
    # A test that sends Slack something invalid on purpose sets this; otherwise teardown fails.
    allow_invalid: bool = False
    base_url: str = ""
    # Socket Mode: the bot's websocket, and the acknowledgements it sent back.
    socket: web.WebSocketResponse | None = None
    socket_url: str = ""
    socket_ready: asyncio.Event = field(default_factory=asyncio.Event)
    socket_acks: list[dict[str, Any]] = field(default_factory=list)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))
    _views: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base_url}/respond/{name}"

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                # slack_sdk sends a few read methods (usergroups.users.list) as GET.
                Route("/api/{method}", self._api, methods=["GET", "POST"]),
                Route("/respond/{name}", self._respond, methods=["POST"]),
            ]
        )

    # Queries -----------------------------------------------------------------------
    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.of(method)) < count:
            if loop.time() > deadline:
                seen = [c.method for c in self.calls]
                raise AssertionError(f"expected {count} {method} call(s); saw {seen}")
            await asyncio.sleep(0.01)
        return self.of(method)

    async def envelope(
        self, kind: str, payload: dict[str, Any], timeout: float = 5.0
    ) -> dict[str, Any]:
        """Send one Socket Mode envelope; return the bot's acknowledgement of it."""
        assert self.socket is not None, "the bot has not connected"
        envelope_id = f"env-{len(self.socket_acks) + 1}-{kind}"
        await self.socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": True,
            }
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for ack in self.socket_acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            if loop.time() > deadline:
                raise AssertionError(f"no acknowledgement of {envelope_id}")
            await asyncio.sleep(0.01)

    # Routes ------------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        self.socket = websocket
        await websocket.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}}
        )
        self.socket_ready.set()
        async for message in websocket:
            if message.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
        self.socket = None
        return websocket

    @contextlib.asynccontextmanager
    async def socket_server(self) -> AsyncIterator[str]:
        """Socket Mode's websocket endpoint, on its own loopback port (aiohttp serves it:
        uvicorn would need a websocket library the project does not depend on)."""
        app = web.Application()
        app.router.add_get("/socket", self._socket)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        self.socket_url = f"ws://127.0.0.1:{port}/socket"
        try:
            yield self.socket_url
        finally:
            await runner.cleanup()

    async def _body(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query_params)
        raw = await request.body()
        if request.headers.get("content-type", "").startswith("application/json"):
            return dict(json.loads(raw or b"{}"))
        body: dict[str, Any] = dict(parse_qsl(raw.decode()))
        for key in ("blocks", "view", "attachments"):
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key])
        return body

    def refused(self) -> list[Call]:
        return [c for c in self.calls if c.refused]

    def _record(self, method: str, body: dict[str, Any], refused: str | None = None) -> None:
        self.calls.append(Call(method, body, asyncio.get_running_loop().time(), refused))

    async def _respond(self, request: Request) -> Response:
        # Slack answers a response_url with a status and a short text body.
        name = request.path_params["name"]
        body = await self._body(request)
        if name in self.response_errors:  # once: the next answer to this URL goes through
            status = self.response_errors.pop(name)
            self._record("response_url", body, f"http_{status}")
            return Response("invalid_blocks", status_code=status)
        if limit_problems(body):
            self._record("response_url", body, "invalid_blocks")
            return Response("invalid_blocks", status_code=400)
        self._record("response_url", body)
        return Response("ok")

    async def _api(self, request: Request) -> Response:
        method = request.path_params["method"]
        body = await self._body(request)
        if limit_problems(body):
            self._record(method, body, "invalid_blocks")
            return JSONResponse({"ok": False, "error": "invalid_blocks"})
        if method in self.errors:
            self._record(method, body, self.errors[method])
            return JSONResponse({"ok": False, "error": self.errors[method]})
        self._record(method, body)
        if method in self.rate_limit_once:
            retry_after = self.rate_limit_once.pop(method)
            return JSONResponse(
                {"ok": False, "error": "ratelimited"},
                status_code=429,
                headers={"Retry-After": str(retry_after)},
            )
        return JSONResponse({"ok": True, **self._answer(method, body)})

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "url": "https://tt.example/",
                "team": "TT",
                "user": "tt",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": "BBOT",
                "is_enterprise_install": False,
            }
        if method in ("chat.postMessage", "chat.update"):
            ts = body.get("ts") or f"1700000000.{next(self._ts):06d}"
            return {
                "channel": body.get("channel"),
                "ts": ts,
                "message": {"text": body.get("text"), "ts": ts},
            }
        if method.startswith("views."):
            view_id = body.get("view_id") or f"V{next(self._views):04d}"
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else (view or {})
            return {"view": {**view, "id": view_id, "hash": f"h{next(self._views)}"}}
        if method == "apps.connections.open":
            return {"url": self.socket_url}
        if method == "usergroups.users.list":
            return {"users": self.usergroups.get(str(body.get("usergroup")), [])}
        return {}
