"""After Kombo says applications changed: refresh the ones tt pushed, report the changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.actions.ats.common import translate_ats
from shared.actions.ats.models import AtsChange
from shared.store.kombo import PushRecord
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.kombo.models import Application

CHUNK = 100


def _name(app: Application) -> str:
    c = app.candidate
    name = " ".join(p for p in (c.first_name, c.last_name) if p) if c else ""
    return name or f"Application {app.id}"


async def refresh_pushed(tk: Toolkit) -> list[AtsChange]:
    """Fetch every pushed application, store its stage and outcome, and return one change
    per application whose stage or outcome moved since tt last looked."""
    if tk.ats is None:
        return []
    records = {r.application_id: r for r in await tk.store.pushed_applications()}
    ids = [i for i in records if i is not None]
    changes: list[AtsChange] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with translate_ats("the pushed applications"):
            apps = [a async for a in tk.ats.client.applications.iter(ids=chunk)]
        for app in apps:
            record = records.get(app.id)
            if record is None:
                continue
            if await tk.store.update_application_state(app.id, app.current_stage_id, app.outcome):
                changes.append(_change(record, app))
    return changes


def _change(record: PushRecord, app: Application) -> AtsChange:
    name = _name(app)
    rejected = (app.outcome or "").upper() == "DECLINED" and record.outcome != "DECLINED"
    stage = app.current_stage.name if app.current_stage else app.current_stage_id
    if rejected:
        why = f" ({app.rejection_reason_name})" if app.rejection_reason_name else ""
        message = f"{name} was rejected in the ATS{why}."
    elif (app.outcome or "").upper() == "HIRED" and record.outcome != "HIRED":
        message = f"{name} was hired in the ATS."
    else:
        message = f"{name} moved to {stage} in the ATS."
    return AtsChange(
        job_candidate_id=record.job_candidate_id,
        application_id=app.id,
        name=name,
        stage=stage,
        rejected=rejected,
        reason=app.rejection_reason_name if rejected else None,
        remote_url=app.remote_url or record.remote_url,
        origin=record.origin,
        message=message,
    )
