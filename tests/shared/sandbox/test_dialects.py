"""The sandbox's dialects: `seed` answers exactly as the seed tables show, and refuses a
string where the seed types an integer; `mixed` varies per answer, deterministically."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from shared.sandbox import Sandbox
from shared.sandbox.dialect import FETCHED_FIELDS, LISTED_FIELDS
from tests.shared.sandbox.conftest import assert_error, client_for, small_config


async def open_api(dialect: str, seed: int = 11) -> tuple[Sandbox, httpx.AsyncClient]:
    sandbox = Sandbox(small_config(dialect=dialect, seed=seed))
    return sandbox, client_for(sandbox, sandbox.api_key)


@pytest.fixture
async def seed_api() -> AsyncIterator[tuple[Sandbox, httpx.AsyncClient]]:
    sandbox, api = await open_api("seed")
    async with api:
        yield sandbox, api
    await sandbox.aclose()


async def test_seed_is_the_default():
    assert small_config(dialect="seed").dialect == "seed"
    from shared.sandbox import SandboxConfig

    assert SandboxConfig().dialect == "seed"


async def test_seed_shapes_follow_the_seed_tables(seed_api: tuple[Sandbox, httpx.AsyncClient]):
    sandbox, api = seed_api
    job_id = sandbox.big_job_id
    job = (await api.get(f"/jobs/{job_id}")).json()
    assert job["pipelineStage"] and all(
        set(s) == {"name", "type", "totalCandidate"} for s in job["pipelineStage"]
    )

    listing = (await api.get(f"/job-candidates/job/{job_id}/candidates")).json()
    assert listing["status"] == "success"
    assert all(set(item) <= LISTED_FIELDS for item in listing["data"]["candidates"])
    ids = [item["jobCandidateId"] for item in listing["data"]["candidates"][:3]]

    fetched = (await api.post("/job-candidates/bulk-fetch", json={"jobCandidateIds": ids})).json()
    assert [item["id"] for item in fetched["data"]] == ids
    assert all(set(item) <= FETCHED_FIELDS for item in fetched["data"])

    stage = (await api.get("/job-candidates/stage", params={"type": "SCREEN"})).json()
    assert set(stage) == {"candidates", "pagination"}  # no status, no data wrapper

    started = await api.post(
        "/job-candidates/rescore", json={"jobId": job_id, "jobCandidateIds": ids}
    )
    assert started.status_code == 202
    body: dict[str, Any] = started.json()
    assert set(body) == {"data"} and body["data"]["totalQueued"] == 3
    status = (await api.get(f"/job-candidates/rescore/{body['data']['rescoreId']}")).json()
    assert set(status) == {"data"} and status["data"]["rescoreId"] == body["data"]["rescoreId"]

    patched = await api.patch(f"/job-candidates/{ids[0]}", json={"noticePeriod": "2 weeks"})
    assert patched.status_code == 200 and "data" not in patched.json()  # **choice**


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/job-candidates/rescore", {"jobId": "{job}"}, "jobId"),
        ("/job-candidates/rescore", {"jobId": 0, "jobCandidateIds": ["1"]}, "jobCandidateIds"),
        ("/job-candidates/rescore", {"jobId": 0, "stageId": "9001"}, "stageId"),
        (
            "/job-candidates/bulk/resume",
            {"jobId": "{job}", "resumeURLs": ["https://x/cv.pdf"]},
            "jobId",
        ),
    ],
)
async def test_seed_refuses_text_where_the_seed_says_integer(
    seed_api: tuple[Sandbox, httpx.AsyncClient], path: str, body: dict[str, Any], field: str
):
    sandbox, api = seed_api
    job = sandbox.big_job_id
    sent = {k: (str(job) if v == "{job}" else job if v == 0 else v) for k, v in body.items()}
    answer = await api.post(path, json=sent)
    details = assert_error(answer, 400, "INVALID_REQUEST")["details"]
    assert "must be a number" in details[field]


async def test_seed_refuses_a_text_stage_id_on_a_move(seed_api: tuple[Sandbox, httpx.AsyncClient]):
    sandbox, api = seed_api
    jc = sandbox.job_candidate_ids(sandbox.big_job_id)[0]
    stage = sandbox.pipeline(sandbox.big_job_id)[1][0]
    refused = await api.put(f"/job-candidates/{jc}/stage", json={"stageId": str(stage)})
    assert_error(refused, 400, "INVALID_REQUEST")
    moved = await api.put(f"/job-candidates/{jc}/stage", json={"stageId": stage})
    assert moved.status_code == 200 and moved.json()["data"]["stageId"] == stage


async def shapes(dialect: str, seed: int) -> list[Any]:
    sandbox, api = await open_api(dialect, seed)
    seen: list[Any] = []
    async with api:
        job = sandbox.big_job_id
        for _ in range(6):
            job_body = (await api.get(f"/jobs/{job}")).json()
            seen.append(sorted(job_body["pipelineStage"][0]))
            stage = (await api.get("/job-candidates/stage", params={"type": "APPLIED"})).json()
            seen.append(sorted(stage))
            listing = (await api.get(f"/job-candidates/job/{job}/candidates")).json()
            first = listing["data"]["candidates"][0]
            seen.append((sorted(first), type(first["jobId"]).__name__))
    await sandbox.aclose()
    return seen


async def test_mixed_varies_per_answer_and_repeats_for_the_same_seed():
    first, again, other = (
        await shapes("mixed", 5),
        await shapes("mixed", 5),
        await shapes("mixed", 6),
    )
    assert first == again  # seeded: the same traffic gets the same shapes
    assert first != other
    assert len({str(s) for s in first[0::3]}) == 2  # pipeline stages with and without ids
    assert len({str(s) for s in first[1::3]}) > 1  # stage pages in more than one envelope
