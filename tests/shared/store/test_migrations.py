"""The schema arrives once, in order, recorded; the connection has the pragmas we need."""

import asyncio
import sqlite3

import pytest

from shared.store import MIGRATIONS, Store
from shared.store import migrations as migrations_module

ALL = [fn.__name__ for fn in MIGRATIONS]


async def test_fresh_file_gets_every_migration_in_order(db_path, clock):
    assert not db_path.parent.exists()
    async with Store.connect(db_path, clock=clock) as store:
        assert db_path.exists()  # the folder was created too
        assert store.migrated == ALL
        assert await store.applied_migrations() == ALL
    with sqlite3.connect(db_path) as raw:
        rows = raw.execute("SELECT name, applied_at FROM _migrations").fetchall()
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert [name for name, _ in rows] == ALL
    assert all(at == clock.now for _, at in rows)
    assert {"rescore_groups", "rescores", "webhook_deliveries", "audit_log"} <= tables
    assert "idempotency_keys" in tables


async def test_opening_again_runs_nothing_again(db_path, clock):
    async with Store.connect(db_path, clock=clock):
        pass
    clock.advance(3600)
    async with Store.connect(db_path, clock=clock) as store:
        assert store.migrated == []
        assert await store.applied_migrations() == ALL
    with sqlite3.connect(db_path) as raw:
        times = {at for (at,) in raw.execute("SELECT applied_at FROM _migrations")}
    assert times == {clock.now - 3600}


async def test_an_older_file_gets_only_the_new_migrations(db_path, clock, monkeypatch):
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS[:2])
    async with Store.connect(db_path, clock=clock) as store:
        assert store.migrated == ALL[:2]
    monkeypatch.setattr(migrations_module, "MIGRATIONS", MIGRATIONS)
    async with Store.connect(db_path, clock=clock) as store:
        assert store.migrated == ALL[2:]
        assert await store.applied_migrations() == ALL


async def test_a_failing_migration_leaves_no_trace(db_path, clock, monkeypatch):
    async def m999_broken(db):
        await db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations_module, "MIGRATIONS", [*MIGRATIONS, m999_broken])
    with pytest.raises(RuntimeError, match="boom"):
        await Store.open(db_path, clock=clock)
    with sqlite3.connect(db_path) as raw:
        names = [n for (n,) in raw.execute("SELECT name FROM _migrations")]
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert names == ALL  # the good ones stay applied, each in its own transaction
    assert "half_done" not in tables


async def test_two_processes_opening_at_once_migrate_once(db_path, clock):
    first, second = await asyncio.gather(
        Store.open(db_path, clock=clock), Store.open(db_path, clock=clock)
    )
    try:
        assert sorted(first.migrated + second.migrated) == sorted(ALL)
        assert await first.applied_migrations() == ALL
    finally:
        await first.close()
        await second.close()


async def test_pragmas_wal_foreign_keys_busy_timeout(store):
    assert await store.pragma("journal_mode") == "wal"
    assert await store.pragma("foreign_keys") == 1
    assert await store.pragma("busy_timeout") == 5000
    assert await store.pragma("synchronous") == 1  # NORMAL
    with pytest.raises(ValueError):
        await store.pragma("journal_mode = DELETE")


async def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        async with store._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO rescores (rescore_id, group_id, job_id, state, created_at,"
                " updated_at) VALUES ('r1', 'no-such-group', '1', 'pending', 0, 0)"
            )
    assert await store.get_rescore("r1") is None


async def test_open_returns_a_store_usable_with_async_with(db_path, clock):
    async with await Store.open(db_path, clock=clock) as store:
        assert await store.audit("u", "cli", "move", "7", {}, "ok") == 1
    with pytest.raises(ValueError):  # closed
        await store.audit_entries()
