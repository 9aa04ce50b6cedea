"""Webhook delivery: envelope and headers, retries, and the drop/duplicate/reorder faults."""

from __future__ import annotations

import httpx

from shared.sandbox import Sandbox
from tests.shared.sandbox.conftest import HOOK_URL, HookReceiver, client_for, small_config
from tests.support.sandboxes import big_job


async def delete_some(sandbox: Sandbox, api: httpx.AsyncClient, count: int) -> list[int]:
    """Delete `count` job candidates (one webhook each); returns their ids in order."""
    url = f"/job-candidates/job/{big_job(sandbox)}/candidates"
    page = await api.get(url, params={"perPage": 100, "orderBy": "ASC"})
    ids = [jc["jobCandidateId"] for jc in page.json()["data"]["candidates"][:count]]
    for jc_id in ids:
        assert (await api.delete(f"/job-candidates/{jc_id}")).status_code == 200
    return ids


def removed_ids(hooks: HookReceiver) -> list[int]:
    return [r["body"]["data"]["jobCandidateId"] for r in hooks.received]


async def test_no_url_no_delivery(sandbox: Sandbox, api: httpx.AsyncClient):
    await delete_some(sandbox, api, 1)
    await sandbox.drain()
    assert sandbox.deliveries == []


async def test_retries_failed_deliveries_up_to_three_attempts(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    hooks.fail_next = 2
    await delete_some(sandbox, api, 1)
    await sandbox.drain()
    assert [d.status_code for d in sandbox.deliveries] == [500, 500, 200]
    assert [d.attempt for d in sandbox.deliveries] == [1, 2, 3]
    hooks.fail_next = 5
    await delete_some(sandbox, api, 1)
    await sandbox.drain()
    assert [d.status_code for d in sandbox.deliveries[3:]] == [500, 500, 500]  # then gives up


async def test_unreachable_receiver_is_recorded_not_raised(
    sandbox: Sandbox, api: httpx.AsyncClient
):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    sandbox.webhook_transport = httpx.MockTransport(refuse)
    sandbox.webhook_url = HOOK_URL
    await delete_some(sandbox, api, 1)
    await sandbox.drain()
    assert [d.status_code for d in sandbox.deliveries] == [None, None, None]
    assert all("ConnectError" in (d.error or "") for d in sandbox.deliveries)


async def test_drop_never_sends(sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver):
    sandbox.faults.webhook_drop_rate = 1.0
    await delete_some(sandbox, api, 3)
    await sandbox.drain()
    assert hooks.received == []
    assert len(sandbox.deliveries) == 3 and all(d.dropped for d in sandbox.deliveries)
    assert all(d.status_code is None for d in sandbox.deliveries)


async def test_duplicate_sends_the_same_body_twice(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    sandbox.faults.webhook_duplicate_rate = 1.0
    ids = await delete_some(sandbox, api, 2)
    await sandbox.drain()
    assert removed_ids(hooks) == [ids[0], ids[0], ids[1], ids[1]]
    assert hooks.received[0]["body"] == hooks.received[1]["body"]  # same timestamp too


async def test_reorder_holds_one_back_until_after_the_next(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    sandbox.faults.webhook_reorder_rate = 1.0
    ids = await delete_some(sandbox, api, 4)
    await sandbox.drain()
    # With every delivery picked for reordering: 1 is held, 2 goes, then 1; same for 3, 4.
    assert removed_ids(hooks) == [ids[1], ids[0], ids[3], ids[2]]


async def test_reorder_with_nothing_after_is_flushed_by_drain(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    sandbox.faults.webhook_reorder_rate = 1.0
    ids = await delete_some(sandbox, api, 1)
    await sandbox.drain()
    assert removed_ids(hooks) == ids


async def test_delay_and_seeded_faults_are_reproducible():
    async def run_once() -> list[tuple[int, bool]]:
        sandbox = Sandbox(small_config(seed=5))
        hooks = HookReceiver()
        sandbox.webhook_transport = httpx.ASGITransport(app=hooks.app)
        sandbox.webhook_url = HOOK_URL
        sandbox.faults.webhook_delay = 0.02
        sandbox.faults.webhook_drop_rate = 0.3
        sandbox.faults.webhook_duplicate_rate = 0.3
        sandbox.faults.webhook_reorder_rate = 0.3
        async with client_for(sandbox, sandbox.api_key) as api:
            await delete_some(sandbox, api, 12)
            await sandbox.drain()
        await sandbox.aclose()
        return [(d.body["data"]["jobCandidateId"], d.dropped) for d in sandbox.deliveries]

    first, second = await run_once(), await run_once()
    assert first == second
    assert any(dropped for _, dropped in first)
    sent = [jc for jc, dropped in first if not dropped]
    assert len(sent) != len(set(sent)) or sent != sorted(sent)  # some duplicate or reorder


async def test_other_company_has_its_own_url_and_key(sandbox: Sandbox):
    hooks = HookReceiver()
    sandbox.webhook_transport = httpx.ASGITransport(app=hooks.app)
    async with client_for(sandbox, sandbox.other_api_key, "http://sandbox/_sandbox") as admin:
        response = await admin.put("/webhook", json={"url": HOOK_URL})
        assert response.json()["webhookUrl"] == HOOK_URL
        bad = await admin.put("/webhook", json={"url": "ftp://nope"})
        assert bad.status_code == 400
    async with client_for(sandbox, sandbox.other_api_key) as other:
        jobs = (await other.get("/jobs")).json()["jobs"]
        listed = await other.get(f"/job-candidates/job/{jobs[0]['id']}/candidates")
        jc = listed.json()["data"]["candidates"][0]
        await other.delete(f"/job-candidates/{jc['jobCandidateId']}")
    await sandbox.drain()
    (delivery,) = hooks.received
    assert delivery["headers"]["x-webhook-key"] == sandbox.other_webhook_key
    assert delivery["body"]["companyId"] != sandbox.company_id
    assert sandbox.webhook_url is None  # the default company's URL is untouched
