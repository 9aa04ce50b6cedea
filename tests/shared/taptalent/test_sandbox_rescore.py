"""Rescoring end to end against the sandbox, with webhooks caught by a small Starlette app."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.taptalent import TapTalentClient
from shared.taptalent.errors import InsufficientCreditsError
from shared.taptalent.models import RescoreStatus


class WebhookRecorder:
    """Records every delivery: (headers, JSON envelope)."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.app = Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> JSONResponse:
        self.deliveries.append((dict(request.headers), await request.json()))
        return JSONResponse({"received": True})

    def events(self, name: str) -> list[dict[str, Any]]:
        return [body for _, body in self.deliveries if body.get("event") == name]


@pytest.fixture
def recorder(sandbox: Any) -> WebhookRecorder:
    hooks = WebhookRecorder()
    sandbox.webhook_transport = httpx.ASGITransport(app=hooks.app)
    sandbox.webhook_url = "http://recorder/hook"
    return hooks


async def wait_finished(client: TapTalentClient, rescore_id: str) -> RescoreStatus:
    for _ in range(200):
        status = await client.rescores.get(rescore_id)
        if status.is_finished:
            return status
        await asyncio.sleep(0.02)
    raise AssertionError(f"{rescore_id} never finished")


async def some_job_candidate_ids(client: TapTalentClient, job_id: Any, n: int) -> list[Any]:
    ids: list[Any] = []
    async for candidate in client.job_candidates.iter(job_id):
        ids.append(candidate.id)
        if len(ids) == n:
            break
    return ids


async def test_rescore_end_to_end_with_webhook(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    job_id = sandbox.big_job_id
    ids = await some_job_candidate_ids(sandbox_client, job_id, 40)
    (started,) = await sandbox_client.rescores.start(job_id, job_candidate_ids=ids)
    assert started.rescore_id.startswith(f"rescore_{job_id}_")
    assert started.total_queued == 40

    await sandbox.drain()
    status = await wait_finished(sandbox_client, started.rescore_id)
    assert status.status == "completed"
    assert sorted(map(str, status.job_candidate_ids)) == sorted(map(str, ids))
    assert status.total_processed == 40 and not status.errors

    (delivery,) = recorder.events("job.candidates.rescored")
    assert delivery["data"]["rescoreId"] == started.rescore_id
    assert delivery["data"]["status"] == "completed"
    headers = next(h for h, b in recorder.deliveries if b is delivery)
    assert headers["x-webhook-event"] == "job.candidates.rescored"
    webhook_status = RescoreStatus.model_validate(delivery["data"])
    assert webhook_status.rescore_id == started.rescore_id

    rescored = await sandbox_client.rescores.candidates(started.rescore_id)
    assert sorted(str(c.id) for c in rescored) == sorted(map(str, ids))
    assert all(c.profile_match_score is not None for c in rescored)


async def test_rescore_600_ids_is_three_runs(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    ids = await some_job_candidate_ids(sandbox_client, sandbox.big_job_id, 600)
    before = sandbox_client.request_count
    started = await sandbox_client.rescores.start(sandbox.big_job_id, job_candidate_ids=ids)
    assert sandbox_client.request_count - before == 3
    assert len({s.rescore_id for s in started}) == 3
    assert [s.total_queued for s in started] == [250, 250, 100]
    await sandbox.drain()
    for run in started:
        assert (await wait_finished(sandbox_client, run.rescore_id)).status == "completed"
    delivered = {e["data"]["rescoreId"] for e in recorder.events("job.candidates.rescored")}
    assert delivered == {s.rescore_id for s in started}


async def test_duplicate_webhook_delivery(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    sandbox.faults.webhook_duplicate_rate = 1
    ids = await some_job_candidate_ids(sandbox_client, sandbox.big_job_id, 10)
    (started,) = await sandbox_client.rescores.start(sandbox.big_job_id, job_candidate_ids=ids)
    await sandbox.drain()
    events = [
        e
        for e in recorder.events("job.candidates.rescored")
        if e["data"]["rescoreId"] == started.rescore_id
    ]
    assert len(events) >= 2
    assert all(e["data"] == events[0]["data"] for e in events)
    assert (await wait_finished(sandbox_client, started.rescore_id)).status == "completed"


async def test_dropped_webhook_status_still_completes(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    sandbox.faults.webhook_drop_rate = 1
    ids = await some_job_candidate_ids(sandbox_client, sandbox.big_job_id, 10)
    (started,) = await sandbox_client.rescores.start(sandbox.big_job_id, job_candidate_ids=ids)
    await sandbox.drain()
    assert recorder.events("job.candidates.rescored") == []
    status = await wait_finished(sandbox_client, started.rescore_id)
    assert status.status == "completed" and status.total_processed == 10


async def test_rescore_whole_stage_without_ids(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    job = await sandbox_client.jobs.get(sandbox.big_job_id)
    stage = next(s for s in job.pipeline_stage if s.total_candidate)
    stage_id = next(i for i, name, _ in sandbox.pipeline(job.id) if name == stage.name)
    (started,) = await sandbox_client.rescores.start(job.id, stage_id=stage_id)
    assert started.total_eligible == stage.total_candidate
    assert started.total_queued == min(250, stage.total_candidate or 0)
    await sandbox.drain()
    assert (await wait_finished(sandbox_client, started.rescore_id)).status == "completed"


async def test_no_credits_is_402(sandbox_client: TapTalentClient, sandbox: Any):
    sandbox.credits = 0
    with pytest.raises(InsufficientCreditsError) as info:
        await sandbox_client.rescores.start(sandbox.big_job_id)
    assert info.value.credits_available == 0
    assert sandbox_client.request_count == 1  # a 402 to a rescore is not retried


async def test_fewer_credits_than_candidates(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    ids = await some_job_candidate_ids(sandbox_client, sandbox.big_job_id, 10)
    sandbox.credits = 4
    (started,) = await sandbox_client.rescores.start(sandbox.big_job_id, job_candidate_ids=ids)
    assert (started.total_eligible, started.total_queued) == (10, 4)
    assert started.credits_available == 4 and started.capped_by_credits
    await sandbox.drain()
    status = await wait_finished(sandbox_client, started.rescore_id)
    assert status.total_processed == 4


async def test_new_criteria_change_scores(
    sandbox_client: TapTalentClient, sandbox: Any, recorder: WebhookRecorder
):
    job_id = sandbox.big_job_id
    before = {
        c.id: c
        for c in await sandbox_client.job_candidates.bulk_fetch(
            await some_job_candidate_ids(sandbox_client, job_id, 50)
        )
    }
    sandbox.set_criteria(job_id, [{"criterion": "Haskell", "level": "MUST_HAVE"}])
    (started,) = await sandbox_client.rescores.start(job_id, job_candidate_ids=list(before))
    await sandbox.drain()
    await wait_finished(sandbox_client, started.rescore_id)
    after = await sandbox_client.rescores.candidates(started.rescore_id)
    assert {c.id for c in after} == set(before)
    assert any(c.profile_match_score != before[c.id].profile_match_score for c in after)
    assert all([m.criterion for m in c.criteria] == ["Haskell"] for c in after)
