"""What the assessment use cases return: typed results every surface renders alike.

Third-party text (question texts, the assessment's AI summary of a submission) is kept as
TapTalent sent it; each surface escapes it (Slack) or labels it as data (MCP).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.actions.models import Id, JobRef

InvitationState = Literal["pending", "completed", "failed", "expired"]


class AssessmentSummary(BaseModel):
    id: Id
    name: str
    job_id: Id | None = None
    status: str | None = None
    kind: str | None = Field(default=None, description="assessmentType, e.g. AUDIO_INTERVIEW")
    questions: int = 0
    submissions: int | None = Field(default=None, description="candidates who completed it")
    minutes: str | None = None
    url: str | None = None


class AssessmentsResult(BaseModel):
    """The company's assessments (optionally one job's), newest first."""

    assessments: list[AssessmentSummary]
    job: JobRef | None = None
    skipped: int = Field(default=0, description="records TapTalent sent that tt could not read")


class Question(BaseModel):
    id: Id | None = None
    order: int
    text: str
    seconds: int | None = None


class SubmissionRow(BaseModel):
    """One candidate who completed the assessment (names and summary: third-party text)."""

    job_candidate_id: Id | None = None
    candidate_id: Id | None = None
    name: str
    score: float | None = None
    summary: str | None = None
    submitted_at: str | None = None


class AssessmentDetail(BaseModel):
    assessment: AssessmentSummary
    role: str | None = None
    purpose: str | None = None
    language: str | None = None
    skills: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    unreadable_questions: int = 0
    submissions: list[SubmissionRow] = Field(
        default_factory=list, description="the best scores first (at most 20)"
    )
    submissions_total: int = Field(default=0, description="candidates who completed it")


class InvitePreview(BaseModel):
    """What `assess` would do, for the confirmation every surface asks."""

    job_candidate_id: Id
    name: str
    job: JobRef
    match_score: float | None = None
    assessment: AssessmentSummary | None = Field(
        default=None, description="the assessment to send; None when one will be generated"
    )
    generate: bool = Field(default=False, description="the job has none: one is generated first")
    already: str | None = Field(default=None, description="an invitation already waiting")
    job_assessments: int = Field(default=0, description="assessments the job has already")

    @property
    def question(self) -> str:
        """The confirmation's question, in words."""
        if self.generate:
            lead = (
                f"Job {self.job.id} ({self.job.title}) has no assessment yet. Create one"
                if not self.job_assessments
                else f"Create a new assessment for job {self.job.id} ({self.job.title})"
            )
            return (
                f"{lead} from the job (TapTalent writes the questions from its criteria) and "
                f"invite {self.name} (job candidate {self.job_candidate_id}) to it?"
            )
        assert self.assessment is not None
        return (
            f"Invite {self.name} (job candidate {self.job_candidate_id}) to the assessment "
            f'"{self.assessment.name}" ({self.assessment.id})? TapTalent e-mails them the link.'
        )


class InviteResult(BaseModel):
    job_candidate_id: Id
    name: str
    job: JobRef
    assessment: AssessmentSummary
    generated: bool = False
    invitation_id: Id | None = None
    changed: bool = Field(default=True, description="False: an invitation was already waiting")
    message: str


class AssessmentState(BaseModel):
    """A job candidate's latest assessment invitation, as `status <jobCandidateId>` shows it."""

    job_candidate_id: Id
    state: InvitationState
    assessment_id: Id
    assessment_name: str
    invitation_id: Id | None = None
    invited_at: float
    ended_at: float | None = None
    score: float | None = Field(default=None, description="the assessment's score, 0 to 100")
    summary: str | None = Field(default=None, description="the assessment's AI summary (data)")
    match_score: float | None = Field(default=None, description="TapTalent's match score")
    error: str | None = None
    requested_by: str | None = None
