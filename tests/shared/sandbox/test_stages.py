"""Candidates by stage type and by stage id."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.sandbox import Sandbox
from tests.shared.sandbox.conftest import assert_error
from tests.support.sandboxes import big_job


async def stage_of_type(api: httpx.AsyncClient, job_id: int, stage_type: str) -> dict[str, Any]:
    job = (await api.get(f"/jobs/{job_id}")).json()
    return next(s for s in job["pipelineStage"] if s["type"] == stage_type)


async def test_by_type_spans_jobs_and_is_case_insensitive(api: httpx.AsyncClient):
    jobs = (await api.get("/jobs")).json()["jobs"]
    expected = sum(
        s["totalCandidate"] for j in jobs for s in j["pipelineStage"] if s["type"] == "APPLIED"
    )
    body = (await api.get("/job-candidates/stage", params={"type": "applied"})).json()
    assert body["status"] == "success"
    assert body["pagination"]["totalCandidates"] == expected
    item = body["candidates"][0]
    assert {"candidate_details", "jobCandidateDetails", "onboardingFormDetails"} <= set(item)
    details = item["jobCandidateDetails"]
    assert {
        "id",
        "jobId",
        "candidateId",
        "stageId",
        "companyId",
        "status",
        "profileMatchScore",
        "hiredAt",
        "rejectedAt",
        "createdAt",
    } <= set(details)
    assert isinstance(details["companyId"], str)


async def test_by_type_for_one_job_with_hire_dates(sandbox: Sandbox, api: httpx.AsyncClient):
    hired = await stage_of_type(api, big_job(sandbox), "HIRED")
    params: dict[str, str | int] = {"type": "HIRED", "jobId": big_job(sandbox), "perPage": 100}
    body = (await api.get("/job-candidates/stage", params=params)).json()
    rows = [r["jobCandidateDetails"] for r in body["candidates"]]
    assert len(rows) == hired["totalCandidate"] > 0
    assert all(r["hiredAt"] and r["status"] == "HIRED" for r in rows)
    hired_at = sorted(r["hiredAt"] for r in rows)
    day = hired_at[0][:10]
    same_day = await api.get("/job-candidates/stage", params={**params, "hiredAt": day})
    expected = [r for r in rows if r["hiredAt"].startswith(day)]
    assert same_day.json()["pagination"]["totalCandidates"] == len(expected)
    exact = await api.get("/job-candidates/stage", params={**params, "hiredAt": hired_at[0]})
    assert exact.json()["pagination"]["totalCandidates"] >= 1
    since = await api.get("/job-candidates/stage", params={**params, "hiredAtGte": hired_at[-1]})
    assert since.json()["pagination"]["totalCandidates"] == hired_at.count(hired_at[-1])


async def test_by_stage_id_with_dates_and_order(sandbox: Sandbox, api: httpx.AsyncClient):
    stage = await stage_of_type(api, big_job(sandbox), "APPLIED")
    url = f"/job-candidates/stage/{stage['id']}/candidates"
    rows: list[dict[str, Any]] = []
    for page in (1, 2, 3):
        params = {"perPage": 50, "page": page, "orderBy": "ASC"}
        body = (await api.get(url, params=params)).json()
        rows += [r["jobCandidateDetails"] for r in body["candidates"]]
    assert len(rows) == body["pagination"]["totalCandidates"] == stage["totalCandidate"] > 100
    assert all(r["stageId"] == stage["id"] for r in rows)
    created = [r["createdAt"] for r in rows]
    assert created == sorted(created)
    middle = created[len(created) // 2]
    later = (await api.get(url, params={"perPage": 100, "startDate": middle})).json()
    assert later["pagination"]["totalCandidates"] == sum(1 for c in created if c >= middle)
    earlier = (await api.get(url, params={"perPage": 100, "endDate": middle})).json()
    assert earlier["pagination"]["totalCandidates"] == sum(1 for c in created if c <= middle)
    other_job = await api.get(url, params={"jobId": 1})
    assert other_job.json()["pagination"]["totalCandidates"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "type"),
        ({"type": "INTERVIEWING"}, "type"),
        ({"type": "SCREEN", "perPage": 101}, "perPage"),
        ({"type": "SCREEN", "perPage": 0}, "perPage"),
        ({"type": "SCREEN", "orderColumn": "score"}, "orderColumn"),
        ({"type": "SCREEN", "orderBy": "down"}, "orderBy"),
        ({"type": "SCREEN", "hiredAt": "yesterday"}, "hiredAt"),
        ({"type": "SCREEN", "startDate": "2024-13-45"}, "startDate"),
        ({"type": "SCREEN", "jobId": "abc"}, "jobId"),
    ],
)
async def test_by_type_validation(api: httpx.AsyncClient, params: dict[str, Any], field: str):
    response = await api.get("/job-candidates/stage", params=params)
    assert_error(response, 400, "INVALID_REQUEST", field)


async def test_by_stage_id_errors(api: httpx.AsyncClient):
    assert_error(await api.get("/job-candidates/stage/1/candidates"), 404, "NOT_FOUND")
    bad = await api.get("/job-candidates/stage/first/candidates")
    assert_error(bad, 400, "INVALID_REQUEST", "stageId")
    jobs = (await api.get("/jobs")).json()["jobs"]
    stage_id = jobs[0]["pipelineStage"][0]["id"]
    too_many = await api.get(
        f"/job-candidates/stage/{stage_id}/candidates", params={"perPage": 200}
    )
    assert_error(too_many, 400, "INVALID_REQUEST", "perPage")
    assert_error(
        await api.get("/job-candidates/stage", params={"type": "SCREEN", "jobId": 99}),
        404,
        "NOT_FOUND",
    )
