"""Webhook deliveries: stored before the 2xx, processed after, deduplicated by key.

Storing the body first means a crash between "answered TapTalent" and "acted on it"
loses nothing: `unprocessed_deliveries()` hands those back on start-up.
"""

from __future__ import annotations

from shared.store.db import Database, execute, fetch_all, fetch_one
from shared.store.intake import DeliveryIntake
from shared.store.models import DELIVERY_STATES, Delivery, DeliveryState


class DeliveryMethods:
    _db: Database
    _intake: DeliveryIntake | None

    async def add_delivery(self, dedupe_key: str, event: str, body: str) -> Delivery | None:
        """Store a delivery; None when this dedupe key is already stored (a duplicate).

        On a file, through the receivers' own connection, in groups (`intake.py`)."""
        if self._intake is not None:
            return await self._intake.add(dedupe_key, event, body)
        now = self._db.clock()
        async with (
            self._db.transaction() as conn,
            conn.execute(
                """
                INSERT INTO webhook_deliveries (dedupe_key, event, received_at, body)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (dedupe_key) DO NOTHING
                """,
                (dedupe_key, event, now, body),
            ) as cursor,
        ):
            if cursor.rowcount == 0 or cursor.lastrowid is None:
                return None
            delivery_id = cursor.lastrowid
        return Delivery(
            id=delivery_id,
            dedupe_key=dedupe_key,
            event=event,
            received_at=now,
            body=body,
            state="received",
            processed_at=None,
            error=None,
        )

    async def mark_delivery(
        self, delivery_id: int, state: DeliveryState, error: str | None = None
    ) -> bool:
        """Record what became of a delivery ('received' again puts it back in the queue)."""
        return await self.mark_deliveries([(delivery_id, state, error)]) > 0

    async def mark_deliveries(self, outcomes: list[tuple[int, DeliveryState, str | None]]) -> int:
        """Record what became of several deliveries (id, state, error) in one transaction,
        as the tracker does after a pass; how many rows changed."""
        for _, state, _ in outcomes:
            if state not in DELIVERY_STATES:
                raise ValueError(f"state must be one of {sorted(DELIVERY_STATES)}, not {state!r}")
        if not outcomes:
            return 0
        now = self._db.clock()
        rows = [(s, None if s == "received" else now, e, i) for i, s, e in outcomes]
        async with self._db.transaction() as conn:
            cursor = await conn.executemany(
                "UPDATE webhook_deliveries SET state = ?, processed_at = ?, error = ? WHERE id = ?",
                rows,
            )
            return cursor.rowcount

    async def get_delivery(self, delivery_id: int) -> Delivery | None:
        async with self._db.read() as conn:
            row = await fetch_one(
                conn, "SELECT * FROM webhook_deliveries WHERE id = ?", (delivery_id,)
            )
        return None if row is None else Delivery.from_row(row)

    async def unprocessed_deliveries(self) -> list[Delivery]:
        """Deliveries stored but not yet acted on, oldest first."""
        async with self._db.read() as conn:
            rows = await fetch_all(
                conn,
                """
                SELECT * FROM webhook_deliveries WHERE state = 'received'
                ORDER BY received_at, id
                """,
            )
        return [Delivery.from_row(row) for row in rows]

    async def prune_deliveries(self, older_than: float) -> int:
        """Delete handled deliveries received before `older_than`; return how many.

        Their keys stop deduplicating, so callers keep at least 4 days (TapTalent's
        retries come well within that). Unprocessed ones are kept whatever their age:
        they are work still owed.
        """
        async with self._db.transaction() as conn:
            return await execute(
                conn,
                "DELETE FROM webhook_deliveries WHERE received_at < ? AND state != 'received'",
                (older_than,),
            )
