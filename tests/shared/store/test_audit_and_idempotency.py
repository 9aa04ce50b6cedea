"""Audit log of write actions, and idempotency keys against retries and double clicks."""

import asyncio

from shared.store import Store


async def test_audit_entries_round_trip_newest_first(store, clock):
    details = {"job": 42, "candidates": [1, 2], "origin": {"channel": "C9"}, "note": "é"}
    first = await store.audit("U123", "slack", "rescore", "job:42", details, "queued")
    clock.advance(1)
    second = await store.audit("cli:alice", "cli", "move", "jc:7", {"stage": "SCREEN"}, "ok")
    clock.advance(1)
    third = await store.audit("claude", "mcp", "move", "jc:8", {}, "error: 400")
    assert first < second < third

    entries = await store.audit_entries()
    assert [e.id for e in entries] == [third, second, first]
    oldest = entries[-1]
    assert oldest.actor == "U123"
    assert oldest.surface == "slack"
    assert oldest.action == "rescore"
    assert oldest.target == "job:42"
    assert oldest.details == details
    assert oldest.result == "queued"
    assert oldest.at == clock.now - 2

    assert [e.id for e in await store.audit_entries(action="move")] == [third, second]
    assert [e.id for e in await store.audit_entries(limit=1)] == [third]
    assert await store.audit_entries(action="delete") == []


async def test_idempotency_key_is_claimed_once_within_its_ttl(store, clock):
    assert await store.idempotency_claim("slack:trigger:123", ttl=60) is True
    assert await store.idempotency_claim("slack:trigger:123", ttl=60) is False
    assert await store.idempotency_claim("slack:trigger:456", ttl=60) is True
    clock.advance(59)
    assert await store.idempotency_claim("slack:trigger:123", ttl=60) is False
    clock.advance(1)
    assert await store.idempotency_claim("slack:trigger:123", ttl=60) is True


async def test_double_clicks_run_a_write_once(store):
    claims = await asyncio.gather(*(store.idempotency_claim("confirm:abc", 300) for _ in range(10)))
    assert claims.count(True) == 1


async def test_everything_survives_reopening_the_file(db_path, clock):
    async with Store.connect(db_path, clock=clock) as store:
        await store.audit("U1", "slack", "move", "jc:7", {"to": "SCREEN"}, "ok")
        await store.idempotency_claim("k", ttl=600)
        await store.add_delivery("d", "e", "{}")
    async with Store.connect(db_path, clock=clock) as store:
        [entry] = await store.audit_entries()
        assert entry.details == {"to": "SCREEN"}
        assert await store.idempotency_claim("k", ttl=600) is False
        assert await store.add_delivery("d", "e", "{}") is None
