"""Talynce and the status view on Slack (the real bolt app, signed requests, the fake Slack
Web API), and Slack, MCP and the CLI agreeing on one push and one status view."""

from __future__ import annotations

import json
from io import StringIO

from mcp import Client
from rich.console import Console

from bot.blocks import ids
from mcp_server.server import build_server
from shared.actions import get_job_candidate
from shared.actions.dispatch import execute
from shared.cli.terminal import Renderer
from shared.commands import parse
from shared.store import Origin
from shared.toolkit import Toolkit
from tests.bot.conftest import ALICE, Bot
from tests.bot.test_ats import said
from tests.bot.test_interactions import first_row_id, top_message
from tests.mcp_server.conftest import data, lend


def emulators(tk: Toolkit, title: str) -> tuple[str, str]:
    """The InstaView and Talynce job ids of the job titled ``title`` in their emulators."""
    assert tk.instaview is not None and tk.instaview.sandbox is not None
    assert tk.talynce is not None and tk.talynce.sandbox is not None
    return tk.instaview.sandbox.job_id(title), tk.talynce.sandbox.job_id(title)


async def linked_job(bot: Bot) -> tuple[int, str, str]:
    job = bot.sandbox.job_ids[0]
    title = (await bot.service.tk.client.jobs.get(job)).title or ""
    iv_job, talynce_job = emulators(bot.service.tk, title)
    seen = len(bot.slack.of("response_url"))
    asked = await bot.confirmed(f"link job:{job} instaview:{iv_job} talynce:{talynce_job}")
    assert f"InstaView job {iv_job} and Talynce job {talynce_job}" in asked["text"]
    assert "audit log" in asked["text"]
    answer = await said(bot, seen, "linked")
    assert f"<@{ALICE}> linked" in answer["text"] and "in InstaView" in answer["text"]
    assert answer["response_type"] == "in_channel"
    return job, iv_job, talynce_job


async def test_link_then_job_view_lists_each_system(bot: Bot) -> None:
    seen = len(bot.slack.of("response_url"))
    await bot.command(f"link job:{bot.sandbox.job_ids[0]}")  # a read: no confirmation
    listed = json.dumps((await bot.slack.wait_for("response_url", seen + 1))[seen].body)
    assert "*InstaView jobs:*" in listed and "talynce:&lt;id&gt;" in listed  # escaped
    job, iv_job, talynce_job = await linked_job(bot)
    assert f"`{iv_job}`" in listed  # the InstaView job it then linked was among the choices
    seen = len(bot.slack.of("response_url"))
    await bot.command(f"job {job}")
    shown = json.dumps((await bot.slack.wait_for("response_url", seen + 1))[seen].body)
    assert "In InstaView: *" in shown and iv_job in shown
    assert f"In Talynce: `{talynce_job}`" in shown
    entries = await bot.service.tk.store.audit_entries(action="talynce.link")
    assert [(e.actor, e.surface) for e in entries] == [(ALICE, "slack")]


async def test_bad_link_ids_are_refused_before_anything(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    seen = len(bot.slack.of("response_url"))
    await bot.confirmed(f"link job:{job} talynce:not-a-uuid")
    refused = await said(bot, seen, "UUID")
    assert "Talynce job ids are UUIDs" in refused["text"]
    assert await bot.service.tk.store.system_links(str(job)) == []


async def test_push_to_talynce_status_and_details_agree_on_every_surface(bot: Bot) -> None:
    job, _, _ = await linked_job(bot)
    tk = bot.service.tk
    jc = first_row_id(await top_message(bot, job))
    seen = len(bot.slack.of("response_url"))
    asked = await bot.confirmed(f"push {jc} to:talynce")
    assert "Leaves TapTalent for Talynce: name, e-mail" in asked["text"]  # fields named first
    answer = await said(bot, seen, "new in Talynce")
    assert f"<@{ALICE}> sent" in answer["text"] and "new in Talynce" in answer["text"]
    email = (await get_job_candidate(tk, jc, include_private=True)).contact
    assert email is not None and email.email
    assert email.email not in json.dumps(answer)  # no contact details in the channel

    seen = len(bot.slack.of("response_url"))
    await bot.command(f"status {jc}")
    status_body = (await bot.slack.wait_for("response_url", seen + 1))[seen].body
    status = json.dumps(status_body, ensure_ascii=False)
    view = await execute(tk, parse(f"status {jc}"), Origin(kind="cli"))
    talynce_line = next(s for s in view.systems if s.system == "talynce")  # type: ignore[attr-defined]
    assert talynce_line.state == "ok" and "screening" in talynce_line.summary
    assert f"*Talynce*: {talynce_line.summary}" in status
    assert "*ATS*: The job is not linked to an ATS job." in status
    assert email.email not in status

    # Details (the row menu) shows the same lines.
    message = await top_message(bot, job)
    before = len(bot.slack.of("views.update"))
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=0))
    filled = (await bot.slack.wait_for("views.update", before + 1))[-1]
    modal = json.dumps(filled.body, ensure_ascii=False)
    assert "In every system" in modal and talynce_line.summary in modal

    # MCP: pushing again sends nothing; get_job_candidate carries the same Talynce line.
    async with Client(build_server(lend(tk))) as mcp:
        again = data(
            await mcp.call_tool("push_candidate", {"to": "talynce", "job_candidate_id": jc})
        )
        card = data(await mcp.call_tool("get_job_candidate", {"job_candidate_id": jc}))
    [entry] = again["pushed"]
    assert entry["outcome"] == "already_pushed" and entry["changed"] is False
    assert f"Talynce [ok]: {talynce_line.summary}" in card["systems"]

    # The CLI: the same status, and pushing again says what happened the first time.
    out = StringIO()
    Renderer(Console(file=out, width=200)).show(view)
    assert talynce_line.summary in out.getvalue()
    cli = await execute(tk, parse(f"push {jc} to:talynce", prog="tt"), Origin(kind="cli"))
    assert "already pushed to Talynce" in cli.message  # type: ignore[attr-defined]
    surfaces = [e.surface for e in await tk.store.audit_entries(action="talynce.push")]
    assert surfaces == ["slack"]  # the repeats sent nothing, so there is nothing to audit


async def test_slash_push_top_to_talynce_answers_in_channel(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    seen = len(bot.slack.of("response_url"))
    await bot.confirmed(f"push top:2 job:{job} to:talynce")
    refused = await said(bot, seen, "not linked to a Talynce job")
    assert f"/tt link job:{job}" in refused["text"]  # the next step, as a /tt command
    await linked_job(bot)
    seen = len(bot.slack.of("response_url"))
    asked = await bot.confirmed(f"push top:2 job:{job} to:talynce")
    assert "Send the top 2 of job" in asked["text"] and "Leaves TapTalent" in asked["text"]
    answer = await said(bot, seen, "Pushed the top 2")
    assert "2 created" in answer["text"] and answer["response_type"] == "in_channel"
    assert answer["text"].count("new in Talynce") == 2
