"""`Store`: the process's SQLite store, one connection, every table's methods."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from shared.store import db as sqlite
from shared.store.audit import AuditMethods
from shared.store.deliveries import DeliveryMethods
from shared.store.idempotency import IdempotencyMethods
from shared.store.instaview import InstaViewMethods
from shared.store.intake import DeliveryIntake
from shared.store.kombo import KomboMethods
from shared.store.links import LinkMethods
from shared.store.migrations import applied_migrations, migrate
from shared.store.notices import NoticeMethods
from shared.store.operations import OperationMethods
from shared.store.placeholders import PlaceholderMethods
from shared.store.rescores import RescoreMethods
from shared.store.retention import RetentionMethods
from shared.store.talynce import TalynceMethods


class Store(
    RescoreMethods,
    PlaceholderMethods,
    OperationMethods,
    NoticeMethods,
    DeliveryMethods,
    AuditMethods,
    IdempotencyMethods,
    RetentionMethods,
    KomboMethods,
    LinkMethods,
    TalynceMethods,
    InstaViewMethods,
):
    """Open once per process and share it: `store = await Store.open(path)`.

    Or scoped: `async with Store.connect(path) as store: ...`. Times come from `clock`
    (UTC epoch seconds; tests pass a fake one).
    """

    def __init__(self, database: sqlite.Database, path: str, migrated: list[str]) -> None:
        self._db = database
        self.path = path
        self.migrated = migrated  # the migrations this open applied (empty when current)
        # Webhook deliveries go in through their own connection (a file only: another
        # connection to ":memory:" would be another database).
        self._intake = None if path == sqlite.MEMORY else DeliveryIntake(path, database.clock)

    @classmethod
    async def open(cls, path: str | Path, clock: sqlite.Clock = time.time) -> Store:
        """Open (creating the file and its folder) and bring the schema up to date."""
        conn = await sqlite.connect(path)
        try:
            migrated = await migrate(conn, clock)
        except BaseException:
            await conn.close()
            raise
        return cls(sqlite.Database(conn, clock), str(path), migrated)

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, path: str | Path, clock: sqlite.Clock = time.time
    ) -> AsyncIterator[Store]:
        store = await cls.open(path, clock)
        try:
            yield store
        finally:
            await store.close()

    async def close(self) -> None:
        """Close the connection (waits for a running transaction to finish)."""
        if self._intake is not None:
            await self._intake.close()
        await self._db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def clock(self) -> sqlite.Clock:
        return self._db.clock

    async def applied_migrations(self) -> list[str]:
        """Every migration recorded in this file, in the order applied."""
        async with self._db.read() as conn:
            return await applied_migrations(conn)

    async def pragma(self, name: str) -> Any:
        """Read one pragma (journal_mode, foreign_keys, ...), for health checks and tests."""
        if not name.isidentifier():
            raise ValueError(f"not a pragma name: {name!r}")
        async with self._db.lock:
            row = await sqlite.fetch_one(self._db.conn, f"PRAGMA {name}")
        return None if row is None else row[0]
