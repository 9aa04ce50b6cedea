"""What the App Home shows, read from the store: rescores still running and recent alerts."""

from __future__ import annotations

import asyncio

from pydantic import ValidationError

from bot.blocks.home import AlertItem, HomeData, PendingItem
from shared.actions import ActionError, get_job
from shared.actions.models import Id, RescoreReport
from shared.toolkit import Toolkit

RECENT_GROUPS = 40


async def _title(tk: Toolkit, job_id: Id) -> str | None:
    try:
        return (await get_job(tk, job_id)).title
    except ActionError:
        return None  # a job deleted since: the Home tab shows its id


async def load_home(tk: Toolkit, *, notice: str | None = None) -> HomeData:
    now = tk.clock()
    data = HomeData(notice=notice)
    titles: dict[str, tuple[Id, str | None]] = {}
    for group in await tk.store.recent_groups(limit=RECENT_GROUPS):
        if group.pending_count:
            data.pending.append(
                PendingItem(
                    job_id=group.job_id,
                    rescore_ids=[r.rescore_id for r in group.rescores if not r.ended],
                    age_seconds=group.age(now),
                    queued=group.total_queued,
                    requested_by=group.origin.user,
                    surface=group.origin.kind,
                )
            )
        if group.notify_state == "sent" and group.notice:
            try:
                report = RescoreReport.model_validate(group.notice)
            except ValidationError:
                continue  # an alert stored by an older version: skip rather than fail Home
            data.alerts.append(
                AlertItem(report=report, age_seconds=now - (group.notified_at or now))
            )
            titles[str(report.job.id)] = (report.job.id, report.job.title)
        else:
            titles.setdefault(group.job_id, (group.job_id, None))
    missing = [job_id for job_id, title in titles.values() if title is None]
    found = dict(zip(missing, await asyncio.gather(*(_title(tk, j) for j in missing)), strict=True))
    for p in data.pending:
        p.job_title = titles.get(str(p.job_id), (p.job_id, None))[1] or found.get(p.job_id)
    data.pending.reverse()  # oldest first: the one waiting longest is on top
    data.recent_jobs = [(j, t or found.get(j) or f"Job {j}") for j, t in titles.values()]
    return data
