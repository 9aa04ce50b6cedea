"""Idempotency keys: Slack retries a slash command or an interaction when we answer
slowly, and people double-click "Confirm". A write action claims a key first and runs
only when the claim is new."""

from __future__ import annotations

from shared.store.db import Database, execute, fetch_one


class IdempotencyMethods:
    _db: Database

    async def idempotency_claim(self, key: str, ttl: float) -> bool:
        """True the first time `key` is claimed within `ttl` seconds; False for repeats.

        Once the ttl has passed the key may be claimed again.
        """
        now = self._db.clock()
        async with self._db.transaction() as conn:
            # Clearing every expired key here keeps the table small without a sweeper.
            await conn.execute("DELETE FROM idempotency_keys WHERE expires_at <= ?", (now,))
            changed = await execute(
                conn,
                """
                INSERT INTO idempotency_keys (key, created_at, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO NOTHING
                """,
                (key, now, now + ttl),
            )
        return changed == 1

    async def idempotency_release(self, key: str) -> None:
        """Forget a claim (the write it guarded failed: a retry must be allowed)."""
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM idempotency_keys WHERE key = ?", (key,))

    async def idempotency_set_outcome(self, key: str, outcome: str) -> None:
        """Record what the write claimed under `key` came to (while the claim lasts)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE idempotency_keys SET outcome = ? WHERE key = ?", (outcome, key)
            )

    async def idempotency_outcome(self, key: str) -> str | None:
        """The recorded outcome of a live claim; None if none was recorded or it expired."""
        async with self._db.read() as conn:
            row = await fetch_one(
                conn,
                "SELECT outcome FROM idempotency_keys WHERE key = ? AND expires_at > ?",
                (key, self._db.clock()),
            )
        return None if row is None else row["outcome"]
