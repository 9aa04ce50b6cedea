"""The real client against the sandbox in-process, on every documented shape of an answer.

The sandbox speaks the `seed` dialect here (the documents' own shapes); where a documented
variant (or an odd record) is not one it sends, `Rewriting` puts it in front of the client.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from shared.sandbox import Sandbox, SandboxConfig
from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import APIResponseValidationError
from shared.taptalent.models import JobCandidateUpdate
from tests.shared.rewriting import UNREADABLE, Rewriting
from tests.shared.taptalent.conftest import SANDBOX_BASE_URL

RESCORE = "/job-candidates/rescore"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    sb = Sandbox(SandboxConfig(seed=7, rescore_delay=0.05, dialect="seed"))
    try:
        yield sb
    finally:
        await sb.aclose()


@pytest.fixture
def wire(sandbox: Sandbox) -> Rewriting:
    return Rewriting(sandbox.app)


@pytest.fixture
async def client(sandbox: Sandbox, wire: Rewriting) -> AsyncIterator[TapTalentClient]:
    async with TapTalentClient(
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
        transport=httpx.ASGITransport(app=wire),
        retry=RetryPolicy(base_delay=0.001, max_delay=0.01, total_budget=5.0),
    ) as c:
        yield c


def small_job(sandbox: Sandbox) -> int:
    return next(j for j in sandbox.job_ids if 0 < len(sandbox.job_candidate_ids(j)) <= 250)


async def test_rescore_answers_with_data_and_no_status_are_read(
    client: TapTalentClient, sandbox: Sandbox
):
    job = small_job(sandbox)
    ids = sandbox.job_candidate_ids(job)[:3]
    (started,) = await client.rescores.start(job, job_candidate_ids=ids)
    assert started.rescore_id.startswith(f"rescore_{job}_") and started.total_queued == 3
    status = await client.rescores.get(started.rescore_id)
    assert status.rescore_id == started.rescore_id and set(status.job_candidate_ids) == set(ids)


async def test_ids_go_out_as_integers_even_when_given_as_text(
    client: TapTalentClient, sandbox: Sandbox
):
    # The seed dialect refuses "42" where the seed types an integer, as TapTalent may.
    job = small_job(sandbox)
    ids = [str(i) for i in sandbox.job_candidate_ids(job)[:2]]
    (started,) = await client.rescores.start(str(job), job_candidate_ids=ids)
    assert started.total_queued == 2
    stage = sandbox.pipeline(job)[1][0]
    moved = await client.job_candidates.move(ids[0], str(stage))
    assert str(moved.stage_id) == str(stage)


async def test_stage_endpoints_wrapped_in_data_are_read(
    client: TapTalentClient, sandbox: Sandbox, wire: Rewriting
):
    wire.on("GET", "/job-candidates/stage", lambda body: {"data": body})
    page = await client.job_candidates.by_stage_type("APPLIED", per_page=5)
    assert wire.rewritten == 1
    assert page.candidates and page.pagination and page.pagination.total_candidates


async def test_a_move_answered_without_data_is_a_move(
    client: TapTalentClient, sandbox: Sandbox, wire: Rewriting
):
    wire.on("PUT", lambda p: p.endswith("/stage"), lambda body: {"status": "success"})
    job = small_job(sandbox)
    jc = sandbox.job_candidate_ids(job)[0]
    stage = sandbox.pipeline(job)[2][0]
    moved = await client.job_candidates.move(jc, stage)
    assert wire.rewritten == 1
    assert moved.id == jc and moved.stage_id == stage and moved.status == "IN_PROGRESS"


async def test_an_update_answered_without_data_is_the_update(
    client: TapTalentClient, sandbox: Sandbox
):
    jc = sandbox.job_candidate_ids(small_job(sandbox))[0]
    updated = await client.job_candidates.update(jc, JobCandidateUpdate(notice_period="2 weeks"))
    assert updated.id == jc and updated.notice_period == "2 weeks"


def odd_records(body: dict[str, Any]) -> dict[str, Any]:
    first, second, third, fourth, broken = body["data"]["candidates"][:5]
    first["hiredAt"] = 1_700_000_000_000  # epoch where ISO was documented
    second["candidate_details"]["phone"] = 4915112345678  # a numeric phone
    third["candidate_details"]["currentJobTitle"] = None  # a null title
    fourth["candidate_details"]["currentCompany"] = {"name": "Acme"}  # an object for text
    broken["jobCandidateId"] = {"unexpected": True}  # cannot be read at all
    return body


async def test_odd_records_never_fail_the_page(
    client: TapTalentClient, sandbox: Sandbox, wire: Rewriting
):
    wire.on("GET", lambda p: p.endswith("/candidates"), odd_records)
    page = await client.job_candidates.list(sandbox.big_job_id, per_page=20)
    assert page.skipped == 1 and len(page.candidates) == 19
    first, second, third, fourth = page.candidates[:4]
    assert first.hired_at == "2023-11-14T22:13:20Z"
    assert second.candidate is not None and second.candidate.phone == "4915112345678"
    assert third.candidate is not None and third.candidate.current_job_title is None
    assert fourth.candidate is not None and fourth.candidate.current_company == "Acme"


async def test_profiles_under_candidate_details_in_camel_case_are_read(
    client: TapTalentClient, sandbox: Sandbox, wire: Rewriting
):
    def camel(body: dict[str, Any]) -> dict[str, Any]:
        for item in body["data"]:
            item["candidateDetails"] = item.pop("candidate_details")
        return body

    wire.on("POST", "/job-candidates/bulk-fetch", camel)
    ids = sandbox.job_candidate_ids(small_job(sandbox))[:3]
    found = await client.job_candidates.bulk_fetch(ids)
    assert [c.id for c in found] == ids
    assert all(c.candidate is not None and c.candidate.first_name for c in found)


async def test_a_202_without_total_queued_counts_what_was_asked(
    client: TapTalentClient, sandbox: Sandbox, wire: Rewriting
):
    def without_total(body: dict[str, Any]) -> dict[str, Any]:
        body["data"].pop("totalQueued")
        return body

    wire.on("POST", RESCORE, without_total)
    # One run of the documented maximum; splitting a request into runs is the use case's
    # job (tests/shared/actions/test_documented_shapes.py sends every chunk).
    ids = sandbox.job_candidate_ids(sandbox.big_job_id)[:250]
    started = await client.rescores.start(sandbox.big_job_id, job_candidate_ids=ids)
    assert [s.total_queued for s in started] == [250]
    assert not any(s.capped_by_credits for s in started)


async def test_an_unreadable_202_is_a_started_rescore_never_retried(
    client: TapTalentClient, sandbox: Sandbox, wire: Rewriting
):
    wire.on("POST", RESCORE, lambda body: UNREADABLE)
    job = small_job(sandbox)
    before = len(sandbox.requests)
    with pytest.raises(APIResponseValidationError) as unreadable:
        await client.rescores.start(job, job_candidate_ids=sandbox.job_candidate_ids(job)[:2])
    assert unreadable.value.response is not None and unreadable.value.response.status_code == 202
    assert len(sandbox.requests) - before == 1  # sent once: the run exists, do not repeat it
    assert "was started" in " ".join(unreadable.value.__notes__)
