"""Bearer keys: missing, malformed and unknown keys are 401; companies are isolated."""

from __future__ import annotations

import re

import httpx
import pytest

from shared.sandbox import Sandbox
from tests.shared.sandbox.conftest import assert_error, client_for

KEY_FORMAT = re.compile(r"^sk_test_[0-9A-Za-z]{22}$")


def test_keys_look_like_taptalent_keys(sandbox: Sandbox):
    assert KEY_FORMAT.match(sandbox.api_key)
    assert KEY_FORMAT.match(sandbox.other_api_key)
    assert sandbox.api_key != sandbox.other_api_key
    assert sandbox.webhook_key and sandbox.webhook_key not in {sandbox.api_key}


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Basic c2tfdGVzdA==",
        "Bearer sk_test_short",
        "Bearer sk_prod_AbCdEfGhIjKlMnOpQrStUv",
        "Bearer sk_test_AbCdEfGhIjKlMnOpQrStUv",  # well formed, unknown
    ],
)
async def test_bad_or_missing_keys_are_401(sandbox: Sandbox, header: str | None):
    headers = {"Authorization": header} if header else {}
    async with client_for(sandbox, None) as client:
        response = await client.get("/jobs", headers=headers)
    error = assert_error(response, 401, "UNAUTHORIZED")
    assert error["type"] == "authentication_error"


async def test_admin_routes_need_a_key_too(sandbox: Sandbox):
    async with client_for(sandbox, None, "http://sandbox/_sandbox") as client:
        assert_error(await client.get("/info"), 401, "UNAUTHORIZED")


async def test_each_company_sees_only_its_own_data(
    sandbox: Sandbox, api: httpx.AsyncClient, other_api: httpx.AsyncClient
):
    mine = (await api.get("/jobs", params={"perPage": 100})).json()["jobs"]
    theirs = (await other_api.get("/jobs", params={"perPage": 100})).json()["jobs"]
    assert {j["id"] for j in mine}.isdisjoint({j["id"] for j in theirs})
    assert len(theirs) < len(mine)

    job_id = mine[0]["id"]
    assert_error(await other_api.get(f"/jobs/{job_id}"), 404, "NOT_FOUND")
    assert_error(await other_api.get(f"/job-candidates/job/{job_id}/candidates"), 404, "NOT_FOUND")
    listed = await api.get(f"/job-candidates/job/{job_id}/candidates")
    jc = listed.json()["data"]["candidates"][0]
    assert_error(
        await other_api.patch(
            f"/job-candidates/{jc['jobCandidateId']}", json={"noticePeriod": "1 month"}
        ),
        404,
        "NOT_FOUND",
    )
    assert_error(await other_api.get(f"/candidates/{jc['candidateId']}"), 404, "NOT_FOUND")
    fetched = await other_api.post(
        "/job-candidates/bulk-fetch", json={"jobCandidateIds": [jc["jobCandidateId"]]}
    )
    assert fetched.json() == {"status": "success", "data": []}
    rescore = await other_api.post("/job-candidates/rescore", json={"jobId": job_id})
    assert_error(rescore, 404, "NOT_FOUND")
    stage_id = mine[0]["pipelineStage"][0]["id"]
    assert_error(
        await other_api.get(f"/job-candidates/stage/{stage_id}/candidates"), 404, "NOT_FOUND"
    )
