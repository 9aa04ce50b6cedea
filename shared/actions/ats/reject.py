"""Reject a pushed candidate's application in the ATS with one of the ATS's reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared.actions.ats.common import actor_of, require_ats, system_label, translate_ats, words
from shared.actions.ats.models import ReasonsResult, RejectResult
from shared.actions.errors import ActionError, InvalidInput, NextStep
from shared.actions.models import Id
from shared.store import Origin
from shared.store.kombo import PushRecord
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.kombo.models import RejectionReason


def match_reason(wanted: str, reasons: list[RejectionReason]) -> RejectionReason:
    """The reason ``wanted`` names: the same name (any case), else the one reason that has
    every word typed, else the one that shares the most words. Ties and misses say which
    reasons exist."""
    allowed = [r.name for r in reasons]
    folded = wanted.strip().casefold()
    exact = [r for r in reasons if r.name.strip().casefold() == folded]
    if exact:
        return exact[0]
    typed = words(wanted)
    if typed:
        containing = [r for r in reasons if typed <= words(r.name)]
        if len(containing) == 1:
            return containing[0]
        if not containing:
            overlap = [(len(typed & words(r.name)), r) for r in reasons]
            best = max((n for n, _ in overlap), default=0)
            containing = [r for n, r in overlap if n == best and best > 0]
            if len(containing) == 1:
                return containing[0]
        if containing:
            names = ", ".join(f'"{r.name}"' for r in containing)
            raise InvalidInput(
                f'"{wanted}" fits several rejection reasons: {names}.',
                "Give more of the reason's words.",
                allowed=[r.name for r in containing],
            )
    raise InvalidInput(
        f'"{wanted}" is not one of the ATS\'s rejection reasons.',
        "Reasons: " + "; ".join(allowed) + ".",
        allowed=allowed,
    )


async def _pushed(tk: Toolkit, job_candidate_id: Id) -> PushRecord:
    record = await tk.store.push_record(str(job_candidate_id))
    if record is None or record.application_id is None:
        raise InvalidInput(
            f"Job candidate {job_candidate_id} has not been pushed to the ATS, so there is "
            "no application to reject.",
            next_step=NextStep(
                ("push",), "first", {"job_candidate": str(job_candidate_id), "to": "ats"}
            ),
        )
    return record


async def reject_in_ats(
    tk: Toolkit,
    job_candidate_id: Id,
    reason: str | None = None,
    *,
    note: str | None = None,
    requested_by: Origin,
) -> ReasonsResult | RejectResult:
    """Reject the candidate's pushed application; without ``reason``, list the reasons."""
    ats = require_ats(tk)
    with translate_ats("the rejection reasons"):
        reasons = await ats.client.rejection_reasons.list()
    if reason is None:
        return ReasonsResult(
            job_candidate_id=job_candidate_id,
            reasons=[r.name for r in reasons],
            message=(
                f'The ATS\'s rejection reasons. Reject with: reject {job_candidate_id} reason:"..."'
            ),
        )
    record = await _pushed(tk, job_candidate_id)
    chosen = match_reason(reason, reasons)
    actor = actor_of(requested_by)
    audit: dict[str, Any] = {
        "actor": actor,
        "surface": requested_by.kind,
        "action": "ats.reject",
        "target": f"job_candidate:{job_candidate_id}",
        "details": {
            "system": system_label(ats),
            "application_id": record.application_id,
            "reason": chosen.name,
            "note": bool(note),
        },
    }
    assert record.application_id is not None
    name = f"Job candidate {job_candidate_id}"
    result = RejectResult(
        job_candidate_id=job_candidate_id,
        name=name,
        application_id=record.application_id,
        remote_url=record.remote_url,
        reason=chosen.name,
        rejected=False,
        note=note,
        actor=actor,
        message=f"{name} was already rejected in the ATS; nothing changed.",
    )
    if record.outcome == "DECLINED":
        await tk.store.audit(**audit, result="unchanged")
        return result
    return await _reject(tk, record, chosen, note, audit, result)


async def _reject(
    tk: Toolkit,
    record: PushRecord,
    chosen: RejectionReason,
    note: str | None,
    audit: dict[str, Any],
    result: RejectResult,
) -> RejectResult:
    assert tk.ats is not None and record.application_id is not None
    try:
        with translate_ats(f"application {record.application_id}"):
            await tk.ats.client.applications.reject(record.application_id, chosen.id, note=note)
    except ActionError as exc:
        await tk.store.audit(**audit, result=f"error: {exc.message}")
        exc.audited = True
        raise
    await tk.store.update_application_state(record.application_id, record.stage_id, "DECLINED")
    await tk.store.audit(**audit, result="rejected")
    message = f'{result.name} was rejected in the ATS: "{chosen.name}".'
    return result.model_copy(update={"rejected": True, "message": message})
