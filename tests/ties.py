"""Planting a tie: real scores tie only now and then, so tests that need one make one."""

from __future__ import annotations

from shared.actions.ranking import rank_key
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit


async def ranked(tk: Toolkit, job: int) -> list[tuple[int, float]]:
    """(job candidate id, score) of the job's scored candidates, in tt's ranking order."""
    every = [
        c
        async for c in tk.client.job_candidates.iter(job, per_page=100, exclude_rejected=True)
        if c.profile_match_score is not None
    ]
    return [(int(c.id), c.profile_match_score or 0.0) for c in sorted(every, key=rank_key)]


async def plant_tie(tk: Toolkit, sandbox: Sandbox, job: int, *, rank: int, size: int) -> float:
    """Give the candidates ranked `rank` .. `rank + size - 1` (1-based) the score of the one
    ranked `rank`, and return that score. The ones above keep higher scores."""
    order = await ranked(tk, job)
    score = order[rank - 1][1]
    for jc_id, _ in order[rank : rank - 1 + size]:
        sandbox.set_score(jc_id, score)
    return score
