"""Long operations of any kind (a Kombo push, an interview, an upload, an assessment):
record, end once, poll when due, and find those whose notice is owed.

Rescores keep their own tables (`rescores.py`); every later kind uses this one table, so
adding a kind needs no store change. Notices are claimed and marked in `notices.py`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from shared.store import notices
from shared.store.db import Database, dumps, execute, fetch_all, fetch_one, loads
from shared.store.models import END_STATES, EndState, Origin, RescoreState


class Operation(BaseModel):
    kind: str
    id: str
    subject: str
    origin: Origin
    state: RescoreState
    data: dict[str, Any]
    result: dict[str, Any] | None
    created_at: float
    updated_at: float
    next_poll_at: float | None
    poll_attempts: int
    ended_at: float | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Operation:
        return cls(
            kind=row["kind"],
            id=row["id"],
            subject=row["subject"],
            origin=Origin.model_validate_json(row["origin_json"]),
            state=row["state"],
            data=loads(row["data_json"]),
            result=loads(row["result_json"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            next_poll_at=row["next_poll_at"],
            poll_attempts=row["poll_attempts"],
            ended_at=row["ended_at"],
        )


class OperationMethods:
    _db: Database

    async def add_operation(
        self,
        kind: str,
        operation_id: str,
        origin: Origin,
        *,
        subject: str = "",
        data: Mapping[str, Any] | None = None,
        notice_owner: tuple[str, float] | None = None,
    ) -> Operation:
        """Record an operation as pending. ValueError if that kind already has this id."""
        now = self._db.clock()
        async with self._db.transaction() as conn:
            try:
                await conn.execute(
                    """
                    INSERT INTO operations (kind, id, subject, origin_json, data_json,
                                            created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    (
                        kind,
                        operation_id,
                        subject,
                        origin.model_dump_json(),
                        dumps(data or {}),
                        now,
                        now,
                    ),
                )
            except sqlite3.IntegrityError:
                raise ValueError(f"{kind} {operation_id!r} is already recorded") from None
            if notice_owner is not None:
                owner, lease = notice_owner
                await notices.claim(conn, kind, operation_id, owner, now + lease, now)
            row = await fetch_one(
                conn, "SELECT * FROM operations WHERE kind = ? AND id = ?", (kind, operation_id)
            )
        assert row is not None
        return Operation.from_row(row)

    async def end_operation(
        self, kind: str, operation_id: str, state: EndState, result: Mapping[str, Any]
    ) -> bool:
        """Record how it ended; True only for the call that ended it (webhook or poll)."""
        if state not in END_STATES:
            raise ValueError(f"state must be one of {sorted(END_STATES)}, not {state!r}")
        now = self._db.clock()
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                UPDATE operations SET state = ?, result_json = ?, ended_at = ?, updated_at = ?,
                                      next_poll_at = NULL
                WHERE kind = ? AND id = ? AND state = 'pending'
                """,
                (state, dumps(dict(result)), now, now, kind, operation_id),
            )
        return changed == 1

    async def schedule_operation_poll(self, kind: str, operation_id: str, at: float) -> bool:
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                UPDATE operations
                SET next_poll_at = ?, poll_attempts = poll_attempts + 1, updated_at = ?
                WHERE kind = ? AND id = ? AND state = 'pending'
                """,
                (at, self._db.clock(), kind, operation_id),
            )
        return changed == 1

    async def get_operation(self, kind: str, operation_id: str) -> Operation | None:
        async with self._db.read() as conn:
            row = await fetch_one(
                conn, "SELECT * FROM operations WHERE kind = ? AND id = ?", (kind, operation_id)
            )
        return None if row is None else Operation.from_row(row)

    async def operations(
        self, kind: str, *, pending: bool | None = None, subject: str | None = None
    ) -> list[Operation]:
        """A kind's operations, oldest first; only pending (or ended) ones, or of a subject."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM operations WHERE kind = ?1
                    AND (?2 IS NULL OR (state = 'pending') = ?2)
                    AND (?3 IS NULL OR subject = ?3)
                ORDER BY created_at, id
                """,
                (kind, pending, subject),
            )
        return [Operation.from_row(row) for row in rows]

    async def due_operations(self, kind: str, now: float, poll_after: float) -> list[Operation]:
        """Pending operations whose poll has come: `poll_after` seconds after creation
        (the polling service's setting), then when last scheduled."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM operations
                WHERE kind = ?1 AND state = 'pending'
                    AND COALESCE(next_poll_at, created_at + ?3) <= ?2
                ORDER BY COALESCE(next_poll_at, created_at + ?3), id
                """,
                (kind, now, poll_after),
            )
        return [Operation.from_row(row) for row in rows]

    async def operations_to_notify(self, kind: str) -> list[Operation]:
        """Ended operations whose notice is not sent yet, oldest end first."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT o.* FROM operations o
                LEFT JOIN notices n ON n.kind = o.kind AND n.operation_id = o.id
                WHERE o.kind = ? AND o.state != 'pending' AND COALESCE(n.state, 'unsent') = 'unsent'
                ORDER BY o.ended_at, o.id
                """,
                (kind,),
            )
        return [Operation.from_row(row) for row in rows]

    async def set_operation_data(
        self, kind: str, operation_id: str, path: tuple[str, ...], value: Any
    ) -> bool:
        """Set one key of a pending operation's data (`("chunks", "2")` is
        `data["chunks"]["2"]`), in one statement: two writers (a webhook and a poll, or
        two processes) never lose each other's keys. True if the operation is pending."""
        if not path:
            raise ValueError("path names at least one key")
        json_path = "$" + "".join(f'."{key}"' for key in path)
        async with self._db.transaction() as conn:
            changed = await execute(
                conn,
                """
                UPDATE operations SET data_json = json_set(data_json, ?, json(?)),
                                      updated_at = ?
                WHERE kind = ? AND id = ? AND state = 'pending'
                """,
                (json_path, dumps(value), self._db.clock(), kind, operation_id),
            )
        return changed == 1
