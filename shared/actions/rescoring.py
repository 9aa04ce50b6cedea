"""Rescoring: start one (snapshot first, chunk to 250), record it, and say what started.

Where a rescore stands lives in `rescoring_status`, how it ended in `rescoring_report`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from shared.actions.convert import job_ref
from shared.actions.errors import (
    ActionError,
    InvalidInput,
    OutOfCredits,
    candidates_of,
    translate,
)
from shared.actions.jobs import fetch_job
from shared.actions.models import Id, RescoreGroupResult, StageInfo
from shared.actions.rescoring_report import build_report, record_end
from shared.actions.rescoring_status import (
    RESCORE_HINT,
    UNKNOWN_ID_PREFIX,
    rescore_status,
    score_changes,
)
from shared.actions.stages import stage_with_id
from shared.operations.payload import text_id
from shared.store import Origin
from shared.taptalent import errors as api
from shared.toolkit import Toolkit

__all__ = [
    "RESCORE_CHUNK",
    "RESCORE_HINT",
    "build_report",
    "record_end",
    "rescore",
    "rescore_status",
    "score_changes",
]

#: The documented maximum of ids per rescore request. This layer is the one that chunks:
#: it must stop at the first chunk credits cut short, and record every chunk started.
RESCORE_CHUNK = 250


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
                next_step=candidates_of(job_id),
            )
        return {str(c.id): c.profile_match_score for c in found}
    snapshot: dict[str, float | None] = {}
    with translate(f"the candidates of job {job_id}"):
        async for c in tk.client.job_candidates.iter(
            job_id, per_page=100, stage_id=stage.id if stage else None
        ):
            snapshot[str(c.id)] = c.profile_match_score
    return snapshot


@dataclass
class _Started:
    """What the chunks of one request came to."""

    group_id: str
    runs: list[tuple[str, int]] = field(default_factory=list)  # (rescore id, queued)
    credits_available: int | None = None
    capped: bool = False
    out_of_credits: bool = False
    unreadable: bool = False
    failure: ActionError | None = None
    sent: int = 0  # ids in the chunks TapTalent accepted

    @property
    def queued(self) -> int:
        return sum(n for _, n in self.runs)


def _id_in(answer: Any) -> str | None:
    """A rescore id anywhere in an answer tt could not otherwise read."""
    if isinstance(answer, dict):
        for key in ("rescoreId", "rescore_id", "id"):
            value = answer.get(key)
            found = text_id(value)
            if found and (key != "id" or found.startswith("rescore_")):
                return found
        return next((found for v in answer.values() if (found := _id_in(v))), None)
    return None


def _unreadable_run(exc: api.APIResponseValidationError, started: _Started, size: int) -> None:
    """TapTalent said 2xx, so the run started: record it under the id we can find, or a
    placeholder a webhook for the job will replace. It is never started again."""
    rescore_id = None
    if exc.response is not None:
        try:
            rescore_id = _id_in(json.loads(exc.response.content))
        except (ValueError, RecursionError):
            rescore_id = None
    placeholder = f"{UNKNOWN_ID_PREFIX}{started.group_id}:{len(started.runs)}"
    started.runs.append((rescore_id or placeholder, size))
    started.unreadable = True


async def _start_chunks(tk: Toolkit, job_id: Id, ids: list[Id], group_id: str) -> _Started:
    started = _Started(group_id)
    for start in range(0, len(ids), RESCORE_CHUNK):
        chunk = ids[start : start + RESCORE_CHUNK]
        try:
            with translate(f"job {job_id}"):
                try:
                    accepted = await tk.client.rescores.start(job_id, job_candidate_ids=chunk)
                except api.APIResponseValidationError as exc:
                    _unreadable_run(exc, started, len(chunk))
                    started.sent += len(chunk)
                    continue
        except OutOfCredits as exc:
            # Keep what was already queued; say how many were left out.
            started.out_of_credits, started.credits_available = True, exc.credits_available
            break
        except ActionError as exc:
            if not started.runs:
                raise
            # Earlier chunks are queued (and paid for): record them so their alert comes.
            started.failure = exc
            break
        started.sent += len(chunk)
        for one in accepted:
            started.runs.append((one.rescore_id, one.total_queued or 0))
            if one.credits_available is not None:
                started.credits_available = one.credits_available
            started.capped = started.capped or (one.total_queued or 0) < len(chunk)
        if started.capped:
            break
    return started


def _result(base: RescoreGroupResult, started: _Started, requested: int) -> RescoreGroupResult:
    result = base.model_copy(
        update={
            "group_id": started.group_id if started.runs else None,
            "rescore_ids": [r for r, _ in started.runs if not r.startswith(UNKNOWN_ID_PREFIX)],
            "total_queued": started.queued,
            "not_queued": requested - started.queued,
            "capped_by_credits": started.capped or (started.out_of_credits and bool(started.runs)),
            "credits_available": started.credits_available,
            "out_of_credits": started.out_of_credits and not started.runs,
            "answer_unreadable": started.unreadable,
        }
    )
    if result.not_queued:
        have = result.credits_available
        result.not_queued_reason = (
            str(started.failure)
            if started.failure is not None
            else "scoring credits ran out"
            + (f" ({have} were available)" if have is not None else "")
        )
    result.message = _start_message(result)
    return result


async def rescore(
    tk: Toolkit,
    job: Id,
    *,
    requested_by: Origin,
    stage: str | None = None,
    job_candidate_ids: list[Id] | None = None,
    followed_by: tuple[str, float] | None = None,
) -> RescoreGroupResult:
    """Queue an AI rescore of a job (or one stage, or some candidates) and track it.

    Every TapTalent rescore id is recorded as pending with who asked and where to answer,
    so the completion alert reaches them even across a restart. `followed_by` (owner,
    lease seconds) is for a caller that follows the request itself and tells its user:
    it holds the notice, so no service sharing the database alerts as well.
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
        where = f" in {stage_info.name}." if stage_info else "."
        base.message = f"Job {found_job.id} has no candidates to rescore{where}"
        return base
    started = await _start_chunks(tk, found_job.id, ids, uuid.uuid4().hex[:12])
    if started.runs:
        # The report lists what credits left undone from the snapshot; ids left out by an
        # outage are not "not done for credits", so they are left out of it.
        wanted = {str(i) for i in (ids if started.failure is None else ids[: started.sent])}
        await tk.store.add_group(
            started.group_id,
            job_id=str(found_job.id),
            stage=stage_info.name if stage_info else None,
            origin=requested_by,
            snapshot={k: v for k, v in snapshot.items() if k in wanted},
            rescores=started.runs,
            notice_owner=followed_by,
        )
    result = _result(base, started, len(ids))
    await _audit(tk, result, started, len(ids))
    return result


