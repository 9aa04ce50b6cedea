"""TT_WRITERS: only the listed users and user-group members may rescore or move."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from bot.blocks import ids
from shared.actions import get_job_candidate, top_candidates
from tests.bot.conftest import Bot
from tests.bot.test_interactions import top_message

BOSS, CAROL, MALLORY = "U_BOSS", "U_CAROL", "U_MALLORY"


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"TT_WRITERS": f"{BOSS}, S_LEADS"}


async def first_candidate(bot: Bot) -> Any:
    top = await top_candidates(bot.service.tk, bot.sandbox.job_ids[0], limit=1)
    return top.candidates[0]


async def test_someone_not_listed_gets_an_ephemeral_no_and_nothing_moves(bot: Bot):
    row = await first_candidate(bot)
    response = await bot.command(f"move {row.job_candidate_id} stage:OFFER", user=MALLORY)
    assert response.status_code == 200  # answered, not "unhandled" (Slack would show an error)
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert "can't move candidates" in answer.body["text"] and "Slack admin" in answer.body["text"]
    assert "TT_WRITERS" not in answer.body["text"]  # an operator's setting, not a recruiter's
    after = await get_job_candidate(bot.service.tk, row.job_candidate_id)
    assert after.stage_id == row.stage_id
    # The attempt is audited as refused, with who tried.
    [entry] = await bot.service.tk.store.audit_entries()
    assert entry.actor == MALLORY and entry.surface == "slack" and entry.action == "move"
    assert entry.result.startswith("refused")


async def test_buttons_are_refused_too(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    for action, option in ((ids.RESCORE_JOB, None), (ids.CANDIDATE_MENU, 1)):
        click = bot.click(message, action, option=option, user=MALLORY)
        assert (await bot.interact(click)).status_code == 200
    answers = await bot.slack.wait_for("response_url", 3)
    assert all(a.body["response_type"] == "ephemeral" for a in answers[1:])
    assert all("You can't" in a.body["text"] for a in answers[1:])
    await asyncio.sleep(0.1)
    assert bot.slack.of("views.open") == [] and bot.slack.of("chat.postMessage") == []
    entries = await bot.service.tk.store.audit_entries()
    assert sorted(e.action for e in entries) == ["move", "rescore"]
    assert all(e.result.startswith("refused") for e in entries)


async def test_a_user_group_member_may_write_and_the_group_is_looked_up_once(bot: Bot):
    bot.slack.usergroups["S_LEADS"] = [CAROL]
    row = await first_candidate(bot)
    await bot.confirmed(f"move {row.job_candidate_id} stage:OFFER", user=CAROL)
    await bot.confirmed(f"move {row.job_candidate_id} stage:SCREEN", user=CAROL)
    answers = await bot.slack.wait_for("response_url", 6)
    assert sum(a.body.get("response_type") == "in_channel" for a in answers) == 2
    assert len(bot.slack.of("usergroups.users.list")) == 1
    entries = await bot.service.tk.store.audit_entries(action="move")
    assert {e.actor for e in entries} == {CAROL}


async def test_a_listed_user_may_move_from_the_modal(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    await bot.interact(bot.click(message, ids.CANDIDATE_MENU, option=1, user=BOSS))
    [pick] = await bot.slack.wait_for("views.update")
    assert pick.body["view"]["callback_id"] == ids.MOVE_PICK
    assert "Move to" in json.dumps(pick.body["view"])


async def test_ats_writes_are_refused_too(bot: Bot):
    row = await first_candidate(bot)
    await bot.command(f"push {row.job_candidate_id} to:ats", user=MALLORY)
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert "can't send candidates to the ATS" in answer.body["text"]
    message = await top_message(bot, bot.sandbox.job_ids[0])
    for option in (2, 3):  # the row menu's Send to ATS and Reject in the ATS…
        await bot.interact(bot.click(message, ids.CANDIDATE_MENU, user=MALLORY, option=option))
    answers = await bot.slack.wait_for("response_url", 4)
    refusals = [a.body["text"] for a in answers[2:]]
    assert "can't send candidates to the ATS" in refusals[0]
    assert "can't reject candidates in the ATS" in refusals[1]
    assert bot.slack.of("views.open") == []
    # Nothing reached the ATS: the attempts are audited as refused, with who tried.
    entries = await bot.service.tk.store.audit_entries()
    assert sorted(e.action for e in entries) == ["ats.push", "ats.push", "ats.reject"]
    assert all(e.result.startswith("refused") and e.actor == MALLORY for e in entries)


async def test_an_upload_is_refused_before_anything_is_checked_or_sent(bot: Bot):
    links = " ".join(f"https://files.example.com/cv/{i}.pdf" for i in range(300))
    await bot.command(f"upload job:{bot.sandbox.job_ids[0]} {links}", user=MALLORY)
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert "can't upload résumés" in answer.body["text"]
    [entry] = await bot.service.tk.store.audit_entries()
    assert entry.actor == MALLORY and entry.action == "upload"
    assert entry.result.startswith("refused")
    assert not [r for r in bot.sandbox.requests if r.path.endswith("/bulk/resume")]


async def test_someone_else_pressing_an_upload_confirm_is_refused(bot: Bot):
    links = " ".join(f"https://files.example.com/cv/{i}.pdf" for i in range(300))
    await bot.command(f"upload job:{bot.sandbox.job_ids[0]} {links}", user=BOSS)
    [confirmation] = await bot.slack.wait_for("response_url")
    assert "300 résumé links" in confirmation.body["text"]
    click = bot.click(confirmation.body, ids.CONFIRM_WRITE, user=MALLORY)
    await bot.interact(click)
    answers = await bot.slack.wait_for("response_url", 2)
    assert "can't upload résumés" in answers[1].body["text"]
    assert bot.slack.of("chat.postMessage") == []
    assert not [r for r in bot.sandbox.requests if r.path.endswith("/bulk/resume")]
