"""Assessments: the latest assessment invitation, read from its operation (kind
``assessment``, subject the job candidate id). Fields read, in ``result`` then ``data``,
by any spelling: ``status``, ``score``, ``assessmentName`` (or ``name``, ``title``)."""

from __future__ import annotations

from shared.actions.presentation import score_text
from shared.actions.status.models import SystemStatus
from shared.actions.status.operations import find, latest, number, text
from shared.actions.status.section import Section, Subject

KIND = "assessment"


async def read(subject: Subject) -> SystemStatus:
    op = await latest(subject.tk, KIND, subject.key)
    if op is None:
        return SECTION.says("none", "Not invited to an assessment.")
    name = text(find(op, "assessmentName", "name", "title"))
    status = text(find(op, "status")) or op.state
    score = number(find(op, "score"))
    parts = [f"{name}: {status.lower()}" if name else status.lower()]
    if score is not None:
        parts.append(f"score {score_text(score)}")
    return SECTION.says(
        "ok",
        " · ".join(parts),
        assessment=name,
        assessment_state=op.state,
        assessment_status=status,
        assessment_score=score,
    )


SECTION = Section("assessment", "Assessment", read)
