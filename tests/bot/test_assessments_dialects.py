"""`/tt assess` to its alert on every sandbox dialect (the other bot tests use `tt`)."""

from __future__ import annotations

import json

import pytest

from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.dialect import DIALECTS
from tests.bot import conftest
from tests.bot.conftest import CHANNEL, Bot
from tests.bot.test_writes import settle


@pytest.fixture(autouse=True, params=DIALECTS)
def dialect(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    def small_sandbox() -> Sandbox:
        return Sandbox(
            SandboxConfig(
                seed=7,
                rescore_delay=0.05,
                big_job_size=0,
                jobs=4,
                candidates_per_job=(25, 60),
                other_company_jobs=1,
                dialect=request.param,
            )
        )

    monkeypatch.setattr(conftest, "small_sandbox", small_sandbox)
    return str(request.param)


async def test_assess_ends_in_one_alert_in_its_thread(bot: Bot, dialect: str):
    assert bot.sandbox.config.dialect == dialect
    jc = bot.sandbox.job_candidate_ids(bot.sandbox.job_ids[1])[0]
    await bot.confirmed(f"assess {jc}")
    [update] = await bot.slack.wait_for("chat.update")
    posts = await bot.slack.wait_for("chat.postMessage", 2)
    await settle(bot)
    assert len(bot.slack.of("chat.postMessage")) == 2
    alert = posts[1].body
    assert alert["channel"] == CHANNEL and alert["thread_ts"] == update.body["ts"]
    assert "Assessment scored" in json.dumps(alert["blocks"], ensure_ascii=False)
