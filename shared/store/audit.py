"""The audit log of write actions (rescore, move): who, from where, what, the outcome."""

from __future__ import annotations

from typing import Any

from shared.store.db import Database, dumps, fetch_all
from shared.store.models import AuditEntry


class AuditMethods:
    _db: Database

    async def audit(
        self,
        actor: str,
        surface: str,
        action: str,
        target: str,
        details: dict[str, Any],
        result: str,
    ) -> int:
        """Append one entry; return its id."""
        async with (
            self._db.transaction() as conn,
            conn.execute(
                """
                INSERT INTO audit_log (at, actor, surface, action, target, details_json, result)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                (self._db.clock(), actor, surface, action, target, dumps(details), result),
            ) as cursor,
        ):
            entry_id = cursor.lastrowid
        assert entry_id is not None
        return entry_id

    async def audit_entries(self, limit: int = 50, action: str | None = None) -> list[AuditEntry]:
        """Newest first, optionally only one action."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM audit_log WHERE (?1 IS NULL OR action = ?1)
                ORDER BY at DESC, id DESC LIMIT ?2
                """,
                (action, max(1, min(limit, 1000))),
            )
        return [AuditEntry.from_row(row) for row in rows]
