"""The base of every kind after rescores: operations kept in the generic `operations`
table, so a new kind is one module (a subclass of `StoredKind`) plus one line in
`registry.KINDS`, and no store, tracker or surface change.

A subclass names itself and its webhook events, and answers three questions:
`ended_by_webhook` (which operation a delivery ends, and how), `poll` (has this one
ended?) and `notice` (what to tell). Recording ends exactly once, polling after the
polling service's TT_POLL_AFTER with backoff, expiring after TT_RESCORE_EXPIRY (also
when a poll keeps failing), claiming and sending the notice once: all done here.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from pydantic import BaseModel

from shared.notify import Notifier, OperationNotice, send_notice
from shared.operations.kind import DeliveryOutcome, Ready
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.toolkit import Toolkit

log = logging.getLogger("tt.tracker")

POLL_BACKOFF_MAX = 15 * 60.0
Ended = tuple[EndState, dict[str, Any]]


class StoredKind(ABC):
    name: str
    events: frozenset[str] = frozenset()

    # What a kind answers -----------------------------------------------------------
    @abstractmethod
    async def ended_by_webhook(
        self, tk: Toolkit, event: str, data: dict[str, Any]
    ) -> tuple[str, EndState, dict[str, Any]] | None:
        """(operation id, end state, result) when this delivery ends one; None if not."""

    @abstractmethod
    async def poll(self, tk: Toolkit, operation: Operation) -> Ended | None:
        """(end state, result) once it has ended; None while it runs. Raising counts as
        "could not tell": polled again later, and expired in the end."""

    @abstractmethod
    async def notice(self, tk: Toolkit, operation: Operation) -> OperationNotice:
        """What to tell whoever started it."""

    def poll_after(self, tk: Toolkit) -> float:
        return tk.settings.tt_poll_after

    def expiry(self, tk: Toolkit) -> float:
        return tk.settings.tt_rescore_expiry

    def poll_again_in(self, tk: Toolkit, operation: Operation) -> float:
        """Seconds until the next poll of an operation that has not ended yet."""
        return min(POLL_BACKOFF_MAX, self.poll_after(tk) * 2 ** min(operation.poll_attempts, 10))

    # The machinery (OperationKind) -----------------------------------------------
    async def read_webhook(self, tk: Toolkit, event: str, data: dict[str, Any]) -> DeliveryOutcome:
        found = await self.ended_by_webhook(tk, event, data)
        if found is None:
            return "ignored"
        operation_id, state, result = found
        changed = await tk.store.end_operation(self.name, operation_id, state, result)
        log.info(
            "%s %s %s (webhook%s)", self.name, operation_id, state, "" if changed else ", known"
        )
        return "processed"

    async def poll_due(self, tk: Toolkit, now: float) -> None:
        for operation in await tk.store.due_operations(self.name, now, self.poll_after(tk)):
            await self._poll(tk, operation, now)

    async def _poll(self, tk: Toolkit, operation: Operation, now: float) -> None:
        try:
            ended = await self.poll(tk, operation)
        except Exception as exc:  # an unreadable answer must not mean polling for ever
            log.warning("polling %s %s failed (%s)", self.name, operation.id, exc)
            ended = None
        if ended is not None:
            if await tk.store.end_operation(self.name, operation.id, *ended):
                log.info("%s %s %s (polled)", self.name, operation.id, ended[0])
        elif now - operation.created_at > self.expiry(tk):
            await tk.store.end_operation(self.name, operation.id, "expired", {})
            log.warning("%s %s expired without an answer", self.name, operation.id)
        else:
            delay = self.poll_again_in(tk, operation)
            await tk.store.schedule_operation_poll(self.name, operation.id, now + delay)

    async def ready(self, tk: Toolkit) -> list[Ready]:
        return [
            Ready(op.id, op.ended_at or op.created_at)
            for op in await tk.store.operations_to_notify(self.name)
        ]

    async def report(self, tk: Toolkit, operation_id: str) -> OperationNotice:
        operation = await tk.store.get_operation(self.name, operation_id)
        if operation is None:
            raise LookupError(f"{self.name} {operation_id} is not recorded")
        return await self.notice(tk, operation)

    async def announce(self, notifier: Notifier, report: BaseModel) -> None:
        assert isinstance(report, OperationNotice)
        await send_notice(notifier, report)

    async def mark_sent(
        self, tk: Toolkit, operation_id: str, report: BaseModel, owner: str
    ) -> bool:
        return await tk.store.finish_notice(self.name, operation_id, owner)

    async def pending(self, tk: Toolkit) -> int:
        return len(await tk.store.operations(self.name, pending=True))
