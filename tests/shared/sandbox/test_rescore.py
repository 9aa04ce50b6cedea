"""Rescoring: 202 and id format, queued -> completed, webhook, credits, criteria changes."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from shared.sandbox import Sandbox
from tests.shared.sandbox.conftest import (
    HookReceiver,
    all_job_candidates,
    assert_error,
    client_for,
    small_config,
)
from tests.support.sandboxes import big_job

RESCORE_ID = re.compile(r"^rescore_(\d+)_(\d{13})$")
STATUS_FIELDS = {
    "rescoreId",
    "jobId",
    "status",
    "totalEligible",
    "totalRequested",
    "totalProcessed",
    "totalFailed",
    "jobCandidateIds",
    "cappedByCredits",
    "errors",
    "completedAt",
}


async def some_ids(api: httpx.AsyncClient, job_id: int, count: int) -> list[int]:
    page = await api.get(f"/job-candidates/job/{job_id}/candidates", params={"perPage": 100})
    return [jc["jobCandidateId"] for jc in page.json()["data"]["candidates"][:count]]


async def test_rescore_lifecycle_and_webhook(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    job_id = big_job(sandbox)
    ids = await some_ids(api, job_id, 30)
    response = await api.post(
        "/job-candidates/rescore", json={"jobId": job_id, "jobCandidateIds": ids}
    )
    assert response.status_code == 202
    data = response.json()["data"]
    match = RESCORE_ID.match(data["rescoreId"])
    assert match and int(match.group(1)) == job_id
    assert data == {
        "rescoreId": data["rescoreId"],
        "jobId": job_id,
        "totalEligible": 30,
        "totalQueued": 30,
    }

    queued = (await api.get(f"/job-candidates/rescore/{data['rescoreId']}")).json()["data"]
    assert set(queued) == STATUS_FIELDS
    assert (queued["status"], queued["totalProcessed"], queued["completedAt"]) == (
        "queued",
        0,
        None,
    )
    await sandbox.drain()
    done = (await api.get(f"/job-candidates/rescore/{data['rescoreId']}")).json()["data"]
    assert done["status"] == "completed" and done["completedAt"].endswith("Z")
    assert (done["totalRequested"], done["totalProcessed"], done["totalFailed"]) == (30, 30, 0)
    assert done["jobCandidateIds"] == ids and done["errors"] == []
    assert not done["cappedByCredits"]

    assert hooks.events() == ["job.candidates.rescored"]
    delivery = hooks.received[0]
    headers = delivery["headers"]
    assert headers["x-webhook-event"] == "job.candidates.rescored"
    assert headers["x-webhook-key"] == sandbox.webhook_key
    assert headers["x-webhook-timestamp"] == delivery["body"]["timestamp"]
    assert headers["content-type"] == "application/json"
    body = delivery["body"]
    assert set(body) == {"event", "timestamp", "companyId", "data"}
    expected = {k: v for k, v in done.items() if k != "completedAt"}
    assert body["data"] == expected

    rescored = (await api.get(f"/job-candidates/rescore/{data['rescoreId']}/candidates")).json()
    assert rescored["status"] == "success"
    assert [jc["id"] for jc in rescored["data"]] == ids
    assert all(jc["evaluationStatus"] == "COMPLETED" for jc in rescored["data"])


async def test_ids_are_unique_even_in_the_same_millisecond(
    sandbox: Sandbox, api: httpx.AsyncClient
):
    started = [
        (
            await api.post(
                "/job-candidates/rescore",
                json={"jobId": big_job(sandbox), "jobCandidateIds": [1]},
            )
        ).json()
        for _ in range(5)
    ]
    ids = [s["data"]["rescoreId"] for s in started]
    assert len(set(ids)) == 5 and all(RESCORE_ID.match(i) for i in ids)
    assert all(s["data"]["totalEligible"] == 0 for s in started)  # id 1 is not in the job


async def test_same_criteria_same_scores_new_criteria_new_scores(
    sandbox: Sandbox, api: httpx.AsyncClient, admin: httpx.AsyncClient
):
    jobs = (await api.get("/jobs")).json()["jobs"]
    job_id = next(j["id"] for j in jobs if j["id"] != big_job(sandbox))
    before = {jc["jobCandidateId"]: jc for jc in await all_job_candidates(api, job_id)}
    started = await api.post("/job-candidates/rescore", json={"jobId": job_id})
    assert started.json()["data"]["totalQueued"] == len(before)
    await sandbox.drain()
    same = {jc["jobCandidateId"]: jc for jc in await all_job_candidates(api, job_id)}
    for jc_id, jc in before.items():
        if jc["profileMatchScore"] is not None:
            assert same[jc_id]["profileMatchScore"] == jc["profileMatchScore"]
        else:  # candidates not scored yet get scored by a rescore
            assert same[jc_id]["profileMatchScore"] is not None

    new_criteria = [
        {"criterion": "Kubernetes", "level": "MUST_HAVE"},
        {"criterion": "8+ years of experience", "level": "MUST_HAVE"},
        {"criterion": "PhD in Physics", "level": "BONUS"},
    ]
    changed = await admin.put(f"/jobs/{job_id}/criteria", json=new_criteria)
    assert changed.status_code == 200 and changed.json()["criterionDetails"] == new_criteria
    untouched = {jc["jobCandidateId"]: jc for jc in await all_job_candidates(api, job_id)}
    assert untouched == same  # nothing changes until the rescore runs
    await api.post("/job-candidates/rescore", json={"jobId": job_id})
    await sandbox.drain()
    after = {jc["jobCandidateId"]: jc for jc in await all_job_candidates(api, job_id)}
    moved = [i for i in after if after[i]["profileMatchScore"] != same[i]["profileMatchScore"]]
    assert len(moved) > len(after) // 2
    for jc in after.values():
        criteria = [c["criterion"] for c in jc["criteriaMatches"]["criteria"]]
        assert criteria == [c["criterion"] for c in new_criteria]


async def test_set_criteria_in_python(sandbox: Sandbox, api: httpx.AsyncClient):
    sandbox.set_criteria(big_job(sandbox), [{"criterion": "Rust", "level": "MUST_HAVE"}])
    job = (await api.get(f"/jobs/{big_job(sandbox)}")).json()
    assert job["criterionDetails"] == [{"criterion": "Rust", "level": "MUST_HAVE"}]
    with pytest.raises(KeyError):
        sandbox.set_criteria(1, [])
    with pytest.raises(ValueError, match="level"):
        sandbox.set_criteria(big_job(sandbox), [{"criterion": "Rust", "level": "MUST"}])


async def test_stage_scope_and_the_250_cap():
    sandbox = Sandbox(small_config(big_job_size=300))
    async with client_for(sandbox, sandbox.api_key) as api:
        everything = await api.post("/job-candidates/rescore", json={"jobId": big_job(sandbox)})
        data = everything.json()["data"]
        assert (data["totalEligible"], data["totalQueued"]) == (300, 250)
        job = (await api.get(f"/jobs/{big_job(sandbox)}")).json()
        stage = next(s for s in job["pipelineStage"] if s["type"] == "SCREEN")
        scoped = await api.post(
            "/job-candidates/rescore", json={"jobId": big_job(sandbox), "stageId": stage["id"]}
        )
        assert scoped.json()["data"]["totalEligible"] == stage["totalCandidate"]
        status = await api.get(f"/job-candidates/rescore/{scoped.json()['data']['rescoreId']}")
        ids = status.json()["data"]["jobCandidateIds"]
        in_stage = await all_job_candidates(api, big_job(sandbox), stageId=stage["id"])
        assert sorted(ids) == sorted(jc["jobCandidateId"] for jc in in_stage)
    await sandbox.aclose()


async def test_credits_cap_then_402(
    sandbox: Sandbox, api: httpx.AsyncClient, admin: httpx.AsyncClient
):
    await admin.put("/credits", json={"credits": 10})
    ids = await some_ids(api, big_job(sandbox), 40)
    capped = await api.post(
        "/job-candidates/rescore", json={"jobId": big_job(sandbox), "jobCandidateIds": ids}
    )
    data = capped.json()["data"]
    assert capped.status_code == 202
    assert (data["totalEligible"], data["totalQueued"], data["creditsAvailable"]) == (40, 10, 10)
    await sandbox.drain()
    status = (await api.get(f"/job-candidates/rescore/{data['rescoreId']}")).json()["data"]
    assert status["cappedByCredits"] and status["totalProcessed"] == 10
    assert status["jobCandidateIds"] == ids[:10]
    assert (await admin.get("/info")).json()["credits"] == 0
    refused = await api.post("/job-candidates/rescore", json={"jobId": big_job(sandbox)})
    error = assert_error(refused, 402, "INSUFFICIENT_CREDITS")
    assert error["type"] == "payment_required"
    assert error["creditsAvailable"] == 0 and error["details"]["creditsAvailable"] == 0


async def test_credits_gone_when_the_run_starts_fails_it():
    sandbox = Sandbox(small_config(rescore_delay=0.3))
    hooks = HookReceiver()
    sandbox.webhook_transport = httpx.ASGITransport(app=hooks.app)
    sandbox.webhook_url = "http://receiver/hooks/taptalent"
    async with client_for(sandbox, sandbox.api_key) as api:
        started = await api.post("/job-candidates/rescore", json={"jobId": big_job(sandbox)})
        rescore_id = started.json()["data"]["rescoreId"]
        sandbox.credits = 0
        await sandbox.drain()
        status = (await api.get(f"/job-candidates/rescore/{rescore_id}")).json()["data"]
    assert status["status"] == "failed"
    assert status["errors"] == [{"reason": "Insufficient scoring credits"}]
    assert status["totalProcessed"] == 0 and status["totalFailed"] == 250
    assert hooks.received[0]["body"]["data"]["status"] == "failed"
    await sandbox.aclose()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "jobId"),
        ({"jobId": "forty-two"}, "jobId"),
        ({"jobId": 4.5}, "jobId"),
        ({"jobId": 1, "jobCandidateIds": list(range(1, 252))}, "jobCandidateIds"),
        ({"jobId": 1, "jobCandidateIds": "1,2"}, "jobCandidateIds"),
        ({"jobId": 1, "jobCandidateIds": []}, "jobCandidateIds"),
        ({"jobId": 1, "jobCandidateIds": [1, "a"]}, "jobCandidateIds"),
        ({"jobId": 1, "stageId": "first"}, "stageId"),
    ],
)
async def test_rescore_validation(api: httpx.AsyncClient, body: dict[str, Any], field: str):
    response = await api.post("/job-candidates/rescore", json=body)
    assert_error(response, 400, "INVALID_REQUEST", field)


async def test_rescore_not_found_and_foreign_stage(sandbox: Sandbox, api: httpx.AsyncClient):
    assert_error(await api.post("/job-candidates/rescore", json={"jobId": 999}), 404, "NOT_FOUND")
    assert_error(await api.get("/job-candidates/rescore/rescore_1_1"), 404, "NOT_FOUND")
    assert_error(await api.get("/job-candidates/rescore/nope/candidates"), 404, "NOT_FOUND")
    jobs = (await api.get("/jobs")).json()["jobs"]
    foreign = next(j for j in jobs if j["id"] != big_job(sandbox))["pipelineStage"][0]["id"]
    response = await api.post(
        "/job-candidates/rescore", json={"jobId": big_job(sandbox), "stageId": foreign}
    )
    assert_error(response, 400, "INVALID_REQUEST", "stageId")


@pytest.mark.parametrize(
    "body",
    [
        {"criterionDetails": "Python"},
        [{"criterion": "", "level": "BONUS"}],
        [{"criterion": "Go", "level": "MUST"}],
        [{"level": "BONUS"}],
    ],
)
async def test_admin_criteria_validation(sandbox: Sandbox, admin: httpx.AsyncClient, body: Any):
    response = await admin.put(f"/jobs/{big_job(sandbox)}/criteria", json=body)
    assert_error(response, 400, "INVALID_REQUEST", "criterionDetails")
