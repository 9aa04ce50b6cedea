"""`status <jobCandidateId>`: one candidate as each connected system sees them.

Each system is one section module (`Section` with a `read`), listed in
`registry.SECTIONS`. Sections are read side by side; one that fails says so in its own
line and the view stands. Contact details and salary are never part of it.
"""

from __future__ import annotations

import asyncio
import logging

from shared.actions.candidates import get_job_candidate
from shared.actions.errors import ActionError
from shared.actions.models import CandidateDetail, Id
from shared.actions.status.models import CandidateStatus, SystemStatus
from shared.actions.status.registry import SECTIONS
from shared.actions.status.section import Section, Subject
from shared.toolkit import Toolkit

log = logging.getLogger("tt.status")

__all__ = ["SECTIONS", "CandidateStatus", "SystemStatus", "candidate_status"]


async def _read(section: Section, subject: Subject) -> SystemStatus:
    try:
        return await section.read(subject)
    except ActionError as exc:
        return section.says("failed", f"Could not be read: {exc.message}")
    except Exception:  # one system's surprise must not take the others' lines with it
        log.exception("status section %s failed", section.system)
        return section.says("failed", "Could not be read (an unexpected error; see the log).")


async def candidate_status(
    tk: Toolkit, job_candidate_id: Id, *, detail: CandidateDetail | None = None
) -> CandidateStatus:
    """The candidate in TapTalent, the ATS, InstaView, Talynce and assessments.

    Pass ``detail`` when the caller has just read the candidate (the Details view)."""
    detail = detail or await get_job_candidate(tk, job_candidate_id)
    subject = Subject(tk, detail)
    systems = await asyncio.gather(*(_read(section, subject) for section in SECTIONS))
    return CandidateStatus(
        job_candidate_id=detail.job_candidate_id,
        name=detail.name,
        job=detail.job,
        systems=list(systems),
    )
