"""The upload kind: résumés sent to a job by URL, in batches of 200, reported as one.

Started by `shared.actions.uploads.upload_resumes`, which records the upload (subject
`job:<id>`) and each batch. A batch ends by its `resume.bulk_upload_parse.completed` or
`.failed` webhook, or by asking `GET /candidates/batch/:batchId` when no webhook came
(after the polling service's TT_POLL_AFTER, with backoff). Once every batch has ended the
upload waits, re-checking from a second on (doubling), until the new candidates are scored (at most
`SCORING_WAIT`); then its notice reports parsed, failed and the job's new top 5.
"""

from __future__ import annotations

import logging
from typing import Any

from shared.actions.uploads.progress import (
    EVENTS,
    Ended,
    adopt_unknown,
    ended_by_event,
    find_batch,
    poll_upload,
    save,
    settle,
    waiting_for_scores,
)
from shared.actions.uploads.report import upload_notice, upload_report
from shared.actions.uploads.start import KIND
from shared.notify import OperationNotice
from shared.operations.kind import DeliveryOutcome
from shared.operations.payload import text_id
from shared.operations.stored import StoredKind
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.toolkit import Toolkit

log = logging.getLogger("tt.tracker")

#: Re-checks for the new candidates' scores: 1 s after the last batch ended, then
#: doubling, at most this far apart (**choice**).
SCORING_RECHECK_FIRST = 1.0
SCORING_RECHECK_MAX = 30.0


class UploadKind(StoredKind):
    name = KIND
    events = EVENTS

    async def read_webhook(self, tk: Toolkit, event: str, data: dict[str, Any]) -> DeliveryOutcome:
        found = await self.ended_by_webhook(tk, event, data)
        if found is not None:
            operation_id, state, result = found
            if await tk.store.end_operation(self.name, operation_id, state, result):
                log.info("upload %s %s (webhook)", operation_id, state)
            return "processed"
        batch_id = text_id(data.get("batchId"))
        known = batch_id and await find_batch(tk, batch_id, text_id(data.get("jobId")))
        return "processed" if known else "ignored"

    async def ended_by_webhook(
        self, tk: Toolkit, event: str, data: dict[str, Any]
    ) -> tuple[str, EndState, dict[str, Any]] | None:
        batch_id = text_id(data.get("batchId"))
        if batch_id is None:
            raise ValueError(f"{event} without a batchId")
        job_id = text_id(data.get("jobId"))
        found = await find_batch(tk, batch_id, job_id)
        if found is None and not event.endswith(".started"):
            # Perhaps a chunk whose answer was unclear, named at last (by its end: a
            # `started` may come before tt has recorded the answer to its request).
            found = await adopt_unknown(tk, batch_id, job_id, data.get("fileCount"))
        if found is None:
            return None  # not ours, or already ended (a duplicate)
        operation, chunk = found
        ended = ended_by_event(event, data, chunk)
        if ended is None:
            log.info("upload %s: batch %s %s", operation.id, batch_id, event.rsplit(".", 1)[-1])
            return None
        await save(tk, operation.id, ended)
        current = await tk.store.get_operation(self.name, operation.id)
        if current is None or not waiting_for_scores(current):
            return None
        outcome = await settle(tk, current)
        if outcome is None:  # scoring follows parsing: look again shortly
            await tk.store.schedule_operation_poll(
                self.name, current.id, tk.clock() + SCORING_RECHECK_FIRST
            )
            return None
        state, result = outcome
        return operation.id, state, result

    async def poll(self, tk: Toolkit, operation: Operation) -> Ended | None:
        return await poll_upload(tk, operation)

    def poll_again_in(self, tk: Toolkit, operation: Operation) -> float:
        if waiting_for_scores(operation):
            return min(
                SCORING_RECHECK_MAX, SCORING_RECHECK_FIRST * 2 ** min(operation.poll_attempts, 5)
            )
        return super().poll_again_in(tk, operation)

    async def notice(self, tk: Toolkit, operation: Operation) -> OperationNotice:
        return upload_notice(await upload_report(tk, operation))
