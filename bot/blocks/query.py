"""What a top-candidates message shows, carried in its buttons so Next 10 and Refresh can
rerun the same query without any state on our side."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from shared.actions.models import Id, TopCandidatesResult


@dataclass(frozen=True)
class TopQuery:
    job: Id
    offset: int = 0
    limit: int = 10
    min_score: float | None = None
    stage: str | None = None
    include_rejected: bool = False

    @classmethod
    def of(cls, result: TopCandidatesResult) -> TopQuery:
        stage = None
        if result.stage is not None:
            stage = str(result.stage.id) if result.stage.id is not None else result.stage.name
        return cls(
            job=result.job.id,
            offset=result.offset,
            limit=result.limit,
            min_score=result.min_score,
            stage=stage,
            include_rejected=result.include_rejected,
        )

    def to_value(self) -> dict[str, Any]:
        return {
            "j": self.job,
            "o": self.offset or None,
            "l": self.limit,
            "m": self.min_score,
            "s": self.stage,
            "r": 1 if self.include_rejected else None,
        }

    @classmethod
    def from_value(cls, data: dict[str, Any]) -> TopQuery:
        return cls(
            job=data["j"],
            offset=int(data.get("o") or 0),
            limit=int(data.get("l") or 10),
            min_score=data.get("m"),
            stage=data.get("s"),
            include_rejected=bool(data.get("r")),
        )

    def page(self, step: int) -> TopQuery:
        return replace(self, offset=max(0, self.offset + step * self.limit))
