"""Where completion notices go. Each surface plugs in its own notifier; the CLI prints.

A rescore's notice is a `RescoreReport`, which each surface renders richly. Any other
operation kind reports an `OperationNotice` (a title and plain lines), which every
notifier here can send as it is: a new kind is announced everywhere from its first day,
and a surface may add a richer rendering later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from pydantic import BaseModel, Field

from shared.actions.models import RescoreReport
from shared.actions.presentation import plural, score_text, state_heading
from shared.store import Origin

log = logging.getLogger("tt.notify")


class OperationNotice(BaseModel):
    """The notice of an ended operation of any kind: plain text, third-party text escaped
    by whoever renders it."""

    kind: str
    operation_id: str
    origin: Origin
    title: str
    lines: list[str] = Field(default_factory=list)


class Notifier(Protocol):
    async def rescore_finished(self, report: RescoreReport) -> None:
        """Tell whoever asked that a rescore ended. Raise to have it retried later."""


async def send_notice(notifier: Notifier, notice: OperationNotice) -> None:
    """Hand a generic notice to a notifier that can send one, else log it (never lost
    silently). Raising (from the notifier) has it retried later."""
    send = getattr(notifier, "operation_finished", None)
    if send is None:
        await LogNotifier().operation_finished(notice)
    else:
        await send(notice)


def summarize_report(report: RescoreReport) -> list[str]:
    """Plain-text lines of a notice (console, logs, the CLI)."""
    lines = [
        f"{state_heading(report.state)}: {report.job.title} (job {report.job.id}) — "
        f"{report.processed:,} rescored, {report.failed:,} failed, "
        f"{plural(report.changed, 'score')} changed."
    ]
    if report.not_done_ids:
        lines.append(
            f"  {plural(len(report.not_done_ids), 'candidate')} not rescored: credits ran out."
        )
    lines += [f"  why: {reason}" for reason in report.errors]
    for ch in report.changes:
        if ch.is_new:
            lines.append(f"  {ch.name}: {score_text(ch.after)} (first score)")
        else:
            lines.append(f"  {ch.name}: {score_text(ch.before)} → {score_text(ch.after)}")
    if report.new_top:
        lines.append(
            "  New top: "
            + ", ".join(
                f"{r.rank}. {r.name} ({score_text(r.score)})"
                for r in report.new_top
                if r.score is not None
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

    async def operation_finished(self, notice: OperationNotice) -> None:
        for line in [notice.title, *(f"  {line}" for line in notice.lines)]:
            self.write(line)


class LogNotifier:
    """The fallback when no surface claims a notice: it is logged, never lost silently."""

    async def rescore_finished(self, report: RescoreReport) -> None:
        for line in summarize_report(report):
            log.info("%s", line)

    async def operation_finished(self, notice: OperationNotice) -> None:
        for line in [notice.title, *notice.lines]:
            log.info("%s", line)


class RoutingNotifier:
    """Sends each notice to the notifier for the surface it was requested from."""

    def __init__(self, routes: dict[str, Notifier], fallback: Notifier | None = None) -> None:
        self.routes = routes
        self.fallback: Notifier = fallback or LogNotifier()

    def _route(self, origin: Origin) -> Notifier:
        return self.routes.get(origin.kind) or self.routes.get("*") or self.fallback

    async def rescore_finished(self, report: RescoreReport) -> None:
        await self._route(report.origin).rescore_finished(report)

    async def operation_finished(self, notice: OperationNotice) -> None:
        await send_notice(self._route(notice.origin), notice)
