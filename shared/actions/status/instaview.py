"""InstaView: the AI interview's state and rating, from `interview_state` (what the invite
and its webhooks or polls recorded in the store; no InstaView call)."""

from __future__ import annotations

from shared.actions.interviews import interview_state
from shared.actions.presentation import score_text
from shared.actions.status.models import SystemStatus
from shared.actions.status.section import Section, Subject
from shared.connectors_setup import INSTAVIEW_HOW_TO_CONNECT

WORDS = {
    "pending": "invited, not analysed yet",
    "completed": "analysed",
    "failed": "failed",
    "expired": "no analysis came back in time",
}


async def read(subject: Subject) -> SystemStatus:
    if subject.tk.instaview is None:
        return SECTION.not_connected(INSTAVIEW_HOW_TO_CONNECT)
    state = await interview_state(subject.tk, subject.key)
    if state is None:
        job = subject.job_id
        if job is None or await subject.tk.store.system_link("instaview", job) is None:
            return SECTION.says(
                "none", "Not invited to an AI interview (the job is not linked to InstaView)."
            )
        return SECTION.says("none", "Not invited to an AI interview.")
    parts = [f"interview {WORDS[state.state]}"]
    if state.overall_rating is not None:
        parts.append(f"rating {score_text(state.overall_rating)}")
    if state.company_fit is not None:
        parts.append(f"company fit {score_text(state.company_fit)}")
    if state.agent:
        parts.append(f"agent {state.agent}")
    if state.reason and state.state != "completed":
        parts.append(state.reason)
    return SECTION.says(
        "ok",
        " · ".join(parts),
        interview_state=state.state,
        rating=state.overall_rating,
        company_fit=state.company_fit,
        interview_id=state.interview_id,
    )


SECTION = Section("instaview", "InstaView", read)
