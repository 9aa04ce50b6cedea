"""The one SQLite connection of a process, and how tasks take turns on it.

aiosqlite runs every statement on one worker thread, in order. That alone does not make
a multi-statement transaction safe: while one task awaits between `BEGIN` and `COMMIT`,
another task's statement would land inside that transaction. So every operation, read or
write, holds `Database.lock` for its whole transaction. Writes start with
`BEGIN IMMEDIATE` so that another process (the CLI next to the service) waits on
`busy_timeout` at the start rather than failing halfway through.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import aiosqlite

Clock = Callable[[], float]
BUSY_TIMEOUT_MS = 5_000
MEMORY = ":memory:"
PRIVATE = 0o600


def _private(path: Path) -> None:
    """The database holds candidate scores and webhook bodies: only its owner reads it.

    The file is created 0600 before SQLite opens it; SQLite gives the `-wal` and `-shm`
    files it creates the database file's mode. Files made earlier are narrowed here.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE))
    for one in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if one.exists() and stat.S_IMODE(one.stat().st_mode) != PRIVATE:
            one.chmod(PRIVATE)


async def connect(path: str | Path) -> aiosqlite.Connection:
    """Open the file (creating it 0600, and its folder) with the pragmas the app relies on."""
    if str(path) != MEMORY:
        _private(Path(path))
    # isolation_level=None: no implicit transactions; Database says BEGIN itself.
    conn = await aiosqlite.connect(str(path), isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # WAL: readers never block the writer, and a crash loses at most the last commit.
        await conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable across application crashes in WAL mode; only a power cut
        # can lose the last transactions, which the poller and webhook retries recover.
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        await conn.close()
        raise
    return conn


class Database:
    """A connection plus the lock that serialises transactions on it."""

    def __init__(self, conn: aiosqlite.Connection, clock: Clock) -> None:
        self.conn = conn
        self.clock = clock
        self.lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(
        self, mode: Literal["IMMEDIATE", "DEFERRED"] = "IMMEDIATE"
    ) -> AsyncIterator[aiosqlite.Connection]:
        """Hold the lock and a transaction; commit on success, roll back on any error.

        Reads use DEFERRED so that several SELECTs see one snapshot.
        """
        async with self.lock:
            try:
                # BEGIN inside the try: a task cancelled while awaiting it has still
                # queued it, so it must still roll back.
                await self.conn.execute(f"BEGIN {mode}")
                yield self.conn
                await self.conn.commit()
            except BaseException:
                # Also on cancellation and on a failed COMMIT: never leave a transaction
                # open on the shared connection. The worker thread runs statements in
                # order, so this rollback runs before any later task's statements, and
                # it is a no-op when BEGIN itself failed.
                await self.conn.rollback()
                raise

    def read(self) -> AbstractAsyncContextManager[aiosqlite.Connection]:
        return self.transaction("DEFERRED")

    async def close(self) -> None:
        async with self.lock:
            await self.conn.close()


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()
) -> list[sqlite3.Row]:
    async with conn.execute(sql, tuple(params)) as cursor:
        return list(await cursor.fetchall())


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()
) -> sqlite3.Row | None:
    async with conn.execute(sql, tuple(params)) as cursor:
        return await cursor.fetchone()


async def execute(conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()) -> int:
    """Run one statement; return how many rows it changed."""
    async with conn.execute(sql, tuple(params)) as cursor:
        return cursor.rowcount


def dumps(value: Any) -> str:
    # default=str: audit details may carry datetimes or ids of odd types; keep them legible.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)
