"""Pending rescores and their groups: record, complete (webhook or poll), notify once.

The life of a group: `add_group` (state 'waiting') -> each rescore ends through
`record_rescore_result` -> once the last one has ended the group is ready to notify ->
a sender claims its notice (`claim_notice`, owner + lease), posts it, and `mark_notified`
flips it to 'sent', which succeeds exactly once.
A webhook may beat `add_group`: its result is stored with no group and adopted later.
A run whose start answer could not be read is recorded under a placeholder id
(`unknown:...`) until a webhook for its job names it (see `placeholders.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import aiosqlite

from shared.store import notices
from shared.store.db import Database, dumps, execute, fetch_all, fetch_one
from shared.store.models import END_STATES, EndState, Origin, PendingRescore, RescoreGroup

#: The operation kind of a rescore request, as named in the `notices` table.
KIND = "rescore"
# One run of a request; a run a webhook reported first (no group yet) is adopted.
ADD_RUN_SQL = """
    INSERT INTO rescores (rescore_id, group_id, job_id, state, total_queued,
                          created_at, updated_at, next_poll_at)
    VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?5, ?6)
    ON CONFLICT (rescore_id) DO UPDATE SET
        group_id = excluded.group_id,
        total_queued = excluded.total_queued,
        updated_at = excluded.updated_at
    WHERE rescores.group_id IS NULL OR rescores.group_id = excluded.group_id
