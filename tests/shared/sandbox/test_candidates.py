"""The company's candidate pool: list, get, bulk fetch; assessments."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.shared.sandbox.conftest import assert_error


async def test_list_and_get_candidates(api: httpx.AsyncClient):
    body = (await api.get("/candidates/list", params={"perPage": 50})).json()
    assert body["status"] == "success"
    page = body["data"]
    total = page["pagination"]["totalCandidates"]
    assert page["pagination"]["page"] == 1 and page["pagination"]["perPage"] == 50
    assert page["pagination"]["totalPages"] == -(-total // 50)
    assert len(page["candidates"]) == 50
    one = page["candidates"][3]
    got = (await api.get(f"/candidates/{one['id']}")).json()
    assert got == {"status": "success", "data": one}
    assert isinstance(one["skills"], list) and one["skills"]
    assert one["email"].endswith("@example.com")
    assert one["workExperiences"][0]["isCurrent"] is True
    walked: list[int] = []
    for number in range(1, page["pagination"]["totalPages"] + 1):
        chunk = await api.get("/candidates/list", params={"perPage": 50, "page": number})
        walked += [c["id"] for c in chunk.json()["data"]["candidates"]]
    assert len(walked) == len(set(walked)) == total


@pytest.mark.parametrize(
    ("params", "field"),
    [({"perPage": 101}, "perPage"), ({"perPage": 0}, "perPage"), ({"page": -1}, "page")],
)
async def test_list_validation(api: httpx.AsyncClient, params: dict[str, Any], field: str):
    assert_error(await api.get("/candidates/list", params=params), 400, "INVALID_REQUEST", field)


async def test_get_unknown_candidate(api: httpx.AsyncClient):
    assert_error(await api.get("/candidates/5"), 404, "NOT_FOUND")
    assert_error(await api.get("/candidates/1.5"), 400, "INVALID_REQUEST", "candidateId")


async def test_bulk_fetch_candidates(api: httpx.AsyncClient):
    listed = (await api.get("/candidates/list")).json()["data"]["candidates"]
    ids = [c["id"] for c in listed[:4]]
    body = (await api.post("/candidates/bulk-fetch", json={"candidateIds": [*ids, 42]})).json()
    assert body["status"] == "success" and [c["id"] for c in body["data"]] == ids


@pytest.mark.parametrize(
    "body",
    [{}, {"candidateIds": []}, {"candidateIds": list(range(1, 102))}, {"candidateIds": [""]}],
)
async def test_bulk_fetch_candidates_validation(api: httpx.AsyncClient, body: dict[str, Any]):
    response = await api.post("/candidates/bulk-fetch", json=body)
    assert_error(response, 400, "INVALID_REQUEST", "candidateIds")


async def test_assessments(api: httpx.AsyncClient):
    body = (await api.get("/assessment", params={"pageNumber": 1, "perPage": 2})).json()
    assert body["status"] == "success"
    data = body["data"]
    # The documented names (the public list example): page, limit, total.
    assert data["pagination"] == {"page": 1, "limit": 2, "total": 4, "totalPages": 2}
    first = data["assessments"][0]
    assert {
        "assessmentId",
        "testName",
        "jobId",
        "status",
        "assessmentType",
        "questionCount",
        "duration",
        "assessmentUrl",
        "submissionCount",
    } <= set(first)
    detail = (await api.get(f"/assessment/{first['assessmentId']}")).json()["data"]
    assert len(detail["questions"]) == detail["questionCount"] >= 2
    assert_error(await api.get("/assessment/1"), 404, "NOT_FOUND")
    assert_error(
        await api.get("/assessment", params={"perPage": 500}), 400, "INVALID_REQUEST", "perPage"
    )
