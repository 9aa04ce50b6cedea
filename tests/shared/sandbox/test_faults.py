"""API fault knobs (503, 429 + Retry-After, latency), request records, /_sandbox controls."""

from __future__ import annotations

import httpx
import pytest

from shared.sandbox import Faults, Sandbox
from tests.shared.sandbox.conftest import assert_error


async def test_error_rate_answers_503_in_the_envelope(sandbox: Sandbox, api: httpx.AsyncClient):
    sandbox.faults.error_rate = 1.0
    error = assert_error(await api.get("/jobs"), 503, "INTERNAL_ERROR")
    assert error["type"] == "api_error"


async def test_rate_limit_answers_429_with_retry_after(sandbox: Sandbox, api: httpx.AsyncClient):
    sandbox.faults.rate_limit_rate = 1.0
    sandbox.faults.retry_after = 2
    response = await api.get("/jobs")
    error = assert_error(response, 429, "RATE_LIMITED")
    assert error["type"] == "rate_limit_error"
    assert response.headers["Retry-After"] == "2"
    sandbox.faults.retry_after = 0.5
    assert (await api.get("/jobs")).headers["Retry-After"] == "0.5"


async def test_partial_rates_fault_some_requests(sandbox: Sandbox, api: httpx.AsyncClient):
    sandbox.faults.error_rate = 0.5
    statuses = [(await api.get("/jobs")).status_code for _ in range(40)]
    assert set(statuses) == {200, 503}


async def test_latency_delays_answers_and_is_recorded(sandbox: Sandbox, api: httpx.AsyncClient):
    sandbox.faults.latency = 0.05
    sandbox.faults.latency_jitter = 0.01
    await api.get("/jobs", params={"perPage": 10})
    record = sandbox.requests[-1]
    assert (record.method, record.path, record.status) == ("GET", "/v1/partner/jobs", 200)
    assert record.query == {"perPage": "10"}
    assert record.ended - record.started >= 0.05


async def test_every_api_request_is_recorded_admin_ones_are_not(
    sandbox: Sandbox, api: httpx.AsyncClient, admin: httpx.AsyncClient
):
    await api.get("/jobs")
    await api.get("/jobs/1")
    await admin.get("/info")
    assert [(r.path, r.status) for r in sandbox.requests] == [
        ("/v1/partner/jobs", 200),
        ("/v1/partner/jobs/1", 404),
    ]


async def test_admin_routes_are_exempt_from_faults(
    sandbox: Sandbox, admin: httpx.AsyncClient, api: httpx.AsyncClient
):
    sandbox.faults.error_rate = 1.0
    sandbox.faults.rate_limit_rate = 1.0
    assert (await admin.get("/info")).status_code == 200
    turned_off = await admin.put("/faults", json={"error_rate": 0, "rate_limit_rate": 0})
    assert turned_off.status_code == 200 and turned_off.json()["error_rate"] == 0
    assert (await api.get("/jobs")).status_code == 200


async def test_put_faults_updates_and_validates(sandbox: Sandbox, admin: httpx.AsyncClient):
    response = await admin.put("/faults", json={"latency": 0.01, "webhook_drop_rate": 0.25})
    assert response.json() == {**Faults(latency=0.01, webhook_drop_rate=0.25).as_dict()}
    assert sandbox.faults.webhook_drop_rate == 0.25
    assert (await admin.get("/faults")).json()["latency"] == 0.01
    for bad, field in [
        ({"error_rate": 2}, "error_rate"),
        ({"latency": -1}, "latency"),
        ({"latency": "slow"}, "latency"),
        ({"chaos": 1}, "chaos"),
    ]:
        assert_error(await admin.put("/faults", json=bad), 400, "INVALID_REQUEST", field)
    assert sandbox.faults.latency == 0.01  # a rejected update changes nothing


async def test_put_credits_validates(admin: httpx.AsyncClient):
    assert (await admin.put("/credits", json={"credits": 5})).json()["credits"] == 5
    for bad in ({"credits": -1}, {"credits": "many"}, {}):
        assert_error(await admin.put("/credits", json=bad), 400, "INVALID_REQUEST", "credits")


@pytest.mark.parametrize("path", ["/nothing-here", "/jobs/1/extra"])
async def test_unknown_routes_answer_in_the_envelope(api: httpx.AsyncClient, path: str):
    assert_error(await api.get(path), 404, "NOT_FOUND")


async def test_wrong_method_answers_in_the_envelope(api: httpx.AsyncClient):
    assert_error(await api.delete("/jobs"), 404, "NOT_FOUND")
