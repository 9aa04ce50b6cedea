"""Every rescore request ends in exactly one notice: duplicates, drops, restarts, races."""

from __future__ import annotations

import asyncio
from pathlib import Path

from shared.actions import rescore
from shared.sandbox import Sandbox
from shared.service import Service
from shared.store import Origin
from tests.shared.webhooks.conftest import RecordingNotifier, running
from tests.support.sandboxes import big_job

BOB = Origin(kind="slack", user="U_BOB", channel="C42", thread_ts="1700000000.000200")


async def until(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


async def drive(service: Service) -> None:
    """Two full tracker passes, each with its notices finished: whatever would notify a
    second time has done so by now (no waiting on the clock)."""
    for _ in range(2):
        await service.tracker.run_once()
        await service.tracker.settle()


async def small_job(sandbox: Sandbox, service: Service) -> int | str:
    jobs = [j async for j in service.tk.client.jobs.iter(per_page=100)]
    return next(j.id for j in jobs if j.id != big_job(sandbox))


async def test_webhook_completes_a_rescore_with_one_notice(sandbox: Sandbox, tmp_path: Path):
    notifier = RecordingNotifier()
    async with running(sandbox, tmp_path, notifier) as (service, _):
        job = await small_job(sandbox, service)
        started = await rescore(service.tk, job, requested_by=BOB)
        await until(lambda: len(notifier.reports) == 1)
        await sandbox.drain()
        await drive(service)
        report = notifier.reports[0]
        assert report.state == "completed" and report.origin == BOB
        assert report.processed == started.total_queued
        assert len(report.new_top) == 5
        assert await service.tk.store.pending_rescores() == []
    assert len(notifier.reports) == 1


async def test_duplicated_webhooks_give_one_notice(sandbox: Sandbox, tmp_path: Path):
    sandbox.faults.webhook_duplicate_rate = 1.0
    notifier = RecordingNotifier()
    async with running(sandbox, tmp_path, notifier) as (service, _):
        job = await small_job(sandbox, service)
        await rescore(service.tk, job, requested_by=BOB)
        await until(lambda: len(notifier.reports) == 1)
        await sandbox.drain()
        await drive(service)
        assert len([d for d in sandbox.deliveries if not d.dropped]) >= 2
    assert len(notifier.reports) == 1


async def test_the_same_delivery_three_times_at_once_gives_one_notice(
    sandbox: Sandbox, tmp_path: Path
):
    sandbox.faults.webhook_drop_rate = 1.0  # this test delivers the webhook itself
    notifier = RecordingNotifier()
    async with running(sandbox, tmp_path, notifier) as (service, http):
        job = await small_job(sandbox, service)
        started = await rescore(service.tk, job, requested_by=BOB)
        await sandbox.drain()
        headers = {"X-Webhook-Key": sandbox.webhook_key}
        for rid in started.rescore_ids:  # one request is several ids past 250 candidates
            status = await service.tk.client.rescores.get(rid)
            body = {
                "event": "job.candidates.rescored",
                "timestamp": "2026-11-23T10:00:00Z",
                "companyId": 1,
                "data": status.model_dump(by_alias=True, mode="json", exclude_none=True),
            }
            answers = await asyncio.gather(
                *(http.post("/webhooks/taptalent", json=body, headers=headers) for _ in range(3))
            )
            assert all(a.status_code == 200 for a in answers)
            assert sorted(a.json()["duplicate"] for a in answers) == [False, True, True]
        await until(lambda: len(notifier.reports) == 1)
        await drive(service)
    assert len(notifier.reports) == 1


async def test_old_deliveries_are_pruned_recent_ones_kept(sandbox: Sandbox, tmp_path: Path):
    async with running(sandbox, tmp_path, RecordingNotifier()) as (service, _):
        store = service.tk.store
        old = await store.add_delivery("old", "x", "{}")
        assert old is not None
        await store.mark_delivery(old.id, "processed")
        assert await store.prune_deliveries(service.tk.clock() + 1) == 1
        recent = await store.add_delivery("recent", "x", "{}")
        assert recent is not None
        await store.mark_delivery(recent.id, "processed")
        await service.tracker.run_once()  # prunes only what is older than 7 days
        assert await store.add_delivery("recent", "x", "{}") is None


async def test_a_dropped_webhook_is_completed_by_polling(sandbox: Sandbox, tmp_path: Path):
    sandbox.faults.webhook_drop_rate = 1.0
    notifier = RecordingNotifier()
    async with running(sandbox, tmp_path, notifier, TT_POLL_AFTER=0.2) as (service, _):
        job = await small_job(sandbox, service)
        await rescore(service.tk, job, requested_by=BOB)
        await until(lambda: len(notifier.reports) == 1)
        assert notifier.reports[0].state == "completed"
        assert all(d.dropped for d in sandbox.deliveries)


async def test_restart_between_request_and_webhook_loses_nothing(sandbox: Sandbox, tmp_path: Path):
    sandbox.faults.webhook_delay = 0.3
    first, second = RecordingNotifier(), RecordingNotifier()
    async with running(sandbox, tmp_path, first, TT_POLL_AFTER=0.6) as (service, _):
        job = await small_job(sandbox, service)
        await rescore(service.tk, job, requested_by=BOB)
    assert first.reports == []  # stopped before the webhook came...
    await sandbox.drain()  # ...which was then delivered to nobody and lost
    async with running(sandbox, tmp_path, second, TT_POLL_AFTER=0.6) as (service, _):
        await until(lambda: len(second.reports) == 1)
        await sandbox.drain()
        await drive(service)
        assert await service.tk.store.pending_rescores() == []
    assert len(second.reports) == 1 and first.reports == []


async def test_webhook_before_the_pending_record_still_notifies_once(
    sandbox: Sandbox, tmp_path: Path
):
    notifier = RecordingNotifier()
    async with running(sandbox, tmp_path, notifier) as (service, _):
        job = await small_job(sandbox, service)
        # Start the rescore behind tt's back, let its webhook land first...
        started = await service.tk.client.rescores.start(job)
        rid = started[0].rescore_id
        await sandbox.drain()
        await service.tracker.run_once()
        assert notifier.reports == []
        # ...then record it, as a slow `rescore` would.
        await service.tk.store.add_group(
            "late",
            job_id=str(job),
            stage=None,
            origin=BOB,
            snapshot={},
            rescores=[(rid, started[0].total_queued or 0)],
            first_poll_at=1e12,
        )
        await until(lambda: len(notifier.reports) == 1)
        await service.tracker.run_once()
    assert len(notifier.reports) == 1 and notifier.reports[0].rescore_ids == [rid]


async def test_webhook_for_an_unknown_rescore_notifies_nobody(sandbox: Sandbox, tmp_path: Path):
    notifier = RecordingNotifier()
    async with running(sandbox, tmp_path, notifier) as (service, _):
        job = await small_job(sandbox, service)
        await service.tk.client.rescores.start(job)
        await sandbox.drain()
        await drive(service)
    assert notifier.reports == []
