"""Job links to the other systems tt hands candidates to (InstaView, Talynce).

One row per TapTalent job and system: `link job:42 instaview:<id>` writes it, and the
interview and push use cases read it. The ATS link (Kombo) keeps its own table, with
mirroring, in `kombo.py`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from shared.store.db import Database, fetch_all, fetch_one

LinkedSystem = Literal["instaview", "talynce"]


class SystemLink(BaseModel):
    system: LinkedSystem
    job_id: str
    remote_id: str
    remote_name: str
    linked_by: str
    linked_at: float


class LinkMethods:
    _db: Database

    async def link_system_job(
        self,
        system: LinkedSystem,
        job_id: str,
        remote_id: str,
        remote_name: str = "",
        *,
        linked_by: str,
    ) -> SystemLink:
        """Link (or re-link) TapTalent job `job_id` to `remote_id` in `system`."""
        now = self._db.clock()
        async with self._db.transaction() as conn:
            await conn.execute(
                """
                INSERT INTO system_job_links
                    (system, job_id, remote_id, remote_name, linked_by, linked_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (system, job_id) DO UPDATE SET remote_id = excluded.remote_id,
                    remote_name = excluded.remote_name, linked_by = excluded.linked_by,
                    linked_at = excluded.linked_at
                """,
                (system, job_id, remote_id, remote_name, linked_by, now),
            )
        return SystemLink(
            system=system,
            job_id=job_id,
            remote_id=remote_id,
            remote_name=remote_name,
            linked_by=linked_by,
            linked_at=now,
        )

    async def system_link(self, system: LinkedSystem, job_id: str) -> SystemLink | None:
        """The job's link to `system`, or None."""
        async with self._db.read() as conn:
            row = await fetch_one(
                conn,
                "SELECT * FROM system_job_links WHERE system = ? AND job_id = ?",
                (system, job_id),
            )
        return None if row is None else SystemLink.model_validate(dict(row))

    async def system_links(self, job_id: str) -> list[SystemLink]:
        """Every system the job is linked to, by system name."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                "SELECT * FROM system_job_links WHERE job_id = ? ORDER BY system",
                (job_id,),
            )
        return [SystemLink.model_validate(dict(r)) for r in rows]

    async def forget_system_links(self, system: LinkedSystem) -> int:
        """Forget every job link to `system` (its emulator was reset): how many."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM system_job_links WHERE system = ?", (system,))
            return cursor.rowcount or 0
