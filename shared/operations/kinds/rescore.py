"""The rescore kind: a rescore request (one or more TapTalent runs of up to 250 ids).

Started by `shared.actions.rescore`, which records the request and its runs. A run ends
by its `job.candidates.rescored` webhook or by polling `GET /job-candidates/rescore/:id`
(after the polling service's TT_POLL_AFTER, with backoff), and expires after
TT_RESCORE_EXPIRY, also when its status cannot be read. Both ways record the end through
`record_end`. A run whose start answer was unreadable waits, by job, for the webhook that
names it. The request's notice is the `RescoreReport`.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ValidationError

from shared.actions.models import RescoreReport
from shared.actions.rescoring_report import build_report, record_end
from shared.actions.rescoring_status import api_state, is_placeholder
from shared.notify import Notifier
from shared.operations.kind import DeliveryOutcome, Ready
from shared.operations.payload import text_id
from shared.store import PendingRescore
from shared.store.rescores import KIND
from shared.taptalent import errors as api
from shared.taptalent.models import RescoreStatus
from shared.toolkit import Toolkit

log = logging.getLogger("tt.tracker")

RESCORED = "job.candidates.rescored"
POLL_BACKOFF_MAX = 15 * 60.0
UNKNOWN_RESCORE_GIVE_UP = 5
UNNAMED = (
    "TapTalent started this run but its answer was unreadable, and no webhook named it "
    "(the scores may still have changed)"
)


class RescoreKind:
    name = KIND
    events = frozenset({RESCORED})

    # Webhooks --------------------------------------------------------------------------
    async def read_webhook(self, tk: Toolkit, event: str, data: dict[str, Any]) -> DeliveryOutcome:
        rescore_id = text_id(data.get("rescoreId"))
        if rescore_id is None:
            raise ValueError("job.candidates.rescored without a rescoreId")
        try:
            status = RescoreStatus.model_validate({**data, "rescoreId": rescore_id})
        except ValidationError as exc:
            count = exc.error_count()
            raise ValueError(f"unreadable job.candidates.rescored: {count} errors") from None
        if api_state(status.status) == "pending":
            log.info("rescore %s reported %r; waiting for the end", rescore_id, status.status)
            return "ignored"
        job_id = text_id(data.get("jobId")) or ""
        if job_id and await tk.store.adopt_placeholder(job_id, rescore_id):
            log.info(
                "rescore %s named by its webhook (its start answer was unreadable)", rescore_id
            )
        changed = await record_end(tk, rescore_id, job_id, status)
        known = "" if changed else ", already known"
        log.info("rescore %s %s (webhook%s)", rescore_id, status.status, known)
        return "processed"

    # Polling ---------------------------------------------------------------------------
    async def poll_due(self, tk: Toolkit, now: float) -> None:
        for pending in await tk.store.due_polls(now, tk.settings.tt_poll_after):
            await self._poll(tk, pending, now)

    def _backoff(self, tk: Toolkit, attempts: int) -> float:
        return float(min(POLL_BACKOFF_MAX, tk.settings.tt_poll_after * 2 ** min(attempts, 10)))

    async def _poll(self, tk: Toolkit, pending: PendingRescore, now: float) -> None:
        rid = pending.rescore_id
        if is_placeholder(rid) and (early := await tk.store.adopt_early_run(rid)):
            log.info("rescore %s named by a webhook that came before its request", early)
            return
        status: RescoreStatus | None = None
        if not is_placeholder(rid):  # no id to ask about: only its webhook can name it
            try:
                status = await tk.client.rescores.get(rid)
            except api.NotFoundError:
                if pending.poll_attempts + 1 >= UNKNOWN_RESCORE_GIVE_UP:
                    reason = {"errors": [{"reason": "TapTalent does not know this rescore id"}]}
                    await tk.store.record_rescore_result(rid, pending.job_id, "failed", reason)
                    return
            except api.TapTalentError as exc:
                log.warning("polling rescore %s failed (%s); will retry", rid, type(exc).__name__)
        if status is not None and await record_end(tk, rid, pending.job_id, status):
            log.info("rescore %s %s (polled)", rid, status.status)
        elif status is not None and api_state(status.status) != "pending":
            return  # ended meanwhile (a webhook, another process)
        elif now - pending.created_at > tk.settings.tt_rescore_expiry:
            # Whatever stopped it ending (still running, or a status tt cannot read), a
            # rescore past its expiry is told as such rather than polled for ever.
            why = {"errors": [{"reason": UNNAMED}]} if is_placeholder(rid) else {}
            await tk.store.record_rescore_result(rid, pending.job_id, "expired", why)
            log.warning("rescore %s expired without an answer", rid)
        else:
            await tk.store.schedule_poll(rid, now + self._backoff(tk, pending.poll_attempts))

    # Notices ---------------------------------------------------------------------------
    async def ready(self, tk: Toolkit) -> list[Ready]:
        return [
            Ready(g.id, max((r.ended_at or g.created_at) for r in g.rescores))
            for g in await tk.store.groups_ready_to_notify()
        ]

    async def report(self, tk: Toolkit, operation_id: str) -> RescoreReport:
        group = await tk.store.get_group(operation_id)
        if group is None:
            raise LookupError(f"rescore request {operation_id} is not recorded")
        return await build_report(tk, group)

    async def announce(self, notifier: Notifier, report: BaseModel) -> None:
        assert isinstance(report, RescoreReport)
        await notifier.rescore_finished(report)

    async def mark_sent(
        self, tk: Toolkit, operation_id: str, report: BaseModel, owner: str
    ) -> bool:
        return await tk.store.mark_notified(operation_id, report.model_dump(mode="json"), owner)

    async def pending(self, tk: Toolkit) -> int:
        return len(await tk.store.pending_rescores())
