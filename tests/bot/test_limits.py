"""Slack's documented limits at the maximum arguments, through the real app: the fake Web
API refuses what Slack refuses (`invalid_blocks`), and every refusal reaches the person."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from bot.blocks import ids
from bot.blocks.ats import push_batch_message
from bot.blocks.payloads import TopQuery, decode
from shared.actions import rescore
from shared.actions.ats.models import AtsJobInfo, PushBatchResult, PushFailure, PushResult
from shared.actions.models import JobRef
from shared.store import Origin
from tests.bot.conftest import ALICE, CHANNEL, Bot
from tests.bot.test_interactions import top_message, view_of
from tests.support.blockkit import limit_problems


def rows(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in message["blocks"] if b.get("block_id", "").startswith("row:")]


def next_query(message: dict[str, Any]) -> TopQuery | None:
    for block in message["blocks"]:
        for element in block.get("elements") or []:
            if element.get("action_id") == ids.NEXT_PAGE:
                return decode(TopQuery, element["value"])
    return None


def test_the_checker_knows_slacks_limits():
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "x"}}
    assert limit_problems({"text": "t", "blocks": [section] * 51})
    assert not limit_problems({"text": "t", "blocks": [section] * 50})
    twice = {"type": "button", "text": {"type": "plain_text", "text": "a"}, "action_id": "a"}
    assert limit_problems({"text": "t", "blocks": [{"type": "actions", "elements": [twice] * 2}]})
    long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    assert limit_problems({"text": "t", "blocks": [long]})
    header = {"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}
    assert limit_problems({"view": {"type": "home", "blocks": [header]}})


async def test_top_candidates_limit_50_all_fits_and_next_continues(bot: Bot):
    job = max(bot.sandbox.job_ids, key=lambda j: len(bot.sandbox.job_candidate_ids(j)))
    message = await top_message(bot, job, "limit:50 all")
    assert not bot.slack.refused()
    shown = rows(message)
    assert 40 <= len(shown) < 50 and len(message["blocks"]) <= 50
    assert f"Slack fits {len(shown)} rows in one message" in json.dumps(message["blocks"])
    query = next_query(message)
    assert query is not None and query.offset == len(shown) and query.include_rejected


async def test_search_limit_49_fits(bot: Bot):
    await bot.command("search engineer limit:49")
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.refused is None and len(answer.body["blocks"]) <= 50
    assert "add words to narrow it" in json.dumps(answer.body["blocks"])


async def test_a_move_from_a_47_row_list_updates_the_list(bot: Bot):
    job = max(bot.sandbox.job_ids, key=lambda j: len(bot.sandbox.job_candidate_ids(j)))
    message = await top_message(bot, job, "limit:47")
    await bot.interact(
        bot.click(message, ids.CANDIDATE_MENU, option=1, block_id=rows(message)[0]["block_id"])
    )
    [pick] = await bot.slack.wait_for("views.update")
    view = view_of(pick.body)
    option = view["blocks"][-1]["element"]["options"][-1]
    values = {ids.STAGE_BLOCK: {ids.STAGE_SELECT: {"selected_option": option}}}
    confirm = (await bot.interact(bot.submit(view, values=values))).json()["view"]
    await bot.interact(bot.submit({**confirm, "id": view["id"]}))
    refreshed = (await bot.slack.wait_for("response_url", 2))[1]
    assert refreshed.refused is None, limit_problems(refreshed.body)
    assert (refreshed.body["replace_original"] is True and "moved" in refreshed.body["text"]) or (
        "moved" in json.dumps(refreshed.body["blocks"])
    )


async def test_home_with_rescores_of_several_jobs_is_published(bot: Bot):
    origin = Origin(kind="slack", user=ALICE, channel=CHANNEL)
    for job in bot.sandbox.job_ids:
        await rescore(bot.service.tk, job, requested_by=origin)
    await bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D1", "tab": "home"})
    [published] = await bot.slack.wait_for("views.publish")
    assert published.refused is None, limit_problems(published.body)
    home = json.dumps(published.body["view"], ensure_ascii=False)
    # Pending rescores are named by their job's title, not "Job 4203".
    assert "Senior Backend Engineer" in home or "(job " in home
    quick = next(b for b in published.body["view"]["blocks"] if b.get("block_id") == "home:quick")
    action_ids = [e["action_id"] for e in quick["elements"]]
    assert len(action_ids) == len(set(action_ids)) and len(action_ids) >= 3


async def test_a_refused_answer_is_followed_by_a_sentence(bot: Bot):
    bot.slack.allow_invalid = True
    bot.slack.response_errors["cmd-jobs"] = 400  # Slack refuses the first answer
    await bot.command("jobs")
    first, second = await bot.slack.wait_for("response_url", 2)
    assert first.refused and second.refused is None
    assert "Slack refused my answer" in second.body["text"]
    assert second.body["response_type"] == "ephemeral"


async def test_an_error_from_the_home_tab_reaches_the_person_by_dm(bot: Bot, caplog):
    bot.slack.allow_invalid = True
    bot.slack.errors["views.publish"] = "invalid_blocks"
    await bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D1", "tab": "home"})
    [dm] = await bot.slack.wait_for("chat.postMessage")
    assert dm.body["channel"] == ALICE and "Slack refused" in dm.body["text"]


async def test_when_nothing_reaches_the_person_the_error_handler_still_does_not_raise(
    bot: Bot, caplog
):
    for method in ("views.publish", "chat.postMessage"):
        bot.slack.errors[method] = "invalid_auth"
    await bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D1", "tab": "home"})
    await bot.slack.wait_for("views.publish", 2)  # the tab, then the notice on it
    for _ in range(500):  # the handler logs once the last attempt has failed (bounded wait)
        if any("could not report an error" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.02)
    assert any("could not report an error" in r.getMessage() for r in caplog.records)
    assert not any("never retrieved" in r.getMessage() for r in caplog.records)


async def test_a_web_api_refusal_is_told_to_the_person(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    bot.slack.errors["views.open"] = "invalid_trigger"  # e.g. the click came too late
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=0))
    [_, told] = await bot.slack.wait_for("response_url", 2)
    assert told.body["response_type"] == "ephemeral"
    assert "Slack refused my answer (invalid_trigger)" in told.body["text"]


def test_pushing_the_top_50_fits_one_message_and_says_how_many_are_not_listed():
    job = JobRef(id=4201, title="Senior Backend Engineer " * 10)
    ats_job = AtsJobInfo(id="KJ0001", name="Senior Backend Engineer " * 10)
    pushed = [
        PushResult(
            job_candidate_id=500000 + n,
            name=f"Candidate {n} " * 10,
            job=job,
            ats_job=ats_job,
            application_id=f"app{n}",
            remote_url=f"https://ats.example/applications/{n}",
            changed=True,
            created=True,
            steps=["created the application", "added the result link", "added the note"],
            message="Sent to the ATS.",
        )
        for n in range(50)
    ]
    failed = [
        PushFailure(job_candidate_id=n, name=f"Failed {n}", error="x" * 300) for n in range(12)
    ]
    batch = PushBatchResult(job=job, pushed=pushed, failed=failed, message="Pushed the top 50.")
    message = push_batch_message(batch, "U1")
    assert not limit_problems(message)
    text = json.dumps(message, ensure_ascii=False)
    assert "…and 30 more candidates (see the audit log)." in text
    assert "…and 2 more that failed." in text
