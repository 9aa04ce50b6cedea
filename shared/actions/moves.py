"""Move a candidate to another stage of their job's pipeline: resolved, audited, idempotent."""

from __future__ import annotations

from shared.actions.ats.mirror import mirror_move
from shared.actions.candidates import fetch_job_candidate
from shared.actions.convert import candidate_name, job_ref, stage_infos
from shared.actions.errors import ActionError, NotFound, translate
from shared.actions.jobs import fetch_job
from shared.actions.models import Id, MoveResult, StageInfo
from shared.actions.stages import stage_labels, stage_with_id
from shared.store import Origin
from shared.taptalent.errors import APIResponseValidationError
from shared.taptalent.models import Job, JobCandidate
from shared.toolkit import Toolkit


async def current_stage(
    tk: Toolkit, job: Job, jc: JobCandidate, target: StageInfo
) -> StageInfo | None:
    """The candidate's stage, when it is known by id. Two missing ids are never the same
    stage: an unknown current stage is simply unknown (and the move is sent)."""
    if jc.stage_id is None:
        return None
    if target.id is not None and str(target.id) == str(jc.stage_id):
        return target
    name = (await stage_labels(tk, job, [jc.stage_id])).get(str(jc.stage_id))
    named = next((s for s in stage_infos(job) if name is not None and s.name == name), None)
    return named.model_copy(update={"id": jc.stage_id}) if named else None


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
    target = await stage_with_id(tk, job, stage)
    assert target.id is not None  # stage_with_id refuses otherwise
    current = await current_stage(tk, job, jc, target)
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
    if current is not None and current.id is not None and str(current.id) == str(target.id):
        await tk.store.audit(**audit, details=details, result="unchanged")
        return result
    note = ""
    try:
        with translate(f"job candidate {jc.id}"):
            try:
                await tk.client.job_candidates.move(jc.id, target.id)
            except APIResponseValidationError:
                # A 2xx tt cannot read: the move was made. Say so; never suggest it again.
                note = " (TapTalent accepted the move but its answer was unreadable)"
    except ActionError as exc:
        await tk.store.audit(**audit, details=details, result=f"error: {exc.message}")
        exc.audited = True
        raise
    await tk.store.audit(**audit, details=details, result="moved" + (" unreadable" * bool(note)))
    was = f"from {current.name} " if current else ""
    message = f"{name} moved {was}to {target.name}{note}."
    mirror = await mirror_move(tk, jc.id, job.id, target, requested_by)
    if mirror is not None:
        message += f" {mirror.message}"
    return result.model_copy(update={"moved": True, "message": message, "ats": mirror})
