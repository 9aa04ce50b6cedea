"""The client against the real sandbox: every endpoint, server-side validation, chunking,
pagination over the 5,000-candidate job, and retries through injected faults."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    RequestLimitError,
)
from shared.taptalent.models import (
    Job,
    JobCandidate,
    JobCandidateUpdate,
    JobCreate,
)


async def a_job_with_candidates(client: TapTalentClient, sandbox: Any) -> Job:
    """A job other than the big one, with candidates and stage ids."""
    async for job in client.jobs.iter():
        if job.id != sandbox.big_job_id and any(s.total_candidate for s in job.pipeline_stage):
            return await client.jobs.get(job.id)
    raise AssertionError("the sandbox has no small job with candidates")


async def test_jobs(sandbox_client: TapTalentClient, sandbox: Any):
    first = await sandbox_client.jobs.list(page_number=1, per_page=10)
    assert first.total_jobs is not None and first.total_jobs >= len(first.jobs) > 0
    every = [job async for job in sandbox_client.jobs.iter(per_page=10)]
    assert len(every) == first.total_jobs
    assert len({job.id for job in every}) == len(every)
    big = await sandbox_client.jobs.get(sandbox.big_job_id)
    assert big.criterion_details and all(c.level for c in big.criterion_details)
    # As documented, the pipeline names its stages; their ids are on the job candidates.
    assert [(s.name, s.type) for s in big.pipeline_stage] == [
        (name, kind) for _, name, kind in sandbox.pipeline(big.id)
    ]
    assert sum(s.total_candidate or 0 for s in big.pipeline_stage) == 5000

    created = await sandbox_client.jobs.create(
        JobCreate(
            title="Staff Platform Engineer",
            city="Lisbon",
            state="Lisbon",
            country="Portugal",
            status="ACTIVE",
            work_mode="HYBRID",
            salary_range_from=60000,
            salary_range_to=90000,
            salary_currency="EUR",
            year_of_experience=8,
            screening_question=[{"question": "Why platform work?"}],
            criterion_details=[{"criterion": "Python", "level": "MUST_HAVE"}],
        )
    )
    assert created.title == "Staff Platform Engineer"
    assert (created.status, created.work_mode) == ("ACTIVE", "HYBRID")
    fetched = await sandbox_client.jobs.get(created.id)
    assert fetched.salary_currency == "EUR"
    assert [c.criterion for c in fetched.criterion_details] == ["Python"]


async def test_candidates(sandbox_client: TapTalentClient):
    page = await sandbox_client.candidates.list(page=1, per_page=50)
    assert page.pagination is not None and page.pagination.total_candidates
    assert len(page.candidates) == 50
    one = await sandbox_client.candidates.get(page.candidates[3].id)
    assert one.id == page.candidates[3].id and one.full_name.strip()
    assert isinstance(one.skills, list)

    ids = [c.id for c in page.candidates][::-1]
    fetched = await sandbox_client.candidates.bulk_fetch([*ids, 999_999_999])
    assert [c.id for c in fetched] == ids  # unknown id left out, input order kept

    upload = await sandbox_client.candidates.bulk_upload_resumes(
        ["https://files.example/cv-1.pdf", "https://files.example/cv-2.pdf"]
    )
    assert upload.file_count == 2
    batch = await sandbox_client.candidates.batch(upload.batch_id)
    assert batch.batch_status in {"PROCESSING", "COMPLETED", "FAILED"}

    walked = [c.id async for c in sandbox_client.candidates.iter(per_page=100)]
    assert len(walked) == page.pagination.total_candidates
    assert len(set(walked)) == len(walked)


async def test_job_candidates(sandbox_client: TapTalentClient, sandbox: Any):
    job = await a_job_with_candidates(sandbox_client, sandbox)
    page = await sandbox_client.job_candidates.list(
        job.id, per_page=40, order_column="firstName", order_by="ASC"
    )
    assert page.pagination is not None and page.pagination.total_candidates
    names = [c.candidate.first_name.casefold() for c in page.candidates if c.candidate]
    assert names == sorted(names)
    scored = await sandbox_client.job_candidates.list(job.id, score_min=70, per_page=100)
    assert all((c.profile_match_score or 0) >= 70 for c in scored.candidates)
    some = next(c for c in page.candidates if c.criteria_matches)
    assert some.criteria and all(isinstance(m.met, bool) for m in some.criteria)

    # bulk fetch answers with "id", the listing with "jobCandidateId": same objects
    ids = [c.id for c in page.candidates[:5]]
    fetched = await sandbox_client.job_candidates.bulk_fetch(ids)
    assert [c.id for c in fetched] == ids
    scores = [c.profile_match_score for c in page.candidates[:5]]
    assert [c.profile_match_score for c in fetched] == scores

    target = page.candidates[0]
    other_stage, _, other_type = next(
        stage for stage in sandbox.pipeline(job.id) if stage[0] != target.stage_id
    )
    moved = await sandbox_client.job_candidates.move(target.id, other_stage)
    assert str(moved.stage_id) == str(other_stage) and moved.status == "IN_PROGRESS"
    in_stage: set[Any] = set()
    for number in range(1, 100):
        rows = await sandbox_client.job_candidates.by_stage_id(
            other_stage,
            job_id=job.id,
            page=number,
            per_page=100,
        )
        in_stage |= {r.job_candidate_details.id for r in rows.candidates if r.job_candidate_details}
        if rows.pagination is None or number >= (rows.pagination.total_pages or 0):
            break
    assert target.id in in_stage
    by_type = await sandbox_client.job_candidates.by_stage_type(
        other_type.lower(), job_id=job.id, per_page=100
    )
    assert by_type.pagination is not None and by_type.pagination.total_candidates
    assert all(
        r.job_candidate_details and r.job_candidate_details.job_id == job.id
        for r in by_type.candidates
    )

    updated = await sandbox_client.job_candidates.update(
        target.id, JobCandidateUpdate(notice_period="1 month", is_willing_to_relocate=True)
    )
    assert updated.notice_period == "1 month" and updated.is_willing_to_relocate is True
    assert isinstance(updated, JobCandidate)

    await sandbox_client.job_candidates.delete(target.id)
    with pytest.raises(NotFoundError):
        await sandbox_client.job_candidates.move(target.id, other_stage)

    upload = await sandbox_client.job_candidates.bulk_upload_resumes(
        job.id, ["https://files.example/a.pdf"]
    )
    assert upload.file_count == 1 and str(upload.job_id) == str(job.id)


async def test_assessments(sandbox_client: TapTalentClient):
    page = await sandbox_client.assessments.list(per_page=10)
    assert page.assessments
    detail = await sandbox_client.assessments.get(page.assessments[0].assessment_id)
    assert detail.assessment_id == page.assessments[0].assessment_id
    assert detail.questions


async def test_documented_rules_come_back_as_invalid_request(
    sandbox_client: TapTalentClient, sandbox: Any
):
    job = await sandbox_client.jobs.get(sandbox.big_job_id)
    page = await sandbox_client.job_candidates.list(job.id, per_page=10)

    async def rejected(call: Any) -> InvalidRequestError:
        with pytest.raises(InvalidRequestError) as info:
            await call
        return info.value

    # The server enforces what the client checks too, when the client is bypassed.
    error = await rejected(
        sandbox_client.request("GET", "/jobs", params={"perPage": 25}, idempotent=True)
    )
    assert "perPage" in error.details and "perPage" in str(error)
    error = await rejected(
        sandbox_client.jobs.create(
            JobCreate.model_construct(title="ab", city="X", state="Y", country="Z")
        )
    )
    assert "title" in error.details
    error = await rejected(
        sandbox_client.jobs.create(
            JobCreate.model_construct(
                title="Valid title", city="X", state="Y", country="Z", salary_range_from=5
            )
        )
    )
    assert any(k.startswith("salary") for k in error.details)
    # Rules only the server knows.
    error = await rejected(sandbox_client.job_candidates.move(page.candidates[0].id, 1))
    assert "stageId" in error.details
    error = await rejected(
        sandbox_client.job_candidates.list(job.id, order_column="score")  # type: ignore[arg-type]
    )
    assert "orderColumn" in error.details
    error = await rejected(sandbox_client.job_candidates.by_stage_type("NOT_A_STAGE"))
    assert "type" in error.details


async def test_not_found_and_bad_key(sandbox_client: TapTalentClient, sandbox: Any):
    with pytest.raises(NotFoundError):
        await sandbox_client.jobs.get(987_654_321)
    with pytest.raises(NotFoundError):
        await sandbox_client.rescores.get("rescore_1_1")
    wrong_key = "sk_test_" + "x" * 22
    async with TapTalentClient(
        api_key=wrong_key,
        base_url=sandbox_client.base_url,
        transport=httpx.ASGITransport(app=sandbox.app),
    ) as stranger:
        with pytest.raises(AuthenticationError) as info:
            await stranger.jobs.list()
        assert stranger.request_count == 1
    assert wrong_key not in str(info.value)


async def test_bulk_fetch_250_ids_is_three_requests_in_order(
    sandbox_client: TapTalentClient, sandbox: Any
):
    ids = [c.id async for c in sandbox_client.job_candidates.iter(sandbox.big_job_id)][:250]
    ids = ids[::-1]
    before = sandbox_client.request_count
    fetched = await sandbox_client.job_candidates.bulk_fetch(ids)
    assert sandbox_client.request_count - before == 3
    assert [c.id for c in fetched] == ids
    assert all(c.job_id == sandbox.big_job_id for c in fetched)


async def test_iter_over_the_5000_candidate_job(sandbox_client: TapTalentClient, sandbox: Any):
    first = await sandbox_client.job_candidates.list(sandbox.big_job_id, per_page=100)
    assert first.pagination is not None and first.pagination.total_candidates == 5000

    before = sandbox_client.request_count
    concurrent = [c.id async for c in sandbox_client.job_candidates.iter(sandbox.big_job_id)]
    assert sandbox_client.request_count - before == 50
    assert len(concurrent) == 5000 and len(set(concurrent)) == 5000

    sequential: list[Any] = []
    for number in range(1, 51):
        page = await sandbox_client.job_candidates.list(
            sandbox.big_job_id, page=number, per_page=100
        )
        sequential += [c.id for c in page.candidates]
    assert concurrent == sequential

    high = [
        c
        async for c in sandbox_client.job_candidates.iter(
            sandbox.big_job_id, score_min=90, per_page=20, concurrency=8
        )
    ]
    assert all(c.profile_match_score is not None and c.profile_match_score >= 90 for c in high)


async def test_limits_checked_locally_never_reach_the_sandbox(
    sandbox_client: TapTalentClient, sandbox: Any
):
    with pytest.raises(RequestLimitError):
        await sandbox_client.job_candidates.list(sandbox.big_job_id, per_page=25)
    with pytest.raises(RequestLimitError):
        await sandbox_client.job_candidates.bulk_upload_resumes(
            sandbox.big_job_id, ["https://files.example/cv.pdf"] * 5001
        )
    assert sandbox_client.request_count == 0


async def test_reads_survive_injected_faults(sandbox: Any):
    sandbox.faults.error_rate = 0.15
    sandbox.faults.rate_limit_rate = 0.15
    sandbox.faults.retry_after = 0.001
    # 30% of requests fail; ten attempts make a page that never gets through vanishingly rare.
    policy = RetryPolicy(max_attempts=10, base_delay=0.001, max_delay=0.01)
    async with TapTalentClient(
        api_key=sandbox.api_key,
        base_url="http://sandbox/v1/partner",
        transport=httpx.ASGITransport(app=sandbox.app),
        retry=policy,
    ) as client:
        ids = [c.id async for c in client.job_candidates.iter(sandbox.big_job_id)]
        assert len(ids) == 5000 == len(set(ids))
        assert client.request_count > 50


async def test_api_key_absent_from_logs(
    sandbox_client: TapTalentClient, sandbox: Any, caplog: pytest.LogCaptureFixture
):
    sandbox.faults.error_rate = 0.3
    sandbox.faults.retry_after = 0.001
    with caplog.at_level(logging.DEBUG):
        await sandbox_client.jobs.list()
        async for _ in sandbox_client.candidates.iter(per_page=100):
            pass
        for bad in ("/jobs/0", "/candidates/0"):
            with pytest.raises(Exception):  # noqa: B017
                await sandbox_client.request("GET", bad, idempotent=True)
        with pytest.raises(InvalidRequestError):
            await sandbox_client.request("GET", "/jobs", params={"perPage": 3}, idempotent=True)
    assert any(r.name == "tt.taptalent" for r in caplog.records)
    assert sandbox.api_key not in caplog.text
