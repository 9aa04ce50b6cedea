"""What tt sent to Talynce for each job candidate, and how it ended.

A push is recorded as ``sending`` before the request leaves, then ``pushed`` (Talynce
answered: created or matched, applied), ``masked`` (the candidate is locked in Talynce's
talent pool; nothing changed) or ``unknown`` (no answer: it may have arrived, so the next
push looks in Talynce before sending again). A push that Talynce refused outright leaves
no row (`forget_talynce_push`): nothing happened, so it may simply be tried again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Literal

from pydantic import BaseModel

from shared.store.db import Database, dumps, execute, fetch_one, loads
from shared.store.models import Origin

TalynceState = Literal["sending", "pushed", "masked", "unknown"]
LEASE_PREFIX = "talynce.push:"


class TalyncePush(BaseModel):
    job_candidate_id: str
    job_id: str
    talynce_job_id: str
    state: TalynceState
    talynce_candidate_id: str | None = None
    created: bool | None = None  # True: Talynce created the candidate (201); False: matched
    application_status: str | None = None
    fields: list[str]  # the field names sent (never their values)
    omitted: dict[str, str]  # field -> why it was left out (CTC that would need a guess)
    origin: Origin
    message: str = ""
    created_at: float
    updated_at: float

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> TalyncePush:
        created = row["created"]
        return cls(
            job_candidate_id=row["job_candidate_id"],
            job_id=row["job_id"],
            talynce_job_id=row["talynce_job_id"],
            state=row["state"],
            talynce_candidate_id=row["talynce_candidate_id"],
            created=None if created is None else bool(created),
            application_status=row["application_status"],
            fields=loads(row["fields_json"]) or [],
            omitted=loads(row["omitted_json"]) or {},
            origin=Origin.model_validate(loads(row["origin_json"])),
            message=row["message"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )


class TalynceMethods:
    _db: Database
    idempotency_claim: Callable[[str, float], Awaitable[bool]]  # from IdempotencyMethods
    idempotency_release: Callable[[str], Awaitable[None]]

    async def talynce_push(self, job_candidate_id: str) -> TalyncePush | None:
        async with self._db.read() as conn:
            row = await fetch_one(
                conn,
                "SELECT * FROM talynce_pushes WHERE job_candidate_id = ?",
                (job_candidate_id,),
            )
        return None if row is None else TalyncePush.from_row(row)

    async def begin_talynce_push(
        self,
        job_candidate_id: str,
        job_id: str,
        talynce_job_id: str,
        *,
        fields: Iterable[str],
        omitted: Mapping[str, str],
        origin: Origin,
    ) -> None:
        """Record that a push is about to leave (state ``sending``)."""
        now = self._db.clock()
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO talynce_pushes (job_candidate_id, job_id, talynce_job_id, state,
                    fields_json, omitted_json, origin_json, created_at, updated_at)
                VALUES (?, ?, ?, 'sending', ?, ?, ?, ?, ?)
                ON CONFLICT (job_candidate_id) DO UPDATE SET state = 'sending',
                    job_id = excluded.job_id, talynce_job_id = excluded.talynce_job_id,
                    fields_json = excluded.fields_json, omitted_json = excluded.omitted_json,
                    origin_json = excluded.origin_json, updated_at = excluded.updated_at
                """,
                (
                    job_candidate_id,
                    job_id,
                    talynce_job_id,
                    dumps(sorted(fields)),
                    dumps(dict(omitted)),
                    dumps(origin.model_dump()),
                    now,
                    now,
                ),
            )

    async def end_talynce_push(
        self,
        job_candidate_id: str,
        state: TalynceState,
        *,
        message: str,
        talynce_candidate_id: str | None = None,
        created: bool | None = None,
        application_status: str | None = None,
    ) -> TalyncePush:
        """Record how a push ended; returns the record."""
        async with self._db.transaction() as conn:
            await execute(
                conn,
                """
                UPDATE talynce_pushes SET state = ?, message = ?, updated_at = ?,
                    talynce_candidate_id = COALESCE(?, talynce_candidate_id),
                    created = COALESCE(?, created),
                    application_status = COALESCE(?, application_status)
                WHERE job_candidate_id = ?
                """,
                (
                    state,
                    message,
                    self._db.clock(),
                    talynce_candidate_id,
                    None if created is None else int(created),
                    application_status,
                    job_candidate_id,
                ),
            )
        record = await self.talynce_push(job_candidate_id)
        assert record is not None, "end_talynce_push without begin_talynce_push"
        return record

    async def forget_talynce_push(self, job_candidate_id: str) -> None:
        """Talynce refused the push: nothing reached it, so there is nothing to remember."""
        async with self._db.transaction() as conn:
            await execute(
                conn,
                "DELETE FROM talynce_pushes WHERE job_candidate_id = ? AND state = 'sending'",
                (job_candidate_id,),
            )

    async def claim_talynce_push(self, job_candidate_id: str, lease: float) -> bool:
        """One push of a job candidate at a time across processes (expires after ``lease``)."""
        return await self.idempotency_claim(f"{LEASE_PREFIX}{job_candidate_id}", lease)

    async def release_talynce_push(self, job_candidate_id: str) -> None:
        await self.idempotency_release(f"{LEASE_PREFIX}{job_candidate_id}")
