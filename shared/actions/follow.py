"""Following an operation until it ends: the one loop behind `tt rescore --wait` and MCP's
`get_rescore_status(wait_seconds=...)`.

`follow` is generic: it asks `check` until `ended` says so or the time is up, handing
each answer to `on_progress`. The rescore functions below build on it. A caller that
follows a request to its end and tells its user itself (the CLI) holds the request's
notice from the start (`rescore(..., followed_by=...)`), closes it with `close_request`,
and gives the notice back with `release_request` if it stops following early, so the
service alerts instead. Ends are recorded through `record_end`, as the tracker does.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from shared.actions.errors import START_RESCORE, NotFound, Unavailable, translate
from shared.actions.models import RescoreReport, RescoreStatusResult
from shared.actions.rescoring_report import build_report, record_end
from shared.actions.rescoring_status import RESCORE_HINT, is_placeholder, rescore_status
from shared.store.rescores import KIND as RESCORE_KIND
from shared.toolkit import Toolkit

T = TypeVar("T")
Progress = Callable[[T], Awaitable[None] | None]


async def follow(
    check: Callable[[], Awaitable[T]],
    ended: Callable[[T], bool],
    *,
    give_up_after: float,
    interval: float = 1.0,
    on_progress: Progress[T] | None = None,
) -> tuple[T, bool]:
    """Ask `check` every `interval` seconds until `ended`, at most `give_up_after` seconds.

    Returns the last answer and whether it ended.
    """
    deadline = time.monotonic() + give_up_after
    while True:
        current = await check()
        if on_progress is not None:
            shown = on_progress(current)
            if shown is not None:
                await shown
        if ended(current):
            return current, True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return current, False
        await asyncio.sleep(min(interval, remaining))


async def follow_rescore(
    tk: Toolkit,
    rescore_id: str,
    *,
    give_up_after: float,
    interval: float = 1.0,
    on_progress: Progress[RescoreStatusResult] | None = None,
) -> RescoreStatusResult:
    """Follow one rescore (any id of a request) until it ends or the time is up; the last
    status, with what changed and the new top once completed."""

    async def check() -> RescoreStatusResult:
        return await rescore_status(tk, rescore_id, details=False)

    last, done = await follow(
        check,
        lambda s: s.status != "pending",
        give_up_after=give_up_after,
        interval=interval,
        on_progress=on_progress,
    )
    return await rescore_status(tk, rescore_id) if done and last.status == "completed" else last


async def request_ended(tk: Toolkit, group_id: str) -> bool:
    """Ask TapTalent about the request's running runs, record those that ended, and say
    whether every run has."""
    group = await tk.store.get_group(group_id)
    if group is None:
        raise NotFound(f"Rescore request {group_id} is not recorded here.")
    for pending in group.rescores:
        if pending.state != "pending" or is_placeholder(pending.rescore_id):
            continue
        subject = f"rescore {pending.rescore_id}"
        with translate(subject, not_found_hint=RESCORE_HINT, not_found_step=START_RESCORE):
            status = await tk.client.rescores.get(pending.rescore_id)
        await record_end(tk, pending.rescore_id, group.job_id, status)
    group = await tk.store.get_group(group_id)
    return group is not None and group.ended


async def close_request(tk: Toolkit, group_id: str, owner: str | None = None) -> RescoreReport:
    """For a caller that followed a rescore request to its end itself (`tt rescore --wait`):
    record how each of its rescores ended, then report it, once, as the tracker would."""
    if not await request_ended(tk, group_id):
        raise Unavailable("TapTalent is still rescoring this request.", "Check again shortly.")
    group = await tk.store.get_group(group_id)
    assert group is not None
    report = await build_report(tk, group)
    # This caller told its user; a service sharing the database must not tell them again.
    await tk.store.mark_notified(group.id, report.model_dump(mode="json"), owner)
    return report


async def release_request(tk: Toolkit, group_id: str, owner: str) -> None:
    """Stop holding a request's notice: the service will send the alert when it ends."""
    await tk.store.release_notice(RESCORE_KIND, group_id, owner)
