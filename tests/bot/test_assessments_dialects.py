"""`/tt assess` to its alert on every sandbox dialect (the other bot tests use `tt`)."""

from __future__ import annotations

import json

import pytest

from shared.sandbox.dialect import DIALECTS
from tests.bot.conftest import CHANNEL, Bot
from tests.bot.test_writes import settle


@pytest.fixture(params=DIALECTS)
def sandbox_dialect(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_assess_ends_in_one_alert_in_its_thread(bot: Bot, sandbox_dialect: str):
    assert bot.sandbox.config.dialect == sandbox_dialect
    jc = bot.sandbox.job_candidate_ids(bot.sandbox.job_ids[1])[0]
    await bot.confirmed(f"assess {jc}")
    [update] = await bot.slack.wait_for("chat.update")
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 2
    alert = posts[1].body
    assert alert["channel"] == CHANNEL and alert["thread_ts"] == update.body["ts"]
    assert "Assessment scored" in json.dumps(alert["blocks"], ensure_ascii=False)
