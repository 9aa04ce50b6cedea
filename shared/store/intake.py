"""The webhook receivers' way into the store: its own connection, and group commit.

A delivery must be stored before its 2xx, and TapTalent sends them in bursts. Through the
store's one connection each delivery cost three hops to aiosqlite's worker thread (BEGIN,
INSERT, COMMIT), each queued behind the tracker's transactions on the same connection.
Here the receiver has a connection of its own, on a thread of its own, and the deliveries
that arrive while one transaction is being written go together in the next one: one hop
and one commit for the whole group.

Nothing is weaker: each caller is answered only once the transaction holding its
delivery has committed (WAL, `synchronous = NORMAL`, as the store's own connection: a
committed delivery survives the process being killed), deduplication is the same
`ON CONFLICT (dedupe_key) DO NOTHING` (within a group too), and an error fails every
delivery of its group, so none is answered 2xx unless it is stored.
"""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from shared.store.db import BUSY_TIMEOUT_MS, Clock
from shared.store.models import Delivery

INSERT = """
    INSERT INTO webhook_deliveries (dedupe_key, event, received_at, body)
    VALUES (?, ?, ?, ?)
    ON CONFLICT (dedupe_key) DO NOTHING
"""


@dataclass
class _Arrival:
    dedupe_key: str
    event: str
    body: str
    received_at: float
    stored: asyncio.Future[Delivery | None] = field(repr=False)


class DeliveryIntake:
    """Stores webhook deliveries for one database file, in groups (see the module doc)."""

    def __init__(self, path: str, clock: Clock) -> None:
        self.path = path
        self.clock = clock
        self._waiting: list[_Arrival] = []
        self._writer: asyncio.Task[None] | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._conn: sqlite3.Connection | None = None  # used on self._thread only
        self.transactions = 0  # how many groups were written (for tests)

    async def add(self, dedupe_key: str, event: str, body: str) -> Delivery | None:
        """Store a delivery; None when this dedupe key is already stored (a duplicate)."""
        loop = asyncio.get_running_loop()
        arrival = _Arrival(dedupe_key, event, body, self.clock(), loop.create_future())
        self._waiting.append(arrival)
        if self._writer is None:
            self._writer = loop.create_task(self._write_groups())
        # A caller that goes away (a dropped connection) does not take its group down.
        return await asyncio.shield(arrival.stored)

    async def close(self) -> None:
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)
        if self._thread is not None:
            if self._conn is not None:
                await asyncio.get_running_loop().run_in_executor(self._thread, self._conn.close)
            self._thread.shutdown(wait=True)
            self._thread = self._conn = None

    async def _write_groups(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                group, self._waiting = self._waiting, []
                if self._thread is None:
                    self._thread = ThreadPoolExecutor(1, thread_name_prefix="tt-intake")
                try:
                    ids = await loop.run_in_executor(self._thread, self._insert, group)
                except BaseException as exc:  # handed to every caller of the group
                    failure = exc if isinstance(exc, Exception) else RuntimeError(str(exc))
                    for arrival in group:
                        if not arrival.stored.done():
                            arrival.stored.set_exception(failure)
                    if not isinstance(exc, Exception):
                        raise
                    continue
                for arrival, row_id in zip(group, ids, strict=True):
                    if not arrival.stored.done():
                        arrival.stored.set_result(_delivery(arrival, row_id))
        finally:
            self._writer = None

    # On the intake's thread ------------------------------------------------------------
    def _insert(self, group: list[_Arrival]) -> list[int | None]:
        conn = self._conn or self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            ids = []
            for a in group:
                cursor = conn.execute(INSERT, (a.dedupe_key, a.event, a.received_at, a.body))
                ids.append(cursor.lastrowid if cursor.rowcount == 1 else None)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.transactions += 1
        return ids

    def _connect(self) -> sqlite3.Connection:
        # The store's connection created the file (0600), its tables and WAL mode.
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = NORMAL")
        self._conn = conn
        return conn


def _delivery(arrival: _Arrival, row_id: int | None) -> Delivery | None:
    if row_id is None:
        return None
    return Delivery(
        id=row_id,
        dedupe_key=arrival.dedupe_key,
        event=arrival.event,
        received_at=arrival.received_at,
        body=arrival.body,
        state="received",
        processed_at=None,
        error=None,
    )
