"""Where a job candidate's assessment stands, read from the store (no TapTalent call).

`assessment_state(tk, job_candidate_id)` is the entry point other views call (`status
<jobCandidateId>`): the candidate's latest invitation as an `AssessmentState`, or None
when they were never invited through tt. The notice the tracker posts when an invitation
ends is written here too (`invitation_notice`), so both say the same.
"""

from __future__ import annotations

from typing import Any

from shared.actions.assessments.models import AssessmentState
from shared.actions.models import Id
from shared.actions.presentation import score_text
from shared.notify import OperationNotice
from shared.store.operations import Operation
from shared.toolkit import Toolkit

KIND = "assessment"
SUMMARY_LIMIT = 300
AI_LABEL = "Assessment summary (written by TapTalent's AI, quoted as sent)"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(value: Any, limit: int = SUMMARY_LIMIT) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def state_of(operation: Operation) -> AssessmentState:
    data, result = operation.data, operation.result or {}
    return AssessmentState(
        job_candidate_id=operation.subject,
        state=operation.state,
        assessment_id=str(data.get("assessment_id") or ""),
        assessment_name=str(data.get("assessment_name") or "the assessment"),
        invitation_id=result.get("invitation_id") or data.get("invitation_id"),
        invited_at=operation.created_at,
        ended_at=operation.ended_at,
        score=_number(result.get("score")),
        summary=_text(result.get("summary")),
        match_score=_number(data.get("match_score")),
        error=_text(result.get("error"), 200),
        requested_by=operation.origin.user,
    )


async def assessment_state(tk: Toolkit, job_candidate_id: Id) -> AssessmentState | None:
    """The job candidate's latest assessment invitation made through tt, or None."""
    found = await tk.store.operations(KIND, subject=str(job_candidate_id).strip())
    return state_of(found[-1]) if found else None


def state_lines(state: AssessmentState) -> list[str]:
    """The invitation's outcome in plain lines (escaped or labelled by each surface)."""
    where = f'"{state.assessment_name}" ({state.assessment_id})'
    match = f"TapTalent match score: {score_text(state.match_score)}"
    if state.state == "completed":
        lines = [f"Assessment {where}: score {score_text(state.score)} / 100", match]
        if state.summary:
            lines.append(f"{AI_LABEL}: “{state.summary}”")
        return lines
    if state.state == "failed":
        why = state.error or "TapTalent did not say why"
        return [f"Assessment {where} could not be scored: {why}.", match]
    if state.state == "expired":
        return [
            f"No submission for {where} came back in time; the invitation may still be open "
            "in TapTalent.",
            match,
        ]
    return [f"Invited to {where}; waiting for the candidate to take it.", match]


def invitation_notice(operation: Operation, name: str) -> OperationNotice:
    state = state_of(operation)
    heading = {
        "completed": "Assessment scored",
        "failed": "Assessment failed",
        "expired": "Assessment not taken in time",
        "pending": "Assessment pending",
    }[state.state]
    return OperationNotice(
        kind=KIND,
        operation_id=operation.id,
        origin=operation.origin,
        title=f"{heading}: {name} (job candidate {operation.subject})",
        lines=state_lines(state),
    )
