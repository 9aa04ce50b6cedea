"""Where an interview is: `interview_status` (asks InstaView, for people) and
`interview_state` (the store only, for the cross-system status view).

Both read the `interview` operations the invites recorded (subject: the job candidate id
as text; id: InstaView's interview id; result: how it ended, with the analysis).
"""

from __future__ import annotations

from typing import Any

from shared.actions.errors import ActionError, NextStep, NotFound
from shared.actions.interviews.common import KIND, translate_instaview
from shared.actions.interviews.models import (
    InterviewAnalysis,
    InterviewPhase,
    InterviewProgress,
    InterviewState,
)
from shared.instaview.models import Interview
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.toolkit import Toolkit


def invite_step(job_candidate: str) -> NextStep:
    return NextStep(("interview",), "to invite them", {"job_candidate": job_candidate})


def analysis_of(interview: Interview) -> InterviewAnalysis | None:
    if interview.analysis is None:
        return None
    general = interview.analysis.general
    return InterviewAnalysis(
        overall_rating=general.overall_rating,
        company_fit=general.company_fit_rating,
        strong_points=list(general.strong_points),
        weak_points=list(general.weak_points),
        evaluation=general.evaluation,
    )


def phase_of(interview: Interview) -> InterviewPhase:
    status = (interview.status or "").upper()
    analysis = (interview.analysis_status or "").upper()
    if status in ("FAILED", "CANCELLED", "CANCELED", "NO_ANSWER") or analysis == "FAILED":
        return "failed"
    if analysis == "COMPLETED" or (interview.analysis is not None and status == "COMPLETED"):
        return "completed"
    if status == "COMPLETED":
        return "analysing"
    if status in ("IN_PROGRESS", "STARTED", "CALLING"):
        return "in_progress"
    return "scheduled"


def ended(interview: Interview) -> tuple[EndState, dict[str, Any]] | None:
    """How an interview InstaView describes has ended, or None while it runs: the analysis
    is in (completed), or the call or the analysis failed."""
    phase = phase_of(interview)
    if phase == "completed":
        analysis = analysis_of(interview)
        if analysis is None:  # said completed without the analysis: ask again later
            return None
        return "completed", {"analysis": analysis.model_dump(mode="json")}
    if phase == "failed":
        analysis_failed = (interview.analysis_status or "").upper() == "FAILED"
        what = "the analysis failed" if analysis_failed else f"the interview {interview.status}"
        return "failed", {"reason": f"InstaView says {what.lower()}."}
    return None


async def latest_operation(tk: Toolkit, ident: str) -> Operation | None:
    """The interview named by id, or a job candidate's latest interview."""
    found = await tk.store.get_operation(KIND, ident)
    if found is not None:
        return found
    mine = await tk.store.operations(KIND, subject=ident)
    return mine[-1] if mine else None


async def interview_state(tk: Toolkit, job_candidate_id: object) -> InterviewState | None:
    """The job candidate's latest interview as tt recorded it, or None when tt never
    invited them. Reads only the store (no InstaView call): state (pending, completed,
    failed, expired), the agent, and once analysed the overall rating and company fit."""
    mine = await tk.store.operations(KIND, subject=str(job_candidate_id))
    if not mine:
        return None
    op = mine[-1]
    analysis = InterviewAnalysis.model_validate((op.result or {}).get("analysis") or {})
    return InterviewState(
        job_candidate_id=op.subject,
        interview_id=op.id,
        state="pending" if op.state == "pending" else op.state,  # type: ignore[arg-type]
        agent=op.data.get("agent"),
        invited_at=op.created_at,
        ended_at=op.ended_at,
        overall_rating=analysis.overall_rating,
        company_fit=analysis.company_fit,
        reason=(op.result or {}).get("reason"),
    )


async def interview_status(tk: Toolkit, ident: object) -> InterviewProgress:
    """Progress of an interview, by job candidate id (the latest) or InstaView interview id."""
    text = str(ident).strip()
    op = await latest_operation(tk, text)
    if op is None and text.isdigit():
        raise NotFound(
            f"tt has not invited job candidate {text} to an AI interview.",
            next_step=invite_step(text),
        )
    interview_id = op.id if op is not None else text
    live: Interview | None = None
    if tk.instaview is not None:
        try:
            with translate_instaview(f"interview {interview_id}"):
                live = await tk.instaview.client.interviews.get(interview_id)
        except ActionError:
            if op is None:
                raise
    sandboxed = tk.instaview is not None and tk.instaview.sandbox is not None
    return _progress(op, live, interview_id, sandboxed)


def _progress(
    op: Operation | None, live: Interview | None, interview_id: str, sandboxed: bool
) -> InterviewProgress:
    data = op.data if op is not None else {}
    result = (op.result if op is not None else None) or {}
    analysis = (live and analysis_of(live)) or (
        InterviewAnalysis.model_validate(result["analysis"]) if result.get("analysis") else None
    )
    if op is not None and op.state != "pending":
        phase: InterviewPhase = op.state  # type: ignore[assignment]
    elif live is not None:
        phase = phase_of(live)
    else:
        phase = "pending"
    said = "unknown" if live is None and sandboxed and phase == "pending" else phase
    name = data.get("name")
    who = f"{name}'s interview" if name else f"Interview {interview_id}"
    words = {
        "pending": "is pending (InstaView could not be asked just now)",
        "unknown": "is not known to the InstaView emulator any more (its records were reset, "
        "or are kept in another data folder)",
        "scheduled": "is scheduled",
        "in_progress": "is under way",
        "analysing": "is done; InstaView is analysing it",
        "completed": "is analysed",
        "failed": "failed",
        "expired": "expired without an answer from InstaView",
    }
    reason = result.get("reason")
    message = f"{who} {words[said]}." + (f" {reason}" if reason and phase != "completed" else "")
    return InterviewProgress(
        job_candidate_id=data.get("job_candidate_id"),
        name=name,
        interview_id=interview_id,
        phase=phase,
        status=live.status if live else None,
        agent=data.get("agent"),
        scheduled_at=(live.schedule_time if live else None) or data.get("at"),
        call_attempts=len(live.call_attempts) if live else 0,
        score=data.get("score"),
        analysis=analysis if phase == "completed" else None,
        reason=reason,
        live=live is not None,
        message=message,
    )
