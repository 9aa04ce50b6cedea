"""The InstaView candidates tt created, one per TapTalent candidate and job.

An invite records ``sending`` before it asks InstaView to create the candidate and
``created`` (with InstaView's id) once the answer is in; the next invite for the same
candidate and job reuses that id. A row left at ``sending`` means the answer was lost:
the next invite looks the candidate up in InstaView (by the TapTalent ids in its
metadata) rather than creating it blindly a second time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from shared.store.db import Database, dumps, fetch_one, loads


class InstaViewCandidateRecord(BaseModel):
    candidate_key: str  # TapTalent's candidate id (the job candidate id when it has none)
    job_id: str
    job_candidate_id: str
    instaview_job_id: str
    instaview_candidate_id: str | None
    state: Literal["sending", "created"]
    fields: list[str]
    gdpr_expiry: str
    created_at: float
    updated_at: float

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> InstaViewCandidateRecord:
        data = dict(row)
        data["fields"] = loads(data.pop("fields_json"))
        return cls.model_validate(data)


class InstaViewMethods:
    _db: Database

    async def instaview_candidate(
        self, candidate_key: str, job_id: str
    ) -> InstaViewCandidateRecord | None:
        async with self._db.read() as conn:
            row = await fetch_one(
                conn,
                "SELECT * FROM instaview_candidates WHERE candidate_key = ? AND job_id = ?",
                (candidate_key, job_id),
            )
        return None if row is None else InstaViewCandidateRecord.from_row(row)

    async def record_instaview_candidate(
        self,
        candidate_key: str,
        job_id: str,
        *,
        job_candidate_id: str,
        instaview_job_id: str,
        instaview_candidate_id: str | None,
        fields: Sequence[str],
        gdpr_expiry: str,
    ) -> InstaViewCandidateRecord:
        """``sending`` without an InstaView id, ``created`` with one (replacing the row)."""
        now = self._db.clock()
        state = "created" if instaview_candidate_id else "sending"
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO instaview_candidates (candidate_key, job_id, job_candidate_id,
                    instaview_job_id, instaview_candidate_id, state, fields_json, gdpr_expiry,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (candidate_key, job_id) DO UPDATE SET
                    job_candidate_id = excluded.job_candidate_id,
                    instaview_job_id = excluded.instaview_job_id,
                    instaview_candidate_id = excluded.instaview_candidate_id,
                    state = excluded.state, fields_json = excluded.fields_json,
                    gdpr_expiry = excluded.gdpr_expiry, updated_at = excluded.updated_at
                """,
                (
                    candidate_key,
                    job_id,
                    job_candidate_id,
                    instaview_job_id,
                    instaview_candidate_id,
                    state,
                    dumps(list(fields)),
                    gdpr_expiry,
                    now,
                    now,
                ),
            )
        found = await self.instaview_candidate(candidate_key, job_id)
        assert found is not None
        return found
