"""InstaView: the AI interview's state and rating, read from the interview operation that
the invite recorded (kind ``interview``, subject the job candidate id). Fields read, in
``result`` then ``data``, by any spelling: ``status``, ``overallRating`` (or ``rating``),
``companyFitRating``, ``agentName`` (or ``agent``)."""

from __future__ import annotations

from shared.actions.presentation import score_text
from shared.actions.status.models import SystemStatus
from shared.actions.status.operations import find, latest, number, text
from shared.actions.status.section import Section, Subject
from shared.connectors_setup import INSTAVIEW_HOW_TO_CONNECT

KIND = "interview"


async def read(subject: Subject) -> SystemStatus:
    if subject.tk.instaview is None:
        return SECTION.not_connected(INSTAVIEW_HOW_TO_CONNECT)
    op = await latest(subject.tk, KIND, subject.key)
    if op is None:
        job = subject.job_id
        if job is None or await subject.tk.store.system_link("instaview", job) is None:
            return SECTION.says(
                "none", "Not invited to an AI interview (the job is not linked to InstaView)."
            )
        return SECTION.says("none", "Not invited to an AI interview.")
    status = text(find(op, "status", "interviewStatus")) or op.state
    rating = number(find(op, "overallRating", "rating"))
    fit = number(find(op, "companyFitRating", "companyFit"))
    agent = text(find(op, "agentName", "agent"))
    parts = [f"interview {status.lower()}" if op.state == "pending" else f"interview {op.state}"]
    if op.state != "pending" and status.lower() != op.state:
        parts[0] += f" ({status.lower()})"
    if rating is not None:
        parts.append(f"rating {score_text(rating)}")
    if fit is not None:
        parts.append(f"company fit {score_text(fit)}")
    if agent:
        parts.append(f"agent {agent}")
    return SECTION.says(
        "ok",
        " · ".join(parts),
        interview_state=op.state,
        interview_status=status,
        rating=rating,
        company_fit=fit,
        interview_id=op.id,
    )


SECTION = Section("instaview", "InstaView", read)
