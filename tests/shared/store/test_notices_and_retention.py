"""Notice claims (owner + lease), retention, file modes, and when a rescore is first polled.

Each test here fails on the store as it was before operations became generic.
"""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path

from shared.store import Origin, Store
from shared.store.retention import DAY
from tests.shared.store.conftest import FakeClock

BOB = Origin(kind="slack", user="U1", channel="C1", thread_ts="1.2")


async def ended_group(store: Store, group_id: str = "g1", rescore_id: str = "r1") -> None:
    await store.add_group(
        group_id,
        job_id=42,
        stage=None,
        origin=BOB,
        snapshot={"1": 50.0},
        rescores=[(rescore_id, 1)],
    )
    await store.record_rescore_result(rescore_id, 42, "completed", {"status": "completed"})


async def test_two_stores_on_one_file_never_both_hold_a_notice(db_path: Path, clock: FakeClock):
    async with (
        Store.connect(db_path, clock=clock) as one,
        Store.connect(db_path, clock=clock) as two,
    ):
        await ended_group(one)
        claims = await asyncio.gather(
            *(
                s.claim_notice("rescore", "g1", f"owner-{i}", 60)
                for i, s in enumerate([one, two] * 4)
            )
        )
        assert claims.count(True) == 1
        winner = f"owner-{claims.index(True)}"
        loser = "owner-1" if winner == "owner-0" else "owner-0"
        # The loser cannot mark it sent while the winner holds it; the winner can, once.
        assert await two.mark_notified("g1", {}, owner=loser) is False
        assert await one.mark_notified("g1", {}, owner=winner) is True
        assert await two.claim_notice("rescore", "g1", loser, 60) is False


async def test_a_dead_owners_claim_is_taken_over_after_its_lease(store: Store, clock: FakeClock):
    await ended_group(store)
    assert await store.claim_notice("rescore", "g1", "dead", 60) is True
    assert await store.claim_notice("rescore", "g1", "alive", 60) is False
    clock.advance(61)
    assert await store.claim_notice("rescore", "g1", "alive", 60) is True
    assert await store.notice_owner("rescore", "g1") == ("alive", "unsent")
    assert await store.release_notice("rescore", "g1", "alive") is True
    assert await store.claim_notice("rescore", "g1", "third", 60) is True


async def test_a_group_recorded_with_an_owner_is_held_from_the_start(store: Store):
    await store.add_group(
        "g1",
        job_id=42,
        stage=None,
        origin=BOB,
        snapshot={},
        rescores=[("r1", 1)],
        notice_owner=("cli:1", 600),
    )
    await store.record_rescore_result("r1", 42, "completed", {})
    assert await store.claim_notice("rescore", "g1", "service", 60) is False


async def test_first_poll_is_the_pollers_poll_after_not_the_starters(
    store: Store, clock: FakeClock
):
    await store.add_group(
        "g1", job_id=42, stage=None, origin=BOB, snapshot={}, rescores=[("r1", 1)]
    )
    assert await store.due_polls(clock.now + 5, poll_after=10) == []
    assert [r.rescore_id for r in await store.due_polls(clock.now + 11, poll_after=10)] == ["r1"]


async def test_database_files_are_private(tmp_path: Path, clock: FakeClock):
    path = tmp_path / "var" / "tt.db"
    async with Store.connect(path, clock=clock) as store:
        await store.audit("a", "cli", "rescore", "job:1", {}, "queued")
        for name in ("tt.db", "tt.db-wal", "tt.db-shm"):
            mode = stat.S_IMODE((path.parent / name).stat().st_mode)
            assert mode == 0o600, (name, oct(mode))
    os.chmod(path, 0o644)  # made by an older tt: narrowed at the next open
    async with Store.connect(path, clock=clock):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_retention_prunes_each_kind_of_row(store: Store, clock: FakeClock):
    await ended_group(store, "old", "r-old")
    await store.mark_notified("old", {})
    await store.audit("a", "cli", "rescore", "job:1", {}, "queued")
    stuck = await store.add_delivery("stuck", "job.candidates.rescored", '{"secret": "body"}')
    assert stuck is not None
    # A completion for a rescore id no request has: an orphan until adopted.
    await store.record_rescore_result("ghost", 42, "completed", {})
    clock.advance(2 * DAY)
    await ended_group(store, "recent", "r-recent")
    assert (await store.prune()).orphan_runs == 1
    assert await store.get_rescore("ghost") is None
    assert await store.get_rescore("r-recent") is not None  # in a request: kept
    clock.advance(6 * DAY)
    assert (await store.prune()).unprocessed_deliveries == 1
    assert await store.get_delivery(stuck.id) is None
    clock.advance(30 * DAY)
    assert (await store.prune()).snapshots == 2
    assert (await store.get_group("old")).snapshot == {}  # type: ignore[union-attr]
    clock.advance(53 * DAY)  # "old" is 91 days old, "recent" 89
    pruned = await store.prune()
    assert pruned.requests == 1 and pruned.notices == 1
    assert await store.get_group("old") is None and await store.get_group("recent") is not None
    clock.advance(300 * DAY)
    assert (await store.prune()).audit_entries == 1
    assert await store.audit_entries() == []


async def test_a_webhook_names_a_run_whose_start_answer_was_unreadable(store: Store):
    await store.add_group(
        "g1", job_id=42, stage=None, origin=BOB, snapshot={}, rescores=[("unknown:g1:0", 5)]
    )
    assert await store.adopt_placeholder(7, "rescore_7_1") is False  # another job
    assert await store.adopt_placeholder(42, "rescore_42_1") is True
    assert await store.adopt_placeholder(42, "rescore_42_2") is False  # none left waiting
    group = await store.get_group("g1")
    assert group is not None and [r.rescore_id for r in group.rescores] == ["rescore_42_1"]


async def test_a_webhook_before_an_unreadable_start_is_given_to_its_request(
    store: Store, clock: FakeClock
):
    await store.record_rescore_result("rescore_42_old", 42, "completed", {})
    clock.advance(3600)  # too old to be this request's run
    await store.record_rescore_result("rescore_7_1", 7, "completed", {})  # another job
    await store.record_rescore_result("rescore_42_1", 42, "completed", {"totalProcessed": 5})
    clock.advance(2)
    await store.add_group(
        "g1", job_id=42, stage=None, origin=BOB, snapshot={}, rescores=[("unknown:g1:0", 5)]
    )
    assert await store.adopt_early_run("unknown:g1:0") == "rescore_42_1"
    group = await store.get_group("g1")
    assert group is not None and group.ended
    assert [(r.rescore_id, r.total_queued) for r in group.rescores] == [("rescore_42_1", 5)]
    assert await store.adopt_early_run("unknown:g1:0") is None  # gone: nothing to adopt
    assert (await store.get_rescore("rescore_42_old")).group_id is None  # type: ignore[union-attr]
