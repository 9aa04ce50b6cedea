"""Where completion notices go. Each surface plugs in its own notifier; the CLI prints."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from shared.actions.models import RescoreReport

log = logging.getLogger("tt.notify")


class Notifier(Protocol):
    async def rescore_finished(self, report: RescoreReport) -> None:
        """Tell whoever asked that a rescore ended. Raise to have it retried later."""


def summarize_report(report: RescoreReport) -> list[str]:
    """Plain-text lines of a notice (console, logs, the CLI)."""
    head = {
        "completed": "Rescore complete",
        "partial": "Rescore partly complete",
        "failed": "Rescore failed",
        "expired": "Rescore did not report back",
    }[report.state]
    lines = [
        f"{head}: {report.job.title} (job {report.job.id}) — {report.processed} rescored, "
        f"{report.failed} failed, {report.changed} score{'s' * (report.changed != 1)} changed."
    ]
    lines += [f"  why: {reason}" for reason in report.errors]
    for ch in report.changes:
        before = "—" if ch.before is None else f"{ch.before:g}"
        after = "—" if ch.after is None else f"{ch.after:g}"
        lines.append(f"  {ch.name}: {before} → {after}")
    if report.new_top:
        lines.append(
            "  New top: "
            + ", ".join(
                f"{r.rank}. {r.name} ({r.score:g})" for r in report.new_top if r.score is not None
            )
        )
    return lines


class ConsoleNotifier:
    """Prints notices (the CLI and the demo)."""

    def __init__(self, write: Callable[[str], None] = print) -> None:
        self.write = write
        self.sent: list[RescoreReport] = []

    async def rescore_finished(self, report: RescoreReport) -> None:
        self.sent.append(report)
        for line in summarize_report(report):
            self.write(line)


class LogNotifier:
    """The fallback when no surface claims a notice: it is logged, never lost silently."""

    async def rescore_finished(self, report: RescoreReport) -> None:
        for line in summarize_report(report):
            log.info("%s", line)


class RoutingNotifier:
    """Sends each notice to the notifier for the surface it was requested from."""

    def __init__(self, routes: dict[str, Notifier], fallback: Notifier | None = None) -> None:
        self.routes = routes
        self.fallback: Notifier = fallback or LogNotifier()

    async def rescore_finished(self, report: RescoreReport) -> None:
        target = self.routes.get(report.origin.kind) or self.routes.get("*") or self.fallback
        await target.rescore_finished(report)
