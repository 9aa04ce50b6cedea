"""The real service with the bot surface, a small sandbox, and a fake Slack Web API.

Requests are signed like Slack signs them and go through `POST /slack/events` in-process;
the bot's Web API calls and response_url answers land in `FakeSlack`.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

from shared.sandbox import Sandbox, SandboxConfig
from shared.service import Service
from shared.service.background import serve_in_background
from tests.conftest import make_settings
from tests.support.blockkit import check_calls
from tests.support.fake_slack import TEAM, FakeSlack

SECRET = "test-signing-secret"
CONFIRM = "tt_confirm_write"  # bot.blocks.ids.CONFIRM_WRITE, as Slack would send it
ALICE = "U_ALICE"
CHANNEL = "C_RECRUIT"


def signed_headers(body: str, secret: str = SECRET, **extra: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body) or ""
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature, **extra}


@dataclass
class Bot:
    service: Service
    http: httpx.AsyncClient
    slack: FakeSlack
    sandbox: Sandbox
    _triggers: int = 0

    def trigger(self) -> str:
        self._triggers += 1
        return f"trigger.{self._triggers}"

    async def post(self, body: str, content_type: str, **headers: str) -> httpx.Response:
        all_headers = {"Content-Type": content_type, **signed_headers(body), **headers}
        return await self.http.post("/slack/events", content=body, headers=all_headers)

    async def command(
        self,
        text: str,
        *,
        user: str = ALICE,
        channel: str = CHANNEL,
        trigger_id: str | None = None,
        **headers: str,
    ) -> httpx.Response:
        form = {
            "token": "legacy",
            "team_id": TEAM,
            "team_domain": "tt",
            "channel_id": channel,
            "channel_name": "recruiting",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/tt",
            "text": text,
            "api_app_id": "A1",
            "is_enterprise_install": "false",
            "response_url": self.slack.response_url(f"cmd-{text.split(' ')[0]}"),
            "trigger_id": trigger_id or self.trigger(),
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded", **headers)

    async def confirmed(
        self, text: str, *, user: str = ALICE, channel: str = CHANNEL
    ) -> dict[str, Any]:
        """Type a write (`rescore …`, `move …`), check it asks first, and press Confirm.
        Returns the ephemeral confirmation."""
        seen = len(self.slack.of("response_url"))
        await self.command(text, user=user, channel=channel)
        while True:  # the first answer after `seen` that asks (earlier writes may still talk)
            answers = await self.slack.wait_for("response_url", seen + 1)
            asking = [a.body for a in answers[seen:] if CONFIRM in json.dumps(a.body)]
            if asking:
                break
            seen += 1
        confirmation = asking[0]
        assert confirmation["response_type"] == "ephemeral", confirmation["text"]
        await self.interact(self.click(confirmation, CONFIRM, user=user, channel=channel))
        return confirmation

    async def interact(self, payload: dict[str, Any], **headers: str) -> httpx.Response:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded", **headers)

    async def event(self, event: dict[str, Any]) -> httpx.Response:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": TEAM,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": "Ev1",
                "event_time": 1,
                "event": event,
            }
        )
        return await self.post(body, "application/json")

    # Building interaction payloads from what the bot sent ------------------------------
    def click(
        self,
        message: dict[str, Any],
        action_id: str,
        *,
        user: str = ALICE,
        option: int | None = None,
        block_id: str | None = None,
        response_url: str | None = None,
        channel: str = CHANNEL,
        thread_ts: str | None = None,
        action_ts: str | None = None,
    ) -> dict[str, Any]:
        """The block_actions payload of clicking `action_id` in a message the bot sent."""
        element, block = find_element(message["blocks"], action_id, block_id)
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block.get("block_id", "b"),
            "type": element["type"],
            "action_ts": action_ts or f"{time.time():.6f}",
        }
        if element["type"] in ("overflow", "static_select"):
            action["selected_option"] = element["options"][option or 0]
        else:
            action["value"] = element.get("value")
        container: dict[str, Any] = {
            "type": "message",
            "message_ts": "1700000000.000900",
            "channel_id": channel,
            "is_ephemeral": False,
        }
        if thread_ts:
            container["thread_ts"] = thread_ts
        return {
            "type": "block_actions",
            "api_app_id": "A1",
            "token": "legacy",
            "user": {"id": user, "team_id": TEAM},
            "team": {"id": TEAM},
            "channel": {"id": channel},
            "container": container,
            "message": {
                "ts": "1700000000.000900",
                "blocks": message["blocks"],
                **({"thread_ts": thread_ts} if thread_ts else {}),
            },
            "response_url": response_url or self.slack.response_url("click"),
            "trigger_id": self.trigger(),
            "actions": [action],
        }

    def click_in_view(
        self, view: dict[str, Any], action_id: str, *, user: str = ALICE
    ) -> dict[str, Any]:
        element, block = find_element(view["blocks"], action_id, None)
        return {
            "type": "block_actions",
            "api_app_id": "A1",
            "token": "legacy",
            "user": {"id": user, "team_id": TEAM},
            "team": {"id": TEAM},
            "container": {"type": "view", "view_id": view["id"]},
            "view": view,
            "trigger_id": self.trigger(),
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": block.get("block_id", "b"),
                    "type": element["type"],
                    "value": element.get("value"),
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }

    def submit(
        self, view: dict[str, Any], *, user: str = ALICE, values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return {
            "type": "view_submission",
            "api_app_id": "A1",
            "token": "legacy",
            "user": {"id": user, "team_id": TEAM},
            "team": {"id": TEAM},
            "trigger_id": self.trigger(),
            "view": {**view, "state": {"values": values or {}}},
        }


def find_element(
    blocks: list[dict[str, Any]], action_id: str, block_id: str | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    for block in blocks:
        if block_id is not None and block.get("block_id") != block_id:
            continue
        elements = list(block.get("elements") or [])
        if "accessory" in block:
            elements.append(block["accessory"])
        for element in elements:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element, block
    raise AssertionError(f"no {action_id} in {block_id or 'the blocks'}")


def small_sandbox(dialect: str = "tt") -> Sandbox:
    return Sandbox(
        SandboxConfig(
            seed=7,
            rescore_delay=0.05,
            big_job_size=0,
            jobs=4,
            candidates_per_job=(25, 60),
            other_company_jobs=1,
            # The bot's tests are about Slack; the client's and the actions' tests cover
            # every dialect. "tt" lists stage ids, so a move can say where from. A test may
            # ask for another (`sandbox_dialect`).
            dialect=dialect,
        )
    )


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    async with serve_in_background(fake.app(), lifespan="off") as url:
        fake.base_url = url
        yield fake


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    """Per-test overrides of the service settings (TT_WRITERS, TT_ALERT_CHANNEL, …)."""
    return {}


@pytest.fixture
def sandbox_dialect() -> str:
    """The sandbox's dialect for a bot test (parametrize it to run on others)."""
    return "tt"


@pytest.fixture
async def bot(
    slack: FakeSlack, tmp_path: Path, bot_settings: dict[str, Any], sandbox_dialect: str
) -> AsyncIterator[Bot]:
    sandbox = small_sandbox(sandbox_dialect)
    settings = make_settings(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        **bot_settings,
    )
    service = Service(settings, sandbox=sandbox, surfaces=("bot.surface",), tick=0.05)
    try:
        async with service.app.router.lifespan_context(service.app):
            # Alerts are paced at one per second per channel; tests need no such wait.
            service.surfaces[0].notifiers["slack"].pacer.interval = 0.0  # type: ignore[attr-defined]
            transport = httpx.ASGITransport(app=service.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
                yield Bot(service=service, http=http, slack=slack, sandbox=sandbox)
            await asyncio.sleep(0.05)  # let the listeners' background tasks finish
    finally:
        await sandbox.aclose()
    # Whatever a test did, every message and view the bot sent must be valid Block Kit.
    check_calls(slack.calls)
    invalid = [c.method for c in slack.calls if c.refused == "invalid_blocks"]
    assert slack.allow_invalid or not invalid, f"Slack would refuse: {invalid}"
