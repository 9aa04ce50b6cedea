"""What the interview use cases return (typed results; surfaces render them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.actions.models import Id, JobRef

InterviewPhase = Literal[
    "pending", "scheduled", "in_progress", "analysing", "completed", "failed", "expired"
]


class AgentInfo(BaseModel):
    """An InstaView agent (an interview template)."""

    id: str
    name: str
    type: str | None = None  # ONLINE or PHONE
    focus: str | None = None
    language: str | None = None
    duration: float | None = Field(default=None, description="minutes")


class AgentChoices(BaseModel):
    """``interview <id>`` with no agent named and no default: the agents to choose from."""

    job_candidate_id: Id
    agents: list[AgentInfo]
    message: str


class InterviewPlan(BaseModel):
    """What an invite would send to InstaView, said before anything is sent.

    ``contact`` holds the field names sent (``email``, ``phoneNumber``); their values are
    in ``contact_values`` only where contact details may be shown (TT_SHOW_CONTACT_DETAILS).
    """

    job_candidate_id: Id
    candidate_key: str
    name: str
    job: JobRef
    score: float | None = None
    agent: AgentInfo
    at: str | None = Field(default=None, description="scheduled time (ISO), None: now")
    is_test: bool = False
    contact: list[str] = Field(default_factory=list)
    contact_values: dict[str, str] | None = None
    cv_characters: int = 0
    cv_trimmed: bool = False
    gdpr_expiry: str
    fields: list[str] = Field(description="InstaView candidate fields sent (names only)")
    omitted: dict[str, str] = Field(default_factory=dict, description="field -> why not sent")
    instaview_job_id: str | None = None
    instaview_job_name: str | None = None
    creates_job: bool = Field(default=False, description="the InstaView job is created first")
    reuses_candidate: str | None = Field(default=None, description="InstaView candidate id")
    notes: list[str] = Field(default_factory=list)

    @property
    def question(self) -> str:
        """The confirmation every surface asks (plain text; each surface escapes it)."""
        return "\n".join(self.lines())

    def lines(self) -> list[str]:
        when = f"at {self.at}" if self.at else "as soon as possible"
        lines = [
            f"Invite {self.name} (job candidate {self.job_candidate_id}, {self.job.title}) "
            f"to an AI interview with the agent “{self.agent.name}”, {when}?",
            "This sends to InstaView: " + ", ".join(self.fields) + ".",
        ]
        if self.contact_values:
            shown = ", ".join(f"{k} {v}" for k, v in self.contact_values.items())
            lines.append(f"Contact: {shown}.")
        elif self.contact:
            lines.append(f"Contact: {' and '.join(self.contact)} (values hidden here).")
        cv = f"{self.cv_characters:,} characters" if self.cv_characters else "none"
        lines.append(
            f"CV text: {cv}" + (" (trimmed to InstaView's limit)." if self.cv_trimmed else ".")
        )
        lines.append(f"InstaView deletes the candidate on {self.gdpr_expiry} (GDPR expiry).")
        if self.creates_job:
            lines.append(
                f"Job {self.job.id} has no InstaView job yet: this creates “{self.job.title}” in "
                "InstaView from the TapTalent job's title and description, and links it."
            )
        if self.reuses_candidate:
            lines.append(
                "InstaView already has this candidate for this job (created by tt): reused."
            )
        lines += [f"Not sent: {k} ({why})." for k, why in self.omitted.items() if k != "jobIds"]
        lines += self.notes
        return lines


class InterviewInvite(BaseModel):
    """An invite made: the InstaView candidate and the interview, pending until analysed."""

    job_candidate_id: Id
    name: str
    job: JobRef
    interview_id: str
    instaview_candidate_id: str
    candidate_created: bool
    instaview_job_id: str
    job_created: bool = False
    agent: AgentInfo
    at: str | None = None
    is_test: bool = False
    gdpr_expiry: str
    fields: list[str]
    actor: str | None = None
    message: str


class InterviewAnalysis(BaseModel):
    """InstaView's AI analysis of an interview (third-party, AI-written text)."""

    overall_rating: float | None = None
    company_fit: float | None = None
    strong_points: list[str] = Field(default_factory=list)
    weak_points: list[str] = Field(default_factory=list)
    evaluation: str | None = None


class InterviewState(BaseModel):
    """The latest interview of a job candidate, as tt recorded it (for the status view).

    ``state``: pending (invited, no end yet), completed (analysed), failed, or expired.
    """

    job_candidate_id: str
    interview_id: str
    state: Literal["pending", "completed", "failed", "expired"]
    agent: str | None = None
    invited_at: float
    ended_at: float | None = None
    overall_rating: float | None = None
    company_fit: float | None = None
    reason: str | None = Field(default=None, description="why it failed or expired")


class InterviewProgress(BaseModel):
    """``interview-status``: where an interview is, asked of InstaView when it runs."""

    job_candidate_id: Id | None = None
    name: str | None = None
    interview_id: str
    phase: InterviewPhase
    status: str | None = Field(default=None, description="InstaView's own status word")
    agent: str | None = None
    scheduled_at: str | None = None
    call_attempts: int = 0
    score: float | None = Field(default=None, description="the TapTalent score at the invite")
    analysis: InterviewAnalysis | None = None
    reason: str | None = None
    live: bool = Field(default=True, description="False: InstaView could not be asked")
    message: str
