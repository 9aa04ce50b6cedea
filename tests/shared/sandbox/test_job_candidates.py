"""A job's candidates: shape, filters and sorting against brute force, paging, writes."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.sandbox import Sandbox
from tests.shared.sandbox.conftest import (
    HookReceiver,
    all_job_candidates,
    assert_error,
    client_for,
    small_config,
)
from tests.support.sandboxes import big_job

JOB_CANDIDATE_FIELDS = {
    "jobCandidateId",
    "jobId",
    "candidateId",
    "stageId",
    "status",
    "evaluationStatus",
    "createdAt",
    "updatedAt",
    "profileMatchScore",
    "criteriaMatches",
    "recommendToRecruitingFirm",
    "aiSummary",
    "candidate_details",
    "noticePeriod",
    "isWillingToRelocate",
    "expectedCTC",
    "currencyExpectedCTC",
    "expectedCTCPeriod",
    "currentCTC",
    "currencyCurrentCTC",
    "currentCTCPeriod",
}
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
PROFILE_FIELDS = {
    "id",
    "firstName",
    "lastName",
    "email",
    "phone",
    "resume",
    "currentJobTitle",
    "currentCompany",
    "city",
    "country",
    "skills",
    "linkedin",
    "githubUrl",
    "summary",
    "industry",
    "languages",
    "educations",
    "certifications",
    "workExperiences",
    "projectExperiences",
}


def listing(job_id: int) -> str:
    return f"/job-candidates/job/{job_id}/candidates"


async def test_listing_shape(sandbox: Sandbox, api: httpx.AsyncClient):
    body = (await api.get(listing(big_job(sandbox)))).json()
    assert body["status"] == "success"
    assert body["data"]["pagination"] == {
        "page": 1,
        "perPage": 20,
        "totalCandidates": 250,
        "totalPages": 13,
    }
    candidates = body["data"]["candidates"]
    assert len(candidates) == 20
    for jc in candidates:
        assert set(jc) >= JOB_CANDIDATE_FIELDS
        assert jc["jobId"] == big_job(sandbox)
        assert set(jc["candidate_details"]) >= PROFILE_FIELDS
        assert jc["candidate_details"]["id"] == jc["candidateId"]
        assert jc["createdAt"].endswith("Z")
    scored = [jc for jc in candidates if jc["profileMatchScore"] is not None]
    assert scored
    for jc in scored:
        matches = jc["criteriaMatches"]
        assert set(matches) == {"skills", "experience", "education", "criteria"}
        assert all(0 <= matches[k] <= 100 for k in ("skills", "experience", "education"))
        for item in matches["criteria"]:
            assert set(item) == {"criterion", "level", "met", "evidence"}
            assert isinstance(item["met"], bool) and item["evidence"]
        assert 1 <= len(SENTENCE_END.findall(jc["aiSummary"])) <= 3
        assert jc["evaluationStatus"] == "COMPLETED"


async def test_pages_cover_everyone_once(sandbox: Sandbox, api: httpx.AsyncClient):
    everyone = await all_job_candidates(api, big_job(sandbox))
    ids = [jc["jobCandidateId"] for jc in everyone]
    assert len(ids) == len(set(ids)) == 250
    last = (await api.get(listing(big_job(sandbox)), params={"perPage": 40, "page": 7})).json()
    assert len(last["data"]["candidates"]) == 250 - 6 * 40
    past = (await api.get(listing(big_job(sandbox)), params={"perPage": 40, "page": 8})).json()
    assert past["data"]["candidates"] == [] and past["data"]["pagination"]["totalCandidates"] == 250


def brute_force(
    everyone: list[dict[str, Any]], low: float | None, high: float | None, no_rejected: bool
) -> set[int]:
    keep = set()
    for jc in everyone:
        score = jc["profileMatchScore"]
        if no_rejected and jc["status"] == "REJECTED":
            continue
        if (low is not None or high is not None) and score is None:
            continue
        if low is not None and score < low:
            continue
        if high is not None and score > high:
            continue
        keep.add(jc["jobCandidateId"])
    return keep


@pytest.mark.parametrize(
    ("low", "high", "no_rejected"),
    [
        (None, None, True),
        (90, None, False),
        (None, 60, False),
        (85, 95, True),
        (92.5, 92.5, False),
        (0, 100, False),
        (100, 100, False),
    ],
)
async def test_score_and_rejection_filters_match_brute_force(
    sandbox: Sandbox,
    api: httpx.AsyncClient,
    low: float | None,
    high: float | None,
    no_rejected: bool,
):
    everyone = await all_job_candidates(api, big_job(sandbox))
    params: dict[str, Any] = {}
    if low is not None:
        params["resumeScoreMin"] = low
    if high is not None:
        params["resumeScoreMax"] = high
    if no_rejected:
        params["excludeRejected"] = "true"
    filtered = await all_job_candidates(api, big_job(sandbox), **params)
    assert {jc["jobCandidateId"] for jc in filtered} == brute_force(
        everyone, low, high, no_rejected
    )
    first = await api.get(listing(big_job(sandbox)), params={**params, "perPage": 10})
    assert first.json()["data"]["pagination"]["totalCandidates"] == len(filtered)


ORDERS = st.sampled_from(["createdAt", "firstName"])
DIRECTIONS = st.sampled_from(["ASC", "DESC"])
SCORES = st.one_of(st.none(), st.integers(0, 100), st.floats(0, 100).map(lambda x: round(x, 1)))


@settings(max_examples=40, deadline=None)
@given(
    low=SCORES,
    high=SCORES,
    no_rejected=st.booleans(),
    stage_index=st.one_of(st.none(), st.integers(0, 6)),
    column=ORDERS,
    direction=DIRECTIONS,
    per_page=st.sampled_from([10, 20, 40, 80, 100]),
    page=st.integers(1, 4),
)
def test_any_filter_page_matches_brute_force(
    shared_view: tuple[Sandbox, list[dict[str, Any]], list[int]],
    low: float | None,
    high: float | None,
    no_rejected: bool,
    stage_index: int | None,
    column: str,
    direction: str,
    per_page: int,
    page: int,
):
    """Any combination of filters, order and page equals filtering and sorting it all here."""
    sandbox, everyone, stage_ids = shared_view
    if low is not None and high is not None and low > high:
        low, high = high, low
    params: dict[str, Any] = {"orderColumn": column, "orderBy": direction, "perPage": per_page}
    params.update(page=page, excludeRejected=str(no_rejected).lower())
    if low is not None:
        params["resumeScoreMin"] = low
    if high is not None:
        params["resumeScoreMax"] = high
    stage_id = stage_ids[stage_index % len(stage_ids)] if stage_index is not None else None
    if stage_id is not None:
        params["stageId"] = stage_id

    async def fetch() -> dict[str, Any]:
        async with client_for(sandbox, sandbox.api_key) as api:
            response = await api.get(listing(big_job(sandbox)), params=params)
            return dict(response.json()["data"])

    data = asyncio.run(fetch())
    keep = brute_force(everyone, low, high, no_rejected)
    expected = [
        jc
        for jc in sorted(everyone, key=lambda jc: jc["jobCandidateId"])
        if jc["jobCandidateId"] in keep and stage_id in (None, jc["stageId"])
    ]

    def key(jc: dict[str, Any]) -> Any:
        return (
            jc["candidate_details"]["firstName"].casefold()
            if column == "firstName"
            else (jc["createdAt"])
        )

    expected.sort(key=key, reverse=direction == "DESC")
    window = expected[(page - 1) * per_page : page * per_page]
    assert [jc["jobCandidateId"] for jc in data["candidates"]] == [
        jc["jobCandidateId"] for jc in window
    ]
    assert data["pagination"]["totalCandidates"] == len(expected)


@pytest.fixture(scope="module")
def shared_view() -> tuple[Sandbox, list[dict[str, Any]], list[int]]:
    """One sandbox for every hypothesis example (read-only), with its big job listed once."""
    sandbox = Sandbox(small_config())

    async def read() -> tuple[list[dict[str, Any]], list[int]]:
        async with client_for(sandbox, sandbox.api_key) as api:
            job = (await api.get(f"/jobs/{big_job(sandbox)}")).json()
            return await all_job_candidates(api, big_job(sandbox)), [
                s["id"] for s in job["pipelineStage"]
            ]

    everyone, stage_ids = asyncio.run(read())
    return sandbox, everyone, stage_ids


async def test_unscored_candidates_only_without_score_bounds(
    sandbox: Sandbox, api: httpx.AsyncClient
):
    everyone = await all_job_candidates(api, big_job(sandbox))
    pending = [jc for jc in everyone if jc["profileMatchScore"] is None]
    assert pending and all(jc["evaluationStatus"] == "PENDING" for jc in pending)
    assert all(jc["criteriaMatches"] is None and jc["aiSummary"] is None for jc in pending)
    bounded = await all_job_candidates(api, big_job(sandbox), resumeScoreMin=0)
    assert len(bounded) == len(everyone) - len(pending)


async def test_stage_filter(sandbox: Sandbox, api: httpx.AsyncClient):
    job = (await api.get(f"/jobs/{big_job(sandbox)}")).json()
    everyone = await all_job_candidates(api, big_job(sandbox))
    for stage in job["pipelineStage"]:
        in_stage = await all_job_candidates(api, big_job(sandbox), stageId=stage["id"])
        assert all(jc["stageId"] == stage["id"] for jc in in_stage)
        assert len(in_stage) == stage["totalCandidate"]
        assert len(in_stage) == sum(1 for jc in everyone if jc["stageId"] == stage["id"])


@pytest.mark.parametrize("column", ["createdAt", "firstName"])
@pytest.mark.parametrize("direction", ["ASC", "DESC", None])
async def test_sorting_breaks_ties_by_id(
    sandbox: Sandbox, api: httpx.AsyncClient, column: str, direction: str | None
):
    params = {"orderColumn": column, **({"orderBy": direction} if direction else {})}
    got = await all_job_candidates(api, big_job(sandbox), **params)

    def key(jc: dict[str, Any]) -> Any:
        if column == "firstName":
            return jc["candidate_details"]["firstName"].casefold()
        return jc["createdAt"]

    expected = sorted(got, key=lambda jc: jc["jobCandidateId"])
    expected.sort(key=key, reverse=direction != "ASC")  # DESC is the default
    assert [jc["jobCandidateId"] for jc in got] == [jc["jobCandidateId"] for jc in expected]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"perPage": 25}, "perPage"),
        ({"perPage": 0}, "perPage"),
        ({"page": 0}, "page"),
        ({"page": "first"}, "page"),
        ({"resumeScoreMin": -1}, "resumeScoreMin"),
        ({"resumeScoreMax": 101}, "resumeScoreMax"),
        ({"resumeScoreMin": "high"}, "resumeScoreMin"),
        ({"resumeScoreMin": 80, "resumeScoreMax": 70}, "resumeScoreMin"),
        ({"orderColumn": "score"}, "orderColumn"),
        ({"orderBy": "UP"}, "orderBy"),
        ({"excludeRejected": "yes"}, "excludeRejected"),
        ({"stageId": "screen"}, "stageId"),
    ],
)
async def test_listing_validation(
    sandbox: Sandbox, api: httpx.AsyncClient, params: dict[str, Any], field: str
):
    response = await api.get(listing(big_job(sandbox)), params=params)
    assert_error(response, 400, "INVALID_REQUEST", field)


async def test_listing_unknown_job(api: httpx.AsyncClient):
    assert_error(await api.get(listing(987654)), 404, "NOT_FOUND")
    assert_error(await api.get(listing(-3)), 400, "INVALID_REQUEST", "jobId")


async def test_bulk_fetch(sandbox: Sandbox, api: httpx.AsyncClient):
    page = (await api.get(listing(big_job(sandbox)))).json()["data"]["candidates"]
    ids = [jc["jobCandidateId"] for jc in page[:5]][::-1]
    body = (
        await api.post("/job-candidates/bulk-fetch", json={"jobCandidateIds": [*ids, 1, "77"]})
    ).json()
    assert body["status"] == "success"
    assert [jc["id"] for jc in body["data"]] == ids  # unknown ids left out, order kept
    assert "jobCandidateId" not in body["data"][0]
    as_strings = {"jobCandidateIds": [str(i) for i in ids]}
    again = (await api.post("/job-candidates/bulk-fetch", json=as_strings)).json()
    assert [jc["id"] for jc in again["data"]] == ids


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"jobCandidateIds": []},
        {"jobCandidateIds": "1,2"},
        {"jobCandidateIds": list(range(1, 102))},
        {"jobCandidateIds": [1, "x"]},
        {"jobCandidateIds": [1, 2.5]},
        {"jobCandidateIds": [True]},
    ],
)
async def test_bulk_fetch_validation(api: httpx.AsyncClient, body: dict[str, Any]):
    response = await api.post("/job-candidates/bulk-fetch", json=body)
    assert_error(response, 400, "INVALID_REQUEST", "jobCandidateIds")


async def first_job_candidate(api: httpx.AsyncClient, job_id: int) -> dict[str, Any]:
    return (await api.get(listing(job_id))).json()["data"]["candidates"][0]


async def test_update_job_candidate(sandbox: Sandbox, api: httpx.AsyncClient):
    jc = await first_job_candidate(api, big_job(sandbox))
    change = {
        "noticePeriod": "1 month",
        "expectedCTC": 150000,
        "currencyExpectedCTC": "EUR",
        "isWillingToRelocate": True,
        "currentCTC": 120000.5,
    }
    response = await api.patch(f"/job-candidates/{jc['jobCandidateId']}", json=change)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "success" and body["message"]
    assert body["data"]["id"] == jc["jobCandidateId"]
    assert {k: body["data"][k] for k in change} == change
    cleared = await api.patch(f"/job-candidates/{jc['jobCandidateId']}", json={"noticePeriod": ""})
    assert cleared.json()["data"]["noticePeriod"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"stageId": 3}, "body"),
        ({"expectedCTC": "lots"}, "expectedCTC"),
        ({"expectedCTC": -5}, "expectedCTC"),
        ({"currentCTC": None}, "currentCTC"),
        ({"isWillingToRelocate": "yes"}, "isWillingToRelocate"),
        ({"noticePeriod": 30}, "noticePeriod"),
        ({"currencyCurrentCTC": ["USD"]}, "currencyCurrentCTC"),
    ],
)
async def test_update_validation(
    sandbox: Sandbox, api: httpx.AsyncClient, body: dict[str, Any], field: str
):
    jc = await first_job_candidate(api, big_job(sandbox))
    response = await api.patch(f"/job-candidates/{jc['jobCandidateId']}", json=body)
    assert_error(response, 400, "INVALID_REQUEST", field)


async def test_update_unknown_or_bad_id(api: httpx.AsyncClient):
    assert_error(await api.patch("/job-candidates/1", json={"noticePeriod": "x"}), 404, "NOT_FOUND")
    bad = await api.patch("/job-candidates/abc", json={"noticePeriod": "x"})
    assert_error(bad, 400, "INVALID_REQUEST", "jobCandidateId")


async def test_move_to_stage(sandbox: Sandbox, api: httpx.AsyncClient):
    job = (await api.get(f"/jobs/{big_job(sandbox)}")).json()
    rejected = (await api.get(listing(big_job(sandbox)), params={"perPage": 100})).json()["data"][
        "candidates"
    ]
    jc = next(c for c in rejected if c["status"] == "REJECTED")
    target = next(s for s in job["pipelineStage"] if s["id"] != jc["stageId"])
    before = target["totalCandidate"]
    response = await api.put(
        f"/job-candidates/{jc['jobCandidateId']}/stage", json={"stageId": target["id"]}
    )
    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": jc["jobCandidateId"],
        "jobId": big_job(sandbox),
        "candidateId": jc["candidateId"],
        "stageId": target["id"],
        "status": "IN_PROGRESS",
    }
    after = (await api.get(f"/jobs/{big_job(sandbox)}")).json()
    moved_to = next(s for s in after["pipelineStage"] if s["id"] == target["id"])
    assert moved_to["totalCandidate"] == before + 1
    assert after["rejectedCandidateCount"] == job["rejectedCandidateCount"] - 1


async def test_move_validation(sandbox: Sandbox, api: httpx.AsyncClient):
    jc = await first_job_candidate(api, big_job(sandbox))
    url = f"/job-candidates/{jc['jobCandidateId']}/stage"
    assert_error(await api.put(url, json={}), 400, "INVALID_REQUEST", "stageId")
    assert_error(await api.put(url, json={"stageId": "next"}), 400, "INVALID_REQUEST", "stageId")
    jobs = (await api.get("/jobs")).json()["jobs"]
    foreign = next(j for j in jobs if j["id"] != big_job(sandbox))["pipelineStage"][0]["id"]
    assert_error(await api.put(url, json={"stageId": foreign}), 400, "INVALID_REQUEST", "stageId")
    assert_error(
        await api.put("/job-candidates/2/stage", json={"stageId": foreign}), 404, "NOT_FOUND"
    )


async def test_delete_sends_removed_from_job(
    sandbox: Sandbox, api: httpx.AsyncClient, hooks: HookReceiver
):
    jc = await first_job_candidate(api, big_job(sandbox))
    response = await api.delete(f"/job-candidates/{jc['jobCandidateId']}")
    assert response.status_code == 200 and response.json()["status"] == "success"
    assert_error(await api.delete(f"/job-candidates/{jc['jobCandidateId']}"), 404, "NOT_FOUND")
    total = (await api.get(listing(big_job(sandbox)))).json()["data"]["pagination"]
    assert total["totalCandidates"] == 249
    still_there = await api.get(f"/candidates/{jc['candidateId']}")
    assert still_there.status_code == 200  # only the link to the job is gone
    await sandbox.drain()
    assert hooks.events() == ["candidate.removed_from_job"]
    assert hooks.received[0]["body"]["data"] == {
        "jobCandidateId": jc["jobCandidateId"],
        "jobId": big_job(sandbox),
        "candidateId": jc["candidateId"],
    }
