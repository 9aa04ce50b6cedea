"""Rescoring: start one (snapshot first, chunk to 250), follow it, and report what changed."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, Literal

from shared.actions.convert import candidate_name, job_ref
from shared.actions.errors import (
    ActionError,
    InvalidInput,
    NotFound,
    OutOfCredits,
    Unavailable,
    translate,
)
from shared.actions.jobs import fetch_job
from shared.actions.models import (
    Id,
    RescoreGroupResult,
    RescoreReport,
    RescoreStatusResult,
    ScoreChange,
    StageInfo,
)
from shared.actions.ranking import top_candidates
from shared.actions.stages import stage_with_id
from shared.store import Origin, PendingRescore, RescoreGroup
from shared.taptalent.models import JobCandidate, RescoreStatus
from shared.toolkit import Toolkit

RESCORE_CHUNK = 250
RESCORE_HINT = "Rescore ids look like rescore_42_1699123456789; `rescore` prints them."
CHANGES_SHOWN = 10
NEW_TOP_SHOWN = 5


async def _snapshot(
    tk: Toolkit, job_id: Id, stage: StageInfo | None, ids: list[Id] | None
) -> dict[str, float | None]:
    """Scores before the rescore, so the alert can show before → after."""
    if ids:
        with translate(f"the candidates of job {job_id}"):
            found = await tk.client.job_candidates.bulk_fetch(ids)
        wrong_job = [str(c.id) for c in found if str(c.job_id) != str(job_id)]
        missing = sorted({str(i) for i in ids} - {str(c.id) for c in found})
        if missing or wrong_job:
            bad = ", ".join((missing + wrong_job)[:10])
            raise InvalidInput(
                f"These job candidates are not in job {job_id}: {bad}.",
                "Use ids from `top-candidates job:<id>`.",
            )
        return {str(c.id): c.profile_match_score for c in found}
    snapshot: dict[str, float | None] = {}
    with translate(f"the candidates of job {job_id}"):
        async for c in tk.client.job_candidates.iter(
            job_id, per_page=100, stage_id=stage.id if stage else None
        ):
            snapshot[str(c.id)] = c.profile_match_score
    return snapshot


async def rescore(
    tk: Toolkit,
    job: Id,
    *,
    requested_by: Origin,
    stage: str | None = None,
    job_candidate_ids: list[Id] | None = None,
) -> RescoreGroupResult:
    """Queue an AI rescore of a job (or one stage, or some candidates) and track it.

    Every TapTalent rescore id is recorded as pending with who asked and where to answer,
    so the completion alert reaches them even across a restart.
    """
    found_job = await fetch_job(tk, job)
    stage_info = await stage_with_id(tk, found_job, stage) if stage else None
    snapshot = await _snapshot(tk, found_job.id, stage_info, job_candidate_ids)
    ids: list[Id] = list(job_candidate_ids) if job_candidate_ids else list(snapshot)
    base = RescoreGroupResult(
        job=job_ref(found_job),
        stage=stage_info,
        requested_by=requested_by,
        total_eligible=len(ids),
        message="",
    )
    if not ids:
        base.message = f"Job {found_job.id} has no candidates to rescore" + (
            f" in {stage_info.name}." if stage_info else "."
        )
        return base

    started: list[tuple[str, int]] = []
    credits_available: int | None = None
    capped = out_of_credits = False
    failure: ActionError | None = None
    for start in range(0, len(ids), RESCORE_CHUNK):
        chunk = ids[start : start + RESCORE_CHUNK]
        try:
            with translate(f"job {found_job.id}"):
                accepted = await tk.client.rescores.start(found_job.id, job_candidate_ids=chunk)
        except OutOfCredits as exc:
            # Keep what was already queued; say how many were left out.
            out_of_credits, credits_available = True, exc.credits_available
            break
        except ActionError as exc:
            if not started:
                raise
            # Earlier chunks are queued (and paid for): record them so their alert comes.
            failure = exc
            break
        for one in accepted:
            started.append((one.rescore_id, one.total_queued or 0))
            if one.credits_available is not None:
                credits_available = one.credits_available
            if (one.total_queued or 0) < len(chunk):
                capped = True
        if capped:
            break

    queued = sum(n for _, n in started)
    result = base.model_copy(
        update={
            "rescore_ids": [rid for rid, _ in started],
            "total_queued": queued,
            "not_queued": len(ids) - queued,
            "capped_by_credits": capped or (out_of_credits and bool(started)),
            "credits_available": credits_available,
            "out_of_credits": out_of_credits and not started,
        }
    )
    if started:
        result.group_id = uuid.uuid4().hex[:12]
        await tk.store.add_group(
            result.group_id,
            job_id=str(found_job.id),
            stage=stage_info.name if stage_info else None,
            origin=requested_by,
            snapshot={k: v for k, v in snapshot.items() if k in {str(i) for i in ids}},
            rescores=started,
            first_poll_at=tk.clock() + tk.settings.tt_poll_after,
        )
    if result.not_queued:
        result.not_queued_reason = (
            str(failure)
            if failure is not None
            else "scoring credits ran out"
            + (
                f" ({result.credits_available} were available)"
                if result.credits_available is not None
                else ""
            )
        )
    result.message = _start_message(result)
    await tk.store.audit(
        actor=requested_by.user or requested_by.kind,
        surface=requested_by.kind,
        action="rescore",
        target=f"job:{found_job.id}" + (f" stage:{stage_info.name}" if stage_info else ""),
        details={"rescore_ids": result.rescore_ids, "requested": len(ids), "queued": queued},
        result="out_of_credits" if result.out_of_credits else ("queued" if started else "none"),
    )
    return result


def _start_message(r: RescoreGroupResult) -> str:
    where = f"{r.job.title} (job {r.job.id})" + (f", stage {r.stage.name}" if r.stage else "")
    if r.out_of_credits:
        have = f" ({r.credits_available} available)" if r.credits_available is not None else ""
        return (
            f"Nothing was rescored for {where}: TapTalent has no scoring credits left{have}. "
            "Add credits in the TapTalent dashboard, then try again."
        )
    text = f"Rescoring {r.total_queued} candidate{'s' * (r.total_queued != 1)} of {where}."
    if r.not_queued:
        text += f" {r.not_queued} could not be queued: {(r.not_queued_reason or '').rstrip('.')}."
    return text + " An alert follows when TapTalent finishes."


def local_job(local: PendingRescore | None) -> Id:
    if local is None:
        raise NotFound("TapTalent did not say which job this rescore belongs to.")
    return local.job_id


def _state(api_status: str | None) -> str:
    status = (api_status or "").lower()
    return status if status in ("completed", "failed") else "pending"


async def _after_scores(tk: Toolkit, rescore_ids: list[str]) -> list[JobCandidate]:
    async def one(rid: str) -> list[JobCandidate]:
        with translate(f"rescore {rid}"):
            return await tk.client.rescores.candidates(rid)

    chunks = await asyncio.gather(*(one(r) for r in rescore_ids))
    return [c for chunk in chunks for c in chunk]


def score_changes(
    before: dict[str, float | None], after: list[JobCandidate]
) -> tuple[list[ScoreChange], int]:
    """The biggest moves first, and how many scores moved at all."""
    changes = [
        ScoreChange(
            job_candidate_id=c.id,
            name=candidate_name(c),
            before=before.get(str(c.id)),
            after=c.profile_match_score,
        )
        for c in after
        if before.get(str(c.id)) != c.profile_match_score
    ]
    # Real moves first, biggest first; candidates scored for the first time after them.
    changes.sort(key=lambda ch: (ch.delta is None, -abs(ch.delta or 0.0), str(ch.job_candidate_id)))
    return changes[:CHANGES_SHOWN], len(changes)


async def rescore_status(
    tk: Toolkit, rescore_id: str, *, details: bool = True
) -> RescoreStatusResult:
    """Pending, completed or failed, with counts; once complete (and with `details`), what
    changed and the new top.

    A request of more than 250 candidates runs as several TapTalent rescores: any one of
    their ids reports on the whole request, as the recruiter asked for it.
    """
    with translate(f"rescore {rescore_id}", not_found_hint=RESCORE_HINT):
        first = await tk.client.rescores.get(rescore_id)
    local = await tk.store.get_rescore(rescore_id)
    group = await tk.store.get_group(local.group_id) if local and local.group_id else None
    siblings = [r.rescore_id for r in group.rescores if r.rescore_id != rescore_id] if group else []
    with translate(f"rescore {rescore_id}", not_found_hint=RESCORE_HINT):
        others = await asyncio.gather(*(tk.client.rescores.get(r) for r in siblings))
    statuses = [first, *others]
    states = [_state(s.status) for s in statuses]
    if "pending" in states:
        state = "pending"
    elif set(states) == {"failed"}:
        state = "failed"
    else:
        state = "completed"
    errors: list[str] = []
    for one in statuses:
        errors += [e.reason for e in one.errors or [] if e.reason and e.reason not in errors]
    job_id = first.job_id or local_job(local)
    result = RescoreStatusResult(
        rescore_id=first.rescore_id or rescore_id,
        rescore_ids=[rescore_id, *siblings],
        job_id=job_id,
        status=state,  # type: ignore[arg-type]
        total_requested=sum(s.total_requested or 0 for s in statuses),
        total_processed=sum(s.total_processed or 0 for s in statuses),
        total_failed=sum(s.total_failed or 0 for s in statuses),
        capped_by_credits=any(s.capped_by_credits for s in statuses),
        errors=errors,
        completed_at=max((s.completed_at for s in statuses if s.completed_at), default=None),
        group_id=group.id if group else None,
    )
    if details and result.status == "completed":
        done = [s.rescore_id or rescore_id for s in statuses if _state(s.status) == "completed"]
        before = group.snapshot if group else {}
        if before:
            result.changes, result.changed = score_changes(before, await _after_scores(tk, done))
        result.new_top = (await top_candidates(tk, job_id, limit=NEW_TOP_SHOWN)).candidates
    return result


async def record_end(tk: Toolkit, rescore_id: str, job_id: Id, status: RescoreStatus) -> bool:
    """Store TapTalent's final status as how a rescore ended. False while it still runs, or
    when its end was already recorded (by a webhook, a poll or another process)."""
    state = _state(status.status)
    if state == "pending":
        return False
    payload = status.model_dump(by_alias=True, mode="json", exclude_none=True)
    ended: Literal["completed", "failed"] = "completed" if state == "completed" else "failed"
    return await tk.store.record_rescore_result(rescore_id, str(job_id), ended, payload)


async def close_request(tk: Toolkit, group_id: str) -> RescoreReport:
    """For a caller that followed a rescore request to its end itself (`tt rescore --wait`):
    record how each of its rescores ended, then report it, once, as the tracker would."""
    group = await tk.store.get_group(group_id)
    if group is None:
        raise NotFound(f"Rescore request {group_id} is not recorded here.")
    for pending in (r for r in group.rescores if r.state == "pending"):
        with translate(f"rescore {pending.rescore_id}", not_found_hint=RESCORE_HINT):
            status = await tk.client.rescores.get(pending.rescore_id)
        await record_end(tk, pending.rescore_id, group.job_id, status)
    group = await tk.store.get_group(group_id)
    assert group is not None
    if not group.ended:
        raise Unavailable("TapTalent is still rescoring this request.", "Check again shortly.")
    report = await build_report(tk, group)
    # This caller told its user; a service sharing the database must not tell them again.
    await tk.store.mark_notified(group.id, report.model_dump(mode="json"))
    return report


async def build_report(tk: Toolkit, group: RescoreGroup) -> RescoreReport:
    """The completion notice of a rescore request whose rescore ids have all ended."""
    found_job = await fetch_job(tk, group.job_id)
    results: list[dict[str, Any]] = [r.result or {} for r in group.rescores]
    states = {r.state for r in group.rescores}
    completed = [r.rescore_id for r in group.rescores if r.state == "completed"]
    changes: list[ScoreChange] = []
    changed = 0
    if completed:
        changes, changed = score_changes(group.snapshot, await _after_scores(tk, completed))
    top = await top_candidates(tk, found_job.id, limit=NEW_TOP_SHOWN) if completed else None
    if states == {"completed"}:
        state = "completed"
    elif "completed" in states:
        state = "partial"
    elif states == {"expired"}:
        state = "expired"
    else:
        state = "failed"
    errors: list[str] = []
    for payload in results:
        for err in payload.get("errors") or []:
            reason = err.get("reason") if isinstance(err, dict) else str(err)
            if reason and reason not in errors:
                errors.append(reason)
    if "expired" in states:
        errors.append("TapTalent did not report back in time; check the job in TapTalent.")
    return RescoreReport(
        group_id=group.id,
        job=job_ref(found_job),
        origin=group.origin,
        state=state,  # type: ignore[arg-type]
        rescore_ids=[r.rescore_id for r in group.rescores],
        requested=sum(int(p.get("totalRequested") or 0) for p in results)
        or sum(r.total_queued or 0 for r in group.rescores),
        processed=sum(int(p.get("totalProcessed") or 0) for p in results),
        failed=sum(int(p.get("totalFailed") or 0) for p in results),
        capped_by_credits=any(bool(p.get("cappedByCredits")) for p in results),
        errors=errors,
        changes=changes,
        changed=changed,
        new_top=top.candidates if top else [],
        requested_at=group.created_at,
        ended_at=max((r.ended_at or group.created_at) for r in group.rescores),
    )
