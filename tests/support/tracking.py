"""Driving the operation tracker in tests: a notifier that keeps every generic notice, and
passes of the tracker that wait for the notices they start (no fixed sleep)."""

from __future__ import annotations

from shared.notify import OperationNotice
from shared.webhooks import OperationTracker


class Told:
    """A notifier keeping every generic notice."""

    def __init__(self) -> None:
        self.notices: list[OperationNotice] = []

    async def rescore_finished(self, report: object) -> None:
        raise AssertionError("not a rescore")

    async def operation_finished(self, notice: OperationNotice) -> None:
        self.notices.append(notice)


async def passes(tracker: OperationTracker, n: int = 2) -> None:
    for _ in range(n):
        await tracker.run_once()
        await tracker.settle()
