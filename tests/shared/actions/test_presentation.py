"""Facts derived once: ties at the cut, next steps as data, and the shared wording."""

from __future__ import annotations

import pytest

from shared.actions import NotFound, top_candidates
from shared.actions.errors import LIST_JOBS, NextStep, candidates_of
from shared.actions.models import CandidateRow, JobsPage
from shared.actions.presentation import (
    command_line,
    command_step,
    explain,
    plural,
    score_bar,
    state_heading,
)
from shared.actions.ranking import rank_key
from shared.commands import parse
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit
from tests.ties import plant_tie


async def _ranked_scores(tk: Toolkit, job: int) -> list[float]:
    every = [
        c
        async for c in tk.client.job_candidates.iter(job, per_page=100, exclude_rejected=True)
        if c.profile_match_score is not None
    ]
    return [c.profile_match_score or 0.0 for c in sorted(every, key=rank_key)]


async def test_a_cut_inside_a_tie_says_so_and_a_clean_cut_says_nothing(
    tk: Toolkit, sandbox: Sandbox
):
    job = sandbox.big_job_id
    assert job is not None
    # Candidates ranked 5, 6 and 7 share a score: limits 5 and 6 cut inside that tie.
    tied = await plant_tie(tk, sandbox, job, rank=5, size=3)
    scores = await _ranked_scores(tk, job)
    count = scores.count(tied)
    assert count >= 3
    for limit in (5, 6):
        result = await top_candidates(tk, job, limit=limit)
        assert result.tie is not None
        assert result.tie.score == tied and result.tie.count == count
        assert result.tie.note == (
            f"{plural(count, 'candidate')} tie at {tied:g}; shown in id order."
        )
    clean_cuts = 0
    for other in sandbox.job_ids:
        some = await _ranked_scores(tk, other)
        for limit in [n for n in range(1, min(51, len(some))) if some[n - 1] != some[n]][:2]:
            assert (await top_candidates(tk, other, limit=limit)).tie is None
            clean_cuts += 1
    assert clean_cuts, "some job has two different scores in its top 50"


async def test_a_page_that_starts_inside_a_tie_says_so(tk: Toolkit, sandbox: Sandbox):
    job = sandbox.big_job_id
    assert job is not None
    tied = await plant_tie(tk, sandbox, job, rank=3, size=2)
    result = await top_candidates(tk, job, offset=3, limit=1)
    assert result.tie is not None and result.tie.score == tied


async def test_an_unknown_job_carries_its_next_step_as_data(tk: Toolkit):
    with pytest.raises(NotFound) as missing:
        await top_candidates(tk, 999999)
    error = missing.value
    assert error.next_step == LIST_JOBS
    assert "`" not in str(error)  # no surface's command in the neutral text
    assert explain(error, lambda s: command_step(s, "tt")) == (
        "Job 999999 was not found. Use tt jobs to see the job ids."
    )


def test_next_steps_become_commands_the_parser_accepts():
    step = candidates_of(4201)
    line = command_line(step, "tt")
    assert line == "tt top-candidates job:4201"
    assert parse(line.removeprefix("tt ")) == parse("top-candidates job:4201")
    either = NextStep(("top-candidates", "search"), "to find job candidate ids")
    assert command_step(either, "/tt", code=lambda c: f"`{c}`") == (
        "Use `/tt top-candidates` or `/tt search` to find job candidate ids."
    )


def test_derived_facts():
    row = CandidateRow(job_candidate_id=1, name="A", must_have_met=None, must_have_total=3)
    assert row.must_have == "0/3"
    assert CandidateRow(job_candidate_id=1, name="A", must_have_total=0).must_have is None
    assert JobsPage(jobs=[], page=1, per_page=10, total=21).pages == 3
    assert JobsPage(jobs=[], page=1, per_page=10, total=0).pages == 1
    assert JobsPage(jobs=[], page=1, per_page=10).pages is None
    assert plural(1, "match", "matches") == "1 match" and plural(1200, "score") == "1,200 scores"
    assert score_bar(80) == "████████░░" and score_bar(None) == "··········"
    assert state_heading("partial", icon=True) == "⚠️ Rescore partly complete"
