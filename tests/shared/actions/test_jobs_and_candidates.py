"""Jobs, one candidate in full, and search: what each surface shows."""

from __future__ import annotations

import pytest

from shared.actions import (
    NotFound,
    get_job,
    get_job_candidate,
    list_jobs,
    search_candidates,
    top_candidates,
)
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit


async def test_list_jobs_pages_and_filters_by_status(tk: Toolkit):
    first = await list_jobs(tk, page=1, per_page=10)
    assert len(first.jobs) == 10 and first.total is not None and first.total > 10
    assert first.has_more
    second = await list_jobs(tk, page=2, per_page=10)
    assert {j.id for j in first.jobs}.isdisjoint({j.id for j in second.jobs})
    active = await list_jobs(tk, status="active")
    assert active.status == "ACTIVE" and active.jobs
    assert all(j.status == "ACTIVE" for j in active.jobs)
    assert active.total is not None and active.total < (first.total or 0)


async def test_get_job_shows_pipeline_counts_and_criteria_but_no_salary(
    tk: Toolkit, sandbox: Sandbox, dialect: str
):
    job = await get_job(tk, sandbox.big_job_id)
    assert job.stages
    if dialect == "tt":  # the seed's pipelineStage example lists no stage ids
        assert all(s.id is not None for s in job.stages)
    assert {"SCREEN", "APPLIED"} <= {s.type for s in job.stages}
    assert sum(s.count or 0 for s in job.stages) >= 5000
    assert {c.level for c in job.criteria} >= {"MUST_HAVE", "NICE_TO_HAVE"}
    assert job.salary is None
    private = await get_job(tk, sandbox.big_job_id, include_private=True)
    assert private.salary


async def test_candidate_detail_has_breakdown_summary_and_profile(tk: Toolkit, sandbox: Sandbox):
    top = await top_candidates(tk, sandbox.big_job_id, limit=1)
    detail = await get_job_candidate(tk, top.candidates[0].job_candidate_id)
    assert detail.score == top.candidates[0].score
    assert detail.criteria and any(c.level == "MUST_HAVE" for c in detail.criteria)
    assert detail.ai_summary and detail.skills and detail.experience
    assert detail.stage and detail.job is not None
    assert detail.contact is None and detail.salary is None
    private = await get_job_candidate(tk, detail.job_candidate_id, include_private=True)
    assert private.contact is not None and private.contact.email


async def test_unknown_candidate_is_not_found(tk: Toolkit):
    with pytest.raises(NotFound) as missing:
        await get_job_candidate(tk, 987654321)
    assert "987654321" in str(missing.value)


async def test_search_matches_every_word_across_fields(tk: Toolkit, sandbox: Sandbox):
    top = await top_candidates(tk, sandbox.big_job_id, limit=1)
    name = top.candidates[0].name
    found = await search_candidates(tk, name, job=sandbox.big_job_id)
    assert any(m.job_candidate_id == top.candidates[0].job_candidate_id for m in found.matches)
    assert all("name" in m.matched for m in found.matches[:1])
    skill_hits = await search_candidates(
        tk, "python", job=sandbox.big_job_id, min_score=80, limit=5
    )
    assert 0 < len(skill_hits.matches) <= 5
    assert all((m.score or 0) >= 80 for m in skill_hits.matches)
    assert skill_hits.scanned < 5000  # the score bound was applied by the API
    nothing = await search_candidates(tk, "zzqxv nonexistent")
    assert nothing.matches == [] and nothing.scanned > 5000


async def test_an_unexpected_answer_is_still_a_sentence(tk: Toolkit):
    from shared.actions import ActionError, rescore_status

    # "/" is sent as %2F; the server redirects rather than answering 404.
    with pytest.raises(ActionError) as odd:
        await rescore_status(tk, "/")
    assert "unexpected answer" in str(odd.value) and "try again" in str(odd.value)
