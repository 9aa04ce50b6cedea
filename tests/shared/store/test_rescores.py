"""Rescores: recorded with who asked, completed by webhook or poll, alerted exactly once."""

import asyncio

import pytest

from shared.store import Origin, Store

SLACK = Origin(kind="slack", user="U123", channel="C9", thread_ts="1700.01", team="T1")
RESULT = {"rescoreId": "r1", "status": "completed", "totalRequested": 250, "totalProcessed": 250}


async def add(store, group_id="g1", rescores=(("r1", 250), ("r2", 40)), **kw):
    return await store.add_group(
        group_id=group_id,
        job_id=kw.get("job_id", 42),
        stage=kw.get("stage", "SCREEN"),
        origin=kw.get("origin", SLACK),
        snapshot=kw.get("snapshot", {101: 55.0, "102": None}),
        rescores=list(rescores),
        first_poll_at=kw.get("first_poll_at", store.clock() + 60),
    )


async def test_add_group_records_everything_the_alert_needs(store, clock):
    group = await add(store)
    assert group.id == "g1"
    assert group.job_id == "42"
    assert group.stage == "SCREEN"
    assert group.origin == SLACK
    assert group.snapshot == {"101": 55.0, "102": None}
    assert group.created_at == clock.now
    assert group.notify_state == "waiting"
    assert [r.rescore_id for r in group.rescores] == ["r1", "r2"]
    assert {r.state for r in group.rescores} == {"pending"}
    assert group.total_queued == 290
    assert group.pending_count == 2
    assert not group.ended
    assert await store.get_group("g1") == group
    assert await store.get_group("nope") is None


async def test_group_is_ready_only_when_every_rescore_has_ended(store, clock):
    await add(store)
    assert await store.groups_ready_to_notify() == []
    clock.advance(30)
    assert await store.record_rescore_result("r1", 42, "completed", RESULT) is True
    assert (await store.get_group("g1")).notify_state == "waiting"
    assert await store.groups_ready_to_notify() == []
    assert await store.record_rescore_result("r2", 42, "failed", {"status": "failed"}) is True
    [ready] = await store.groups_ready_to_notify()
    assert ready.id == "g1"
    assert ready.notify_state == "waiting"  # ready because its runs ended; not yet sent
    assert ready.ended
    r1 = next(r for r in ready.rescores if r.rescore_id == "r1")
    assert r1.state == "completed"
    assert r1.result == RESULT
    assert r1.ended_at == clock.now
    assert r1.next_poll_at is None


async def test_a_result_is_recorded_once_and_never_downgraded(store):
    await add(store)
    assert await store.record_rescore_result("r1", 42, "completed", RESULT) is True
    assert await store.record_rescore_result("r1", 42, "completed", RESULT) is False
    assert await store.record_rescore_result("r1", 42, "expired", {"late": True}) is False
    rescore = await store.get_rescore("r1")
    assert rescore is not None
    assert rescore.state == "completed"
    assert rescore.result == RESULT
    with pytest.raises(ValueError):
        await store.record_rescore_result("r2", 42, "pending", {})  # type: ignore[arg-type]


async def test_concurrent_duplicate_webhooks_end_a_rescore_once(store):
    await add(store)
    changed = await asyncio.gather(
        *(store.record_rescore_result("r1", 42, "completed", RESULT) for _ in range(10))
    )
    assert changed.count(True) == 1


async def test_mark_notified_is_true_exactly_once_under_concurrency(store):
    await add(store, rescores=[("r1", 10)])
    await store.record_rescore_result("r1", 42, "completed", RESULT)
    notice = {"channel": "C9", "ts": "1700.02", "changed": 7}
    results = await asyncio.gather(*(store.mark_notified("g1", notice) for _ in range(10)))
    assert results.count(True) == 1
    group = await store.get_group("g1")
    assert group.notify_state == "sent"
    assert group.notice == notice
    assert group.notified_at is not None
    assert await store.groups_ready_to_notify() == []
    assert await store.mark_notified("g1", {"again": True}) is False
    assert (await store.get_group("g1")).notice == notice


async def test_two_processes_racing_to_notify_send_once(db_path, clock):
    async with (
        Store.connect(db_path, clock=clock) as one,
        Store.connect(db_path, clock=clock) as two,
    ):
        await add(one, rescores=[("r1", 10)])
        await two.record_rescore_result("r1", 42, "completed", RESULT)
        results = await asyncio.gather(
            *(s.mark_notified("g1", {"by": i}) for i, s in enumerate([one, two] * 5))
        )
    assert results.count(True) == 1


async def test_webhook_before_the_group_is_adopted_with_its_result(store, clock):
    # TapTalent can be faster than our own bookkeeping after the POST returns.
    assert await store.record_rescore_result("r1", 42, "completed", RESULT) is True
    orphan = await store.get_rescore("r1")
    assert orphan is not None
    assert orphan.group_id is None
    assert orphan.state == "completed"
    assert orphan.total_queued == 250
    assert await store.pending_rescores() == []
    assert await store.record_rescore_result("r1", 42, "completed", RESULT) is False

    clock.advance(1)
    group = await add(store, rescores=[("r1", 250), ("r2", 40)])
    adopted = {r.rescore_id: r for r in group.rescores}
    assert adopted["r1"].group_id == "g1"
    assert adopted["r1"].state == "completed"
    assert adopted["r1"].result == RESULT
    assert adopted["r2"].state == "pending"
    assert group.notify_state == "waiting"
    assert [r.rescore_id for r in await store.due_polls(clock.now + 3600)] == ["r2"]

    await store.record_rescore_result("r2", 42, "completed", {"status": "completed"})
    assert [g.id for g in await store.groups_ready_to_notify()] == ["g1"]


