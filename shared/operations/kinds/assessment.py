"""The assessment kind: one invitation of a job candidate to a TapTalent assessment.

Started by `shared.actions.assessments.invite_to_assessment`, which records it (subject:
the job candidate id as text). It ends by the submission's scoring webhook (or the
interview's error webhook), by polling the assessment's completed candidates as a
fallback, or expires after TT_ASSESSMENT_EXPIRY. The notice gives the assessment's score
and its AI summary beside TapTalent's match score, once, where the invite came from.

Event names are tt's **choice** (docs/partner-api.md): TapTalent documents that assessment
webhooks exist (start, scoring completed, end, errors) but not their names.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from shared.actions.assessments.state import KIND, invitation_notice
from shared.notify import OperationNotice
from shared.operations.payload import text_id
from shared.operations.stored import Ended, StoredKind
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.taptalent.models import Submission
from shared.toolkit import Toolkit

STARTED = "assessment.interview.started"
ENDED = "assessment.interview.ended"
SCORED = "assessment.interview.scoring_completed"
FAILED = "assessment.interview.error"
# A submission dated this much before the invitation still counts (clocks differ).
CLOCK_SKEW = 300.0


def _result(submission: Submission) -> dict[str, Any]:
    return {
        "invitation_id": text_id(submission.invitation_id),
        "score": submission.score,
        "summary": submission.summary,
        "submission_id": None
        if submission.submission_id is None
        else str(submission.submission_id),
        "submitted_at": submission.submitted_at,
    }


class AssessmentKind(StoredKind):
    name = KIND
    events = frozenset({STARTED, ENDED, SCORED, FAILED})

    def expiry(self, tk: Toolkit) -> float:
        return tk.settings.tt_assessment_expiry

    async def ended_by_webhook(
        self, tk: Toolkit, event: str, data: dict[str, Any]
    ) -> tuple[str, EndState, dict[str, Any]] | None:
        if event not in (SCORED, FAILED):
            return None  # started, ended: the score is still to come
        operation = await self._operation_for(tk, data)
        if operation is None:
            return None  # not ours (invited elsewhere), or not recorded yet: polling ends it
        if event == FAILED:
            error = data.get("error") or data.get("message") or data.get("reason")
            return operation.id, "failed", {"error": error if isinstance(error, str) else None}
        try:
            submission = Submission.model_validate(data)
        except ValidationError:
            raise ValueError(f"unreadable {SCORED} for {operation.id}") from None
        return operation.id, "completed", _result(submission)

    async def _operation_for(self, tk: Toolkit, data: dict[str, Any]) -> Operation | None:
        """The invitation a delivery is about: by invitation id, else by job candidate (or
        candidate) and assessment among those still waiting."""
        invitation = text_id(data.get("invitationId"))
        if invitation is not None:
            found = await tk.store.get_operation(KIND, invitation)
            if found is not None:
                return found
        assessment = text_id(data.get("assessmentId"))
        jc = text_id(data.get("jobCandidateId"))
        candidate = text_id(data.get("candidateId"))
        for op in await tk.store.operations(KIND, pending=True, subject=jc):
            same_person = jc is not None or str(op.data.get("candidate_id")) == candidate
            if same_person and str(op.data.get("assessment_id")) == assessment:
                return op
        return None

    async def poll(self, tk: Toolkit, operation: Operation) -> Ended | None:
        submission = await tk.client.assessments.submission_of(
            operation.data["assessment_id"],
            candidate_id=operation.data["candidate_id"],
            job_candidate_id=operation.subject,
            since=operation.created_at - CLOCK_SKEW,
        )
        if submission is None:
            return None
        return "completed", _result(submission)

    async def notice(self, tk: Toolkit, operation: Operation) -> OperationNotice:
        name = str(operation.data.get("name") or f"Job candidate {operation.subject}")
        return invitation_notice(operation, name)
