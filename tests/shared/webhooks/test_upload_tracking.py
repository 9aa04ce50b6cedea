"""An upload through the real service: the sandbox's parse webhooks reach the receiver
(signed with the webhook key) duplicated, reordered, dropped, or lost to a restart, and
the upload is still reported exactly once."""

from __future__ import annotations

from pathlib import Path

from shared.actions.uploads import KIND, upload_resumes
from shared.sandbox import Sandbox
from shared.service import Service
from shared.store import Origin
from tests.shared.webhooks.conftest import running
from tests.shared.webhooks.test_tracker import drive, small_job, until
from tests.support.tracking import Told
from tests.support.uploads import links

BOB = Origin(kind="slack", user="U_BOB", channel="C42", thread_ts="1700000000.000200")


async def settled(sandbox: Sandbox, service: Service) -> None:
    """TapTalent is done; every running upload due for a look now; two full passes."""
    await sandbox.drain()
    for operation in await service.tk.store.operations(KIND, pending=True):
        await service.tk.store.schedule_operation_poll(KIND, operation.id, 0.0)
    await drive(service)


async def test_duplicated_and_reordered_webhooks_give_one_report(sandbox: Sandbox, tmp_path: Path):
    sandbox.faults.webhook_duplicate_rate = 1.0
    sandbox.faults.webhook_reorder_rate = 0.5
    told = Told()
    async with running(sandbox, tmp_path, told) as (service, _):
        job = await small_job(sandbox, service)
        started = await upload_resumes(service.tk, job, links(450, failing=3), requested_by=BOB)
        await settled(sandbox, service)
        await until(lambda: len(told.notices) == 1)
        deliveries = await service.tk.store.unprocessed_deliveries()
        assert deliveries == []  # every parse event was read
        await drive(service)
    [notice] = told.notices
    assert notice.operation_id == started.upload_id and notice.origin == BOB
    assert "447 résumés parsed, 3 failed" in notice.title
    assert sum(1 for d in sandbox.deliveries if d.event.endswith(".completed")) >= 6


async def test_every_webhook_dropped_is_reported_by_asking(sandbox: Sandbox, tmp_path: Path):
    sandbox.faults.webhook_drop_rate = 1.0
    told = Told()
    async with running(sandbox, tmp_path, told, TT_POLL_AFTER=0.2) as (service, _):
        job = await small_job(sandbox, service)
        await upload_resumes(service.tk, job, links(3), requested_by=BOB)
        await until(lambda: len(told.notices) == 1)
        await drive(service)
    assert all(d.dropped for d in sandbox.deliveries if d.event.startswith("resume."))
    assert len(told.notices) == 1 and "3 résumés parsed" in told.notices[0].title


async def test_a_restart_before_the_webhooks_loses_nothing(sandbox: Sandbox, tmp_path: Path):
    sandbox.faults.webhook_delay = 0.3
    first, second = Told(), Told()
    async with running(sandbox, tmp_path, first, TT_POLL_AFTER=0.6) as (service, _):
        job = await small_job(sandbox, service)
        await upload_resumes(service.tk, job, links(5), requested_by=BOB)
    assert first.notices == []  # stopped before the webhooks came...
    await sandbox.drain()  # ...which were then delivered to nobody and lost
    async with running(sandbox, tmp_path, second, TT_POLL_AFTER=0.6) as (service, _):
        await until(lambda: len(second.notices) == 1)
        await drive(service)
        assert await service.tk.store.operations(KIND, pending=True) == []
    assert len(second.notices) == 1 and first.notices == []
