"""Each `/tt` command through the real HTTP route: a fast ack, then the answer."""

from __future__ import annotations

import json
import time

from tests.bot.conftest import Bot
from tests.support.blockkit import check_calls, check_message

ACK_BUDGET = 0.5  # seconds; Slack allows 3, the aim is well under 0.1 on a warm process


async def test_bad_signature_is_refused(bot: Bot):
    body = "command=/tt&text=jobs&user_id=U1"
    headers = {
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "X-Slack-Signature": "v0=" + "0" * 64,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    response = await bot.http.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 401
    assert bot.slack.of("response_url") == []


async def test_help_is_answered_in_the_ack_and_ephemeral(bot: Bot):
    await bot.command("jobs")  # warm up (bolt checks the token once, on the first request)
    started = time.perf_counter()
    response = await bot.command("help")
    assert time.perf_counter() - started < ACK_BUDGET
    assert response.status_code == 200
    body = response.json()
    assert body["response_type"] == "ephemeral"
    check_message(body)
    assert "top-candidates" in body["text"]


async def test_parse_error_teaches_the_right_form(bot: Bot):
    response = await bot.command("top-candidates job:42 limt:5")
    body = response.json()
    assert body["response_type"] == "ephemeral"
    check_message(body)
    assert "limit" in body["text"]  # "Did you mean limit?"
    assert "Try: `/tt top-candidates" in json.dumps(body["blocks"])


async def test_jobs_is_acked_empty_then_answered_in_channel(bot: Bot):
    started = time.perf_counter()
    response = await bot.command("jobs")
    assert response.status_code == 200 and response.content == b""
    assert time.perf_counter() - started < 2.0  # includes the one-off auth.test
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.body["response_type"] == "in_channel"
    check_message(answer.body)
    assert "Jobs" in answer.body["text"]
    assert "tt_open_top" in json.dumps(answer.body["blocks"])


async def test_job_shows_stages_with_counts(bot: Bot):
    job = bot.sandbox.job_ids[0]
    await bot.command(f"job {job}")
    [answer] = await bot.slack.wait_for("response_url")
    check_message(answer.body)
    text = json.dumps(answer.body["blocks"], ensure_ascii=False)
    assert "Pipeline" in text and "SCREEN" in text and " — " in text


async def test_top_candidates_lists_ranked_rows(bot: Bot):
    job = bot.sandbox.job_ids[0]
    started = time.perf_counter()
    await bot.command(f"top-candidates job:{job} limit:5")
    ack_time = time.perf_counter() - started
    [answer] = await bot.slack.wait_for("response_url")
    check_message(answer.body)
    rows = [b for b in answer.body["blocks"] if b.get("block_id", "").startswith("row:")]
    assert len(rows) == 5
    assert rows[0]["text"]["text"].startswith("*1. ")
    assert ack_time < 2.0


async def test_search_and_unknown_job(bot: Bot):
    await bot.command("search engineer")
    [answer] = await bot.slack.wait_for("response_url")
    check_message(answer.body)
    assert "Search" in answer.body["text"]
    started = time.perf_counter()
    response = await bot.command("job 999999")
    assert response.status_code == 200 and time.perf_counter() - started < ACK_BUDGET
    calls = await bot.slack.wait_for("response_url", 2)
    error = calls[1].body
    assert error["response_type"] == "ephemeral"
    assert "was not found" in error["text"] and "jobs" in error["text"]


async def test_rescore_status_of_an_unknown_id_is_explained(bot: Bot):
    await bot.command("rescore-status rescore_1_1")
    [answer] = await bot.slack.wait_for("response_url")
    assert answer.body["response_type"] == "ephemeral"
    assert "not found" in answer.body["text"]
    assert check_calls(bot.slack.calls) >= 1
