"""TapTalent: the score and the pipeline stage (from the candidate the view was built on)."""

from __future__ import annotations

from shared.actions.presentation import score_text
from shared.actions.status.models import SystemStatus
from shared.actions.status.section import Section, Subject


async def read(subject: Subject) -> SystemStatus:
    d = subject.detail
    stage = d.stage or "stage not known"
    summary = f"score {score_text(d.score)} · {stage}"
    if d.status:
        summary += f" · {d.status}"
    return SECTION.says("ok", summary, score=d.score, stage=d.stage, status=d.status)


SECTION = Section("taptalent", "TapTalent", read)
