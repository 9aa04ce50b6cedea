"""Deliveries stored in groups on the receivers' own connection (`shared/store/intake.py`):
the same dedupe, fewer transactions, nothing answered that is not stored, and what was
answered survives the process being killed."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shared.store import Store

BODY = '{"event":"job.candidates.rescored","data":{"rescoreId":"r1"}}'


async def test_a_burst_is_stored_once_each_in_fewer_transactions(store: Store):
    keys = [f"rescored:r{n}" for n in range(40)]
    burst = keys + keys[:10]  # ten duplicates among them

    results = await asyncio.gather(*(store.add_delivery(k, "e", BODY) for k in burst))

    stored = [r for r in results if r is not None]
    assert sorted(d.dedupe_key for d in stored) == sorted(keys)  # each once
    assert len({d.id for d in stored}) == 40
    assert [d.id for d in await store.unprocessed_deliveries()] == sorted(d.id for d in stored)
    assert store._intake is not None and store._intake.transactions < len(burst)


async def test_a_group_that_cannot_be_stored_fails_every_caller(store: Store):
    good = store.add_delivery("good", "e", BODY)
    bad = store.add_delivery("bad", "e", "\ud800")  # a lone surrogate: SQLite refuses it

    outcomes = await asyncio.gather(good, bad, return_exceptions=True)

    assert all(isinstance(o, Exception) for o in outcomes)  # no 2xx for either
    assert await store.unprocessed_deliveries() == []  # rolled back together
    again = await store.add_delivery("good", "e", BODY)  # TapTalent's retry is stored
    assert again is not None


async def test_the_store_on_memory_still_stores_deliveries():
    async with Store.connect(":memory:") as store:
        first = await store.add_delivery("k", "e", BODY)
        assert first is not None and await store.add_delivery("k", "e", BODY) is None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_answered_deliveries_survive_the_process_being_killed(tmp_path: Path):
    path = tmp_path / "tt.sqlite3"
    script = textwrap.dedent(
        f"""
        import asyncio, os, signal
        from shared.store import Store

        async def main():
            store = await Store.open({str(path)!r})
            stored = await asyncio.gather(
                *(store.add_delivery(f"k{{n}}", "e", "{{}}") for n in range(25))
            )
            print(len([d for d in stored if d]), flush=True)  # answered: 2xx would go now
            os.kill(os.getpid(), signal.SIGKILL)  # no close, no checkpoint

        asyncio.run(main())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == -signal.SIGKILL and done.stdout.strip() == "25", done.stderr
    with sqlite3.connect(path) as db:
        count = db.execute("SELECT count(*) FROM webhook_deliveries").fetchone()[0]
    assert count == 25
    assert os.stat(path).st_mode & 0o077 == 0
