"""What an operation kind supplies to the generic machinery.

A long operation (a rescore today; a Kombo push, an InstaView interview, a resume upload
or an assessment next) is recorded first by the use case that starts it, then ended by a
webhook or by polling, or expired; once ended, its notice is claimed, posted once in the
thread or channel it came from, and marked sent. The tracker (`shared.webhooks.tracker`)
does all of that for every kind in `shared.operations.registry.KINDS`; a kind only says:

- which webhook events are its own, and how to read one (`read_webhook`);
- how to poll what is due and when to give up (`poll_due`);
- which of its operations have ended and still owe a notice (`ready`);
- how to report one (`report`), who to tell (`announce`), and how to mark it told
  (`mark_sent`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from shared.notify import Notifier
from shared.toolkit import Toolkit

DeliveryOutcome = Literal["processed", "ignored"]


@dataclass(frozen=True)
class Ready:
    """An ended operation whose notice is owed."""

    operation_id: str
    ended_at: float


class OperationKind(Protocol):
    #: The name in the `notices` table and in logs ("rescore").
    name: str
    #: The webhook events this kind reads.
    events: frozenset[str]

    async def read_webhook(self, tk: Toolkit, event: str, data: dict[str, Any]) -> DeliveryOutcome:
        """Record what a stored delivery says (an end, usually). Raise to mark it failed."""
        ...

    async def poll_due(self, tk: Toolkit, now: float) -> None:
        """Ask about the operations due for a poll; record ends; expire the overdue."""
        ...

    async def ready(self, tk: Toolkit) -> list[Ready]:
        """Operations that have ended and whose notice is not sent, oldest first."""
        ...

    async def report(self, tk: Toolkit, operation_id: str) -> BaseModel:
        """The notice's content (built from the store and the outside system)."""
        ...

    async def announce(self, notifier: Notifier, report: BaseModel) -> None:
        """Hand the report to the surfaces' notifier. Raise to have it retried later."""
        ...

    async def mark_sent(
        self, tk: Toolkit, operation_id: str, report: BaseModel, owner: str
    ) -> bool:
        """Record the notice as sent by `owner`; True exactly once."""
        ...

    async def pending(self, tk: Toolkit) -> int:
        """How many of its operations are still running (for /healthz)."""
        ...
