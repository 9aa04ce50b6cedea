"""Notices of ended operations, any kind: claimed by one sender before posting, then sent.

A sender (a tracker, or a CLI following its own request) takes the claim with its owner
name and a lease. While the lease runs nobody else may post the notice, so two services
on one database (a deploy overlap, replicas) never both alert. If the owner dies, the
lease runs out and another sender takes over: a notice is never lost, and is repeated
only when its sender died in the instant between posting and marking it sent.
"""

from __future__ import annotations

import aiosqlite

from shared.store.db import Database, execute, fetch_one

CLAIM_SQL = """
    INSERT INTO notices (kind, operation_id, owner, lease_until, attempts, created_at)
    VALUES (?1, ?2, ?3, ?4, 1, ?5)
    ON CONFLICT (kind, operation_id) DO UPDATE SET
        owner = excluded.owner,
        lease_until = excluded.lease_until,
        attempts = notices.attempts + 1
    WHERE notices.state = 'unsent'
        AND (notices.owner IS NULL OR notices.owner = excluded.owner
             OR notices.lease_until <= ?5)
"""


async def claim(
    conn: aiosqlite.Connection, kind: str, operation_id: str, owner: str, until: float, now: float
) -> bool:
    """Inside a transaction: take (or renew) the claim; False when another holds it or the
    notice is sent."""
    return await execute(conn, CLAIM_SQL, (kind, operation_id, owner, until, now)) == 1


async def finish(
    conn: aiosqlite.Connection, kind: str, operation_id: str, owner: str | None, now: float
) -> bool:
    """Inside a transaction: mark the notice sent. With an owner, only while it holds the
    claim (or nobody does); True exactly once per notice."""
    await conn.execute(
        """
        INSERT INTO notices (kind, operation_id, created_at) VALUES (?, ?, ?)
        ON CONFLICT (kind, operation_id) DO NOTHING
        """,
        (kind, operation_id, now),
    )
    changed = await execute(
        conn,
        """
        UPDATE notices SET state = 'sent', sent_at = ?3, owner = NULL, lease_until = NULL
        WHERE kind = ?1 AND operation_id = ?2 AND state = 'unsent'
            AND (?4 IS NULL OR owner IS NULL OR owner = ?4 OR lease_until <= ?3)
        """,
        (kind, operation_id, now, owner),
    )
    return changed == 1


class NoticeMethods:
    _db: Database

    async def claim_notice(self, kind: str, operation_id: str, owner: str, lease: float) -> bool:
        """Claim the notice of an ended operation for `lease` seconds; True when this owner
        now holds it (a renewal counts), False when another owner does or it was sent."""
        now = self._db.clock()
        async with self._db.transaction() as conn:
            return await claim(conn, kind, operation_id, owner, now + lease, now)

    async def release_notice(self, kind: str, operation_id: str, owner: str) -> bool:
        """Give a claim back without sending (the owner will not post it after all)."""
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                UPDATE notices SET owner = NULL, lease_until = NULL
                WHERE kind = ? AND operation_id = ? AND owner = ? AND state = 'unsent'
                """,
                (kind, operation_id, owner),
            )
        return changed == 1

    async def finish_notice(self, kind: str, operation_id: str, owner: str | None) -> bool:
        """Mark a notice sent (see `finish`)."""
        async with self._db.transaction() as conn:
            return await finish(conn, kind, operation_id, owner, self._db.clock())

    async def notice_owner(self, kind: str, operation_id: str) -> tuple[str | None, str] | None:
        """(owner, state) of a notice, None when nobody claimed or sent it yet."""
        async with self._db.read() as conn:
            row = await fetch_one(
                conn,
                "SELECT owner, state FROM notices WHERE kind = ? AND operation_id = ?",
                (kind, operation_id),
            )
        return None if row is None else (row["owner"], row["state"])
