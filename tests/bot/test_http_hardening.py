"""`/slack/events` and the server in front of it, as an attacker on the internet sees them."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from bot.events import MAX_BODY
from shared.service import Service
from shared.service.background import serve_in_background
from tests.bot.conftest import SECRET, Bot, signed_headers, small_sandbox
from tests.conftest import make_settings
from tests.support.fake_slack import FakeSlack

MARKER = "ATTACKER-CONTROLLED-LOG-LINE"
FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("body", "content_type", "headers"),
    [
        ("payload=notjson", FORM, {}),
        ("{not json", "application/json", {}),
        ("payload=%7B%7D", FORM, {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=1"}),
        ("payload=%7B%7D", FORM, {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=1"}),
    ],
)
async def test_unsigned_junk_gets_401_and_is_not_logged(
    bot: Bot, caplog: pytest.LogCaptureFixture, body: str, content_type: str, headers: dict
):
    caplog.set_level(logging.DEBUG)
    response = await bot.http.post(
        "/slack/events",
        content=f"{body}&x={MARKER}",
        headers={"Content-Type": content_type, **headers},
    )
    assert response.status_code == 401
    assert not any(MARKER in r.getMessage() for r in caplog.records)


async def test_a_stale_but_correct_signature_is_refused(bot: Bot):
    body = urlencode({"payload": "{}"})
    old = str(int(time.time()) - 3600)
    headers = signed_headers(body) | {"X-Slack-Request-Timestamp": old}
    from slack_sdk.signature import SignatureVerifier

    headers["X-Slack-Signature"] = (
        SignatureVerifier(SECRET).generate_signature(timestamp=old, body=body) or ""
    )
    response = await bot.http.post(
        "/slack/events", content=body, headers={"Content-Type": FORM, **headers}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("payload=notjson", FORM),
        ("payload=%5B1%2C2%5D", FORM),  # JSON, but not an object
        ("{not json", "application/json"),
    ],
)
async def test_signed_bodies_that_are_not_slack_requests_get_400(
    bot: Bot, body: str, content_type: str
):
    response = await bot.post(body, content_type)
    assert response.status_code == 400


async def test_bodies_over_512_kib_get_413_before_anything_else(bot: Bot):
    big = "payload=" + "a" * MAX_BODY
    response = await bot.http.post("/slack/events", content=big, headers={"Content-Type": FORM})
    assert response.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: read until the cap
        for _ in range(20):
            yield b"a" * 65536

    streamed = await bot.http.post(
        "/slack/events", content=chunks(), headers={"Content-Type": FORM}
    )
    assert streamed.status_code == 413
    # A signed request of a normal size still works.
    assert (await bot.command("help")).status_code == 200


async def _half_open(url: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(b"POST /slack/events HTTP/1.1\r\nHost: tt\r\nX-Slow: ")  # never finished
    await writer.drain()
    return reader, writer


@pytest.fixture
async def served(slack: FakeSlack, tmp_path: Path) -> AsyncIterator[tuple[Service, str]]:
    settings = make_settings(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
    )
    sandbox = small_sandbox()
    service = Service(settings, sandbox=sandbox, surfaces=("bot.surface",), tick=0.05)
    try:
        async with serve_in_background(service.app, max_connections=40) as url:
            yield service, url
    finally:
        await sandbox.aclose()


async def test_half_open_connections_do_not_starve_health(served: tuple[Service, str]):
    _, url = served
    connections = [await _half_open(url) for _ in range(120)]  # three times the cap
    try:
        async with httpx.AsyncClient(base_url=url, timeout=5) as http:
            health = await http.get("/healthz")
        assert health.status_code == 200 and health.json()["slack"]["connection"] == "http"
        # The oldest waiting connections were closed to make room.
        first_reader = connections[0][0]
        assert await asyncio.wait_for(first_reader.read(), 5) == b""
    finally:
        for _, writer in connections:
            writer.close()


async def test_a_connection_that_never_finishes_its_headers_is_closed(tmp_path: Path):
    async def app(scope: dict, receive: object, send: object) -> None:  # never reached
        raise AssertionError("no request should arrive")

    async with serve_in_background(app, lifespan="off", header_timeout=0.2) as url:
        reader, writer = await _half_open(url)
        try:
            assert await asyncio.wait_for(reader.read(), 5) == b""
        finally:
            writer.close()
