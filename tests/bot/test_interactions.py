"""Buttons and modals: Details, Move (select → confirm → move), Next 10, Refresh."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from bot.blocks import ids
from shared.actions import get_job_candidate
from tests.bot.conftest import ALICE, Bot
from tests.support.blockkit import check_view


async def top_message(bot: Bot, job: int, extra: str = "") -> dict[str, Any]:
    before = len(bot.slack.of("response_url"))
    await bot.command(f"top-candidates job:{job} {extra}".strip())
    calls = await bot.slack.wait_for("response_url", before + 1)
    return calls[before].body


def view_of(call_body: dict[str, Any]) -> dict[str, Any]:
    view = dict(call_body["view"])
    view["id"] = call_body.get("view_id") or "V0001"
    return view


def first_row_id(message: dict[str, Any]) -> int:
    row = next(b for b in message["blocks"] if b.get("block_id", "").startswith("row:"))
    return int(row["block_id"].split(":")[1])


async def test_details_opens_a_modal_then_fills_it(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    response = await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=0))
    assert response.status_code == 200
    [opened] = await bot.slack.wait_for("views.open")
    assert opened.body["trigger_id"].startswith("trigger.")
    [filled] = await bot.slack.wait_for("views.update")
    view = filled.body["view"]
    check_view(view)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "AI summary" in text and "Criteria" in text
    assert "@" not in text.replace("<@", "")  # no e-mail address without TT_SHOW_CONTACT_DETAILS


async def test_move_select_confirm_then_move_updates_the_list(bot: Bot):
    tk = bot.service.tk
    message = await top_message(bot, bot.sandbox.job_ids[0])
    jc = first_row_id(message)
    before = await get_job_candidate(tk, jc)

    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=1))
    [pick] = await bot.slack.wait_for("views.update")
    pick_view = view_of(pick.body)
    assert pick_view["callback_id"] == ids.MOVE_PICK
    select = pick_view["blocks"][-1]["element"]
    target = next(o for o in select["options"] if o["value"] != str(before.stage_id))

    values = {
        ids.STAGE_BLOCK: {ids.STAGE_SELECT: {"type": "static_select", "selected_option": target}}
    }
    response = await bot.interact(bot.submit(pick_view, values=values))
    ack = response.json()
    assert ack["response_action"] == "update"
    confirm = ack["view"]
    check_view(confirm)
    assert confirm["callback_id"] == ids.MOVE_CONFIRM
    assert f"Move *{before.name}*" in confirm["blocks"][0]["text"]["text"]
    assert (await get_job_candidate(tk, jc)).stage_id == before.stage_id  # not yet

    confirmation = bot.submit({**confirm, "id": pick_view["id"]})
    response = await bot.interact(confirmation)
    assert response.json()["response_action"] == "update"
    # Slack retrying the same submission (or a double submit) must not move again.
    await bot.interact(confirmation, **{"X-Slack-Retry-Num": "1"})
    updates = await bot.slack.wait_for("views.update", 2)
    assert "moved" in json.dumps(updates[-1].body["view"])
    [_, refreshed] = await bot.slack.wait_for("response_url", 2)
    assert refreshed.body["replace_original"] is True
    notice = refreshed.body["blocks"][0]["text"]["text"]
    assert f"<@{ALICE}> moved *{before.name}* from *{before.stage}*" in notice
    after = await get_job_candidate(tk, jc)
    assert str(after.stage_id) == target["value"]
    await asyncio.sleep(0.1)
    [entry] = await tk.store.audit_entries(action="move")
    assert entry.actor == ALICE and entry.surface == "slack" and entry.result == "moved"


async def test_choosing_the_current_stage_is_refused_in_the_modal(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    jc = first_row_id(message)
    current = await get_job_candidate(bot.service.tk, jc)
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=1))
    [pick] = await bot.slack.wait_for("views.update")
    view = view_of(pick.body)
    option = next(
        o for o in view["blocks"][-1]["element"]["options"] if o["value"] == str(current.stage_id)
    )
    values = {ids.STAGE_BLOCK: {ids.STAGE_SELECT: {"selected_option": option}}}
    response = await bot.interact(bot.submit(view, values=values))
    assert response.json()["response_action"] == "errors"


async def test_move_from_the_details_modal(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=0))
    [details] = await bot.slack.wait_for("views.update")
    await bot.interact(bot.click_in_view(view_of(details.body), ids.MOVE))
    [pushed] = await bot.slack.wait_for("views.push")
    updates = await bot.slack.wait_for("views.update", 2)
    pick = view_of(updates[1].body)
    assert pick["callback_id"] == ids.MOVE_PICK
    assert json.loads(pick["private_metadata"])["ru"] == bot.slack.response_url("click")
    assert pushed.body["view"]["title"]["text"] == "Move candidate"


async def test_next_10_and_refresh_replace_the_list(bot: Bot):
    job = max(bot.sandbox.job_ids, key=lambda j: len(bot.sandbox.job_candidate_ids(j)))
    message = await top_message(bot, job)
    await bot.interact(bot.click(message, ids.NEXT_PAGE))
    [_, page2] = await bot.slack.wait_for("response_url", 2)
    assert page2.body["replace_original"] is True
    rows = [b for b in page2.body["blocks"] if b.get("block_id", "").startswith("row:")]
    assert rows[0]["text"]["text"].startswith("*11. ")
    assert ids.PREVIOUS_PAGE in json.dumps(page2.body["blocks"])

    await bot.interact(bot.click(page2.body, ids.REFRESH))
    [_, _, again] = await bot.slack.wait_for("response_url", 3)
    assert again.body["replace_original"] is True
    assert again.body["blocks"] == page2.body["blocks"]


async def test_top_candidates_button_from_the_jobs_list(bot: Bot):
    await bot.command("jobs")
    [jobs] = await bot.slack.wait_for("response_url")
    await bot.interact(bot.click(jobs.body, ids.OPEN_TOP))
    [_, top] = await bot.slack.wait_for("response_url", 2)
    assert top.body["replace_original"] is False and top.body["response_type"] == "in_channel"
    assert top.body["text"].startswith("Top candidates for")


async def test_candidate_text_cannot_ping_or_link(bot: Bot):
    job = bot.sandbox.job_ids[0]
    for jc_id in bot.sandbox.job_candidate_ids(job):
        bot.sandbox.edit_candidate(
            jc_id, first_name="<!channel>", employer="<https://evil.example|click>"
        )
    message = await top_message(bot, job)
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=0))
    await bot.slack.wait_for("views.update")
    sent = json.dumps([c.body for c in bot.slack.calls if c.method != "auth.test"])
    assert "<!channel>" not in sent and "<https://evil" not in sent
    assert "&lt;!channel&gt;" in sent and "&lt;https://evil.example|click&gt;" in sent


def confirm_view(meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "V_CONFIRM",
        "type": "modal",
        "callback_id": ids.MOVE_CONFIRM,
        "title": {"type": "plain_text", "text": "Confirm move"},
        "blocks": [],
        "private_metadata": json.dumps(meta),
    }


async def test_a_failed_move_says_why_in_the_modal(bot: Bot):
    top = await top_message(bot, bot.sandbox.job_ids[0])
    meta = {"jc": first_row_id(top), "s": "Nowhere", "sl": "Nowhere", "n": "Someone"}
    response = await bot.interact(bot.submit(confirm_view(meta)))
    assert response.json()["response_action"] == "update"
    [update] = await bot.slack.wait_for("views.update")
    text = json.dumps(update.body["view"])
    assert update.body["view_id"] == "V_CONFIRM" and "Not done" in text
    assert "is not in the pipeline" in text  # the use case's sentence, as it is
    [entry] = await bot.service.tk.store.audit_entries(action="move")  # the attempt, refused
    assert entry.result.startswith("refused: ") and "Nowhere" in entry.result


async def test_an_unexpected_error_is_logged_with_a_reference(bot: Bot, caplog, monkeypatch):
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("bot.listeners.views.move.move_candidate", broken)
    response = await bot.interact(bot.submit(confirm_view({"jc": 1, "s": "SCREEN"})))
    assert response.status_code == 200
    [update] = await bot.slack.wait_for("views.update")
    assert "Something went wrong on our side (ref " in json.dumps(update.body["view"])
    assert any("unexpected error (ref" in r.message for r in caplog.records)
