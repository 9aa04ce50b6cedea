"""The defects the generic operation machinery closes, each driven through the real
tracker, store (SQLite files) and sandbox, with no fixed sleeps before a count."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from shared.actions import close_request, release_request, rescore
from shared.actions.models import RescoreReport
from shared.sandbox import Sandbox
from shared.service import Service
from shared.store import Origin
from shared.toolkit import SANDBOX_BASE_URL, Toolkit, open_toolkit
from shared.webhooks import OperationTracker
from tests.conftest import make_settings
from tests.shared.webhooks.conftest import RecordingNotifier, running

BOB = Origin(kind="slack", user="U_BOB", channel="C42", thread_ts="1700000000.000200")
CLI = Origin(kind="cli", user="cli:alice")


class HeldNotifier(RecordingNotifier):
    """A post that reached Slack but whose answer has not come back until the test says:
    the notice is in flight (cutting it off now would send it again later)."""

    def __init__(self) -> None:
        super().__init__()
        self.posting = asyncio.Event()
        self.release = asyncio.Event()

    async def rescore_finished(self, report: RescoreReport) -> None:
        self.reports.append(report)  # the message went out...
        self.posting.set()
        await self.release.wait()  # ...and Slack's answer is on its way


class Garble(httpx.AsyncBaseTransport):
    """The sandbox, except that some 2xx answers come back in a shape tt cannot read."""

    def __init__(self, sandbox: Sandbox, *, start: bool = False, status: bool = False) -> None:
        self.inner = httpx.ASGITransport(app=sandbox.app)
        self.start, self.status = start, status

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = await self.inner.handle_async_request(request)
        path = request.url.path
        if self.start and request.method == "POST" and path.endswith("/job-candidates/rescore"):
            await answer.aread()
            return httpx.Response(202, json={"accepted": True})
        status_get = request.method == "GET" and "/job-candidates/rescore/" in path
        if self.status and status_get and not path.endswith("/candidates"):
            await answer.aread()
            return httpx.Response(200, json={"data": ["?"]})
        return answer


def small_job(sandbox: Sandbox) -> int:
    return next(j for j in sandbox.job_ids if 0 < len(sandbox.job_candidate_ids(j)) < 250)


@contextlib.asynccontextmanager
async def toolkit(sandbox: Sandbox, tmp_path: Path, **settings: object) -> AsyncIterator[Toolkit]:
    async with open_toolkit(make_settings(tmp_path, **settings), sandbox=sandbox) as tk:
        yield tk


async def ended_request(sandbox: Sandbox, tk: Toolkit, origin: Origin = BOB, **kw: object) -> str:
    started = await rescore(tk, small_job(sandbox), requested_by=origin, **kw)  # type: ignore[arg-type]
    assert started.group_id is not None
    await sandbox.drain()  # TapTalent has finished; no webhook reaches this toolkit
    return started.group_id


async def test_stop_lets_a_notice_in_flight_finish_and_it_is_not_repeated(
    sandbox: Sandbox, tmp_path: Path
):
    async with toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001) as tk:
        await ended_request(sandbox, tk)
        held = HeldNotifier()
        first = OperationTracker(tk, held)
        await first.run_once(wait=False)
        await held.posting.wait()
        stopping = asyncio.create_task(first.stop(grace=30))
        await asyncio.sleep(0)
        assert not stopping.done()  # waiting for the post, not cutting it off
        held.release.set()
        await stopping
        after_restart = RecordingNotifier()
        second = OperationTracker(tk, after_restart)
        await second.run_once()
        await second.settle()
    assert len(held.reports) == 1 and after_restart.reports == []


async def test_two_services_on_one_database_alert_once(sandbox: Sandbox, tmp_path: Path):
    async with (
        toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001) as one,
        toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001) as two,
    ):
        assert one.store is not two.store and one.store.path == two.store.path
        await ended_request(sandbox, one)
        held, other = HeldNotifier(), RecordingNotifier()
        first, second = OperationTracker(one, held), OperationTracker(two, other)
        await first.run_once(wait=False)
        await held.posting.wait()
        await second.run_once()  # the first is still posting: the second must not
        await second.settle()
        held.release.set()
        await first.settle()
        await second.run_once()
        await second.settle()
    assert len(held.reports) + len(other.reports) == 1


async def test_a_caller_that_follows_its_rescore_gets_the_only_report(
    sandbox: Sandbox, tmp_path: Path
):
    async with (
        toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001) as service_tk,
        toolkit(sandbox, tmp_path) as cli_tk,
    ):
        slack = RecordingNotifier()
        tracker = OperationTracker(service_tk, slack)
        followed = await ended_request(sandbox, cli_tk, CLI, followed_by=("cli:1", 600.0))
        await tracker.run_once()
        await tracker.settle()
        assert slack.reports == []  # the CLI holds it while it waits
        report = await close_request(cli_tk, followed, "cli:1")
        assert report.group_id == followed
        await tracker.run_once()
        await tracker.settle()
        assert slack.reports == []
        # A CLI that gives up hands the alert back to the service.
        gave_up = await ended_request(sandbox, cli_tk, CLI, followed_by=("cli:2", 600.0))
        await release_request(cli_tk, gave_up, "cli:2")
        await tracker.run_once()
        await tracker.settle()
    assert [r.group_id for r in slack.reports] == [gave_up]


async def test_the_polling_service_decides_when_to_poll(sandbox: Sandbox, tmp_path: Path):
    async with (
        toolkit(sandbox, tmp_path, TT_POLL_AFTER=10_000) as starter,
        toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001) as poller,
    ):
        await ended_request(sandbox, starter)
        told = RecordingNotifier()
        tracker = OperationTracker(poller, told)
        await tracker.run_once()
        await tracker.settle()
    assert [r.state for r in told.reports] == ["completed"]


async def test_a_status_that_cannot_be_read_expires_instead_of_polling_for_ever(
    sandbox: Sandbox, tmp_path: Path
):
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001, TT_RESCORE_EXPIRY=0.001)
    async with open_toolkit(
        settings,
        transport=Garble(sandbox, status=True),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    ) as tk:
        await ended_request(sandbox, tk)
        told = RecordingNotifier()
        tracker = OperationTracker(tk, told)
        await tracker.run_once()
        await tracker.settle()
        assert await tk.store.pending_rescores() == []
    assert [r.state for r in told.reports] == ["expired"]


async def test_healthz_reports_unsent_notices_and_their_age(sandbox: Sandbox, tmp_path: Path):
    class Broken(RecordingNotifier):
        async def rescore_finished(self, report: RescoreReport) -> None:
            raise RuntimeError("Slack is down")

    async with running(sandbox, tmp_path, Broken(), TT_POLL_AFTER=0.001) as (service, http):
        await ended_request(sandbox, service.tk)
        await service.tracker.run_once()
        await service.tracker.settle()
        health = (await http.get("/healthz")).json()
    assert health["pending_rescores"] == 0
    assert health["unsent_notices"] == 1 and health["oldest_unsent_notice_age_s"] >= 0


@pytest.mark.parametrize("shape", ["envelope, numeric id", "flat", "flat, event in header"])
async def test_every_documented_webhook_shape_ends_a_rescore_once(
    sandbox: Sandbox, tmp_path: Path, shape: str
):
    sandbox.faults.webhook_drop_rate = 1.0  # this test delivers the webhook itself
    told = RecordingNotifier()
    async with running(sandbox, tmp_path, told) as (service, http):
        job = small_job(sandbox)
        fields: dict[str, object] = {"jobId": job, "status": "failed", "errors": []}
        if shape.endswith("numeric id"):
            await service.tk.store.add_group(
                "g1", job_id=job, stage=None, origin=BOB, snapshot={}, rescores=[("98765", 3)]
            )
            body: dict[str, object] = {"event": "job.candidates.rescored", "companyId": 1}
            body["data"] = {**fields, "rescoreId": 98765}
        else:
            started = await rescore(service.tk, job, requested_by=BOB)
            await sandbox.drain()
            status = await service.tk.client.rescores.get(started.rescore_ids[0])
            body = status.model_dump(by_alias=True, mode="json", exclude_none=True)
            if shape == "flat":
                body["event"] = "job.candidates.rescored"
        headers = {
            "X-Webhook-Key": sandbox.webhook_key,
            "X-Webhook-Event": "job.candidates.rescored",
        }
        for _ in range(2):
            answer = await http.post("/webhooks/taptalent", json=body, headers=headers)
            assert answer.status_code == 200, answer.text
        await service.tracker.run_once()
        await service.tracker.settle()
        await service.tracker.run_once()
        await service.tracker.settle()
    assert len(told.reports) == 1


async def test_an_empty_webhook_key_is_refused_unless_the_operator_opts_in(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    body = {"event": "candidate.updated", "data": {"id": 1}}
    for opt_in, expected in ((False, 401), (True, 200)):
        settings = make_settings(tmp_path, TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY=opt_in)
        service = Service(
            settings,
            transport=httpx.ASGITransport(app=sandbox.app),
            api_key=sandbox.api_key,
            base_url=SANDBOX_BASE_URL,
            surfaces=(),
        )
        with caplog.at_level(logging.WARNING, logger="tt.service"):
            async with service.app.router.lifespan_context(service.app):
                transport = httpx.ASGITransport(app=service.app)
                async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
                    answer = await http.post(
                        "/webhooks/taptalent", json=body, headers={"X-Webhook-Key": ""}
                    )
        assert answer.status_code == expected
    assert "TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY is on" in caplog.text
    assert "anyone who can reach /webhooks/taptalent" in caplog.text


async def test_a_rescore_whose_202_cannot_be_read_still_ends_in_exactly_one_alert(
    sandbox: Sandbox, tmp_path: Path
):
    told = RecordingNotifier()
    settings = make_settings(tmp_path, TAPTALENT_WEBHOOK_KEY=sandbox.webhook_key)
    service = Service(
        settings,
        transport=Garble(sandbox, start=True),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
        surfaces=(),
        notifiers={"*": told},
    )
    async with service.app.router.lifespan_context(service.app):
        sandbox.webhook_transport = httpx.ASGITransport(app=service.app)
        sandbox.webhook_url = "http://tt/webhooks/taptalent"
        started = await rescore(service.tk, small_job(sandbox), requested_by=BOB)
        assert started.answer_unreadable and started.group_id and started.total_queued > 0
        assert "answer was unreadable" in started.message
        assert "try again" not in started.message.lower()
        await sandbox.drain()
        for _ in range(2):
            await service.tracker.run_once()
            await service.tracker.settle()
        group = await service.tk.store.get_group(started.group_id)
        assert group is not None and group.ended
    assert [r.group_id for r in told.reports] == [started.group_id]
    assert told.reports[0].state == "completed"


async def test_an_unreadable_start_no_webhook_names_expires_with_the_reason(
    sandbox: Sandbox, tmp_path: Path
):
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001, TT_RESCORE_EXPIRY=0.001)
    async with open_toolkit(
        settings,
        transport=Garble(sandbox, start=True),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    ) as tk:
        group_id = await ended_request(sandbox, tk)  # no webhook reaches this toolkit
        told = RecordingNotifier()
        tracker = OperationTracker(tk, told)
        await tracker.run_once()
        await tracker.settle()
    [report] = told.reports
    assert report.group_id == group_id and report.state == "expired"
    assert any("answer was unreadable" in reason for reason in report.errors)