async def test_group_whose_rescores_all_ended_first_is_due_at_once(store):
    await store.record_rescore_result("r1", 42, "completed", RESULT)
    group = await add(store, rescores=[("r1", 250)])
    assert group.notify_state == "waiting" and group.ended
    assert [g.id for g in await store.groups_ready_to_notify()] == ["g1"]


async def test_add_group_refuses_bad_input_and_leaves_nothing_behind(store):
    await add(store)
    with pytest.raises(ValueError, match="already exists"):
        await add(store)
    with pytest.raises(ValueError, match="another group"):
        await add(store, group_id="g2", rescores=[("r3", 5), ("r1", 5)])
    assert await store.get_group("g2") is None
    assert await store.get_rescore("r3") is None  # rolled back with the group
    with pytest.raises(ValueError, match="at least one"):
        await add(store, group_id="g3", rescores=[])


async def test_due_polls_and_scheduling(store, clock):
    start = clock.now
    await add(store, first_poll_at=start + 60)
    assert await store.due_polls(start + 59) == []
    due = await store.due_polls(start + 60)
    assert [r.rescore_id for r in due] == ["r1", "r2"]
    assert all(r.poll_attempts == 0 for r in due)

    assert await store.schedule_poll("r1", start + 180) is True
    assert [r.rescore_id for r in await store.due_polls(start + 100)] == ["r2"]
    r1 = await store.get_rescore("r1")
    assert r1.poll_attempts == 1
    assert r1.next_poll_at == start + 180
    assert await store.schedule_poll("r1", start + 400) is True
    assert (await store.get_rescore("r1")).poll_attempts == 2

    await store.record_rescore_result("r2", 42, "completed", RESULT)
    assert await store.due_polls(start + 10_000) == [await store.get_rescore("r1")]
    assert await store.schedule_poll("r2", start + 500) is False  # ended: nothing to poll
    assert await store.schedule_poll("unknown", start + 500) is False
    assert [r.rescore_id for r in await store.pending_rescores()] == ["r1"]


async def test_recent_groups_newest_first_filtered_by_surface_and_user(store, clock):
    await add(store, "g1", [("a1", 1)])
    clock.advance(10)
    await add(store, "g2", [("a2", 1)], origin=Origin(kind="mcp", user="claude"))
    clock.advance(10)
    await add(store, "g3", [("a3", 1)], origin=Origin(kind="slack", user="U999"))
    await store.record_rescore_result("a1", 42, "completed", RESULT)
    await store.mark_notified("g1", {"ts": "1"})

    recent = await store.recent_groups()
    assert [g.id for g in recent] == ["g3", "g2", "g1"]
    assert [g.notify_state for g in recent] == ["waiting", "waiting", "sent"]
    assert recent[0].age(clock.now + 5) == 5
    assert [g.id for g in await store.recent_groups(limit=2)] == ["g3", "g2"]
    assert [g.id for g in await store.recent_groups(origin_kind="slack")] == ["g3", "g1"]
    assert [g.id for g in await store.recent_groups(user="U123")] == ["g1"]
    assert [g.id for g in await store.recent_groups(origin_kind="slack", user="U999")] == ["g3"]
    assert await store.recent_groups(origin_kind="cli") == []


async def test_pending_work_and_owed_alerts_survive_a_restart(db_path, clock):
    async with Store.connect(db_path, clock=clock) as store:
        await add(store)
        await store.record_rescore_result("r1", 42, "completed", RESULT)
    async with Store.connect(db_path, clock=clock) as store:
        assert [r.rescore_id for r in await store.pending_rescores()] == ["r2"]
        await store.record_rescore_result("r2", 42, "completed", RESULT)
    async with Store.connect(db_path, clock=clock) as store:
        [ready] = await store.groups_ready_to_notify()
        assert ready.origin == SLACK
        assert await store.mark_notified("g1", {"ts": "1"}) is True
    async with Store.connect(db_path, clock=clock) as store:
        assert await store.groups_ready_to_notify() == []
        assert await store.mark_notified("g1", {"ts": "2"}) is False


async def test_many_concurrent_writers_share_the_connection(store):
    # Interleaved multi-statement transactions must not trip over each other.
    groups = [add(store, f"g{i}", [(f"r{i}a", 1), (f"r{i}b", 1)]) for i in range(20)]
    await asyncio.gather(*groups)
    ends = [
        store.record_rescore_result(f"r{i}{part}", 42, "completed", RESULT)
        for i in range(20)
        for part in "ab"
    ]
    reads = [store.groups_ready_to_notify() for _ in range(10)]
    await asyncio.gather(*ends, *reads)
    assert len(await store.groups_ready_to_notify()) == 20


async def test_a_cancelled_write_leaves_the_connection_usable(store):
    for steps in range(16):
        task = asyncio.create_task(add(store, f"c{steps}", [(f"c{steps}r", 1)]))
        for _ in range(steps):
            await asyncio.sleep(0)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            group = await store.get_group(f"c{steps}")
            assert group is None or len(group.rescores) == 1  # all or nothing
        # The next transaction starts cleanly.
        assert await store.audit("u", "cli", "probe", str(steps), {}, "ok") > 0
