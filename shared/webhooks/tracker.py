"""The rescore tracker: ends pending rescores and sends one notice per rescore request.

A rescore ends in one of two ways: its `job.candidates.rescored` webhook is processed, or,
when none has come after `TT_POLL_AFTER` seconds (Socket Mode installs often have no
public URL), polling `GET /job-candidates/rescore/:id` sees it finish. Both record the
result in SQLite first; the notice is sent only from what SQLite says, so duplicate or
early webhooks, polling racing a webhook, and restarts in between all end in one notice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any, Literal

from shared.actions import build_report
from shared.actions.rescoring import record_end
from shared.notify import Notifier
from shared.store import Delivery, PendingRescore, RescoreGroup
from shared.taptalent import errors as api
from shared.toolkit import Toolkit
from shared.webhooks.receiver import RESCORED

log = logging.getLogger("tt.tracker")

POLL_BACKOFF_MAX = 15 * 60.0
NOTICE_RETRY_MAX = 5 * 60.0
UNKNOWN_RESCORE_GIVE_UP = 5
# Deliveries are kept well past TapTalent's retry window (at least 4 days) for deduplication.
KEEP_DELIVERIES = 7 * 86400.0
PRUNE_EVERY = 3600.0
# Notices build a report (a few API calls) and post it; a few at once is plenty.
NOTICE_CONCURRENCY = 8


DeliveryState = Literal["received", "processed", "ignored", "failed"]


def _ended(status: str) -> Literal["completed", "failed"]:
    return "completed" if status == "completed" else "failed"


class RescoreTracker:
    def __init__(self, tk: Toolkit, notifier: Notifier, *, tick: float = 1.0) -> None:
        self.tk = tk
        self.notifier = notifier
        self.tick = tick
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._notice_retry: dict[str, tuple[int, float]] = {}
        self._pruned_at = 0.0
        self._sending: dict[str, asyncio.Task[None]] = {}
        self._notice_slots = asyncio.Semaphore(NOTICE_CONCURRENCY)

    # Lifecycle -------------------------------------------------------------------------
    def kick(self) -> None:
        """Process now rather than at the next tick (a webhook was just stored)."""
        self._wake.set()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="rescore-tracker")

    async def stop(self) -> None:
        for task in list(self._sending.values()):
            task.cancel()
        if self._sending:
            await asyncio.gather(*self._sending.values(), return_exceptions=True)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once(wait=False)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("tracker pass failed; trying again at the next tick")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.tick)
            self._wake.clear()

    async def run_once(self, *, wait: bool = True) -> None:
        """One pass: stored deliveries, due polls, then notices (awaited unless `wait` is
        False, as in the background loop). Safe to call concurrently."""
        async with self._lock:
            await self.process_deliveries()
            await self.poll_due()
            notices = await self.send_notices()
            now = self.tk.clock()
            if now - self._pruned_at > PRUNE_EVERY:
                removed = await self.tk.store.prune_deliveries(now - KEEP_DELIVERIES)
                if removed:
                    log.info("pruned %d webhook deliveries older than 7 days", removed)
                self._pruned_at = now
        if wait and notices:
            await asyncio.gather(*notices)

    # Webhooks --------------------------------------------------------------------------
    async def process_deliveries(self) -> None:
        for delivery in await self.tk.store.unprocessed_deliveries():
            try:
                state = await self._process(delivery)
            except Exception as exc:  # keep going: one bad delivery must not block the rest
                log.exception("webhook delivery %s failed", delivery.id)
                await self.tk.store.mark_delivery(delivery.id, "failed", error=str(exc)[:500])
            else:
                await self.tk.store.mark_delivery(delivery.id, state)

    async def _process(self, delivery: Delivery) -> DeliveryState:
        body: dict[str, Any] = json.loads(delivery.body)
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        assert isinstance(data, dict)
        if delivery.event == RESCORED:
            status = str(data.get("status", "")).lower()
            if status not in ("completed", "failed"):
                log.info(
                    "rescore %s reported %r; waiting for the end", data.get("rescoreId"), status
                )
                return "ignored"
            changed = await self.tk.store.record_rescore_result(
                str(data["rescoreId"]), str(data.get("jobId", "")), _ended(status), data
            )
            log.info(
                "rescore %s %s (webhook%s)",
                data["rescoreId"],
                status,
                "" if changed else ", already known",
            )
            return "processed"
        if delivery.event.startswith("resume.bulk_upload_parse."):
            log.info("bulk upload %s: %s", data.get("batchId"), delivery.event.rsplit(".", 1)[1])
            return "processed"
        if delivery.event == "candidate.removed_from_job":
            log.info(
                "job candidate %s removed from job %s",
                data.get("jobCandidateId"),
                data.get("jobId"),
            )
            return "processed"
        return "ignored"

    # Polling ---------------------------------------------------------------------------
    async def poll_due(self) -> None:
        now = self.tk.clock()
        for pending in await self.tk.store.due_polls(now):
            await self._poll(pending, now)

    def _backoff(self, attempts: int) -> float:
        return float(min(POLL_BACKOFF_MAX, self.tk.settings.tt_poll_after * 2 ** min(attempts, 10)))

    async def _poll(self, pending: PendingRescore, now: float) -> None:
        rid = pending.rescore_id
        try:
            status = await self.tk.client.rescores.get(rid)
        except api.NotFoundError:
            if pending.poll_attempts + 1 >= UNKNOWN_RESCORE_GIVE_UP:
                await self.tk.store.record_rescore_result(
                    rid,
                    pending.job_id,
                    "failed",
                    {"errors": [{"reason": "TapTalent does not know this rescore id"}]},
                )
            else:
                await self.tk.store.schedule_poll(rid, now + self._backoff(pending.poll_attempts))
            return
        except api.TapTalentError as exc:
            log.warning("polling rescore %s failed (%s); will retry", rid, type(exc).__name__)
            await self.tk.store.schedule_poll(rid, now + self._backoff(pending.poll_attempts))
            return
        state = (status.status or "").lower()
        if state in ("completed", "failed"):
            if await record_end(self.tk, rid, pending.job_id, status):
                log.info("rescore %s %s (polled)", rid, state)
        elif now - pending.created_at > self.tk.settings.tt_rescore_expiry:
            await self.tk.store.record_rescore_result(rid, pending.job_id, "expired", {})
            log.warning("rescore %s expired without an answer", rid)
        else:
            await self.tk.store.schedule_poll(rid, now + self._backoff(pending.poll_attempts))

    # Notices ---------------------------------------------------------------------------
    async def send_notices(self) -> list[asyncio.Task[None]]:
        """Start a notice for every rescore request that has ended and is not yet told.

        Notices run beside the tracker, not under its lock: a surface that paces its
        messages (Slack: about one a second per channel) must not hold up webhooks. One
        task per group at a time keeps each notice single.
        """
        now = self.tk.clock()
        started: list[asyncio.Task[None]] = []
        for group in await self.tk.store.groups_ready_to_notify():
            _, not_before = self._notice_retry.get(group.id, (0, 0.0))
            if group.id in self._sending or now < not_before:
                continue
            task = asyncio.create_task(self._notify(group), name=f"notice-{group.id}")
            self._sending[group.id] = task
            started.append(task)
        return started

    async def _notify(self, group: RescoreGroup) -> None:
        try:
            # The slots bound the API calls of building reports; sending is outside them,
            # so a notifier pacing one busy channel does not hold up the others.
            async with self._notice_slots:
                report = await build_report(self.tk, group)
            await self.notifier.rescore_finished(report)
            # Sent first, marked second: a crash in between repeats a notice rather than
            # losing it.
            await self.tk.store.mark_notified(group.id, report.model_dump(mode="json"))
            self._notice_retry.pop(group.id, None)
        except Exception as exc:  # any surface's failure: retry later, never drop
            tries, _ = self._notice_retry.get(group.id, (0, 0.0))
            delay = min(NOTICE_RETRY_MAX, 2.0**tries)
            self._notice_retry[group.id] = (tries + 1, self.tk.clock() + delay)
            log.warning(
                "notice for rescore group %s failed (%s); retry in %.0fs", group.id, exc, delay
            )
        finally:
            self._sending.pop(group.id, None)
