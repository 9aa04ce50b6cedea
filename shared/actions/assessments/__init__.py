"""TapTalent's voice assessments: list them, show one with its questions, invite a job
candidate (a confirmed, audited write tracked until the scored submission comes back),
and where a candidate's invitation stands (`assessment_state`, for `status`)."""

from shared.actions.assessments.catalog import get_assessment, list_assessments
from shared.actions.assessments.invite import NEW, assess_preview, invite_to_assessment
from shared.actions.assessments.models import (
    AssessmentDetail,
    AssessmentsResult,
    AssessmentState,
    AssessmentSummary,
    InvitePreview,
    InviteResult,
    SubmissionRow,
)
from shared.actions.assessments.state import assessment_state

__all__ = [
    "NEW",
    "AssessmentDetail",
    "AssessmentState",
    "AssessmentSummary",
    "AssessmentsResult",
    "InvitePreview",
    "InviteResult",
    "SubmissionRow",
    "assess_preview",
    "assessment_state",
    "get_assessment",
    "invite_to_assessment",
    "list_assessments",
]
