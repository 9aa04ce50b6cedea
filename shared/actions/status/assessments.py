"""Assessments: the latest invitation made through tt, from `assessment_state` (what the
invite and its webhooks or polls recorded in the store; no TapTalent call)."""

from __future__ import annotations

from shared.actions.assessments import assessment_state
from shared.actions.presentation import score_text
from shared.actions.status.models import SystemStatus
from shared.actions.status.section import Section, Subject

WORDS = {
    "pending": "invited, not taken yet",
    "completed": "scored",
    "failed": "could not be scored",
    "expired": "not taken in time",
}


async def read(subject: Subject) -> SystemStatus:
    state = await assessment_state(subject.tk, subject.key)
    if state is None:
        return SECTION.says("none", "Not invited to an assessment.")
    parts = [f"{state.assessment_name}: {WORDS[state.state]}"]
    if state.score is not None:
        parts.append(f"score {score_text(state.score)}")
    return SECTION.says(
        "ok",
        " · ".join(parts),
        assessment=state.assessment_name,
        assessment_id=str(state.assessment_id),
        assessment_state=state.state,
        assessment_score=state.score,
    )


SECTION = Section("assessment", "Assessment", read)