"""


class RescoreMethods:
    _db: Database

    async def add_group(
        self,
        group_id: str,
        job_id: int | str,
        stage: str | None,
        origin: Origin,
        snapshot: Mapping[str | int, float | None],
        rescores: Sequence[tuple[str, int]],
        first_poll_at: float | None = None,
        notice_owner: tuple[str, float] | None = None,
    ) -> RescoreGroup:
        """Record a rescore request and its API rescores (rescore_id, total_queued).

        Rescores a webhook already reported are adopted with their ended state kept.
        Without `first_poll_at`, the polling service decides when to poll (its own
        TT_POLL_AFTER after creation). `notice_owner` (owner, lease seconds) claims the
        notice at once, for a caller that follows the request and tells its user itself.
        Raises ValueError for an existing group id, no rescores, or a rescore that
        belongs to another group.
        """
        if not rescores:
            raise ValueError("a rescore group needs at least one rescore")
        now = self._db.clock()
        async with self._db.transaction() as conn:
            try:
                await conn.execute(
                    """
                    INSERT INTO rescore_groups
                        (id, job_id, stage, origin_json, snapshot_json, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    (
                        group_id,
                        str(job_id),
                        stage,
                        origin.model_dump_json(),
                        dumps({str(k): v for k, v in snapshot.items()}),
                        now,
                    ),
                )
            except sqlite3.IntegrityError:
                raise ValueError(f"rescore group {group_id!r} already exists") from None
            for rescore_id, total_queued in rescores:
                run = (rescore_id, group_id, str(job_id), total_queued, now, first_poll_at)
                if not await execute(conn, ADD_RUN_SQL, run):
                    raise ValueError(f"rescore {rescore_id!r} belongs to another group")
            if notice_owner is not None:
                owner, lease = notice_owner
                await notices.claim(conn, KIND, group_id, owner, now + lease, now)
            group = await _load_group(conn, group_id)
        assert group is not None
        return group

    async def record_rescore_result(
        self, rescore_id: str, job_id: int | str, state: EndState, result: dict[str, Any]
    ) -> bool:
        """Store how a rescore ended. True only when this call ended it.

        Works for a rescore not recorded yet (webhook first). A rescore that has ended
        stays as it ended: repeats and late polls return False and change nothing.
        """
        if state not in END_STATES:
            raise ValueError(f"state must be one of {sorted(END_STATES)}, not {state!r}")
        now = self._db.clock()
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                INSERT INTO rescores (rescore_id, group_id, job_id, state, total_queued,
                                      created_at, updated_at, result_json, ended_at)
                VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (rescore_id) DO UPDATE SET
                    state = excluded.state,
                    result_json = excluded.result_json,
                    ended_at = excluded.ended_at,
                    updated_at = excluded.updated_at,
                    next_poll_at = NULL
                WHERE rescores.state = 'pending'
                """,
                (
                    rescore_id,
                    str(job_id),
                    state,
                    _queued_from(result),
                    now,
                    now,
                    dumps(result),
                    now,
                ),
            )
        return changed > 0

    async def schedule_poll(self, rescore_id: str, next_poll_at: float) -> bool:
        """Set the next status poll of a pending rescore and count this attempt."""
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                UPDATE rescores
                SET next_poll_at = ?, poll_attempts = poll_attempts + 1, updated_at = ?
                WHERE rescore_id = ? AND state = 'pending'
                """,
                (next_poll_at, self._db.clock(), rescore_id),
            )
        return changed > 0

    async def due_polls(self, now: float, poll_after: float | None = None) -> list[PendingRescore]:
        """Pending rescores whose next poll time has come, most overdue first.

        A rescore not polled yet and recorded without a first poll time is due
        `poll_after` seconds after it was created: the polling service's setting, not
        that of whichever process started it.
        """
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM rescores
                WHERE state = 'pending'
                    AND COALESCE(next_poll_at, created_at + ?2) <= ?1
                ORDER BY COALESCE(next_poll_at, created_at + ?2), rescore_id
                """,
                (now, poll_after),
            )
        return [PendingRescore.from_row(row) for row in rows]

    async def pending_rescores(self) -> list[PendingRescore]:
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                "SELECT * FROM rescores WHERE state = 'pending' ORDER BY created_at, rescore_id",
            )
        return [PendingRescore.from_row(row) for row in rows]

    async def get_rescore(self, rescore_id: str) -> PendingRescore | None:
        async with self._db.read() as conn:
            row = await fetch_one(
                conn, "SELECT * FROM rescores WHERE rescore_id = ?", (rescore_id,)
            )
        return None if row is None else PendingRescore.from_row(row)

    async def get_group(self, group_id: str) -> RescoreGroup | None:
        async with self._db.read() as conn:
            return await _load_group(conn, group_id)

    async def groups_ready_to_notify(self) -> list[RescoreGroup]:
        """Groups whose every rescore has ended and whose alert is not sent yet.

        After a restart this is how alerts owed before the crash get sent.
        """
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM rescore_groups g
                WHERE g.notify_state != 'sent'
                    AND EXISTS (SELECT 1 FROM rescores r WHERE r.group_id = g.id)
                    AND NOT EXISTS (
                        SELECT 1 FROM rescores r WHERE r.group_id = g.id AND r.state = 'pending'
                    )
                ORDER BY g.created_at, g.id
                """,
            )
            return await _with_rescores(conn, rows)

    async def mark_notified(
        self, group_id: str, notice: dict[str, Any], owner: str | None = None
    ) -> bool:
        """Record the alert as sent. True exactly once per group, even under races.

        With `owner`, only while that owner holds the notice's claim (or nobody does).
        """
        async with self._db.transaction() as conn:
            row = await fetch_one(
                conn, "SELECT notify_state FROM rescore_groups WHERE id = ?", (group_id,)
            )
            if row is None or row["notify_state"] == "sent":
                return False
            if not await notices.finish(conn, KIND, group_id, owner, self._db.clock()):
                return False
            changed = await execute(
                conn,
                """
                UPDATE rescore_groups
                SET notify_state = 'sent', notified_at = ?, notice_json = ?
                WHERE id = ? AND notify_state != 'sent'
                """,
                (self._db.clock(), dumps(notice), group_id),
            )
        return changed == 1

    async def recent_groups(
        self, limit: int = 10, origin_kind: str | None = None, user: str | None = None
    ) -> list[RescoreGroup]:
        """Newest groups first (pending and notified), optionally for one surface or user.

        App Home shows the pending ones with `group.age(now)` and the last notified ones.
        """
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM rescore_groups
                WHERE (?1 IS NULL OR json_extract(origin_json, '$.kind') = ?1)
                    AND (?2 IS NULL OR json_extract(origin_json, '$.user') = ?2)
                ORDER BY created_at DESC, id DESC
                LIMIT ?3
                """,
                (origin_kind, user, max(1, min(limit, 500))),
            )
            return await _with_rescores(conn, rows)


def _queued_from(result: Mapping[str, Any]) -> int:
    """A webhook-first rescore has no POST answer; take its size from the status."""
    for key in ("totalQueued", "totalRequested"):
        value = result.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return 0


async def _load_group(conn: aiosqlite.Connection, group_id: str) -> RescoreGroup | None:
    row = await fetch_one(conn, "SELECT * FROM rescore_groups WHERE id = ?", (group_id,))
    if row is None:
        return None
    groups = await _with_rescores(conn, [row])
    return groups[0]


async def _with_rescores(
    conn: aiosqlite.Connection, rows: Iterable[sqlite3.Row]
) -> list[RescoreGroup]:
    rows = list(rows)
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    # One query for all groups; json_each avoids SQLite's limit on bound variables.
    rescore_rows = await fetch_all(
        conn,
        """
        SELECT * FROM rescores WHERE group_id IN (SELECT value FROM json_each(?))
        ORDER BY created_at, rescore_id
        """,
        (dumps(ids),),
    )
    by_group: dict[str, list[PendingRescore]] = {group_id: [] for group_id in ids}
    for rescore_row in rescore_rows:
        by_group[rescore_row["group_id"]].append(PendingRescore.from_row(rescore_row))
    return [RescoreGroup.from_row(row, by_group[row["id"]]) for row in rows]
