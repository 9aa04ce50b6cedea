"""How the bot plugs into the service: HTTP mode, Socket Mode, off; alerts for MCP/CLI."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

import pytest

from bot.notifier import ChannelPacer, SlackNotifier
from bot.surface import EVENTS_PATH, build_surface
from shared.actions import rescore
from shared.service import Service
from shared.store import Origin
from tests.bot.conftest import SECRET, Bot
from tests.bot.test_writes import settle
from tests.conftest import make_settings


def surface_for(tmp_path: Path, **settings: Any):  # type: ignore[no-untyped-def]
    service = Service(make_settings(tmp_path, **settings), surfaces=())
    return build_surface(service)


def test_no_bot_token_means_no_slack(tmp_path: Path):
    assert surface_for(tmp_path) is None
    assert surface_for(tmp_path, SLACK_BOT_TOKEN="xoxb-1") is None  # no secret, no app token


def test_http_mode_serves_slack_events(tmp_path: Path):
    surface = surface_for(tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=SECRET)
    assert surface is not None and surface.lifespan is None
    assert [r.path for r in surface.routes] == [EVENTS_PATH]  # type: ignore[attr-defined]
    assert set(surface.notifiers) == {"slack"}


def test_socket_mode_needs_no_route_and_alerts_cover_mcp_and_cli(tmp_path: Path):
    surface = surface_for(
        tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1", TT_ALERT_CHANNEL="C_ALERTS"
    )
    assert surface is not None and surface.routes == [] and surface.lifespan is not None
    assert set(surface.notifiers) == {"slack", "mcp", "cli"}


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"TT_ALERT_CHANNEL": "C_ALERTS"}


async def test_a_cli_rescore_is_alerted_in_the_alert_channel(bot: Bot):
    me = Origin(kind="cli", user="cli:alice")
    await rescore(bot.service.tk, bot.sandbox.job_ids[1], requested_by=me)
    [alert] = await bot.slack.wait_for("chat.postMessage")
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 1
    assert alert.body["channel"] == "C_ALERTS" and "thread_ts" not in alert.body
    assert "requested from CLI" in str(alert.body["blocks"])


async def test_a_lost_channel_falls_back_to_the_alert_channel(bot: Bot):
    bot.slack.errors["chat.postMessage"] = "channel_not_found"
    notifier = bot.service.surfaces[0].notifiers["slack"]
    assert isinstance(notifier, SlackNotifier)
    me = Origin(kind="slack", user="U1", channel="C_GONE", thread_ts="1.2")
    await rescore(bot.service.tk, bot.sandbox.job_ids[1], requested_by=me)
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    assert [p.body["channel"] for p in posts[:2]] == ["C_GONE", "C_ALERTS"]


async def test_alerts_to_one_channel_are_spaced_out():
    clock = asyncio.get_running_loop().time
    pacer = ChannelPacer(interval=0.2, clock=clock)
    sent: list[tuple[str, float]] = []

    async def post(channel: str) -> None:
        async with pacer.turn(channel):
            sent.append((channel, clock()))

    await asyncio.gather(post("C1"), post("C1"), post("C2"), post("C1"))
    times = [t for c, t in sent if c == "C1"]
    assert len(times) == 3 and all(b - a >= 0.19 for a, b in itertools.pairwise(times))
    other = next(t for c, t in sent if c == "C2")
    assert other - times[0] < 0.1  # another channel does not wait
