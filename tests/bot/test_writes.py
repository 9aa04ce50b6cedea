"""Rescores and moves: confirmed, attributed, audited, done once, and alerted once."""

from __future__ import annotations

import asyncio
import json

from bot.blocks import ids
from shared.actions import get_job_candidate, top_candidates
from tests.bot.conftest import ALICE, CHANNEL, Bot
from tests.bot.test_interactions import top_message


async def settle(bot: Bot) -> None:
    """Let the sandbox deliver every webhook (duplicates too) and drive the tracker through
    them: two passes, each waiting for the notices it sent (no fixed sleep)."""
    await bot.sandbox.drain()
    for _ in range(2):
        await bot.service.tracker.run_once()
        await bot.service.tracker.settle()


async def test_slash_rescore_confirms_in_channel_and_alerts_once_in_its_thread(bot: Bot):
    bot.sandbox.faults.webhook_duplicate_rate = 1.0
    job = bot.sandbox.job_ids[1]
    confirmation = await bot.confirmed(f"rescore job:{job}")
    count = len(bot.sandbox.job_candidate_ids(job))
    assert f"score {count} candidates again" in confirmation["text"]
    assert f"spends {count} scoring credits" in confirmation["text"]
    [pending] = await bot.slack.wait_for("chat.postMessage")
    assert pending.body["channel"] == CHANNEL and "thread_ts" not in pending.body
    [update] = await bot.slack.wait_for("chat.update")
    assert f"<@{ALICE}> started a rescore" in update.body["text"]
    confirmation_ts = update.body["ts"]

    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 2, "exactly one alert"
    alert = posts[1].body
    assert alert["channel"] == CHANNEL and alert["thread_ts"] == confirmation_ts
    text = json.dumps(alert["blocks"], ensure_ascii=False)
    assert "Rescore complete" in text and "rescored" in text and "New top 5" in text
    assert ids.OPEN_TOP in text
    assert len([d for d in bot.sandbox.deliveries if not d.dropped]) >= 2
    [entry] = await bot.service.tk.store.audit_entries(action="rescore")
    assert entry.actor == ALICE and entry.surface == "slack"


async def test_rescore_button_in_a_thread_alerts_in_that_thread(bot: Bot):
    job = bot.sandbox.job_ids[2]
    message = await top_message(bot, job)
    thread = "1700000000.000500"
    await bot.interact(bot.click(message, ids.RESCORE_JOB, thread_ts=thread))
    [_, asked] = await bot.slack.wait_for("response_url", 2)
    count = len(bot.sandbox.job_candidate_ids(job))
    assert (
        asked.body["response_type"] == "ephemeral" and f"{count} candidates" in asked.body["text"]
    )
    assert bot.slack.of("chat.postMessage") == []  # nothing before Confirm
    await bot.interact(bot.click(asked.body, ids.CONFIRM_WRITE, thread_ts=thread))
    [pending] = await bot.slack.wait_for("chat.postMessage")
    assert pending.body["thread_ts"] == thread
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 2
    assert posts[1].body["thread_ts"] == thread
    assert "Rescore complete" in posts[1].body["text"]


async def test_a_double_click_on_confirm_starts_one_rescore(bot: Bot):
    await bot.command(f"rescore job:{bot.sandbox.job_ids[3]}")
    [asked] = await bot.slack.wait_for("response_url")
    first = bot.click(asked.body, ids.CONFIRM_WRITE)
    second = bot.click(asked.body, ids.CONFIRM_WRITE)  # a new click: new trigger and action_ts
    await asyncio.gather(bot.interact(first), bot.interact(second))
    answers = await bot.slack.wait_for("response_url", 3)
    repeats = [a for a in answers if "ignoring the repeat" in (a.body.get("text") or "")]
    assert len(repeats) == 1 and repeats[0].body["response_type"] == "ephemeral"
    await bot.slack.wait_for("chat.update")
    await asyncio.sleep(0.1)
    assert len(await bot.service.tk.store.audit_entries(action="rescore")) == 1


