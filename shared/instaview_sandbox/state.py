"""What the InstaView emulator holds, and how each record looks on the wire."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.instaview_sandbox.catalog import AGENTS, JOB_TEMPLATES, AgentSpec, stable_id

API = "/v1/public"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class JobRec:
    id: str
    title: str
    description: str | None
    created_at: datetime

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "status": "ACTIVE",
            "createdAt": iso(self.created_at),
        }


@dataclass
class AgentRec:
    id: str
    spec: AgentSpec

    def wire(self) -> dict[str, Any]:
        spec = self.spec
        return {
            "id": self.id,
            "name": spec.name,
            "type": spec.type,
            "focus": spec.focus,
            "language": spec.language,
            "duration": spec.duration,
            "questions": [{"text": q} for q in spec.questions],
        }


@dataclass
class CandidateRec:
    id: str
    body: dict[str, Any]  # what was sent, validated
    job_ids: list[str]
    cv_text: str | None  # anonymised
    created_at: datetime
    updated_at: datetime
    overall_rating: float | None = None
    analysis_ids: list[str] = field(default_factory=list)
    interview_ids: list[str] = field(default_factory=list)

    def wire(self) -> dict[str, Any]:
        body = self.body
        return {
            "id": self.id,
            "firstName": body["firstName"],
            "lastName": body["lastName"],
            "status": "APPLIED" if self.job_ids else "UNDEFINED",
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at),
            "jobId": self.job_ids[0] if self.job_ids else None,
            "jobIds": list(self.job_ids),
            "email": body.get("email"),
            "phoneNumber": body.get("phoneNumber"),
            # "Currently returned as a date (no time)" (seed 001).
            "gdprExpiryDate": str(body["gdprExpiryDate"])[:10],
            "overallRating": self.overall_rating,
            "metadata": body.get("metadata"),
            "analysisCount": len(self.analysis_ids),
            "interviewCount": len(self.interview_ids),
            "links": {
                "analyses": f"{API}/candidates/{self.id}/analyses",
                "interviews": f"{API}/candidates/{self.id}/interviews",
            },
            "gender": body.get("gender"),
            "cvText": self.cv_text,
        }


@dataclass
class AnalysisRec:
    id: str
    interview_id: str
    candidate_id: str
    general: dict[str, Any]
    created_at: datetime

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "interviewId": self.interview_id,
            "candidateId": self.candidate_id,
            "status": "COMPLETED",
            "general": dict(self.general),
            "createdAt": iso(self.created_at),
        }


@dataclass
class InterviewRec:
    id: str
    candidate_id: str
    agent_id: str
    job_id: str | None
    schedule_time: datetime
    is_test: bool
    # Decided at creation (seeded): "completes", "call_fails" or "analysis_fails".
    fate: str
    status: str = "SCHEDULED"
    call_attempts: list[dict[str, Any]] = field(default_factory=list)
    analysis: AnalysisRec | None = None
    analysis_status: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)

    def wire(self, schedule_field: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "candidateId": self.candidate_id,
            "agentId": self.agent_id,
            "jobId": self.job_id,
            "status": self.status,
            schedule_field: iso(self.schedule_time),
            "isTest": self.is_test,
            "callAttempts": [dict(a) for a in self.call_attempts],
            "analysisStatus": self.analysis_status,
            "analysis": self.analysis.wire() if self.analysis else None,
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at),
        }


@dataclass
class WebhookRec:
    id: str
    url: str
    events: list[str]
    name: str | None
    secret: str

    def wire(self, *, with_secret: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "events": list(self.events),
            "name": self.name,
        }
        if with_secret:
            out["signingSecret"] = self.secret
        return out


class Store:
    """Every record of the one company the emulator serves."""

    def __init__(self, seed: int) -> None:
        self._ids = random.Random(f"{seed}:instaview-ids")
        self.api_key = "sk_test_iv_" + self.token(24)
        self.webhook_secret = "whsec_iv_" + self.token(24)
        self.jobs: dict[str, JobRec] = {}
        epoch = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
        for template in JOB_TEMPLATES:
            job_id = stable_id("job", template.title)
            self.jobs[job_id] = JobRec(job_id, template.title, template.description, epoch)
        self.agents = {
            (agent_id := stable_id("agent", spec.name)): AgentRec(agent_id, spec) for spec in AGENTS
        }
        self.candidates: dict[str, CandidateRec] = {}
        self.interviews: dict[str, InterviewRec] = {}
        self.analyses: dict[str, AnalysisRec] = {}
        self.webhooks: dict[str, WebhookRec] = {}

    def new_id(self) -> str:
        """A UUID drawn from the seeded stream: same traffic, same ids."""
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def token(self, length: int) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        return "".join(self._ids.choice(alphabet) for _ in range(length))
