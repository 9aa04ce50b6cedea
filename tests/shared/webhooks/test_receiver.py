"""The webhook route: constant-time key check, size cap, JSON check, dedupe, fast answer."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.operations.payload import event_payload, text_id
from shared.sandbox import Sandbox
from shared.service import Service
from shared.webhooks import dedupe_key, key_matches
from tests.conftest import make_settings
from tests.shared.webhooks.conftest import RecordingNotifier, running

EVENT: dict[str, Any] = {
    "event": "job.candidates.rescored",
    "timestamp": "2026-01-20T14:45:00Z",
    "companyId": 1,
    "data": {
        "rescoreId": "rescore_1_1700000000000",
        "jobId": 1,
        "status": "completed",
        "jobCandidateIds": [1, 2],
        "totalProcessed": 2,
        "totalFailed": 0,
    },
}


def test_key_comparison():
    assert key_matches("abc", "abc")
    assert not key_matches("abd", "abc")
    assert not key_matches(None, "abc")
    assert not key_matches("", "")  # no key configured accepts nothing
    assert not key_matches("abc", None)


def test_dedupe_key_ignores_the_timestamp_of_a_retry():
    again = {**EVENT, "timestamp": "2026-01-20T14:46:00Z"}
    assert dedupe_key(EVENT["event"], EVENT["data"]) == dedupe_key(again["event"], again["data"])
    other = {**EVENT["data"], "status": "failed"}
    assert dedupe_key(EVENT["event"], EVENT["data"]) != dedupe_key(EVENT["event"], other)


async def test_missing_or_wrong_key_is_refused_and_nothing_is_stored(
    sandbox: Sandbox, tmp_path: Path
):
    async with running(sandbox, tmp_path, RecordingNotifier()) as (service, http):
        missing = await http.post("/webhooks/taptalent", json=EVENT)
        wrong = await http.post(
            "/webhooks/taptalent", json=EVENT, headers={"X-Webhook-Key": sandbox.webhook_key + "x"}
        )
        assert missing.status_code == wrong.status_code == 401
        assert await service.tk.store.unprocessed_deliveries() == []
        assert await service.tk.store.add_delivery("probe", "x", "{}") is not None


async def test_right_key_stores_once_and_flags_duplicates(sandbox: Sandbox, tmp_path: Path):
    headers = {"X-Webhook-Key": sandbox.webhook_key, "X-Webhook-Event": EVENT["event"]}
    async with running(sandbox, tmp_path, RecordingNotifier()) as (_, http):
        answers = await asyncio.gather(
            *(http.post("/webhooks/taptalent", json=EVENT, headers=headers) for _ in range(3))
        )
        assert [a.status_code for a in answers] == [200, 200, 200]
        assert sorted(a.json()["duplicate"] for a in answers) == [False, True, True]


async def test_bad_bodies_get_4xx_never_5xx(sandbox: Sandbox, tmp_path: Path):
    headers = {"X-Webhook-Key": sandbox.webhook_key, "Content-Type": "application/json"}
    async with running(sandbox, tmp_path, RecordingNotifier()) as (_, http):
        cases = [
            b"{not json",
            b"[1, 2]",
            b'{"data": {}}',
            json.dumps({"event": "job.candidates.rescored", "data": {"rescoreId": ""}}).encode(),
            json.dumps({"event": "job.candidates.rescored", "data": {"rescoreId": [5]}}).encode(),
            json.dumps({"event": "job.candidates.rescored", "data": {"rescoreId": True}}).encode(),
            json.dumps(
                {"event": "job.candidates.rescored", "data": {"status": "completed"}}
            ).encode(),
            b"\xff\xfe",
        ]
        for body in cases:
            answer = await http.post("/webhooks/taptalent", content=body, headers=headers)
            assert answer.status_code == 400, body
        huge = b'{"event": "x", "data": "' + b"a" * 300_000 + b'"}'
        answer = await http.post("/webhooks/taptalent", content=huge, headers=headers)
        assert answer.status_code == 413


async def test_unknown_events_are_kept(sandbox: Sandbox, tmp_path: Path):
    headers = {"X-Webhook-Key": sandbox.webhook_key}
    async with running(sandbox, tmp_path, RecordingNotifier()) as (service, http):
        answer = await http.post(
            "/webhooks/taptalent",
            headers=headers,
            json={"event": "assessment.something", "data": {"a": 1}},
        )
        assert answer.status_code == 200
        await service.tracker.run_once()
        # processed (ignored), not lost: a second identical delivery is a duplicate
        again = await http.post(
            "/webhooks/taptalent",
            headers=headers,
            json={"event": "assessment.something", "data": {"a": 1}},
        )
        assert again.json()["duplicate"] is True


async def test_flat_and_numeric_rescore_deliveries_complete_the_rescore(
    sandbox: Sandbox, tmp_path: Path
):
    """Seed 000's payload table read as top-level fields, with a numeric rescoreId: both
    documented variants are stored in the envelope, the id as text."""
    headers = {"X-Webhook-Key": sandbox.webhook_key, "X-Webhook-Event": EVENT["event"]}
    flat = {**EVENT["data"], "rescoreId": 1700000000000}
    async with running(sandbox, tmp_path, RecordingNotifier()) as (service, http):
        answer = await http.post("/webhooks/taptalent", json=flat, headers=headers)
        again = await http.post(
            "/webhooks/taptalent",
            json={**EVENT, "data": {**EVENT["data"], "rescoreId": "1700000000000"}},
            headers=headers,
        )
        # The one delivery stored (the second was its duplicate), processed by the
        # tracker or not yet: it may already have run.
        stored = await service.tk.store.get_delivery(1)

    assert answer.status_code == 200
    assert again.json()["duplicate"] is True  # the same run, whatever the id's type
    # Stored as it came; the tracker reads either variant the same way.
    assert stored is not None
    data = event_payload(json.loads(stored.body))
    assert text_id(data["rescoreId"]) == "1700000000000"
    assert data["jobCandidateIds"] == [1, 2]


async def empty_key_answers(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture, **settings: object
) -> list[int]:
    """Deliveries with an empty, a missing and a wrong key, on a service with a real key."""
    service = Service(
        make_settings(tmp_path, **settings),
        transport=httpx.ASGITransport(app=sandbox.app),
        api_key=sandbox.api_key,
        base_url="http://sandbox.local/v1/partner",
        surfaces=(),
        tick=0.05,
    )
    with caplog.at_level(logging.WARNING, logger="tt.service"):
        async with service.app.router.lifespan_context(service.app):
            transport = httpx.ASGITransport(app=service.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
                return [
                    (await http.post("/webhooks/taptalent", json=EVENT, headers=h)).status_code
                    for h in ({"X-Webhook-Key": ""}, {}, {"X-Webhook-Key": "guess"})
                ]


async def test_an_empty_key_is_refused_unless_the_operator_opts_in(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    assert await empty_key_answers(sandbox, tmp_path, caplog) == [401, 401, 401]
    assert "TAPTALENT_WEBHOOK_KEY is not set: webhooks will be refused" in caplog.text

    caplog.clear()
    opted_in = await empty_key_answers(
        sandbox, tmp_path / "opt-in", caplog, TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY="1"
    )
    assert opted_in == [200, 200, 401]
    assert "anyone who can reach /webhooks/taptalent can end rescores early" in caplog.text


async def test_with_a_key_configured_the_opt_in_changes_nothing(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    answers = await empty_key_answers(
        sandbox,
        tmp_path,
        caplog,
        TAPTALENT_WEBHOOK_KEY="whsec_real",
        TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY="1",
    )
    assert answers == [401, 401, 401]
