"""The Talynce emulator's records, sample data, and how a candidate looks on the wire."""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from shared.sandbox.catalog import EMPLOYERS, FIRST_NAMES, JOB_TEMPLATES, LAST_NAMES
from shared.talynce.rules import LOCKED_WHEN_MASKED

NAMESPACE = uuid.UUID("0f7c2a5e-3b1d-4c8e-9f6a-2d4b8e1c7a53")
CITIES = ("Bengaluru", "Pune", "Hyderabad", "Chennai", "Gurugram", "Mumbai", "Noida")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class JobRec:
    id: str
    title: str
    skills: tuple[str, ...]


@dataclass
class ApplicationRec:
    id: str
    candidate_id: str
    job_id: str
    status: str
    notes: str | None
    applied_at: float  # time.monotonic(), for the screening delay
    screening: tuple[float, float]  # (screening_score, match_score) once visible
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)

    def wire(self, org_id: str, visible: bool) -> dict[str, Any]:
        screening, match = self.screening if visible else (None, None)
        return {
            "id": self.id,
            "candidate_id": self.candidate_id,
            "job_id": self.job_id,
            "organization_id": org_id,
            "status": self.status,
            "screening_score": screening,
            "match_score": match,
            "notes": self.notes,
            "screening_started_at": self.created_at,
            "screening_completed_at": self.updated_at if visible else None,
            "status_date": self.updated_at,
            "metadata": None,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass
class CandidateRec:
    id: str
    fields: dict[str, Any]  # everything stored, contact and CTC included
    talent_pool_status: str = "not_linked"
    applications: dict[str, ApplicationRec] = field(default_factory=dict)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)

    @property
    def email_key(self) -> str:
        return str(self.fields.get("email", "")).strip().lower()

    def wire(self, scores: list[float]) -> dict[str, Any]:
        f = self.fields
        out: dict[str, Any] = {
            "id": self.id,
            "full_name": f.get("full_name", ""),
            "email": f.get("email", ""),
            **{name: f.get(name) for name in _PLAIN},
            "primary_skills": list(f.get("primary_skills") or []),
            "secondary_skills": list(f.get("secondary_skills") or []),
            "skill_array": [*(f.get("primary_skills") or []), *(f.get("secondary_skills") or [])],
            "source": f.get("source") or "api",
            "screening_score": round(sum(scores) / len(scores), 1) if scores else None,
            "talent_pool_status": self.talent_pool_status,
            "metadata": f.get("metadata"),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if self.talent_pool_status == "masked":
            out.update({name: None for name in LOCKED_WHEN_MASKED})
            out["email"] = ""
        return out


_PLAIN = (
    "phone_number",
    "whatsapp_number",
    "location",
    "preferred_location",
    "total_experience_years",
    "current_company",
    "current_designation",
    "current_ctc",
    "expected_ctc",
    "notice_period_days",
    "in_notice_period",
    "last_working_day",
    "resume_url",
)


class Store:
    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"{seed}:talynce")
        self.api_key = "tly_test_" + "".join(
            self._rng.choice("0123456789abcdef") for _ in range(32)
        )
        self.org_id = str(uuid.uuid5(NAMESPACE, "org"))
        self.jobs = {
            (job_id := str(uuid.uuid5(NAMESPACE, f"job:{t.title}"))): JobRec(
                job_id, t.title, t.skills
            )
            for t in JOB_TEMPLATES
        }
        self.candidates: dict[str, CandidateRec] = {}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def by_email(self, email: str) -> CandidateRec | None:
        key = email.strip().lower()
        return next((c for c in self.candidates.values() if c.email_key == key), None)

    def fill(self, count: int, masked_every: int, revealed_every: int) -> None:
        """Sample candidates across the sample jobs' skills, some masked or revealed."""
        rng = self._rng
        templates = list(JOB_TEMPLATES)
        for index in range(1, count + 1):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            template = templates[index % len(templates)]
            skills = rng.sample(template.skills, k=min(4, len(template.skills)))
            ctc = round(rng.uniform(6, 45), 1)
            record = CandidateRec(
                self.new_id(),
                {
                    "full_name": f"{first} {last}",
                    "email": f"{first}.{last}.{index}@example.in".lower().replace("'", ""),
                    "phone_number": f"+91 9{rng.randint(100000000, 999999999)}",
                    "location": rng.choice(CITIES),
                    "primary_skills": skills[:3],
                    "secondary_skills": skills[3:],
                    "total_experience_years": round(rng.uniform(1, 15), 1),
                    "current_company": rng.choice(EMPLOYERS),
                    "current_designation": template.candidate_titles[0],
                    "current_ctc": ctc,
                    "expected_ctc": round(ctc * 1.3, 1),
                    "notice_period_days": rng.choice((15, 30, 60, 90)),
                    "source": "sample",
                },
            )
            if masked_every and index % masked_every == 0:
                record.talent_pool_status = "masked"
            elif revealed_every and index % revealed_every == 0:
                record.talent_pool_status = "revealed"
            self.candidates[record.id] = record

    def screening(self, seed: int, candidate: CandidateRec, job: JobRec) -> tuple[float, float]:
        """Deterministic scores: the match follows the skills the job asks for."""
        rng = random.Random(f"{seed}:{candidate.email_key}:{job.id}")
        skills = {s.lower() for s in candidate.fields.get("primary_skills") or []}
        skills |= {s.lower() for s in candidate.fields.get("secondary_skills") or []}
        overlap = len(skills & {s.lower() for s in job.skills}) / max(1, min(5, len(job.skills)))
        match = round(min(99.0, 40 + 55 * overlap + rng.uniform(-3, 3)), 1)
        return round(min(99.0, max(0.0, match + rng.uniform(-8, 8))), 1), match

    @staticmethod
    def clock() -> float:
        return time.monotonic()
