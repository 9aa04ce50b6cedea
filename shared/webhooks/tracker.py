"""The operation tracker: ends pending operations and sends one notice for each.

An operation (a rescore request, and the kinds in `shared.operations.registry`) ends in
one of two ways: its webhook is processed, or polling sees it finish (Socket Mode
installs often have no public URL); past its expiry it is told as expired. Both record
the end in SQLite first, and notices are sent only from what SQLite says, so duplicate
or early webhooks, polling racing a webhook, and restarts in between all end in one
notice. Before posting, a notice is claimed in SQLite with this tracker's owner name and
a lease, so two services on one database never both post it; stopping lets posts in
flight finish (up to a timeout) instead of cutting them off and posting them again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import uuid
from typing import Any

from shared.notify import Notifier
from shared.operations.kind import OperationKind
from shared.operations.payload import event_payload
from shared.operations.registry import KINDS, kind_for_event
from shared.store import Delivery, DeliveryState
from shared.toolkit import Toolkit

log = logging.getLogger("tt.tracker")

NOTICE_RETRY_MAX = 5 * 60.0
#: How long a claimed notice stays this tracker's: longer than building and posting one
#: takes (Slack pacing included). A tracker that dies holding it gives it up after this.
NOTICE_LEASE = 5 * 60.0
#: How long `stop()` lets notices being posted finish before it cuts them off.
STOP_TIMEOUT = 8.0
PRUNE_EVERY = 3600.0
# Notices build a report (a few API calls) and post it; a few at once is plenty.
NOTICE_CONCURRENCY = 8


def default_owner() -> str:
    """Names this tracker in notice claims: host, process, and this instance."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class OperationTracker:
    def __init__(
        self,
        tk: Toolkit,
        notifier: Notifier,
        *,
        tick: float = 1.0,
        kinds: tuple[OperationKind, ...] = KINDS,
        owner: str | None = None,
        lease: float = NOTICE_LEASE,
    ) -> None:
        self.tk = tk
        self.notifier = notifier
        self.tick = tick
        self.kinds = kinds
        self.owner = owner or default_owner()
        self.lease = lease
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._notice_retry: dict[tuple[str, str], tuple[int, float]] = {}
        self._pruned_at = 0.0
        self._sending: dict[tuple[str, str], asyncio.Task[None]] = {}
        self._posting: set[tuple[str, str]] = set()
        self._notice_slots = asyncio.Semaphore(NOTICE_CONCURRENCY)

    # Lifecycle -------------------------------------------------------------------------
    def kick(self) -> None:
        """Process now rather than at the next tick (a webhook was just stored)."""
        self._wake.set()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="operation-tracker")

    async def stop(self, grace: float = STOP_TIMEOUT) -> None:
        """Stop the loop, then let notices in flight finish for up to `grace` seconds.

        A notice cut off while posting keeps its claim until the lease runs out, then
        whoever runs next posts it: an alert may then repeat, but is never lost.
        """
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        in_flight = list(self._sending.values())
        if in_flight:
            _, late = await asyncio.wait(in_flight, timeout=grace)
            for task in late:
                task.cancel()
            if late:
                log.warning("stopping: %d notice(s) still posting were cut off", len(late))
                await asyncio.gather(*late, return_exceptions=True)

    async def settle(self) -> None:
        """Wait for every notice in flight (tests, and callers that drive passes)."""
        while self._sending:
            await asyncio.gather(*self._sending.values(), return_exceptions=True)

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
            for kind in self.kinds:
                await kind.poll_due(self.tk, self.tk.clock())
            notices = await self.send_notices()
            await self._prune()
        if wait and notices:
            await asyncio.gather(*notices)

    async def _prune(self) -> None:
        now = self.tk.clock()
        if now - self._pruned_at > PRUNE_EVERY:
            pruned = await self.tk.store.prune()
            if pruned.as_dict():
                log.info("pruned past their retention: %s", pruned.as_dict())
            self._pruned_at = now

    # Webhooks --------------------------------------------------------------------------
    async def process_deliveries(self) -> None:
        """Act on every stored delivery, then record what became of them in one transaction
        (a crash before that record acts on them again at the next start: acting on a
        delivery twice changes nothing, each kind's `read_webhook` makes sure)."""
        outcomes: list[tuple[int, DeliveryState, str | None]] = []
        try:
            for delivery in await self.tk.store.unprocessed_deliveries():
                try:
                    outcomes.append((delivery.id, await self._process(delivery), None))
                except Exception as exc:  # keep going: one bad delivery must not block the rest
                    log.warning("webhook delivery %s failed: %s", delivery.id, exc)
                    outcomes.append((delivery.id, "failed", str(exc)[:500]))
        finally:
            await self.tk.store.mark_deliveries(outcomes)

    async def _process(self, delivery: Delivery) -> DeliveryState:
        body: dict[str, Any] = json.loads(delivery.body)
        data = event_payload(body)
        kind = kind_for_event(delivery.event, self.kinds)
        if kind is not None:
            return await kind.read_webhook(self.tk, delivery.event, data)
        if delivery.event == "candidate.removed_from_job":
            log.info(
                "job candidate %s removed from job %s",
                data.get("jobCandidateId"),
                data.get("jobId"),
            )
            return "processed"
        return "ignored"

    # Notices ---------------------------------------------------------------------------
    async def send_notices(self) -> list[asyncio.Task[None]]:
        """Claim and start a notice for every operation that has ended and is not yet told.

        Notices run beside the tracker, not under its lock: a surface that paces its
        messages (Slack: about one a second per channel) must not hold up webhooks. One
        task per operation at a time, and the claim, keep each notice single.
        """
        now = self.tk.clock()
        started: list[asyncio.Task[None]] = []
        for kind in self.kinds:
            for ready in await kind.ready(self.tk):
                key = (kind.name, ready.operation_id)
                _, not_before = self._notice_retry.get(key, (0, 0.0))
                if key in self._sending or now < not_before:
                    continue
                if not await self.tk.store.claim_notice(*key, self.owner, self.lease):
                    continue  # another sender holds it, or it was just sent
                task = asyncio.create_task(self._notify(kind, ready.operation_id))
                self._sending[key] = task
                started.append(task)
        return started

    async def _notify(self, kind: OperationKind, operation_id: str) -> None:
        key = (kind.name, operation_id)
        try:
            # The slots bound the API calls of building reports; sending is outside them,
            # so a notifier pacing one busy channel does not hold up the others.
            async with self._notice_slots:
                report = await kind.report(self.tk, operation_id)
            # Renew the lease for the post itself (building the report took some of it);
            # if another sender took the notice over meanwhile, it is theirs to post.
            if not await self.tk.store.claim_notice(*key, self.owner, self.lease):
                return
            self._posting.add(key)
            await kind.announce(self.notifier, report)
            # Claimed first, sent second, marked third: a crash after posting repeats a
            # notice (once the lease runs out) rather than losing it.
            await kind.mark_sent(self.tk, operation_id, report, self.owner)
            self._notice_retry.pop(key, None)
        except asyncio.CancelledError:
            if key not in self._posting:  # nothing went out: let others have it now
                await self.tk.store.release_notice(*key, self.owner)
            raise
        except Exception as exc:  # any surface's failure: retry later, never drop
            await self.tk.store.release_notice(*key, self.owner)
            tries, _ = self._notice_retry.get(key, (0, 0.0))
            delay = min(NOTICE_RETRY_MAX, 2.0**tries)
            self._notice_retry[key] = (tries + 1, self.tk.clock() + delay)
            log.warning("notice for %s %s failed (%s); retry in %.0fs", *key, exc, delay)
        finally:
            self._posting.discard(key)
            self._sending.pop(key, None)

    # Health ----------------------------------------------------------------------------
    async def health(self) -> dict[str, Any]:
        """Running operations, webhooks stored but not acted on yet, and the notices owed
        but not sent (how many, and the oldest one's age: stuck alerts show here)."""
        now = self.tk.clock()
        pending: dict[str, int] = {}
        ages: list[float] = []
        for kind in self.kinds:
            pending[kind.name] = await kind.pending(self.tk)
            ages += [max(0.0, now - r.ended_at) for r in await kind.ready(self.tk)]
        return {
            "pending_operations": pending,
            "unprocessed_webhooks": len(await self.tk.store.unprocessed_deliveries()),
            "unsent_notices": len(ages),
            "oldest_unsent_notice_age_s": round(max(ages, default=0.0), 1),
        }


#: The name the service, the surfaces and the tests have known it by.
RescoreTracker = OperationTracker
