"""The emulated ATS's records and its sample data (jobs named like some TapTalent sandbox
jobs, so `tt link job:<id>` finds a match)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any


@dataclass
class Stage:
    id: str
    name: str
    index: int
    status: str = "ACTIVE"

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "remote_id": f"r-{self.id}",
            "name": self.name,
            "status": self.status,
            "index": self.index,
        }


@dataclass
class Job:
    id: str
    name: str
    status: str
    stages: list[Stage]
    changed_at: str
    department: str = ""

    def wire(self, base: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "remote_id": f"r-{self.id}",
            "name": self.name,
            "job_code": f"JC-{self.id[-4:]}",
            "description": f"{self.name} ({self.department})",
            "status": self.status,
            "visibility": "PUBLIC",
            "department": self.department,
            "remote_url": f"{base}/jobs/{self.id}",
            "changed_at": self.changed_at,
            "remote_deleted_at": None,
            "stages": [s.wire() for s in self.stages],
        }


@dataclass
class Candidate:
    id: str
    first_name: str
    last_name: str
    email: str
    changed_at: str

    def wire(self, applications: list[str]) -> dict[str, Any]:
        return {
            "id": self.id,
            "remote_id": f"r-{self.id}",
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email_addresses": [{"email_address": self.email, "type": "PERSONAL"}],
            "phone_numbers": [],
            "tags": [],
            "applications": [{"id": a} for a in applications],
            "changed_at": self.changed_at,
        }


@dataclass
class Application:
    id: str
    job_id: str
    candidate_id: str
    stage_id: str
    created_at: str
    changed_at: str
    outcome: str = "PENDING"
    rejection_reason_name: str | None = None
    rejected_at: str | None = None
    notes: list[dict[str, Any]] = field(default_factory=list)
    result_links: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Reason:
    id: str
    name: str

    def wire(self) -> dict[str, Any]:
        return {"id": self.id, "remote_id": f"r-{self.id}", "name": self.name}


PIPELINES = {
    "engineering": ("Applied", "Phone Screen", "Technical Interview", "Offer", "Hired"),
    "design": ("New Applicants", "Recruiter Screen", "Portfolio Review", "Offer", "Hired"),
    "data": ("Applied", "Screening Call", "Take-home Task", "Final Round", "Offer", "Hired"),
}

# (name, department, pipeline, status). The first four share words with TapTalent sandbox
# job titles; "Platform Engineer" is closed, to show ATS.JOB_CLOSED.
SAMPLE_JOBS = (
    ("Senior Backend Engineer", "Engineering", "engineering", "OPEN"),
    ("Product Designer", "Design", "design", "OPEN"),
    ("Data Scientist", "Data", "data", "OPEN"),
    ("Frontend Engineer (Remote)", "Engineering", "engineering", "OPEN"),
    ("Platform Engineer", "Engineering", "engineering", "CLOSED"),
    ("Office Manager", "Operations", "design", "OPEN"),
    ("Backend Engineer (2025 intake)", "Engineering", "engineering", "ARCHIVED"),
)

REASONS = (
    "Not enough experience",
    "Salary expectations too high",
    "Position filled",
    "Candidate withdrew",
    "Skills do not match the role",
    "Failed technical interview",
)

EXISTING = (("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"))

EPOCH = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def build_jobs() -> list[Job]:
    jobs = []
    for n, (name, department, pipeline, status) in enumerate(SAMPLE_JOBS, start=1):
        job_id = f"KJ{n:04d}"
        stages = [
            Stage(f"{job_id}-S{i}", stage_name, i)
            for i, stage_name in enumerate(PIPELINES[pipeline])
        ]
        changed = stamp(EPOCH + timedelta(minutes=n))
        jobs.append(Job(job_id, name, status, stages, changed, department))
    return jobs


def build_reasons() -> list[Reason]:
    return [Reason(f"RR{n:02d}", name) for n, name in enumerate(REASONS, start=1)]
