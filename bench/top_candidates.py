"""1. The exact top 10 of the sandbox's 5,000-candidate job, with 50 ms of API latency.

`top_candidates` (banded counts, then the band in parallel) against a baseline that pages
through every candidate in order (100 a page, one page after another) and sorts. Both go
through the real client over real HTTP on loopback: the sandbox is served by uvicorn in
this process (so its request log, with start and end times, can be read afterwards).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from bench.common import Result, ms, scratch_dir, sequential_round_trips
from shared.actions.ranking import rank_key, top_candidates
from shared.config import Settings
from shared.sandbox import Sandbox, SandboxConfig
from shared.service.background import serve_in_background
from shared.taptalent.models import JobCandidate
from shared.toolkit import Toolkit, open_toolkit

LATENCY = 0.05
LIMIT = 10
RUNS = 5
BASELINE_RUNS = 3
PER_PAGE = 100


async def baseline(tk: Toolkit, job_id: int, limit: int = LIMIT) -> list[str]:
    """Every page in order, one after another; then sort (rejected and unscored left out)."""
    everyone: list[JobCandidate] = []
    page = 1
    while True:
        listing = await tk.client.job_candidates.list(job_id, page=page, per_page=PER_PAGE)
        everyone.extend(listing.candidates)
        total_pages = listing.pagination.total_pages if listing.pagination else None
        if not listing.candidates or (total_pages is not None and page >= total_pages):
            break
        page += 1
    eligible = [
        c
        for c in everyone
        if (c.status or "").upper() != "REJECTED" and c.profile_match_score is not None
    ]
    return [str(c.id) for c in sorted(eligible, key=rank_key)[:limit]]


async def banded(tk: Toolkit, job_id: int, limit: int = LIMIT) -> list[str]:
    result = await top_candidates(tk, job_id, limit=limit)
    return [str(row.job_candidate_id) for row in result.candidates]


async def _measure(sb: Sandbox, call: Any) -> dict[str, Any]:
    sb.requests.clear()
    began = time.perf_counter()
    ids = await call()
    wall = time.perf_counter() - began
    records = list(sb.requests)
    return {
        "ids": ids,
        "wall": wall,
        "requests": len(records),
        "round_trips": sequential_round_trips((r.started, r.ended) for r in records),
    }


async def measure() -> dict[str, Any]:
    sb = Sandbox(SandboxConfig(seed=7))
    assert sb.big_job_id is not None
    job = sb.big_job_id
    try:
        with scratch_dir("top") as folder:
            settings = Settings(TT_DB_PATH=folder / "tt.sqlite3")  # type: ignore[call-arg]
            async with (
                serve_in_background(sb.app, lifespan="off") as url,
                open_toolkit(settings, api_key=sb.api_key, base_url=f"{url}/v1/partner") as tk,
            ):
                # Warm both paths once without latency (connections, the sandbox's caches).
                await banded(tk, job)
                await baseline(tk, job)
                sb.faults.latency = LATENCY
                fast = [await _measure(sb, lambda: banded(tk, job)) for _ in range(RUNS)]
                slow = [await _measure(sb, lambda: baseline(tk, job)) for _ in range(BASELINE_RUNS)]
    finally:
        await sb.aclose()
    return {"fast": fast, "slow": slow, "job": job}


def run() -> dict[str, Any]:
    raw = asyncio.run(measure())
    fast, slow = raw["fast"], raw["slow"]
    reference = slow[0]["ids"]
    identical = all(r["ids"] == reference for r in fast + slow) and len(reference) == LIMIT
    fast_wall = statistics.median(r["wall"] for r in fast)
    slow_wall = statistics.median(r["wall"] for r in slow)
    fast_trips = max(r["round_trips"] for r in fast)
    speedup = slow_wall / fast_wall

    res = Result("top_candidates", "Top 10 of 5,000 candidates (50 ms API latency)")
    res.row(
        "requests: top_candidates / baseline",
        f"{max(r['requests'] for r in fast)} / {max(r['requests'] for r in slow)}",
    )
    res.row(
        "sequential round trips: top_candidates / baseline",
        f"{fast_trips} / {max(r['round_trips'] for r in slow)}",
        "≤ 3",
        fast_trips <= 3,
    )
    res.row(
        f"wall time, median: top_candidates ({RUNS} runs) / baseline ({BASELINE_RUNS})",
        f"{ms(fast_wall)} / {ms(slow_wall)}",
    )
    res.row("speed-up", f"{speedup:.1f}×", "≥ 10×", speedup >= 10)
    res.row("same 10 ids, same order", "yes" if identical else "NO", "identical", identical)
    res.figures = {
        "job_id": raw["job"],
        "latency_s": LATENCY,
        "top_candidates": [{k: v for k, v in r.items() if k != "ids"} for r in fast],
        "baseline": [{k: v for k, v in r.items() if k != "ids"} for r in slow],
        "median_wall_s": {"top_candidates": fast_wall, "baseline": slow_wall},
        "speedup": speedup,
        "identical": identical,
        "top_ids": reference,
        "transport": "real HTTP on loopback (uvicorn serving the sandbox in this process)",
    }
    return res.as_dict()
