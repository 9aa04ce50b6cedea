"""Each endpoint sends the documented request and reads the documented answer."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

import httpx
import pytest

from shared.taptalent.errors import InsufficientCreditsError, RequestLimitError
from shared.taptalent.models import JobCandidateUpdate, JobCreate


class Recorder:
    """A MockTransport handler that routes on (method, path) and records every request."""

    def __init__(self, routes: dict[tuple[str, str], Any]) -> None:
        self.routes = routes
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path.removeprefix("/v1/partner")
        answer = self.routes[(request.method, path)]
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def params(self, index: int = -1) -> dict[str, str]:
        return dict(self.requests[index].url.params)

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


def ok(data: Any, **extra: Any) -> dict[str, Any]:
    return {"status": "success", "data": data, **extra}


def jc(i: int, **extra: Any) -> dict[str, Any]:
    return {"jobCandidateId": i, "jobId": 1, "candidateId": 1000 + i, **extra}


# --- jobs ------------------------------------------------------------------------------------


async def test_jobs_list_get_create(make_client, api_key):
    job = {"id": 7, "title": "Engineer", "pipelineStage": [{"name": "A", "type": "APPLIED"}]}
    rec = Recorder(
        {
            ("GET", "/jobs"): {"jobs": [job], "totalJobs": 45},
            ("GET", "/jobs/7"): job,
            ("POST", "/jobs"): job,
        }
    )
    client = make_client(rec)
    page = await client.jobs.list(page_number=2, per_page=40)
    assert page.total_jobs == 45 and page.jobs[0].id == 7
    assert rec.params() == {"pageNumber": "2", "perPage": "40"}
    assert rec.last.headers["Authorization"] == f"Bearer {api_key}"
    assert (await client.jobs.get(7)).pipeline_stage[0].type == "APPLIED"
    created = await client.jobs.create(
        JobCreate(title="Engineer", city="Berlin", state="Berlin", country="Germany")
    )
    assert created.id == 7
    assert rec.body() == {
        "title": "Engineer",
        "city": "Berlin",
        "state": "Berlin",
        "country": "Germany",
    }
    assert rec.last.headers["Content-Type"] == "application/json"


async def test_jobs_iter_walks_every_page(make_client):
    jobs = [{"id": i, "title": f"J{i}"} for i in range(45)]

    def page(request: httpx.Request) -> dict[str, Any]:
        number, size = int(request.url.params["pageNumber"]), int(request.url.params["perPage"])
        return {"jobs": jobs[(number - 1) * size : number * size], "totalJobs": 45}

    rec = Recorder({("GET", "/jobs"): page})
    client = make_client(rec)
    assert [j.id async for j in client.jobs.iter(per_page=20)] == list(range(45))
    assert len(rec.requests) == 3


async def test_jobs_iter_stops_at_total_on_a_full_last_page(make_client):
    rec = Recorder({("GET", "/jobs"): {"jobs": [{"id": i} for i in range(10)], "totalJobs": 10}})
    client = make_client(rec)
    assert len([j async for j in client.jobs.iter(per_page=10)]) == 10
    assert len(rec.requests) == 1


# --- limits checked before sending ---------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.jobs.list(per_page=25),
        lambda c: c.jobs.list(page_number=0),
        lambda c: c.job_candidates.list(1, per_page=50),
        lambda c: c.job_candidates.list(1, page=0),
        lambda c: c.job_candidates.list(1, score_min=-1),
        lambda c: c.job_candidates.list(1, score_max=101),
        lambda c: c.job_candidates.list(1, score_min=80, score_max=20),
        lambda c: c.candidates.list(per_page=0),
        lambda c: c.candidates.list(per_page=101),
        lambda c: c.candidates.batch(1, per_page=500),
        lambda c: c.job_candidates.by_stage_type("SCREEN", per_page=101),
        lambda c: c.job_candidates.by_stage_type(" "),
        lambda c: c.job_candidates.by_stage_id(3, per_page=0),
        lambda c: c.candidates.bulk_fetch([]),
        lambda c: c.candidates.bulk_fetch(["", 1]),
        lambda c: c.job_candidates.bulk_fetch([]),
        lambda c: c.rescores.start(1, job_candidate_ids=[]),
        lambda c: c.candidates.bulk_upload_resumes([]),
        lambda c: c.candidates.bulk_upload_resumes(["https://x/a.pdf", "  "]),
        lambda c: c.candidates.bulk_upload_resumes("https://x/a.pdf"),
        lambda c: c.job_candidates.bulk_upload_resumes(1, [f"https://x/{i}" for i in range(5001)]),
    ],
)
async def test_limits_are_enforced_before_sending(make_client, call):
    rec = Recorder({})
    client = make_client(rec)
    with pytest.raises(RequestLimitError):
        await call(client)
    assert rec.requests == []


async def test_limit_messages_name_the_allowed_values(make_client):
    client = make_client(Recorder({}))
    with pytest.raises(RequestLimitError, match="one of 10, 20, 40, 80, 100"):
        await client.job_candidates.list(1, per_page=30)
    with pytest.raises(RequestLimitError, match="between 1 and 100"):
        await client.candidates.list(per_page=200)
    with pytest.raises(RequestLimitError, match="at most 5,000"):
        await client.candidates.bulk_upload_resumes(["https://x"] * 5001)


async def test_iterators_check_limits_before_sending(make_client):
    rec = Recorder({})
    client = make_client(rec)
    with pytest.raises(RequestLimitError):
        [x async for x in client.jobs.iter(per_page=15)]
    with pytest.raises(RequestLimitError):
        [x async for x in client.job_candidates.iter(1, per_page=15)]
    with pytest.raises(RequestLimitError):
        [x async for x in client.job_candidates.iter(1, concurrency=0)]
    assert rec.requests == []


async def test_exactly_5000_urls_are_sent(make_client):
    rec = Recorder(
        {
            ("POST", "/job-candidates/bulk/resume"): {
                "success": True,
                "data": {"batchId": 9, "fileCount": 5000, "jobId": 1},
            }
        }
    )
    client = make_client(rec)
    result = await client.job_candidates.bulk_upload_resumes(1, ["https://x/cv"] * 5000)
    assert (result.batch_id, result.file_count, result.job_id) == (9, 5000, 1)
    assert rec.body()["jobId"] == 1 and len(rec.body()["resumeURLs"]) == 5000


# --- candidates ----------------------------------------------------------------------------


async def test_candidates_list_get_batch_upload(make_client):
    pagination = {"page": 1, "perPage": 20, "totalCandidates": 1, "totalPages": 1}
    rec = Recorder(
        {
            ("GET", "/candidates/list"): ok({"candidates": [{"id": 1}], "pagination": pagination}),
            ("GET", "/candidates/1"): ok({"id": 1, "firstName": "Ada", "skills": "a, b"}),
            ("GET", "/candidates/batch/b-9"): ok(
                {"candidates": [], "pagination": pagination, "batchStatus": "PROCESSING"}
            ),
            ("POST", "/candidates/bulk/resume"): {
                "success": True,
                "data": {"batchId": "b-9", "fileCount": 2},
            },
        }
    )
    client = make_client(rec)
    page = await client.candidates.list(search="python", job_id=4, is_active=True, city=None)
    assert page.pagination is not None and page.pagination.total_pages == 1
    assert rec.params() == {
        "search": "python",
        "jobId": "4",
        "isActive": "true",
        "page": "1",
        "perPage": "20",
    }
    candidate = await client.candidates.get(1)
    assert candidate.skills == ["a", "b"] and candidate.full_name == "Ada"
    batch = await client.candidates.batch("b-9", page=2, per_page=50)
    assert batch.batch_status == "PROCESSING"
    assert rec.params() == {"page": "2", "perPage": "50"}
    upload = await client.candidates.bulk_upload_resumes(["https://x/1.pdf", "https://x/2.pdf"])
    assert upload.batch_id == "b-9"
    assert rec.body() == {"resumeURLs": ["https://x/1.pdf", "https://x/2.pdf"]}


async def test_candidates_iter_uses_total_pages(make_client):
    def page(request: httpx.Request) -> dict[str, Any]:
        number = int(request.url.params["page"])
        items = [{"id": number * 10 + i} for i in range(3 if number < 3 else 1)]
        return ok({"candidates": items, "pagination": {"page": number, "totalPages": 3}})

    rec = Recorder({("GET", "/candidates/list"): page})
    client = make_client(rec)
    ids = [c.id async for c in client.candidates.iter(per_page=3, city="Berlin")]
    assert ids == [10, 11, 12, 20, 21, 22, 30]
    assert all(r.url.params["city"] == "Berlin" for r in rec.requests)


def bulk_answer(key: str, make: Any):
    """A bulk-fetch handler answering in reverse order and leaving out ids divisible by 50."""

    def handler(request: httpx.Request) -> dict[str, Any]:
        ids = json.loads(request.content)[key]
        return ok([make(i) for i in reversed(ids) if int(i) % 50])

    return handler


async def test_candidates_bulk_fetch_chunks_of_100_merged_in_input_order(make_client):
    rec = Recorder(
        {("POST", "/candidates/bulk-fetch"): bulk_answer("candidateIds", lambda i: {"id": i})}
    )
    client = make_client(rec)
    ids = list(range(1, 251))
    found = await client.candidates.bulk_fetch(ids)
    assert [c.id for c in found] == [i for i in ids if i % 50]
    sent = sorted((rec.body(i)["candidateIds"] for i in range(3)), key=lambda c: c[0])
    assert [len(chunk) for chunk in sent] == [100, 100, 50]
    assert [i for chunk in sent for i in chunk] == ids


async def test_bulk_fetch_repeats_and_mixed_id_types(make_client):
    rec = Recorder({("POST", "/job-candidates/bulk-fetch"): ok([{"id": 2}, {"id": "1"}])})
    client = make_client(rec)
    found = await client.job_candidates.bulk_fetch(["1", 2, "1", 3])
    assert [c.id for c in found] == ["1", 2]
    assert rec.body() == {"jobCandidateIds": [1, 2, 3]}  # integers, as the seed types them


async def test_job_candidates_bulk_fetch_in_chunks(make_client):
    rec = Recorder(
        {
            ("POST", "/job-candidates/bulk-fetch"): bulk_answer(
                "jobCandidateIds", lambda i: {"id": i, "jobId": 1}
            )
        }
    )
    client = make_client(rec)
    found = await client.job_candidates.bulk_fetch(range(1, 202))
    assert [c.id for c in found] == [i for i in range(1, 202) if i % 50]
    assert len(rec.requests) == 3


async def test_client_semaphore_bounds_requests_in_flight(make_client):
    in_flight = peak = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        ids = json.loads(request.content)["candidateIds"]
        return httpx.Response(200, json=ok([{"id": i} for i in ids]))

    client = make_client(slow, max_concurrency=3)
    found = await client.candidates.bulk_fetch(range(1000))
    assert len(found) == 1000
    assert peak == 3
    assert client.request_count == 10


# --- job candidates -------------------------------------------------------------------------


async def test_job_candidates_list_sends_documented_filters(make_client):
    rec = Recorder(
        {
            ("GET", "/job-candidates/job/42/candidates"): ok(
                {"candidates": [jc(1)], "pagination": {"totalPages": 1}}
            )
        }
    )
    client = make_client(rec)
    page = await client.job_candidates.list(
        42,
        page=3,
        per_page=80,
        stage_id=5,
        score_min=70,
        score_max=100,
        order_column="firstName",
        order_by="ASC",
        exclude_rejected=True,
    )
    assert page.candidates[0].id == 1
    assert rec.params() == {
        "page": "3",
        "perPage": "80",
        "stageId": "5",
        "resumeScoreMin": "70",
        "resumeScoreMax": "100",
        "orderColumn": "firstName",
        "orderBy": "ASC",
        "excludeRejected": "true",
    }
    await client.job_candidates.list(42)
    assert rec.params() == {"page": "1", "perPage": "20"}


def paged_job(total: int):
    def handler(request: httpx.Request) -> dict[str, Any]:
        number, size = int(request.url.params["page"]), int(request.url.params["perPage"])
        items = [jc(i) for i in range((number - 1) * size, min(number * size, total))]
        pages = -(-total // size)
        return ok(
            {
                "candidates": items,
                "pagination": {
                    "page": number,
                    "perPage": size,
                    "totalCandidates": total,
                    "totalPages": pages,
                },
            }
        )

    return handler


async def test_job_candidates_iter_concurrent_pages_in_order(make_client):
    in_flight = peak = 0
    inner = paged_job(950)

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        # later pages answer sooner, so order has to be restored by the client
        await asyncio.sleep(0.02 / int(request.url.params["page"]))
        in_flight -= 1
        return httpx.Response(200, json=inner(request))

    client = make_client(handler)
    ids = [c.id async for c in client.job_candidates.iter(1, per_page=100, concurrency=4)]
    assert ids == list(range(950))
    assert client.request_count == 10
    assert peak == 4


async def test_job_candidates_iter_without_totals_walks_sequentially(make_client):
    def handler(request: httpx.Request) -> dict[str, Any]:
        number = int(request.url.params["page"])
        return ok({"candidates": [jc(number * 100 + i) for i in range(10 if number < 3 else 4)]})

    rec = Recorder({("GET", "/job-candidates/job/1/candidates"): handler})
    client = make_client(rec)
    ids = [c.id async for c in client.job_candidates.iter(1, per_page=10, score_min=50)]
    assert len(ids) == 24 and ids[0] == 100 and ids[-1] == 303
    assert [r.url.params["page"] for r in rec.requests] == ["1", "2", "3"]
    assert all(r.url.params["resumeScoreMin"] == "50" for r in rec.requests)


async def test_job_candidates_iter_stopped_early_cancels_prefetch(make_client):
    rec = Recorder({("GET", "/job-candidates/job/1/candidates"): paged_job(5000)})
    client = make_client(rec)
    seen = []
    async for candidate in client.job_candidates.iter(1, per_page=100, concurrency=3):
        seen.append(candidate.id)
        if len(seen) == 150:
            break
    await asyncio.sleep(0)
    assert seen == list(range(150))
    assert client.request_count <= 1 + 3 + 1


async def test_stage_endpoints_read_both_shapes(make_client):
    row = {
        "candidate_details": {"id": 3, "firstName": "Ada"},
        "jobCandidateDetails": {"id": 4, "jobId": 1, "stageId": 9},
        "onboardingFormDetails": [],
    }
    pagination = {"page": 1, "perPage": 20, "totalCandidates": 1, "totalPages": 1}
    rec = Recorder(
        {
            ("GET", "/job-candidates/stage"): {
                "status": "success",
                "candidates": [row],
                "pagination": pagination,
            },
            ("GET", "/job-candidates/stage/9/candidates"): ok(
                {"candidates": [row], "pagination": pagination}
            ),
        }
    )
    client = make_client(rec)
    top = await client.job_candidates.by_stage_type(
        "hired",
        job_id=1,
        hired_at_gte=date(2024, 1, 1),
        start_date="2024-01-01",
        order_by="DESC",
    )
    assert rec.params() == {
        "type": "HIRED",
        "hiredAtGte": "2024-01-01",
        "jobId": "1",
        "startDate": "2024-01-01",
        "page": "1",
        "perPage": "20",
        "orderBy": "DESC",
    }
    nested = await client.job_candidates.by_stage_id(9, end_date="2024-12-31", per_page=100)
    assert rec.params() == {"endDate": "2024-12-31", "page": "1", "perPage": "100"}
    for page in (top, nested):
        assert page.pagination is not None and page.pagination.total_candidates == 1
        assert page.candidates[0].candidate_details is not None
        assert page.candidates[0].candidate_details.full_name == "Ada"
        assert page.candidates[0].job_candidate_details is not None
        assert page.candidates[0].job_candidate_details.stage_id == 9


async def test_update_delete_move(make_client):
    rec = Recorder(
        {
            ("PATCH", "/job-candidates/5"): ok(jc(5, noticePeriod="1 month"), message="Updated"),
            ("DELETE", "/job-candidates/5"): {"status": "success", "message": "Removed"},
            ("PUT", "/job-candidates/5/stage"): ok(
                {"id": 5, "jobId": 1, "candidateId": 3, "stageId": 8, "status": "IN_PROGRESS"}
            ),
        }
    )
    client = make_client(rec)
    updated = await client.job_candidates.update(5, JobCandidateUpdate(notice_period="1 month"))
    assert updated.notice_period == "1 month"
    assert rec.body() == {"noticePeriod": "1 month"}
    assert await client.job_candidates.delete(5) is None
    moved = await client.job_candidates.move(5, 8)
    assert (moved.id, moved.stage_id, moved.status) == (5, 8, "IN_PROGRESS")
    assert rec.body() == {"stageId": 8}


async def test_ids_are_quoted_in_paths(make_client):
    rec = Recorder({("GET", "/job-candidates/rescore/a/b"): ok({"rescoreId": "a/b"})})
    client = make_client(rec)
    assert (await client.rescores.get("a/b")).rescore_id == "a/b"
    assert rec.last.url.raw_path == b"/v1/partner/job-candidates/rescore/a%2Fb"


# --- rescores and assessments -----------------------------------------------------------------


def rescore_answer(request: httpx.Request) -> httpx.Response:
    body = json.loads(request.content)
    n = len(body.get("jobCandidateIds", [])) or 250
    first = body.get("jobCandidateIds", [0])[0]
    return httpx.Response(
        202,
        json=ok(
            {
                "rescoreId": f"rescore_{body['jobId']}_{first}",
                "jobId": body["jobId"],
                "totalEligible": n,
                "totalQueued": n,
            }
        ),
    )


async def test_rescore_ids_are_chunked_by_250(make_client):
    rec = Recorder({("POST", "/job-candidates/rescore"): rescore_answer})
    client = make_client(rec)
    started = await client.rescores.start(1, job_candidate_ids=range(600), stage_id=4)
    assert [s.rescore_id for s in started] == ["rescore_1_0", "rescore_1_250", "rescore_1_500"]
    assert [len(rec.body(i)["jobCandidateIds"]) for i in range(3)] == [250, 250, 100]
    assert all(rec.body(i)["stageId"] == 4 for i in range(3))


async def test_rescore_without_ids_is_one_request(make_client):
    rec = Recorder({("POST", "/job-candidates/rescore"): rescore_answer})
    client = make_client(rec)
    started = await client.rescores.start("1")
    assert len(started) == 1 and rec.body() == {"jobId": 1}  # an integer, as the seed says


async def test_rescore_failure_midway_keeps_the_started_runs(make_client):
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 2:
            return httpx.Response(
                402,
                json={
                    "error": {
                        "code": "INSUFFICIENT_CREDITS",
                        "message": "No credits",
                        "creditsAvailable": 0,
                    }
                },
            )
        return rescore_answer(request)

    client = make_client(handler)
    with pytest.raises(InsufficientCreditsError) as info:
        await client.rescores.start(1, job_candidate_ids=range(600))
    assert [s.rescore_id for s in info.value.partial_results] == ["rescore_1_0"]
    assert calls == 2


async def test_rescore_status_and_candidates(make_client):
    rec = Recorder(
        {
            ("GET", "/job-candidates/rescore/rescore_1_5"): ok(
                {
                    "rescoreId": "rescore_1_5",
                    "jobId": 1,
                    "status": "completed",
                    "jobCandidateIds": [1, 2],
                    "errors": [],
                    "completedAt": "2025-01-01T00:00:00Z",
                }
            ),
            ("GET", "/job-candidates/rescore/rescore_1_5/candidates"): ok(
                [{"id": 1, "profileMatchScore": 91}, {"id": 2, "profileMatchScore": None}]
            ),
        }
    )
    client = make_client(rec)
    status = await client.rescores.get("rescore_1_5")
    assert status.is_finished and status.job_candidate_ids == [1, 2]
    scored = await client.rescores.candidates("rescore_1_5")
    assert [c.profile_match_score for c in scored] == [91, None]


async def test_assessments(make_client):
    rec = Recorder(
        {
            ("GET", "/assessment"): ok(
                {
                    "assessments": [{"assessmentId": 1, "testName": "T"}],
                    "pagination": {"pageNumber": 2, "perPage": 10, "total": 11, "totalPages": 2},
                }
            ),
            ("GET", "/assessment/1"): ok({"assessmentId": 1, "questions": [{"id": 1}]}),
        }
    )
    client = make_client(rec)
    page = await client.assessments.list(page_number=2, per_page=10)
    assert page.assessments[0].test_name == "T"
    assert rec.params() == {"pageNumber": "2", "perPage": "10"}
    assert (await client.assessments.get(1)).questions == [{"id": 1}]
