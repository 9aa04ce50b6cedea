"""How long the store keeps what it keeps, and the one sweep that enforces it.

| What                                   | Kept                                        |
|----------------------------------------|---------------------------------------------|
| webhook deliveries (any state)         | 7 days after receipt (dedupe needs >= 4)    |
| rescore requests and their runs        | 90 days after the request                   |
| operations of other kinds (ended)      | 90 days after they started                  |
| score snapshots of a request           | 30 days after the request (then emptied)    |
| the audit log                          | 365 days                                    |
| notices (claims and "sent" marks)      | as long as their request                    |
| a run reported for an id no request has | 1 day (time for its request to be recorded) |

Unprocessed deliveries are work owed, but one still unprocessed after 7 days will never
be: the operation it could end has expired long before.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from shared.store.db import Database, execute

DAY = 86400.0
KEEP_DELIVERIES = 7 * DAY
KEEP_REQUESTS = 90 * DAY
KEEP_SNAPSHOTS = 30 * DAY
KEEP_AUDIT = 365 * DAY
KEEP_ORPHAN_RUNS = 1 * DAY


@dataclass
class Pruned:
    deliveries: int = 0
    unprocessed_deliveries: int = 0
    requests: int = 0
    snapshots: int = 0
    audit_entries: int = 0
    orphan_runs: int = 0
    notices: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if v}


class RetentionMethods:
    _db: Database

    async def prune(self) -> Pruned:
        """Delete (or empty) everything past its retention; say how much went."""
        now = self._db.clock()
        out = Pruned()
        async with self._db.transaction() as conn:
            cutoff = now - KEEP_DELIVERIES
            out.unprocessed_deliveries = await execute(
                conn,
                "DELETE FROM webhook_deliveries WHERE received_at < ? AND state = 'received'",
                (cutoff,),
            )
            out.deliveries = await execute(
                conn, "DELETE FROM webhook_deliveries WHERE received_at < ?", (cutoff,)
            )
            out.orphan_runs = await execute(
                conn,
                "DELETE FROM rescores WHERE group_id IS NULL AND created_at < ?",
                (now - KEEP_ORPHAN_RUNS,),
            )
            # `old` is a constant subquery (no outside text): S608 does not apply.
            old = (
                "SELECT id FROM rescore_groups WHERE created_at < ?1 AND NOT EXISTS ("
                "SELECT 1 FROM rescores r WHERE r.group_id = rescore_groups.id"
                " AND r.state = 'pending')"
            )
            cutoff = now - KEEP_REQUESTS
            await execute(conn, f"DELETE FROM rescores WHERE group_id IN ({old})", (cutoff,))  # noqa: S608
            out.notices = await execute(
                conn,
                f"DELETE FROM notices WHERE kind = 'rescore' AND operation_id IN ({old})",  # noqa: S608
                (cutoff,),
            )
            out.requests = await execute(
                conn,
                f"DELETE FROM rescore_groups WHERE id IN ({old})",  # noqa: S608
                (cutoff,),
            )
            ended = (
                "SELECT id FROM operations o WHERE o.kind = notices.kind"
                " AND o.state != 'pending' AND o.created_at < ?1"
            )
            out.notices += await execute(
                conn,
                f"DELETE FROM notices WHERE kind != 'rescore' AND operation_id IN ({ended})",  # noqa: S608
                (cutoff,),
            )
            out.requests += await execute(
                conn,
                "DELETE FROM operations WHERE state != 'pending' AND created_at < ?",
                (cutoff,),
            )
            out.snapshots = await execute(
                conn,
                """
                UPDATE rescore_groups SET snapshot_json = '{}'
                WHERE created_at < ? AND snapshot_json != '{}'
                """,
                (now - KEEP_SNAPSHOTS,),
            )
            out.audit_entries = await execute(
                conn, "DELETE FROM audit_log WHERE at < ?", (now - KEEP_AUDIT,)
            )
        return out
