"""Webhook deliveries: duplicates refused, unfinished work kept across restarts."""

import asyncio

import pytest

from shared.store import Store

BODY = '{"event":"job.candidates.rescored","data":{"rescoreId":"r1"}}'


async def test_add_delivery_then_a_duplicate_is_refused(store, clock):
    delivery = await store.add_delivery("rescored:r1", "job.candidates.rescored", BODY)
    assert delivery is not None
    assert delivery.dedupe_key == "rescored:r1"
    assert delivery.event == "job.candidates.rescored"
    assert delivery.body == BODY
    assert delivery.state == "received"
    assert delivery.received_at == clock.now
    assert await store.get_delivery(delivery.id) == delivery
    assert await store.add_delivery("rescored:r1", "job.candidates.rescored", BODY) is None
    other = await store.add_delivery("rescored:r2", "job.candidates.rescored", BODY)
    assert other is not None and other.id != delivery.id


async def test_concurrent_duplicates_store_one(store):
    results = await asyncio.gather(*(store.add_delivery("k", "e", BODY) for _ in range(10)))
    assert sum(r is not None for r in results) == 1


async def test_marking_takes_a_delivery_out_of_the_queue(store, clock):
    first = await store.add_delivery("a", "e", "1")
    clock.advance(1)
    second = await store.add_delivery("b", "e", "2")
    clock.advance(1)
    third = await store.add_delivery("c", "e", "3")
    assert [d.id for d in await store.unprocessed_deliveries()] == [first.id, second.id, third.id]

    assert await store.mark_delivery(second.id, "processed") is True
    assert await store.mark_delivery(third.id, "failed", error="TapTalent 503") is True
    assert [d.id for d in await store.unprocessed_deliveries()] == [first.id]
    failed = await store.get_delivery(third.id)
    assert failed.state == "failed"
    assert failed.error == "TapTalent 503"
    assert failed.processed_at == clock.now
    assert await store.mark_delivery(9999, "processed") is False
    with pytest.raises(ValueError):
        await store.mark_delivery(first.id, "done")  # type: ignore[arg-type]


async def test_unprocessed_deliveries_survive_a_restart(db_path, clock):
    async with Store.connect(db_path, clock=clock) as store:
        kept = await store.add_delivery("a", "job.candidates.rescored", BODY)
        done = await store.add_delivery("b", "job.candidates.rescored", BODY)
        assert done is not None
        await store.mark_delivery(done.id, "ignored")
        # the process dies here, before acting on "a"
    async with Store.connect(db_path, clock=clock) as store:
        [pending] = await store.unprocessed_deliveries()
        assert pending == kept
        assert await store.add_delivery("a", "job.candidates.rescored", BODY) is None


async def test_prune_removes_old_handled_deliveries_only(store, clock):
    old_done = await store.add_delivery("old-done", "e", "1")
    old_pending = await store.add_delivery("old-pending", "e", "2")
    await store.mark_delivery(old_done.id, "processed")
    clock.advance(5 * 86400)
    new_done = await store.add_delivery("new-done", "e", "3")
    await store.mark_delivery(new_done.id, "processed")

    cutoff = clock.now - 4 * 86400
    assert await store.prune_deliveries(older_than=cutoff) == 1
    assert await store.get_delivery(old_done.id) is None
    assert await store.get_delivery(new_done.id) is not None
    assert await store.get_delivery(old_pending.id) is not None  # work still owed
    assert await store.prune_deliveries(older_than=cutoff) == 0
    # A pruned key no longer deduplicates; a kept one still does.
    assert await store.add_delivery("old-done", "e", "1") is not None
    assert await store.add_delivery("new-done", "e", "3") is None
