"""`/tt upload`: links checked first, confirmed with how many links and batches into which
job, the started message in the channel, and one report in its thread; MCP and CLI
uploads report in TT_ALERT_CHANNEL."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.notifier import SlackNotifier
from shared.actions.models import JobRef
from shared.actions.uploads import KIND, Chunk, UploadReport, upload_notice, upload_resumes
from shared.actions.uploads.models import NewcomerRow
from shared.sandbox.dialect import DIALECTS
from shared.store import Origin
from tests.bot.conftest import ALICE, CHANNEL, Bot
from tests.support.uploads import links


async def settle_uploads(bot: Bot) -> None:
    """TapTalent has parsed and scored (drain); every running upload is due for a look
    now rather than at its scheduled re-check; two tracker passes, no sleeping."""
    await bot.sandbox.drain()
    store = bot.service.tk.store
    for _ in range(2):
        for operation in await store.operations(KIND, pending=True):
            await store.schedule_operation_poll(KIND, operation.id, 0.0)
        await bot.service.tracker.run_once()
        await bot.service.tracker.settle()


@pytest.mark.parametrize("sandbox_dialect", DIALECTS)
async def test_slash_upload_confirms_then_reports_once_in_its_thread(bot: Bot):
    bot.sandbox.faults.webhook_duplicate_rate = 1.0
    job = bot.sandbox.job_ids[1]
    urls = links(3, failing=1)
    confirmation = await bot.confirmed(f"upload job:{job} " + " ".join(urls))
    text = confirmation["text"]
    assert "Upload 3 résumé links" in text and f"(job {job})" in text and "1 batch " in text
    [pending] = await bot.slack.wait_for("chat.postMessage")
    assert pending.body["channel"] == CHANNEL and "thread_ts" not in pending.body
    [update] = await bot.slack.wait_for("chat.update")
    assert f"<@{ALICE}> is uploading 3 résumé links" in update.body["text"]
    await settle_uploads(bot)
    posts = bot.slack.of("chat.postMessage")
    assert len(posts) == 2, "exactly one report"
    report = posts[1].body
    assert report["channel"] == CHANNEL and report["thread_ts"] == update.body["ts"]
    shown = json.dumps(report["blocks"], ensure_ascii=False)
    assert "2 résumés parsed, 1 failed" in shown and "★ new" in shown
    assert "fail-0.pdf" in shown  # the failed file is named with its reason
    [entry] = await bot.service.tk.store.audit_entries(action="upload")
    assert entry.actor == ALICE and entry.surface == "slack" and entry.result == "started"


async def test_many_links_fit_in_the_confirmation_and_the_report(bot: Bot):
    job = bot.sandbox.job_ids[0]
    confirmation = await bot.confirmed(f"upload job:{job} " + " ".join(links(450)))
    assert "450 résumé links" in confirmation["text"] and "3 batches" in confirmation["text"]
    assert "and 447 more links" in json.dumps(confirmation["blocks"], ensure_ascii=False)
    [update] = await bot.slack.wait_for("chat.update")
    assert "in 3 batches" in update.body["text"]
    await settle_uploads(bot)
    posts = bot.slack.of("chat.postMessage")
    assert len(posts) == 2 and "450 résumés parsed" in posts[1].body["text"]
    # The fake Slack refuses what Slack would (blocks, lengths): the fixture checks it.


async def test_refused_links_are_named_before_anything_is_asked(bot: Bot):
    job = bot.sandbox.job_ids[0]
    await bot.command(f"upload job:{job} ftp://files.example.com/a.pdf https://localhost/b.pdf")
    [answer] = await bot.slack.wait_for("response_url")
    said = answer.body["text"]
    assert "2 URLs refused" in said and "ftp://files.example.com/a.pdf" in said
    assert "localhost" in said and "Allowed: public http://" in said
    assert bot.slack.of("chat.postMessage") == []
    assert await bot.service.tk.store.operations(KIND) == []


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"TT_ALERT_CHANNEL": "C_ALERTS"}


@pytest.mark.parametrize("kind", ["mcp", "cli"])
async def test_mcp_and_cli_uploads_report_in_the_alert_channel(bot: Bot, kind: str):
    me = Origin(kind=kind, user=f"{kind}:alice")  # type: ignore[arg-type]
    await upload_resumes(bot.service.tk, bot.sandbox.job_ids[1], links(2), requested_by=me)
    await settle_uploads(bot)
    [report] = bot.slack.of("chat.postMessage")
    assert report.body["channel"] == "C_ALERTS" and "thread_ts" not in report.body
    assert "2 résumés parsed, 0 failed" in report.body["text"]


async def test_a_report_of_25_troubled_batches_keeps_its_counts_and_top_5(bot: Bot):
    """Every batch with a long reason: five are listed, the rest counted, and the top 5
    with its newcomer still fits one Slack section (the fake Slack refuses what Slack
    would)."""
    notifier = bot.service.surfaces[0].notifiers["slack"]
    assert isinstance(notifier, SlackNotifier)
    why = "TapTalent could not download the file <https://evil.example|here> " + "x" * 400
    chunks = [
        Chunk(
            number=n, urls=200, first_url=f"https://files.example.com/{n}/0.pdf", links=[]
        ).model_copy(update={"state": "failed", "parsed": 0, "failed": 200, "reason": why})
        for n in range(1, 25)
    ]
    chunks.append(Chunk(number=25, urls=200, state="completed", parsed=200, failed=0))
    top = [
        NewcomerRow(rank=i, job_candidate_id=i, name=f"Name {i} <!here>", score=99 - i, new=i == 2)
        for i in range(1, 6)
    ]
    report = UploadReport(
        upload_id="upload_1_x",
        job=JobRef(id=1, title="Data Scientist"),
        origin=Origin(kind="slack", user="U1", channel="C42", thread_ts="1.2"),
        urls=5000,
        parsed=200,
        failed=4800,
        chunks=chunks,
        top=top,
    )
    await notifier.operation_finished(upload_notice(report))
    [post] = await bot.slack.wait_for("chat.postMessage")
    shown = json.dumps(post.body["blocks"], ensure_ascii=False)
    assert "200 résumés parsed, 4,800 failed" in shown and "19 more batches" in shown
    assert "Name 2 &lt;!here&gt; — 97 ★ new" in shown and "5. Name 5" in shown
    assert "<https://" not in shown and "<!here>" not in shown