async def test_slash_move_asks_first_then_says_who_moved_whom_once_despite_a_retry(bot: Bot):
    tk = bot.service.tk
    top = await top_candidates(tk, bot.sandbox.job_ids[0], limit=1)
    jc = top.candidates[0]
    before = await get_job_candidate(tk, jc.job_candidate_id)
    target = "OFFER" if before.stage != "Offer" else "SCREEN"
    await bot.command(f"move {jc.job_candidate_id} stage:{target}")
    [asked] = await bot.slack.wait_for("response_url")
    assert asked.body["response_type"] == "ephemeral"
    assert f"Move *{before.name}* from *{before.stage}*" in asked.body["text"]
    assert (await get_job_candidate(tk, jc.job_candidate_id)).stage_id == before.stage_id
    click = bot.click(asked.body, ids.CONFIRM_WRITE)
    await bot.interact(click)
    await bot.interact(click, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"})
    answers = await bot.slack.wait_for("response_url", 3)
    await bot.slack.wait_for("response_url", 3)
    moved = [a for a in answers if "moved" in (a.body.get("text") or "")]
    assert len(moved) == 1 and moved[0].body["response_type"] == "in_channel"
    assert f"<@{ALICE}> moved *{before.name}* from *{before.stage}*" in moved[0].body["text"]
    entries = await tk.store.audit_entries(action="move")
    assert [e.result for e in entries] == ["moved"]


async def test_out_of_credits_says_why_and_what_to_do(bot: Bot):
    bot.sandbox.credits = 0
    await bot.confirmed(f"rescore job:{bot.sandbox.job_ids[0]}")
    [update] = await bot.slack.wait_for("chat.update")
    assert "no scoring credits" in update.body["text"]
    assert "add credits" in update.body["text"].lower()
    assert await bot.service.tk.store.pending_rescores() == []


async def test_rescore_of_an_unknown_job_says_so_before_anything_is_posted(bot: Bot):
    await bot.command("rescore job:999999")
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral" and "not found" in answer.body["text"]
    assert "`/tt jobs`" in answer.body["text"]  # the next step, in Slack's words
    assert bot.slack.of("chat.postMessage") == []


async def test_not_in_channel_explains_how_to_invite(bot: Bot):
    bot.slack.errors["chat.postMessage"] = "not_in_channel"
    confirmation = await bot.confirmed(f"rescore job:{bot.sandbox.job_ids[0]}")
    answers = await bot.slack.wait_for("response_url", 3)
    assert "/invite" in answers[-1].body["text"]
    [refused] = await bot.service.tk.store.audit_entries(action="rescore")
    assert refused.result.startswith("refused") and refused.actor == ALICE
    # Nothing happened, so pressing Confirm again right away is no "repeat".
    del bot.slack.errors["chat.postMessage"]
    await bot.interact(bot.click(confirmation, ids.CONFIRM_WRITE))
    await bot.slack.wait_for("chat.update")
    entries = await bot.service.tk.store.audit_entries(action="rescore")
    assert len(entries) == 2 and not entries[0].result.startswith("refused")
    assert not any("ignoring the repeat" in (c.body.get("text") or "") for c in bot.slack.calls)


async def test_rate_limited_alert_is_retried_after_retry_after(bot: Bot):
    job = bot.sandbox.job_ids[1]
    await bot.confirmed(f"rescore job:{job}")
    await bot.slack.wait_for("chat.update")
    bot.slack.rate_limit_once["chat.postMessage"] = 1
    posts = await bot.slack.wait_for("chat.postMessage", 3)
    limited, retried = posts[1], posts[2]
    assert retried.at - limited.at >= 0.9
    assert retried.body["thread_ts"] == limited.body["thread_ts"]
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 3


async def test_app_home_shows_pending_and_recent_alerts(bot: Bot):
    await bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D1", "tab": "home"})
    [first] = await bot.slack.wait_for("views.publish")
    assert first.body["user_id"] == ALICE and first.body["view"]["type"] == "home"
    assert "None right now" in json.dumps(first.body["view"])

    await bot.confirmed(f"rescore job:{bot.sandbox.job_ids[1]}")
    await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    await bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D1", "tab": "home"})
    [_, second] = await bot.slack.wait_for("views.publish", 2)
    home = json.dumps(second.body["view"], ensure_ascii=False)
    assert "Last alerts" in home and "rescored" in home and ids.OPEN_TOP in home

    # Top candidates from Home goes to the app's DM with the person.
    click = bot.click_in_view({**second.body["view"], "id": "VHOME"}, ids.OPEN_TOP)
    click["view"]["type"] = "home"
    await bot.interact(click)
    posts = await bot.slack.wait_for("chat.postMessage", 3)
    assert posts[2].body["channel"] == ALICE


async def test_help_from_app_home_opens_a_modal(bot: Bot):
    await bot.event({"type": "app_home_opened", "user": ALICE, "channel": "D1", "tab": "home"})
    [home] = await bot.slack.wait_for("views.publish")
    click = bot.click_in_view({**home.body["view"], "id": "VHOME"}, ids.HELP)
    click["view"]["type"] = "home"
    await bot.interact(click)
    [opened] = await bot.slack.wait_for("views.open")
    assert "top-candidates" in json.dumps(opened.body["view"])


async def test_a_run_cut_short_by_credits_offers_to_rescore_only_the_rest(bot: Bot):
    job = bot.sandbox.job_ids[2]
    everyone = len(bot.sandbox.job_candidate_ids(job))
    bot.sandbox.credits = 10
    await bot.confirmed(f"rescore job:{job}")
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    alert = posts[-1].body
    assert "Rescore complete" not in alert["text"]
    label = f"Rescore the {everyone - 10} not done"
    assert label in json.dumps(alert["blocks"])

    bot.sandbox.credits = 1000
    seen = len(bot.slack.of("response_url"))
    await bot.interact(bot.click(alert, ids.RESCORE_NOT_DONE, thread_ts=alert.get("thread_ts")))
    asked = (await bot.slack.wait_for("response_url", seen + 1))[seen].body
    assert f"score {everyone - 10} candidates again" in asked["text"]
    await bot.interact(bot.click(asked, ids.CONFIRM_WRITE, thread_ts=alert.get("thread_ts")))
    updates = await bot.slack.wait_for("chat.update", 2)
    assert f"{everyone - 10} candidates queued" in updates[-1].body["text"]
