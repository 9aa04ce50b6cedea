"""Job links to the ATS and the applications tt pushed there (Kombo)."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from typing import Literal

from pydantic import BaseModel

from shared.store.db import Database, dumps, execute, fetch_all, fetch_one, loads
from shared.store.models import Origin

PushStep = Literal["result_link", "note"]
PUSH_LEASE_PREFIX = "kombo.push:"


class JobLink(BaseModel):
    job_id: str
    ats_job_id: str
    ats_job_name: str
    mirror: bool
    linked_by: str
    linked_at: float


class PushRecord(BaseModel):
    """What tt knows of one pushed job candidate; the steps say how far the push got."""

    job_candidate_id: str
    job_id: str
    ats_job_id: str
    application_id: str | None
    remote_url: str | None
    stage_id: str | None
    outcome: str | None
    result_link_added: bool
    note_added: bool
    origin: Origin
    fields: list[str]
    created_at: float
    updated_at: float

    @property
    def complete(self) -> bool:
        return bool(self.application_id) and self.result_link_added and self.note_added

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> PushRecord:
        return cls(
            job_candidate_id=row["job_candidate_id"],
            job_id=row["job_id"],
            ats_job_id=row["ats_job_id"],
            application_id=row["application_id"],
            remote_url=row["remote_url"],
            stage_id=row["stage_id"],
            outcome=row["outcome"],
            result_link_added=bool(row["result_link_added"]),
            note_added=bool(row["note_added"]),
            origin=Origin.model_validate(loads(row["origin_json"])),
            fields=loads(row["fields_json"]) or [],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


class KomboDelivery(BaseModel):
    event_id: str
    type: str
    received_at: float
    body: str
    state: str


class KomboMethods:
    _db: Database
    idempotency_claim: Callable[[str, float], Awaitable[bool]]  # from IdempotencyMethods

    async def link_job(
        self, job_id: str, ats_job_id: str, ats_job_name: str, *, mirror: bool, linked_by: str
    ) -> JobLink:
        """Link (or re-link) a TapTalent job to an ATS job."""
        now = self._db.clock()
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO kombo_job_links
                    (job_id, ats_job_id, ats_job_name, mirror, linked_by, linked_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_id) DO UPDATE SET ats_job_id = excluded.ats_job_id,
                    ats_job_name = excluded.ats_job_name, mirror = excluded.mirror,
                    linked_by = excluded.linked_by, linked_at = excluded.linked_at
                """,
                (job_id, ats_job_id, ats_job_name, int(mirror), linked_by, now),
            )
        return JobLink(
            job_id=job_id,
            ats_job_id=ats_job_id,
            ats_job_name=ats_job_name,
            mirror=mirror,
            linked_by=linked_by,
            linked_at=now,
        )

    async def job_link(self, job_id: str) -> JobLink | None:
        async with self._db.read() as conn:
            row = await fetch_one(conn, "SELECT * FROM kombo_job_links WHERE job_id = ?", (job_id,))
        return None if row is None else JobLink.model_validate(dict(row))

    async def push_record(self, job_candidate_id: str) -> PushRecord | None:
        async with self._db.read() as conn:
            row = await fetch_one(
                conn, "SELECT * FROM kombo_pushes WHERE job_candidate_id = ?", (job_candidate_id,)
            )
        return None if row is None else PushRecord.from_row(row)

    async def record_application(
        self,
        job_candidate_id: str,
        job_id: str,
        ats_job_id: str,
        *,
        application_id: str,
        remote_url: str | None,
        stage_id: str | None,
        outcome: str | None,
        origin: Origin,
        fields: Iterable[str],
    ) -> PushRecord:
        """Record the ATS application of a job candidate (kept if already recorded)."""
        now = self._db.clock()
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO kombo_pushes (job_candidate_id, job_id, ats_job_id, application_id,
                    remote_url, stage_id, outcome, origin_json, fields_json, created_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (job_candidate_id) DO UPDATE SET
                    application_id = excluded.application_id, remote_url = excluded.remote_url,
                    ats_job_id = excluded.ats_job_id, updated_at = excluded.updated_at
                """,
                (
                    job_candidate_id,
                    job_id,
                    ats_job_id,
                    application_id,
                    remote_url,
                    stage_id,
                    outcome,
                    dumps(origin.model_dump()),
                    dumps(sorted(fields)),
                    now,
                    now,
                ),
            )
        record = await self.push_record(job_candidate_id)
        assert record is not None
        return record

    async def mark_push_step(self, job_candidate_id: str, step: PushStep) -> None:
        sql = {
            "result_link": "UPDATE kombo_pushes SET result_link_added = 1, updated_at = ? "
            "WHERE job_candidate_id = ?",
            "note": "UPDATE kombo_pushes SET note_added = 1, updated_at = ? "
            "WHERE job_candidate_id = ?",
        }[step]
        async with self._db.transaction() as conn:
            await execute(conn, sql, (self._db.clock(), job_candidate_id))

    async def pushed_applications(self) -> list[PushRecord]:
        """Every push that reached the ATS (has an application), oldest first."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                "SELECT * FROM kombo_pushes WHERE application_id IS NOT NULL ORDER BY created_at",
            )
        return [PushRecord.from_row(row) for row in rows]

    async def update_application_state(
        self, application_id: str, stage_id: str | None, outcome: str | None
    ) -> bool:
        """Store the application's stage and outcome; True when either changed."""
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                UPDATE kombo_pushes SET stage_id = ?, outcome = ?, updated_at = ?
                WHERE application_id = ?
                    AND (stage_id IS NOT ? OR outcome IS NOT ?)
                """,
                (stage_id, outcome, self._db.clock(), application_id, stage_id, outcome),
            )
        return changed == 1

    async def add_kombo_delivery(self, event_id: str, event_type: str, body: str) -> bool:
        """Store a Kombo webhook delivery; False when this event id came before."""
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                INSERT INTO kombo_webhook_deliveries (event_id, type, received_at, body)
                VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                """,
                (event_id, event_type, self._db.clock(), body),
            )
        return changed == 1

    async def pending_kombo_deliveries(self) -> list[KomboDelivery]:
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                "SELECT * FROM kombo_webhook_deliveries WHERE state = 'received' "
                "ORDER BY received_at, event_id",
            )
        return [KomboDelivery.model_validate(dict(row)) for row in rows]

    async def mark_kombo_delivery(
        self, event_id: str, state: str, error: str | None = None
    ) -> None:
        async with self._db.transaction() as conn:
            await execute(
                conn,
                "UPDATE kombo_webhook_deliveries SET state = ?, processed_at = ?, error = ? "
                "WHERE event_id = ?",
                (state, self._db.clock(), error, event_id),
            )

    async def claim_push(self, job_candidate_id: str, lease: float) -> bool:
        """Take the push lease of a job candidate (an idempotency key that expires)."""
        return await self.idempotency_claim(f"{PUSH_LEASE_PREFIX}{job_candidate_id}", lease)

    async def release_push(self, job_candidate_id: str) -> None:
        async with self._db.transaction() as conn:
            await execute(
                conn,
                "DELETE FROM idempotency_keys WHERE key = ?",
                (f"{PUSH_LEASE_PREFIX}{job_candidate_id}",),
            )

    async def forget_ats_records(self) -> int:
        """Forget every job link and push (the ATS emulator they point into was reset):
        the number of rows forgotten."""
        async with self._db.transaction() as conn:
            links = await conn.execute("DELETE FROM kombo_job_links")
            pushes = await conn.execute("DELETE FROM kombo_pushes")
            return (links.rowcount or 0) + (pushes.rowcount or 0)
