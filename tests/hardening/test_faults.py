# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Many rescores under every fault the sandbox can inject; each ends in exactly one notice.

The service runs in-process (lifespan, tracker, webhook route) against a sandbox whose
Partner API has latency with jitter, 5xx bursts and 429 storms with `Retry-After`, and whose
webhooks are delayed, dropped, duplicated and reordered. `TT_POLL_AFTER` is short, so a
rescore whose webhook was dropped is completed by polling.

A rescore request may fail to start under these faults (the client retries a POST that
starts work only on 429, never on 5xx): the action then raises an `ActionError` the user
sees, and that request is not counted. The invariant is about what the sandbox actually
started: every rescore id it ran belongs to a recorded request, and every recorded request
ends in exactly one completion notice with nothing left pending.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from pathlib import Path

import httpx

from shared import actions
from shared.actions import ActionError
from shared.actions.models import RescoreGroupResult
from shared.store import Origin
from shared.toolkit import SANDBOX_BASE_URL, open_toolkit
from shared.webhooks import RescoreTracker
from tests.conftest import make_settings
from tests.hardening.conftest import small_sandbox, until
from tests.shared.webhooks.conftest import RecordingNotifier, running

RESCORED = "job.candidates.rescored"
ORIGIN = Origin(kind="mcp", user="hardening")

API_FAULTS = {
    "latency": 0.002,
    "latency_jitter": 0.01,
    "error_rate": 0.2,
    "rate_limit_rate": 0.2,
    "retry_after": 0.05,
}
WEBHOOK_FAULTS = {
    "webhook_delay": 0.1,
    "webhook_drop_rate": 0.25,
    "webhook_duplicate_rate": 0.3,
    "webhook_reorder_rate": 0.3,
}


async def test_many_rescores_under_faults_each_end_in_exactly_one_notice(tmp_path: Path):
    sandbox = small_sandbox(seed=23)
    notifier = RecordingNotifier()
    rng = random.Random(5)
    try:
        async with running(sandbox, tmp_path, notifier, TT_POLL_AFTER=0.3) as (service, _):
            tk = service.tk
            # What to rescore: whole jobs (several past 250 candidates), single stages, and
            # subsets of candidates (a few, or more than one chunk of 250).
            plans: list[dict[str, object]] = []
            for job in sandbox.job_ids:
                ids = sandbox.job_candidate_ids(job)
                detail = await actions.get_job(tk, job)
                stage = max(detail.stages, key=lambda s: s.count or 0)
                plans.append({"job": job})
                plans.append({"job": job, "stage": stage.name})
                plans.append({"job": job, "job_candidate_ids": rng.sample(ids, 3)})
                if len(ids) > 260:
                    plans.append({"job": job, "job_candidate_ids": rng.sample(ids, 260)})
            assert sum(len(sandbox.job_candidate_ids(j)) > 250 for j in sandbox.job_ids) >= 3
            assert 15 <= len(plans) <= 30

            assert not sandbox.faults.update({**API_FAULTS, **WEBHOOK_FAULTS})

            async def start(plan: dict[str, object]) -> RescoreGroupResult | ActionError:
                try:
                    return await actions.rescore(tk, requested_by=ORIGIN, **plan)  # type: ignore[arg-type]
                except ActionError as exc:  # anything else is a bug and fails the test
                    return exc

            outcomes = await asyncio.gather(*(start(p) for p in plans))
            started = [o for o in outcomes if isinstance(o, RescoreGroupResult) and o.group_id]
            refused = [o for o in outcomes if isinstance(o, ActionError)]
            assert len(started) >= len(plans) // 2, f"too few started: {refused}"
            assert all(not o.out_of_credits for o in started)
            groups = {o.group_id for o in started}
            for partial in (o for o in started if o.not_queued and not o.capped_by_credits):
                # A later chunk failed: what started is kept, and the message says why.
                assert "could not be queued: TapTalent" in partial.message

            def notified() -> set[str | None]:
                return {r.group_id for r in notifier.reports}

            await until(lambda: notified() >= groups, 90, "a notice for every started request")

            async def nothing_pending() -> bool:
                return await tk.store.pending_rescores() == []

            for _ in range(500):
                if await nothing_pending():
                    break
                await asyncio.sleep(0.05)
            # Late, duplicated and held-back webhooks still arrive: let them all land, then
            # give the tracker passes to (wrongly) notify again.
            await sandbox.drain(timeout=30)
            sandbox.faults.update(dict.fromkeys(API_FAULTS, 0.0))
            for _ in range(3):
                await service.tracker.run_once()
                await asyncio.sleep(0.1)

            assert await tk.store.pending_rescores() == []
            counts = Counter(r.group_id for r in notifier.reports)
            assert {g: n for g, n in counts.items() if n != 1} == {}
            assert set(counts) == groups  # nobody else was notified
            recorded = await tk.store.recent_groups(limit=500)
            assert {g.id for g in recorded} == groups
            assert {g.notify_state for g in recorded} == {"sent"}
            assert {r.state for r in notifier.reports} == {"completed"}
            for result in started:
                [report] = [r for r in notifier.reports if r.group_id == result.group_id]
                assert report.rescore_ids == result.rescore_ids
                assert report.processed == result.total_queued

            # What the sandbox really ran: every rescore id it started (webhook sent or
            # dropped) belongs to a request tt recorded, so none was paid for unannounced.
            ran = {
                d.body["data"]["rescoreId"]
                for d in sandbox.deliveries
                if d.event == RESCORED and d.body["data"].get("status") == "completed"
            }
            tracked = {rid for o in started for rid in o.rescore_ids}
            assert ran - tracked == set(), "rescores started but never announced"
            assert tracked <= ran
            # The faults really happened.
            statuses = Counter(r.status for r in sandbox.requests)
            assert statuses[429] > 5 and statuses[503] > 5, statuses
            assert any(d.dropped for d in sandbox.deliveries)
            delivered = Counter(
                d.body["data"]["rescoreId"]
                for d in sandbox.deliveries
                if d.event == RESCORED and not d.dropped and d.status_code == 200
            )
            assert max(delivered.values()) >= 2  # some were delivered twice
    finally:
        await sandbox.aclose()


