"""How a rescore request ended: record each run's end, and build the one notice."""

from __future__ import annotations

from typing import Any, Literal

from shared.actions.convert import job_ref
from shared.actions.jobs import fetch_job
from shared.actions.models import Id, RescoreReport, ScoreChange
from shared.actions.ranking import top_candidates
from shared.actions.rescoring_status import NEW_TOP_SHOWN, after_scores, api_state, score_changes
from shared.store import RescoreGroup
from shared.taptalent.models import RescoreStatus
from shared.toolkit import Toolkit

ReportState = Literal["completed", "failed", "partial", "expired"]
EXPIRED_REASON = "TapTalent did not report back in time; check the job in TapTalent."


async def record_end(tk: Toolkit, rescore_id: str, job_id: Id, status: RescoreStatus) -> bool:
    """Store TapTalent's final status as how a rescore ended: the one way a webhook, a poll
    or a caller following its own request records an end. False while it still runs, or
    when its end was already recorded (by a webhook, a poll or another process)."""
    state = api_state(status.status)
    if state == "pending":
        return False
    payload = status.model_dump(by_alias=True, mode="json", exclude_none=True)
    ended: Literal["completed", "failed"] = "completed" if state == "completed" else "failed"
    return await tk.store.record_rescore_result(rescore_id, str(job_id), ended, payload)


def _state(group: RescoreGroup, cut_short: bool) -> ReportState:
    states = {r.state for r in group.rescores}
    if states == {"completed"}:
        # Credits cut it short: some of what was asked was never rescored.
        return "partial" if cut_short else "completed"
    if "completed" in states:
        return "partial"
    return "expired" if states == {"expired"} else "failed"


def _errors(group: RescoreGroup, results: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    for payload in results:
        for err in payload.get("errors") or []:
            reason = err.get("reason") if isinstance(err, dict) else str(err)
            if reason and reason not in errors:
                errors.append(reason)
    if any(r.state == "expired" for r in group.rescores):
        errors.append(EXPIRED_REASON)
    return errors


def _not_done(group: RescoreGroup, results: list[dict[str, Any]], scored: set[str]) -> list[str]:
    """Requested ids never rescored because credits ran out (empty when they did not)."""
    capped = any(bool(p.get("cappedByCredits")) for p in results)
    queued = sum(r.total_queued or 0 for r in group.rescores)
    if not capped and queued >= len(group.snapshot):
        return []
    return sorted(set(group.snapshot) - scored, key=_id_order)


def _id_order(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (0, value)


async def build_report(tk: Toolkit, group: RescoreGroup) -> RescoreReport:
    """The completion notice of a rescore request whose rescore ids have all ended."""
    found_job = await fetch_job(tk, group.job_id)
    results: list[dict[str, Any]] = [r.result or {} for r in group.rescores]
    completed = [r.rescore_id for r in group.rescores if r.state == "completed"]
    changes: list[ScoreChange] = []
    changed = 0
    scored: set[str] = set()
    if completed:
        after = await after_scores(tk, completed)
        scored = {str(c.id) for c in after}
        changes, changed = score_changes(group.snapshot, after)
    top = await top_candidates(tk, found_job.id, limit=NEW_TOP_SHOWN) if completed else None
    not_done = _not_done(group, results, scored) if completed else []
    capped = any(bool(p.get("cappedByCredits")) for p in results)
    return RescoreReport(
        group_id=group.id,
        job=job_ref(found_job),
        origin=group.origin,
        state=_state(group, capped or bool(not_done)),
        rescore_ids=[r.rescore_id for r in group.rescores],
        requested=sum(int(p.get("totalRequested") or 0) for p in results)
        or sum(r.total_queued or 0 for r in group.rescores),
        processed=sum(int(p.get("totalProcessed") or 0) for p in results),
        failed=sum(int(p.get("totalFailed") or 0) for p in results),
        capped_by_credits=capped,
        errors=_errors(group, results),
        changes=changes,
        changed=changed,
        new_top=top.candidates if top else [],
        not_done_ids=not_done,
        requested_at=group.created_at,
        ended_at=max((r.ended_at or group.created_at) for r in group.rescores),
    )
