"""Top candidates: exactly what sorting the whole job gives, for a handful of requests."""

from __future__ import annotations

import pytest

from shared.actions import InvalidInput, NotFound, top_candidates
from shared.actions.models import CandidateRow
from shared.actions.ranking import rank_key
from shared.sandbox import Sandbox
from shared.taptalent.models import JobCandidate
from shared.toolkit import Toolkit


async def everything(tk: Toolkit, job: int | str, **filters: object) -> list[JobCandidate]:
    return [c async for c in tk.client.job_candidates.iter(job, per_page=100, **filters)]


def brute_top(items: list[JobCandidate], n: int, offset: int = 0) -> list[str]:
    scored = [c for c in items if c.profile_match_score is not None]
    return [str(c.id) for c in sorted(scored, key=rank_key)[offset : offset + n]]


async def test_top_ten_of_the_big_job_matches_sorting_everything(
    tk: Toolkit, sandbox: Sandbox, dialect: str
):
    job = sandbox.big_job_id
    before = len(sandbox.requests)
    result = await top_candidates(tk, job, limit=10)
    used = len(sandbox.requests) - before
    all_candidates = await everything(tk, job, exclude_rejected=True)

    assert [str(r.job_candidate_id) for r in result.candidates] == brute_top(all_candidates, 10)
    assert [r.rank for r in result.candidates] == list(range(1, 11))
    assert len(all_candidates) > 4000
    # A handful of requests, not the 50 pages of the whole job (plus, where the pipeline
    # hides stage ids, one small probe per stage to name the rows' stages).
    label_probes = 0 if dialect == "tt" else len(sandbox.pipeline(job))
    assert used <= 25 + label_probes, f"{used} requests"
    assert all(r.stage for r in result.candidates)
    unscored = sum(1 for c in all_candidates if c.profile_match_score is None)
    assert result.unscored == unscored
    assert result.total_scored == len(all_candidates) - unscored
    assert result.has_more


@pytest.mark.parametrize(
    ("limit", "offset", "min_score", "include_rejected"),
    [(5, 0, None, False), (10, 10, None, False), (50, 0, 60, True), (3, 0, 99.5, False)],
)
async def test_filters_and_windows_match_brute_force(
    tk: Toolkit,
    sandbox: Sandbox,
    limit: int,
    offset: int,
    min_score: float | None,
    include_rejected: bool,
):
    job = sandbox.big_job_id
    result = await top_candidates(
        tk, job, limit=limit, offset=offset, min_score=min_score, include_rejected=include_rejected
    )
    filters: dict[str, object] = {"score_min": min_score}
    if not include_rejected:
        filters["exclude_rejected"] = True
    expected = brute_top(await everything(tk, job, **filters), limit, offset)
    assert [str(r.job_candidate_id) for r in result.candidates] == expected


async def test_every_job_ranks_like_brute_force(tk: Toolkit):
    jobs = [j async for j in tk.client.jobs.iter(per_page=100)]
    for job in jobs[:6]:
        result = await top_candidates(tk, job.id, limit=7)
        expected = brute_top(await everything(tk, job.id, exclude_rejected=True), 7)
        assert [str(r.job_candidate_id) for r in result.candidates] == expected, job.id


async def test_stage_by_type_name_and_id_give_the_same_list(tk: Toolkit, sandbox: Sandbox):
    job = await tk.client.jobs.get(sandbox.big_job_id)
    screen = next(s for s in job.pipeline_stage or [] if s.type == "SCREEN")
    by_type = await top_candidates(tk, job.id, limit=5, stage="screen")
    assert by_type.stage is not None and by_type.stage.type == "SCREEN"
    # Found on the candidates when the pipeline (as documented) lists no stage ids.
    screen_id = by_type.stage.id
    assert [screen_id] == [i for i, _, kind in sandbox.pipeline(job.id) if kind == "SCREEN"]
    by_name = await top_candidates(tk, job.id, limit=5, stage=screen.name)
    by_id = await top_candidates(tk, job.id, limit=5, stage=str(screen_id))
    assert by_id.stage is not None and by_id.stage.name == screen.name

    def seen(rows: list[CandidateRow]) -> list[tuple[str, float | None, str | None]]:
        return [(str(r.job_candidate_id), r.score, r.stage) for r in rows]

    assert seen(by_type.candidates) == seen(by_name.candidates) == seen(by_id.candidates)
    assert all(str(r.stage_id) == str(screen_id) for r in by_type.candidates)
    expected = brute_top(await everything(tk, job.id, stage_id=screen_id, exclude_rejected=True), 5)
    assert [str(r.job_candidate_id) for r in by_type.candidates] == expected


async def test_rows_carry_what_a_recruiter_scans(tk: Toolkit, sandbox: Sandbox):
    result = await top_candidates(tk, sandbox.big_job_id, limit=3)
    row = result.candidates[0]
    assert row.name and row.title and row.score is not None and row.stage
    assert row.must_have_total and row.must_have_met is not None
    assert row.summary_line and len(row.summary_line) <= 160


async def test_unknown_job_and_stage_say_what_to_do(tk: Toolkit, sandbox: Sandbox):
    with pytest.raises(NotFound) as missing:
        await top_candidates(tk, 999999)
    assert "999999" in str(missing.value) and "jobs" in str(missing.value)
    with pytest.raises(InvalidInput) as bad_stage:
        await top_candidates(tk, sandbox.big_job_id, stage="Interview")
    message = str(bad_stage.value)
    assert "Interview" in message and "SCREEN" in message and "APPLIED" in message