class FailingRescorePost(httpx.AsyncBaseTransport):
    """The sandbox in-process, except that the n-th POST starting a rescore gets a 503."""

    def __init__(self, inner: httpx.AsyncBaseTransport, fail_post: int) -> None:
        self.inner = inner
        self.fail_post = fail_post
        self.posts = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/job-candidates/rescore"):
            self.posts += 1
            if self.posts == self.fail_post:
                body = {"error": {"code": "unavailable", "message": "try later"}}
                return httpx.Response(503, json=body)
        return await self.inner.handle_async_request(request)


async def test_a_request_failing_part_way_keeps_and_announces_what_started(tmp_path: Path):
    """Regression: a 5xx on the second chunk of 250 used to raise and drop the first chunk's
    rescore id, which TapTalent ran (credits spent) and tt never announced; the user, told
    nothing started, would rescore those candidates again."""
    sandbox = small_sandbox(seed=23)
    job = next(j for j in sandbox.job_ids if len(sandbox.job_candidate_ids(j)) > 250)
    transport = FailingRescorePost(httpx.ASGITransport(app=sandbox.app), fail_post=2)
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.05)
    try:
        async with open_toolkit(
            settings, transport=transport, api_key=sandbox.api_key, base_url=SANDBOX_BASE_URL
        ) as tk:
            result = await actions.rescore(tk, job, requested_by=ORIGIN)
            total = len(sandbox.job_candidate_ids(job))
            assert len(result.rescore_ids) == 1 and result.total_queued == 250
            assert result.not_queued == total - 250 and not result.capped_by_credits
            assert f"{total - 250} could not be queued: TapTalent answered 503" in (result.message)
            group = await tk.store.get_group(result.group_id or "")
            assert group is not None and [r.rescore_id for r in group.rescores] == (
                result.rescore_ids
            )
            # No webhook URL here: the tracker completes it by polling, and tells once.
            notifier = RecordingNotifier()
            tracker = RescoreTracker(tk, notifier)
            await sandbox.drain()

            async def settle() -> None:
                for _ in range(100):
                    await tracker.run_once()
                    if notifier.reports:
                        return
                    await asyncio.sleep(0.05)

            await settle()
            await tracker.run_once()
            assert [r.rescore_ids for r in notifier.reports] == [result.rescore_ids]
            assert await tk.store.pending_rescores() == []
    finally:
        await sandbox.aclose()
