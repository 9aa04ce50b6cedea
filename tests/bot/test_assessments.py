"""Assessments in Slack through the real bolt app and the fake Slack Web API: the list, one
assessment's questions within Slack's limits, and `/tt assess` confirmed, attributed,
audited, and ending in exactly one alert in its thread (webhooks duplicated)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.blocks import ids
from shared.actions.assessments import invite_to_assessment
from shared.store import Origin
from shared.taptalent.models.assessments import QuestionInput
from tests.bot.conftest import ALICE, CHANNEL, Bot
from tests.bot.test_interactions import first_row_id, top_message
from tests.bot.test_writes import settle

INVITE_OPTION = 4  # the row menu: Details, Move, Send to ATS, Reject, Invite to assessment


async def _answer(bot: Bot, text: str) -> dict:
    seen = len(bot.slack.of("response_url"))
    await bot.command(text)
    answers = await bot.slack.wait_for("response_url", seen + 1)
    return answers[seen].body


async def test_assessments_list_and_one_with_its_questions(bot: Bot):
    listed = await _answer(bot, "assessments")
    assert listed["response_type"] == "in_channel" and "4 assessments" in listed["text"]
    text = json.dumps(listed["blocks"], ensure_ascii=False)
    assert "submissions" in text and "/tt assess &lt;job candidate id&gt;" not in text
    page = await bot.service.tk.client.assessments.list()
    first = page.assessments[0]
    shown = await _answer(bot, f"assessment {first.id}")
    blocks = json.dumps(shown["blocks"], ensure_ascii=False)
    detail = await bot.service.tk.client.assessments.get(first.id)
    assert all(q.question[:40] in blocks for q in detail.question_list())
    assert "Questions (" in blocks and "TapTalent's text" in blocks
    assert f"Completed by {first.submission_count}" in blocks


async def test_a_long_question_list_fits_one_message_and_says_what_it_leaves_out(bot: Bot):
    client = bot.service.tk.client
    first = (await client.assessments.list()).assessments[0]
    for n in range(40):
        long = f"Question {n}: " + "tell us about <@U999> and https://evil.example " * 40
        await client.assessments.add_question(first.id, QuestionInput(question=long[:1990]))
    shown = await _answer(bot, f"assessment {first.id}")
    blocks = json.dumps(shown["blocks"], ensure_ascii=False)
    assert len(shown["blocks"]) <= 50 and "<@U999>" not in blocks
    assert "&lt;@U999&gt;" in blocks  # escaped, never a mention
    # Each question is cut to 600 characters, so all 42 fit; the count says so.
    assert "Questions (42)" in blocks and "not shown here" not in blocks


async def test_assess_confirms_then_alerts_once_in_its_thread(bot: Bot):
    bot.sandbox.faults.webhook_duplicate_rate = 1.0
    job = bot.sandbox.job_ids[1]
    jc = bot.sandbox.job_candidate_ids(job)[0]
    assert bot.slack.of("chat.postMessage") == []
    confirmation = await bot.confirmed(f"assess {jc}")
    assert (
        f"job candidate {jc}" in confirmation["text"] and "voice interview" in confirmation["text"]
    )
    assert "audit log" in confirmation["text"]
    [pending] = await bot.slack.wait_for("chat.postMessage")
    assert pending.body["channel"] == CHANNEL
    [update] = await bot.slack.wait_for("chat.update")
    assert f"<@{ALICE}>" in update.body["text"] and "invited" in update.body["text"]
    thread = update.body["ts"]
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 2, "exactly one alert"
    alert = posts[1].body
    assert alert["channel"] == CHANNEL and alert["thread_ts"] == thread
    text = json.dumps(alert["blocks"], ensure_ascii=False)
    assert "Assessment scored" in text and "/ 100" in text and "TapTalent match score" in text
    assert "written by TapTalent's AI" in text
    [entry] = await bot.service.tk.store.audit_entries(action="assessment.invite")
    assert entry.actor == ALICE and entry.surface == "slack"
    # Scored: inviting again is a new invitation, so it asks again.
    again = await _answer(bot, f"assess {jc}")
    assert again["response_type"] == "ephemeral" and again["text"].startswith("Invite")


async def test_assess_new_says_it_creates_one_first(bot: Bot):
    jc = bot.sandbox.job_candidate_ids(bot.sandbox.job_ids[2])[0]
    confirmation = await bot.confirmed(f"assess {jc} assessment:new")
    assert "has no assessment yet" not in confirmation["text"]  # it has one; new makes another
    assert "Create a new assessment for job" in confirmation["text"]
    [update] = await bot.slack.wait_for("chat.update")
    assert "created" in update.body["text"] and "from the job" in update.body["text"]
    [made] = await bot.service.tk.store.audit_entries(action="assessment.generate")
    assert made.actor == ALICE


async def test_a_rows_menu_invites_with_the_same_confirmation_in_the_lists_thread(bot: Bot):
    job = bot.sandbox.job_ids[2]
    message = await top_message(bot, job)
    jc = first_row_id(message)
    thread = "1700000000.000700"
    before = len(bot.slack.of("response_url"))
    await bot.interact(
        bot.click(message, ids.CANDIDATE_MENU, option=INVITE_OPTION, thread_ts=thread)
    )
    asked = (await bot.slack.wait_for("response_url", before + 1))[-1].body
    assert asked["response_type"] == "ephemeral" and asked["replace_original"] is False
    assert f"job candidate {jc}" in asked["text"]
    await bot.interact(bot.click(asked, ids.CONFIRM_WRITE, thread_ts=thread))
    [pending] = await bot.slack.wait_for("chat.postMessage")
    assert pending.body["thread_ts"] == thread
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 2
    assert posts[1].body["thread_ts"] == thread and "Assessment scored" in posts[1].body["text"]


async def test_a_draft_assessment_is_refused_before_anything_is_sent(bot: Bot):
    job = bot.sandbox.job_ids[3]  # not ACTIVE, and so neither is its assessment
    jc = bot.sandbox.job_candidate_ids(job)[0]
    refused = await _answer(bot, f"assess {jc}")
    assert refused["response_type"] == "ephemeral" and "is DRAFT" in refused["text"]
    assert f"/tt assess {jc} assessment:new" in refused["text"]
    assert bot.slack.of("chat.postMessage") == []


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"TT_ALERT_CHANNEL": "C_ALERTS"}


async def test_an_mcp_invitation_alerts_in_the_alert_channel_with_its_summary_escaped(bot: Bot):
    bot.sandbox.faults.webhook_drop_rate = 1.0  # this test delivers the webhook itself
    jc = bot.sandbox.job_candidate_ids(bot.sandbox.job_ids[1])[0]
    assistant = Origin(kind="mcp", user="pytest-assistant")
    sent = await invite_to_assessment(bot.service.tk, jc, requested_by=assistant)
    candidate = (await bot.service.tk.client.job_candidates.bulk_fetch([jc]))[0].candidate_id
    summary = "Great <@U999> answers, see https://evil.example <!channel> " + "and more " * 80
    body = {
        "event": "assessment.interview.scoring_completed",
        "data": {
            "assessmentId": sent.assessment.id,
            "jobCandidateId": jc,
            "candidateId": candidate,
            "status": "COMPLETED",
            "score": 77.5,
            "summary": summary,
        },
    }
    headers = {
        "X-Webhook-Key": bot.sandbox.webhook_key,
        "X-Webhook-Event": "assessment.interview.scoring_completed",
    }
    for _ in range(2):  # delivered twice
        answer = await bot.http.post("/webhooks/taptalent", json=body, headers=headers)
        assert answer.status_code == 200
    await settle(bot)
    [alert] = bot.slack.of("chat.postMessage")
    assert alert.body["channel"] == "C_ALERTS" and "thread_ts" not in alert.body
    text = json.dumps(alert.body["blocks"], ensure_ascii=False)
    assert "score 77.5 / 100" in text and "written by TapTalent's AI" in text
    assert "<@U999>" not in text and "<!channel>" not in text and "&lt;@U999&gt;" in text
    assert "and more and more" in text and "…" in text  # trimmed, not dropped
