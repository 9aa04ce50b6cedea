"""The ATS on Slack, and Slack, MCP and the CLI agreeing on one push; Kombo's webhook
posting exactly one line per changed application in the thread the push came from."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from mcp import Client
from rich.console import Console

from bot.blocks import ats as ats_blocks
from bot.blocks import ids
from mcp_server.server import build_server
from shared.actions import get_job_candidate
from shared.actions.dispatch import execute
from shared.cli.terminal import Renderer
from shared.commands import parse
from shared.kombo import signature
from shared.kombo_sandbox import KomboSandbox
from shared.store import Origin
from tests.bot.conftest import ALICE, Bot
from tests.bot.test_interactions import first_row_id, top_message, view_of
from tests.mcp_server.conftest import data, lend

LIST_TS = "1700000000.000900"  # the ts of the message `bot.click` clicks in
ATS_JOB = "KJ0001"
PUSH_OPTION, REJECT_OPTION = 2, 3  # the row menu: Details, Move, Send to ATS, Reject


def kombo(bot: Bot) -> KomboSandbox:
    ats = bot.service.tk.ats
    assert ats is not None and ats.sandbox is not None
    return ats.sandbox


async def said(bot: Bot, seen: int, needle: str) -> dict[str, Any]:
    """The first answer through response_url after the `seen` first that contains `needle`."""
    while True:
        answers = await bot.slack.wait_for("response_url", seen + 1)
        found = [a.body for a in answers[seen:] if needle in json.dumps(a.body)]
        if found:
            return found[0]
        seen += 1


async def link(bot: Bot, job: int, *, mirror: bool = False) -> None:
    before = len(bot.slack.of("response_url"))
    asked = await bot.confirmed(f"link job:{job} ats:{ATS_JOB}" + (" mirror:on" if mirror else ""))
    assert "Link job" in asked["text"] and "audit log" in asked["text"]
    answer = await said(bot, before, "linked")
    assert f"<@{ALICE}> linked" in answer["text"] and answer["response_type"] == "in_channel"


async def push_from_menu(bot: Bot, job: int) -> tuple[int, str]:
    """Send the first row of job's list to the ATS; return its id and the modal's text."""
    message = await top_message(bot, job)
    jc = first_row_id(message)
    before = len(bot.slack.of("views.update"))
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=PUSH_OPTION))
    filled = (await bot.slack.wait_for("views.update", before + 1))[-1]
    confirm = view_of(filled.body)
    assert confirm["callback_id"] == ids.ATS_PUSH and "e-mail go to the ATS" in json.dumps(confirm)
    updates = len(bot.slack.of("views.update"))
    response = await bot.interact(bot.submit(confirm))
    assert response.status_code == 200
    done = await bot.slack.wait_for("views.update", updates + 1)
    return jc, json.dumps(done[-1].body["view"])


async def test_the_menu_move_modal_says_what_the_ats_will_do_before_the_move(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    await link(bot, job, mirror=True)
    jc, _ = await push_from_menu(bot, job)
    message = await top_message(bot, job)
    assert first_row_id(message) == jc
    before = len(bot.slack.of("views.update"))
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=1))
    pick = view_of((await bot.slack.wait_for("views.update", before + 1))[-1].body)
    current = (await get_job_candidate(bot.service.tk, jc)).stage_id
    options = pick["blocks"][-1]["element"]["options"]
    wanted = "Offer" if (await get_job_candidate(bot.service.tk, jc)).stage != "Offer" else "Screen"
    target = next(o for o in options if o["text"]["text"].startswith(wanted))
    values = {ids.STAGE_BLOCK: {ids.STAGE_SELECT: {"selected_option": target}}}
    updates = len(bot.slack.of("views.update"))
    ack = (await bot.interact(bot.submit(pick, values=values))).json()
    assert ack["view"]["callback_id"] == ids.MOVE_CONFIRM  # at once, within Slack's 3 s
    [*_, paired] = await bot.slack.wait_for("views.update", updates + 1)
    confirm = paired.body["view"]
    assert confirm["callback_id"] == ids.MOVE_CONFIRM
    text = json.dumps(confirm["blocks"])
    assert "In the ATS too:" in text and "(matched by" in text
    assert (await get_job_candidate(bot.service.tk, jc)).stage_id == current  # not yet


async def test_send_to_ats_then_mcp_and_cli_agree(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    await link(bot, job)
    seen = len(bot.slack.of("response_url"))
    await bot.command(f"job {job}")
    shown = (await bot.slack.wait_for("response_url", seen + 1))[seen]
    assert "In the ATS: *Senior Backend Engineer* (`KJ0001`)" in json.dumps(shown.body)
    jc, modal_text = await push_from_menu(bot, job)
    assert "to *Senior Backend Engineer* in the ATS" in modal_text
    assert "https://ats.example.com/applications/" in modal_text  # remote_url

    record = await bot.service.tk.store.push_record(str(jc))
    assert record is not None and record.origin.thread_ts == LIST_TS

    async with Client(build_server(lend(bot.service.tk))) as mcp:
        pushed = data(await mcp.call_tool("push_candidate", {"to": "ats", "job_candidate_id": jc}))
    [entry] = pushed["pushed"]
    assert entry["changed"] is False and entry["application_id"] == record.application_id
    assert entry["url"] == record.remote_url

    cli = await execute(bot.service.tk, parse(f"push {jc} to:ats", prog="tt"), Origin(kind="cli"))
    out = StringIO()
    Renderer(Console(file=out, width=200)).show(cli)
    assert "nothing changed" in out.getvalue() and str(record.remote_url) in out.getvalue()

    app = kombo(bot).application(str(record.application_id))
    assert len(app.notes) == 1 and len(app.result_links) == 1
    assert [e.surface for e in await bot.service.tk.store.audit_entries(action="ats.push")] == [
        "cli",
        "mcp",
        "slack",
    ]


async def test_reject_modal_lists_the_ats_reasons(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    await link(bot, job)
    jc, _ = await push_from_menu(bot, job)
    message = await top_message(bot, job)
    before = len(bot.slack.of("views.update"))
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=REJECT_OPTION))
    updates = await bot.slack.wait_for("views.update", before + 1)
    view = view_of(updates[-1].body)
    assert view["callback_id"] == ids.ATS_REJECT
    assert "Not enough experience" in json.dumps(view)
    values: dict[str, Any] = {
        ats_blocks.REASON_BLOCK: {
            ats_blocks.REASON_ACTION: {"selected_option": {"value": "Salary expectations too high"}}
        },
        ats_blocks.NOTE_BLOCK: {ats_blocks.NOTE_ACTION: {"value": "Thank you"}},
    }
    await bot.interact(bot.submit(view, values=values))
    done = await bot.slack.wait_for("views.update", before + 2)
    assert "Salary expectations too high" in json.dumps(done[-1].body["view"])
    record = await bot.service.tk.store.push_record(str(jc))
    assert record is not None
    app = kombo(bot).application(str(record.application_id))
    assert app.outcome == "DECLINED" and app.notes[-1]["content"] == "Thank you"


async def post_webhook(bot: Bot, body: bytes, sig: str | None) -> Any:
    headers = {"Content-Type": "application/json"}
    if sig is not None:
        headers[signature.HEADER] = sig
    return await bot.http.post("/webhooks/kombo", content=body, headers=headers)


async def test_data_changed_posts_one_line_per_changed_application(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    await link(bot, job)
    jc, _ = await push_from_menu(bot, job)
    record = await bot.service.tk.store.push_record(str(jc))
    assert record is not None and record.application_id
    ksb = kombo(bot)
    ksb.move_in_ats(record.application_id, "Technical Interview")
    body = ksb.data_changed_body("ats_applications")
    good = signature.sign(body, ksb.webhook_secret)

    assert (await post_webhook(bot, body, None)).status_code == 401
    assert (await post_webhook(bot, body, good[:-2] + "xx")).status_code == 401
    first = await post_webhook(bot, body, good)
    assert first.status_code == 200 and first.json()["duplicate"] is False
    again = await post_webhook(bot, body, good)
    assert again.json()["duplicate"] is True

    await bot.service.kombo.process()  # drive the processor rather than wait for it
    posts = await bot.slack.wait_for("chat.postMessage", 1)
    line = posts[-1].body
    assert line["thread_ts"] == LIST_TS and "moved to Technical Interview" in line["text"]
    assert "https://ats.example.com/applications/" in line["text"]

    # Nothing changed since: another delivery posts nothing.
    other = ksb.data_changed_body("ats_applications")
    await post_webhook(bot, other, signature.sign(other, ksb.webhook_secret))
    assert await bot.service.kombo.process() == 0
    assert len(bot.slack.of("chat.postMessage")) == 1


async def test_slash_push_top_answers_in_channel_with_links(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    await bot.confirmed(f"push top:3 job:{job} to:ats")
    refused = await said(bot, 0, "is not linked")
    assert "/tt link job:" in refused["text"]  # the next step, as a /tt command
    await link(bot, job)
    seen = len(bot.slack.of("response_url"))
    await bot.confirmed(f"push top:2 job:{job} to:ats")
    answer = await said(bot, seen, "Pushed the top 2")
    assert answer["text"].count("https://ats.example.com/applications/") == 2
    assert answer["response_type"] == "in_channel"


async def test_a_mirrored_move_shows_the_pairing(bot: Bot) -> None:
    job = bot.sandbox.job_ids[0]
    await link(bot, job, mirror=True)
    jc, _ = await push_from_menu(bot, job)
    detail = await get_job_candidate(bot.service.tk, jc)
    target = "OFFER" if detail.stage != "Offer" else "SCREEN"
    before = len(bot.slack.of("response_url"))
    asked = await bot.confirmed(f"move {jc} stage:{target}")
    assert "In the ATS too:" in asked["text"] and "(matched by" in asked["text"]
    text = (await said(bot, before, "moved"))["text"]
    assert "In the ATS:" in text and "(matched by" in text
    record = await bot.service.tk.store.push_record(str(jc))
    assert record is not None and record.stage_id is not None
    app = kombo(bot).application(str(record.application_id))
    assert app.stage_id == record.stage_id
