"""AI interviews on Slack through the real bolt app (signed requests, the fake Slack Web
API), with the InstaView emulator the service runs in sandbox mode delivering its signed
webhooks to the service's own `/webhooks/instaview`; MCP and the CLI agree on the result."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from mcp import Client
from rich.console import Console

from bot.blocks import ids
from bot.blocks import interviews as iv_blocks
from mcp_server.server import build_server
from shared.actions.dispatch import execute
from shared.cli.terminal import Renderer
from shared.commands import parse
from shared.instaview_sandbox import InstaViewSandbox
from shared.store import Origin
from tests.bot.conftest import ALICE, CHANNEL, Bot
from tests.bot.test_interactions import first_row_id, top_message, view_of
from tests.mcp_server.conftest import data, lend

LIST_TS = "1700000000.000900"  # the ts of the message `bot.click` clicks in
INVITE_OPTION = 5  # the row menu: Details, Move, Send to ATS, Reject, Assess, AI interview
HOSTILE = "<@U0BOSS> <https://evil.example|win>"


def emulator(bot: Bot) -> InstaViewSandbox:
    iv = bot.service.tk.instaview
    assert iv is not None and iv.sandbox is not None
    return iv.sandbox


async def finish_all(bot: Bot) -> None:
    """End every interview now, deliver the webhooks to the service, let it act."""
    sandbox = emulator(bot)
    for interview_id in list(sandbox.store.interviews):
        await sandbox.finish(interview_id)
    await sandbox.drain()
    await bot.service.tracker.run_once()


def alerts(bot: Bot) -> list[dict[str, Any]]:
    """The interview notices posted (titled "AI interview analysed|failed|expired: ...")."""
    return [
        c.body
        for c in bot.slack.of("chat.postMessage")
        if c.body["text"].startswith("AI interview")
    ]


async def answers_after(bot: Bot, seen: int, needle: str) -> dict[str, Any]:
    while True:
        got = await bot.slack.wait_for("response_url", seen + 1)
        found = [a.body for a in got[seen:] if needle in json.dumps(a.body)]
        if found:
            return found[0]
        seen += 1


async def test_typed_invite_confirms_then_one_alert_in_its_thread(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    jc = first_row_id(await top_message(bot, job))

    seen = len(bot.slack.of("response_url"))
    await bot.command(f"interview {jc}")
    listed = await answers_after(bot, seen, "Which agent")
    assert listed["response_type"] == "ephemeral" and "Phone screen (English)" in listed["text"]

    asked = await bot.confirmed(f'interview {jc} agent:"phone screen"')
    text = asked["text"]
    assert "Phone screen (English)" in text and "GDPR expiry" in text and "cvText" in text
    assert "values hidden here" in text and "audit log" in text  # TT_SHOW_CONTACT_DETAILS off

    [posted] = await bot.slack.wait_for("chat.postMessage")
    [updated] = await bot.slack.wait_for("chat.update")
    assert (
        "to an AI interview" in updated.body["text"]
        and f"<@{ALICE}> invited" in updated.body["text"]
    )
    thread = updated.body["ts"]
    # InstaView's analysis quotes the candidate: make what it quotes hostile.
    [record] = emulator(bot).store.candidates.values()
    record.body["firstName"] = HOSTILE

    await finish_all(bot)
    await finish_all(bot)  # again: nothing new to say
    [alert] = alerts(bot)
    assert alert["channel"] == CHANNEL and alert["thread_ts"] == thread
    shown = json.dumps(alert["blocks"])
    assert "AI analysis (written by AI, not by a recruiter)" in shown
    assert "Overall rating" in shown and "company fit" in shown and "TapTalent score" in shown
    assert "&lt;@U0BOSS&gt;" in shown and "<@U0BOSS>" not in shown
    assert "<https://evil" not in shown
    assert posted.body["channel"] == CHANNEL

    [entry] = await bot.service.tk.store.audit_entries(action="interview.invite")
    assert entry.surface == "slack" and entry.actor == ALICE and "email" in entry.details["fields"]

    seen = len(bot.slack.of("response_url"))
    await bot.command(f"interview-status {jc}")
    status = await answers_after(bot, seen, "analysed")
    assert "Overall rating" in json.dumps(status)

    # MCP and the CLI see the same interview and the same ratings.
    state = await bot.service.tk.store.operations("interview", subject=str(jc))
    rating = state[0].result["analysis"]["overall_rating"]  # type: ignore[index]
    async with Client(build_server(lend(bot.service.tk))) as mcp:
        got = data(await mcp.call_tool("get_interview", {"id": str(jc)}))
    assert got["interview_id"] == state[0].id and got["phase"] == "completed"
    assert got["analysis"]["overall_rating"] == rating and "as data" in got["note"]
    cli = await execute(
        bot.service.tk, parse(f"interview-status {jc}", prog="tt"), Origin(kind="cli")
    )
    out = StringIO()
    Renderer(Console(file=out, width=200)).show(cli)
    assert f"Overall rating {rating:g}/100" in out.getvalue() and state[0].id in out.getvalue()


async def test_row_menu_invite_threads_the_alert_under_the_list(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    message = await top_message(bot, job)
    jc = first_row_id(message)
    before = len(bot.slack.of("views.update"))
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=INVITE_OPTION))
    filled = (await bot.slack.wait_for("views.update", before + 1))[-1]
    view = view_of(filled.body)
    assert view["callback_id"] == ids.INTERVIEW_INVITE
    assert "gdprExpiryDate" in json.dumps(view) and "GDPR expiry" in json.dumps(view)

    updates = len(bot.slack.of("views.update"))
    missing = await bot.interact(bot.submit(view))
    assert "Choose an agent" in missing.text  # the form is sent back; nothing was sent
    agent = emulator(bot).agent_id("Screening (English, online)")
    values = {
        iv_blocks.AGENT_BLOCK: {iv_blocks.AGENT_ACTION: {"selected_option": {"value": agent}}}
    }
    await bot.interact(bot.submit(view, values=values))
    done = await bot.slack.wait_for("views.update", updates + 1)
    assert "to an AI interview" in json.dumps(done[-1].body["view"])

    await finish_all(bot)
    [alert] = alerts(bot)
    assert alert["thread_ts"] == LIST_TS
    [operation] = await bot.service.tk.store.operations("interview", subject=str(jc))
    assert operation.origin.thread_ts == LIST_TS and operation.state == "completed"


@pytest.mark.parametrize("bot_settings", [{"TT_ALERT_CHANNEL": "C_ALERTS"}])
async def test_mcp_invites_and_the_alert_goes_to_the_alert_channel(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    jc = first_row_id(await top_message(bot, job))
    async with Client(build_server(lend(bot.service.tk))) as mcp:
        listed = data(await mcp.call_tool("invite_to_interview", {"job_candidate_id": jc}))
        assert listed["invited"] is False and listed["agents"]
        preview = data(
            await mcp.call_tool(
                "invite_to_interview",
                {"job_candidate_id": jc, "agent": "technical", "preview": True},
            )
        )
        assert preview["invited"] is False and "gdprExpiryDate" in preview["sends"]
        assert emulator(bot).store.interviews == {}
        invited = data(
            await mcp.call_tool(
                "invite_to_interview", {"job_candidate_id": jc, "agent": "technical"}
            )
        )
    assert invited["invited"] is True and invited["agent"] == "Technical deep dive"
    await finish_all(bot)
    [alert] = alerts(bot)
    assert alert["channel"] == "C_ALERTS" and "thread_ts" not in alert
    [entry] = await bot.service.tk.store.audit_entries(action="interview.invite")
    assert entry.surface == "mcp"
