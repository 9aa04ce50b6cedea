"""Runs TapTalent started but whose start answer tt could not read (issue 9, "unknown
outcome of a write"): recorded under a placeholder id `unknown:<request>:<n>`, they are
named by the first `job.candidates.rescored` for their job whose `rescoreId` tt does not
know, whichever came first:

- the webhook after the placeholder: `adopt_placeholder` renames the placeholder;
- the webhook before it (TapTalent was quicker than tt's own bookkeeping), stored as a
  run of no request: `adopt_early_run` gives that run to the request instead.

**choice**: matched by job and time, since nothing else links them; an early run counts
if it was recorded at most `EARLY_SLACK` seconds before the placeholder.
"""

from __future__ import annotations

from shared.store.db import Database, execute, fetch_one

PLACEHOLDER_PREFIX = "unknown:"
EARLY_SLACK = 300.0


class PlaceholderMethods:
    _db: Database

    async def adopt_placeholder(self, job_id: int | str, rescore_id: str) -> bool:
        """Give a webhook's rescore id to the oldest pending run of that job whose start
        answer could not be read. False when the id is known already or none waits."""
        async with self._db.read() as conn:  # almost always none waits: no write lock then
            waiting = await fetch_one(
                conn,
                "SELECT 1 FROM rescores WHERE job_id = ? AND state = 'pending' "
                "AND rescore_id LIKE 'unknown:%' LIMIT 1",
                (str(job_id),),
            )
        if waiting is None:
            return False
        async with self._db.transaction() as conn:
            if await fetch_one(conn, "SELECT 1 FROM rescores WHERE rescore_id = ?", (rescore_id,)):
                return False
            changed = await execute(
                conn,
                """
                UPDATE rescores SET rescore_id = ?1, updated_at = ?3
                WHERE rescore_id = (
                    SELECT rescore_id FROM rescores
                    WHERE job_id = ?2 AND state = 'pending' AND rescore_id LIKE 'unknown:%'
                    ORDER BY created_at, rescore_id LIMIT 1
                )
                """,
                (rescore_id, str(job_id), self._db.clock()),
            )
        return changed == 1

    async def adopt_early_run(self, placeholder_id: str) -> str | None:
        """Replace a pending placeholder by a run of its job that a webhook reported before
        the request was recorded; return that run's id, or None when there is none."""
        async with self._db.transaction() as conn:
            mine = await fetch_one(
                conn,
                "SELECT * FROM rescores WHERE rescore_id = ? AND state = 'pending'",
                (placeholder_id,),
            )
            if mine is None or not placeholder_id.startswith(PLACEHOLDER_PREFIX):
                return None
            early = await fetch_one(
                conn,
                """
                SELECT rescore_id FROM rescores
                WHERE group_id IS NULL AND job_id = ? AND created_at >= ?
                ORDER BY created_at, rescore_id LIMIT 1
                """,
                (mine["job_id"], mine["created_at"] - EARLY_SLACK),
            )
            if early is None:
                return None
            await conn.execute("DELETE FROM rescores WHERE rescore_id = ?", (placeholder_id,))
            await conn.execute(
                """
                UPDATE rescores SET group_id = ?, total_queued = MAX(total_queued, ?),
                                    updated_at = ?
                WHERE rescore_id = ?
                """,
                (mine["group_id"], mine["total_queued"], self._db.clock(), early["rescore_id"]),
            )
        return str(early["rescore_id"])
