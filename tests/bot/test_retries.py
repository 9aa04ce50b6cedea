"""Slack's retries of a `/tt` read run it once: one ranking, one list in the channel.

Each retry carries the first delivery's trigger id and `X-Slack-Retry-Num`, signed, through
the real route and bolt app. After it, a command with a new trigger id (a "marker") is
answered: the answers in order show whether the retry posted anything of its own."""

from __future__ import annotations

from tests.bot.conftest import Bot

RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


def kinds(bot: Bot) -> list[str]:
    return [
        "top" if "Top " in (c.body.get("text") or "") else "jobs"
        for c in bot.slack.of("response_url")
    ]


async def test_a_retry_while_the_ranking_runs_posts_nothing(bot: Bot):
    job = bot.sandbox.job_ids[0]
    bot.sandbox.faults.latency = 0.05  # the ranking is still running when the retry comes
    first = await bot.command(f"top-candidates job:{job}", trigger_id="trigger.top")
    before = len(bot.sandbox.requests)
    retried = await bot.command(f"top-candidates job:{job}", trigger_id="trigger.top", **RETRY)
    assert first.status_code == retried.status_code == 200 and retried.content == b""
    await bot.slack.wait_for("response_url", 1)
    bot.sandbox.faults.latency = 0.0
    await bot.command("jobs", trigger_id="trigger.marker")
    await bot.slack.wait_for("response_url", 2)
    assert kinds(bot) == ["top", "jobs"]
    assert len(bot.sandbox.requests) > before  # the first delivery's ranking went on


async def test_a_late_retry_does_not_rank_again(bot: Bot):
    job = bot.sandbox.job_ids[0]
    await bot.command(f"top-candidates job:{job}", trigger_id="trigger.top")
    await bot.slack.wait_for("response_url", 1)
    before = len(bot.sandbox.requests)
    retried = await bot.command(f"top-candidates job:{job}", trigger_id="trigger.top", **RETRY)
    assert retried.status_code == 200 and retried.content == b""
    assert len(bot.sandbox.requests) == before  # answered by the middleware: no request
    await bot.command("jobs", trigger_id="trigger.marker")
    await bot.slack.wait_for("response_url", 2)
    assert kinds(bot) == ["top", "jobs"]


async def test_the_same_command_typed_again_is_answered_again(bot: Bot):
    job = bot.sandbox.job_ids[0]
    await bot.command(f"top-candidates job:{job}")  # each with its own trigger id
    await bot.command(f"top-candidates job:{job}")
    await bot.slack.wait_for("response_url", 2)
    assert kinds(bot) == ["top", "top"]
