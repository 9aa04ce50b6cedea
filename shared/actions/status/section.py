"""The shape of a status section: a system's name, label, and how to read it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from shared.actions.models import CandidateDetail
from shared.actions.status.models import Fact, SectionState, SystemStatus
from shared.toolkit import Toolkit


@dataclass(frozen=True)
class Subject:
    """The candidate the view is about, as TapTalent shows them."""

    tk: Toolkit
    detail: CandidateDetail

    @property
    def key(self) -> str:
        """The job candidate id as text: the subject of their operations in the store."""
        return str(self.detail.job_candidate_id)

    @property
    def job_id(self) -> str | None:
        job = self.detail.job.id if self.detail.job else self.detail.job_id
        return None if job is None else str(job)


@dataclass(frozen=True)
class Section:
    system: str
    label: str
    read: Callable[[Subject], Awaitable[SystemStatus]]

    def says(self, state: SectionState, summary: str, **facts: Fact) -> SystemStatus:
        return SystemStatus(
            system=self.system, label=self.label, state=state, summary=summary, facts=facts
        )

    def not_connected(self, how: str) -> SystemStatus:
        return self.says("not_connected", f"Not connected. {how}")
