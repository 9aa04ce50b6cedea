"""Socket Mode: with SLACK_APP_TOKEN the bot connects out over a websocket, no route needed."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import httpx
import pytest

from shared.service import Service
from tests.bot.conftest import ALICE, CHANNEL, small_sandbox
from tests.conftest import make_settings
from tests.support.fake_slack import TEAM, FakeSlack


async def test_socket_mode_acks_and_answers_commands(slack: FakeSlack, tmp_path: Path):
    settings = make_settings(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-test",
        SLACK_API_URL=slack.api_url,
    )
    sandbox = small_sandbox()
    service = Service(settings, sandbox=sandbox, surfaces=("bot.surface",), tick=0.05)
    try:
        async with slack.socket_server(), service.app.router.lifespan_context(service.app):
            await asyncio.wait_for(slack.socket_ready.wait(), 5)
            opened = slack.of("apps.connections.open")
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=service.app), base_url="http://tt"
            ) as http:
                assert (await http.post("/slack/events", content=b"{}")).status_code == 404
                for _ in range(250):  # the state follows the connection (bounded wait)
                    health = (await http.get("/healthz")).json()
                    if health["slack"]["connection"] == "connected":
                        break
                    await asyncio.sleep(0.02)
                assert health["slack"] == {"connection": "connected"}

            command = {
                "team_id": TEAM,
                "channel_id": CHANNEL,
                "user_id": ALICE,
                "command": "/tt",
                "trigger_id": "trigger.socket",
                "response_url": slack.response_url("socket"),
            }
            help_ack = await slack.envelope("slash_commands", {**command, "text": "help"})
            assert help_ack["payload"]["response_type"] == "ephemeral"
            assert "top-candidates" in help_ack["payload"]["text"]

            await slack.envelope(
                "slash_commands", {**command, "text": "jobs", "trigger_id": "trigger.socket.2"}
            )
            [answer] = await slack.wait_for("response_url")
            assert answer.body["response_type"] == "in_channel"
        assert slack.socket is None  # the lifespan closed the connection
    finally:
        await sandbox.aclose()
    assert all(o.body.get("token") in (None, "xapp-test") for o in opened)


@pytest.mark.parametrize(
    ("method", "code", "variable"),
    [
        ("apps.connections.open", "not_allowed_token_type", "SLACK_APP_TOKEN"),
        ("apps.connections.open", "invalid_auth", "SLACK_APP_TOKEN"),
        ("auth.test", "invalid_auth", "SLACK_BOT_TOKEN"),
    ],
)
async def test_a_refused_token_is_named_once_and_the_bot_stops_trying(
    slack: FakeSlack,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch,
    method,
    code,
    variable,
):
    # bolt reads SLACK_BOT_TOKEN from the environment as well: set, as in production.
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    slack.errors[method] = code
    settings = make_settings(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-test",
        SLACK_API_URL=slack.api_url,
    )
    sandbox = small_sandbox()
    service = Service(settings, sandbox=sandbox, surfaces=("bot.surface",), tick=0.05)
    caplog.set_level(logging.INFO)
    try:
        async with slack.socket_server(), service.app.router.lifespan_context(service.app):
            transport = httpx.ASGITransport(app=service.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
                for _ in range(200):
                    health = (await http.get("/healthz")).json()
                    if health["slack"]["connection"] == "refused":
                        break
                    await asyncio.sleep(0.02)
            assert health["slack"]["connection"] == "refused"
            assert variable in health["slack"]["detail"]
            # "refused" is the connecting task's last step: nothing is left to retry.
            assert len(slack.of(method)) == 1
            assert slack.socket is None
    finally:
        await sandbox.aclose()
    refusals = [r for r in caplog.records if "Slack refused" in r.getMessage()]
    assert len(refusals) == 1 and variable in refusals[0].getMessage()
    assert "scope" in refusals[0].getMessage() or "OAuth" in refusals[0].getMessage()
    assert not any("will be unused" in r.getMessage() for r in caplog.records)