async def _audit(
    tk: Toolkit, result: RescoreGroupResult, started: _Started, requested: int
) -> None:
    origin = result.requested_by
    stage = f" stage:{result.stage.name}" if result.stage else ""
    await tk.store.audit(
        actor=origin.user or origin.kind,
        surface=origin.kind,
        action="rescore",
        target=f"job:{result.job.id}{stage}",
        details={
            "rescore_ids": [r for r, _ in started.runs],
            "requested": requested,
            "queued": started.queued,
            "answer_unreadable": started.unreadable,
        },
        result="out_of_credits"
        if result.out_of_credits
        else ("queued" if started.runs else "none"),
    )


def _start_message(r: RescoreGroupResult) -> str:
    where = f"{r.job.title} (job {r.job.id})" + (f", stage {r.stage.name}" if r.stage else "")
    if r.out_of_credits:
        have = f" ({r.credits_available} available)" if r.credits_available is not None else ""
        return (
            f"Nothing was rescored for {where}: TapTalent has no scoring credits left{have}. "
            "Add credits in the TapTalent dashboard, then try again."
        )
    plural = "s" * (r.total_queued != 1)
    if r.answer_unreadable:
        text = (
            f"Rescoring of {r.total_queued} candidate{plural} of {where} started, but "
            "TapTalent's answer was unreadable. tt is following it by job; do not start it again."
        )
    else:
        text = f"Rescoring {r.total_queued} candidate{plural} of {where}."
    if r.not_queued:
        text += f" {r.not_queued} could not be queued: {(r.not_queued_reason or '').rstrip('.')}."
    return text + " An alert follows when TapTalent finishes."
