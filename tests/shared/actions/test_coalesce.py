"""Identical rankings asked at the same time cost TapTalent one ranking (single flight);
different ones, other backends and later ones each make their own requests.

Requests are counted where TapTalent would see them: at the sandbox."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from shared.actions import top_candidates
from shared.actions.errors import NotFound
from shared.sandbox import Sandbox, SandboxConfig
from shared.toolkit import Toolkit, open_toolkit
from tests.conftest import make_settings

JOB = 4201
AT_ONCE = 12


async def one_ranking_costs(sandbox: Sandbox, tk: Toolkit, **args: object) -> int:
    before = len(sandbox.requests)
    await top_candidates(tk, JOB, **args)  # type: ignore[arg-type]
    return len(sandbox.requests) - before


async def test_identical_rankings_at_once_cost_one_ranking(sandbox: Sandbox, tk: Toolkit):
    alone = await one_ranking_costs(sandbox, tk, limit=10)
    before = len(sandbox.requests)

    results = await asyncio.gather(*(top_candidates(tk, JOB, limit=10) for _ in range(AT_ONCE)))

    assert len(sandbox.requests) - before == alone
    ids = [[c.job_candidate_id for c in r.candidates] for r in results]
    assert all(row == ids[0] for row in ids) and len(ids[0]) == 10
    # Each caller has its own answer: a surface that trims its copy changes no other.
    results[0].candidates.clear()
    assert len(results[1].candidates) == 10


async def test_different_arguments_are_not_shared(sandbox: Sandbox, tk: Toolkit):
    alone = await one_ranking_costs(sandbox, tk, limit=10)
    before = len(sandbox.requests)

    five, ten = await asyncio.gather(top_candidates(tk, JOB, limit=5), top_candidates(tk, JOB))

    assert len(sandbox.requests) - before > alone  # two rankings ran
    assert len(five.candidates) == 5 and len(ten.candidates) == 10


async def test_nothing_is_kept_after_the_flight(sandbox: Sandbox, tk: Toolkit):
    first = await top_candidates(tk, JOB)
    jc = first.candidates[0].job_candidate_id
    sandbox.set_score(int(jc), 0.5)  # TapTalent rescored them meanwhile
    before = len(sandbox.requests)

    again = await top_candidates(tk, JOB)

    assert len(sandbox.requests) > before  # asked TapTalent again
    assert jc not in [c.job_candidate_id for c in again.candidates]


async def test_an_error_reaches_every_caller_from_one_set_of_requests(
    sandbox: Sandbox, tk: Toolkit
):
    before = len(sandbox.requests)
    with pytest.raises(NotFound):
        await top_candidates(tk, 999999)
    alone = len(sandbox.requests) - before
    before = len(sandbox.requests)

    outcomes = await asyncio.gather(
        *(top_candidates(tk, 999999) for _ in range(AT_ONCE)), return_exceptions=True
    )

    assert all(isinstance(o, NotFound) for o in outcomes)
    assert len(sandbox.requests) - before == alone


async def test_two_backends_never_share_a_ranking(tmp_path: Path):
    first, second = Sandbox(SandboxConfig(seed=7)), Sandbox(SandboxConfig(seed=7))
    settings = make_settings(tmp_path)
    async with (
        open_toolkit(settings, sandbox=first) as one,
        open_toolkit(settings, sandbox=second) as other,
    ):
        await asyncio.gather(top_candidates(one, JOB), top_candidates(other, JOB))
    assert len(first.requests) > 0 and len(first.requests) == len(second.requests)
    await first.aclose()
    await second.aclose()


async def test_a_caller_that_gives_up_does_not_cancel_the_others(sandbox: Sandbox, tk: Toolkit):
    alone = await one_ranking_costs(sandbox, tk)
    before = len(sandbox.requests)
    impatient = asyncio.ensure_future(top_candidates(tk, JOB))
    patient = asyncio.ensure_future(top_candidates(tk, JOB))
    await asyncio.sleep(0)  # both joined the flight
    impatient.cancel()

    result = await patient

    assert impatient.cancelled() and len(result.candidates) == 10
    assert len(sandbox.requests) - before == alone
