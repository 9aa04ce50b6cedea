"""What the store hands back: plain pydantic models, JSON columns already parsed."""

from __future__ import annotations

import sqlite3
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from shared.store.db import loads

RescoreState = Literal["pending", "completed", "failed", "expired"]
EndState = Literal["completed", "failed", "expired"]
NotifyState = Literal["waiting", "sent"]
DeliveryState = Literal["received", "processed", "ignored", "failed"]
OriginKind = Literal["slack", "mcp", "cli"]

END_STATES: frozenset[str] = frozenset({"completed", "failed", "expired"})
DELIVERY_STATES: frozenset[str] = frozenset({"received", "processed", "ignored", "failed"})


class Origin(BaseModel):
    """Who asked for something and where the answer should go."""

    model_config = ConfigDict(frozen=True)

    kind: OriginKind
    user: str | None = None  # Slack user id, or "cli:alice", or the MCP client's name
    channel: str | None = None
    thread_ts: str | None = None
    team: str | None = None


class PendingRescore(BaseModel):
    """One API rescore (up to 250 candidates). Despite the name it may have ended."""

    rescore_id: str
    group_id: str | None
    job_id: str
    state: RescoreState
    total_queued: int
    created_at: float
    updated_at: float
    next_poll_at: float | None
    poll_attempts: int
    result: dict[str, Any] | None  # the final status payload (webhook data or poll)
    ended_at: float | None

    @property
    def ended(self) -> bool:
        return self.state != "pending"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> PendingRescore:
        return cls(
            rescore_id=row["rescore_id"],
            group_id=row["group_id"],
            job_id=row["job_id"],
            state=row["state"],
            total_queued=row["total_queued"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            next_poll_at=row["next_poll_at"],
            poll_attempts=row["poll_attempts"],
            result=loads(row["result_json"]),
            ended_at=row["ended_at"],
        )


class RescoreGroup(BaseModel):
    """One rescore request a person made, with the API rescores it became."""

    id: str
    job_id: str
    stage: str | None
    origin: Origin
    snapshot: dict[str, float | None]  # job_candidate_id -> score before the rescore
    created_at: float
    notify_state: NotifyState
    notified_at: float | None
    notice: dict[str, Any] | None
    rescores: list[PendingRescore] = []

    @property
    def ended(self) -> bool:
        """Every rescore has ended (and there is at least one)."""
        return bool(self.rescores) and all(r.ended for r in self.rescores)

    @property
    def pending_count(self) -> int:
        return sum(1 for r in self.rescores if not r.ended)

    @property
    def total_queued(self) -> int:
        return sum(r.total_queued for r in self.rescores)

    def age(self, now: float) -> float:
        """Seconds since the request, for "rescoring for 3 min" in App Home."""
        return max(0.0, now - self.created_at)

    @classmethod
    def from_row(cls, row: sqlite3.Row, rescores: list[PendingRescore]) -> RescoreGroup:
        return cls(
            id=row["id"],
            job_id=row["job_id"],
            stage=row["stage"],
            origin=Origin.model_validate_json(row["origin_json"]),
            snapshot=loads(row["snapshot_json"]),
            created_at=row["created_at"],
            notify_state=row["notify_state"],
            notified_at=row["notified_at"],
            notice=loads(row["notice_json"]),
            rescores=rescores,
        )


class Delivery(BaseModel):
    """One webhook delivery as received (body kept verbatim, to process after a crash)."""

    id: int
    dedupe_key: str
    event: str
    received_at: float
    body: str
    state: DeliveryState
    processed_at: float | None
    error: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Delivery:
        return cls(**{key: row[key] for key in row.keys()})  # noqa: SIM118 (sqlite3.Row)


class AuditEntry(BaseModel):
    """One write action: who did what, from where, to what, and how it went."""

    id: int
    at: float
    actor: str
    surface: str
    action: str
    target: str
    details: dict[str, Any]
    result: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> AuditEntry:
        return cls(
            id=row["id"],
            at=row["at"],
            actor=row["actor"],
            surface=row["surface"],
            action=row["action"],
            target=row["target"],
            details=loads(row["details_json"]),
            result=row["result"],
        )
