"""Move a candidate to another stage of their job's pipeline: resolved, audited, idempotent."""

from __future__ import annotations

from shared.actions.ats.mirror import mirror_move
from shared.actions.candidates import fetch_job_candidate
from shared.actions.convert import candidate_name, job_ref, stage_infos
from shared.actions.errors import ActionError, InvalidInput, NotFound, translate
from shared.actions.jobs import fetch_job
from shared.actions.models import Id, MoveResult, StageInfo
from shared.actions.stages import resolve_stage
from shared.store import Origin
from shared.toolkit import Toolkit


def _stage_id(stage: StageInfo, job_id: Id) -> Id:
    if stage.id is None:
        raise InvalidInput(
            f"TapTalent lists no stage ids for job {job_id}, so '{stage.name}' cannot be moved to.",
            "Give the stage id instead (TapTalent shows it on each job candidate's stageId).",
        )
    return stage.id


async def move_candidate(
    tk: Toolkit, job_candidate_id: Id, stage: str, *, requested_by: Origin
) -> MoveResult:
    """Move one job candidate to `stage` (a type such as SCREEN, a stage name or an id).

    Moving a candidate to the stage they are already in changes nothing and says so.
    """
    jc = await fetch_job_candidate(tk, job_candidate_id)
    if jc.job_id is None:
        raise NotFound(f"TapTalent did not say which job candidate {jc.id} belongs to.")
    job = await fetch_job(tk, jc.job_id)
    target = resolve_stage(job, stage)
    current = next((s for s in stage_infos(job) if str(s.id) == str(jc.stage_id)), None)
    name = candidate_name(jc)
    actor = requested_by.user or requested_by.kind
    audit = {
        "actor": actor,
        "surface": requested_by.kind,
        "action": "move",
        "target": f"job_candidate:{jc.id}",
    }
    details = {
        "job_id": str(job.id),
        "from": current.label() if current else None,
        "to": target.label(),
    }
    result = MoveResult(
        job_candidate_id=jc.id,
        name=name,
        job=job_ref(job),
        from_stage=current,
        to_stage=target,
        moved=False,
        actor=actor,
        message=f"{name} is already in {target.name}; nothing changed.",
    )
    if current is not None and str(current.id) == str(target.id):
        await tk.store.audit(**audit, details=details, result="unchanged")
        return result
    try:
        with translate(f"job candidate {jc.id}"):
            await tk.client.job_candidates.move(jc.id, _stage_id(target, job.id))
    except ActionError as exc:
        await tk.store.audit(**audit, details=details, result=f"error: {exc.message}")
        raise
    await tk.store.audit(**audit, details=details, result="moved")
    was = current.name if current else "their stage"
    message = f"{name} moved from {was} to {target.name}."
    mirror = await mirror_move(tk, jc.id, job.id, target, requested_by)
    if mirror is not None:
        message += f" {mirror.message}"
    return result.model_copy(update={"moved": True, "message": message, "ats": mirror})
