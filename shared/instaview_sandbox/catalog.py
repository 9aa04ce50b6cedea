"""Sample agents and jobs. The jobs carry the TapTalent sandbox's job titles, so a job
there has its twin here (same title and description), ready to link."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shared.sandbox.catalog import JOB_TEMPLATES, JobTemplate

NAMESPACE = uuid.UUID("5b0c6f1e-8d7a-4f4e-9a57-6f3b2c1d0e9a")


def stable_id(kind: str, name: str) -> str:
    """The same id for the same sample in every run."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


@dataclass(frozen=True)
class AgentSpec:
    name: str
    type: str  # ONLINE or PHONE
    focus: str
    language: str
    duration: int  # minutes
    questions: tuple[str, ...]


AGENTS = (
    AgentSpec(
        "Screening (English, online)",
        "ONLINE",
        "SCREENING",
        "en",
        15,
        (
            "Walk me through your current role.",
            "Which of this job's requirements have you met in production?",
            "What are you looking for in your next position?",
        ),
    ),
    AgentSpec(
        "Phone screen (English)",
        "PHONE",
        "SCREENING",
        "en",
        10,
        ("Are you open to this role?", "What is your notice period?"),
    ),
    AgentSpec(
        "Technical deep dive",
        "ONLINE",
        "GENERIC",
        "en",
        30,
        (
            "Describe the hardest technical problem you solved last year.",
            "How do you make sure what you ship keeps working?",
        ),
    ),
    AgentSpec(
        "English language test",
        "ONLINE",
        "LANGUAGE_TEST",
        "en",
        10,
        ("Describe your last project in two minutes.",),
    ),
    AgentSpec(
        "Outreach call",
        "PHONE",
        "OUTREACH",
        "en",
        5,
        ("Would you like to hear about a role that fits your profile?",),
    ),
)


def template_for(title: str | None) -> JobTemplate | None:
    """The TapTalent job template with this title (case and spacing ignored)."""
    wanted = " ".join((title or "").lower().split())
    for template in JOB_TEMPLATES:
        if template.title.lower() == wanted:
            return template
    return None
