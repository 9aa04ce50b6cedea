"""6. Push the top 20 of a job to the customer's ATS (Kombo emulator), 50 ms latency.

Both emulators are served by uvicorn on loopback in this process, so their request logs
(with start and end times) give the request counts and the longest chain of requests
that had to wait for each other. Each candidate costs an e-mail lookup, the application,
the result link and the note; candidates go several at a time.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bench.common import Result, ms, scratch_dir, sequential_round_trips
from shared.actions.ats import link_job, push_candidate, push_top
from shared.actions.ranking import top_candidates
from shared.config import Settings
from shared.kombo import KomboClient
from shared.kombo_sandbox import KomboSandbox
from shared.kombo_setup import Ats
from shared.sandbox import Sandbox, SandboxConfig
from shared.service.background import serve_in_background
from shared.store import Origin
from shared.toolkit import open_toolkit

LATENCY = 0.05
TOP = 20
JOB = 4201
ATS_JOB = "KJ0001"
ME = Origin(kind="cli", user="bench")


async def measure() -> dict[str, Any]:
    sb = Sandbox(SandboxConfig(seed=7))
    ksb = KomboSandbox(seed=7)
    try:
        with scratch_dir("ats") as folder:
            settings = Settings(TT_DB_PATH=folder / "tt.sqlite3")  # type: ignore[call-arg]
            async with (
                serve_in_background(sb.app, lifespan="off") as tt_url,
                serve_in_background(ksb.app, lifespan="off") as kombo_url,
                open_toolkit(settings, api_key=sb.api_key, base_url=f"{tt_url}/v1/partner") as tk,
                KomboClient(ksb.api_key, ksb.integration_id, f"{kombo_url}/v1") as kombo,
            ):
                tk.ats = Ats(kombo, ksb, ksb.webhook_secret)
                await link_job(tk, JOB, ATS_JOB, requested_by=ME)
                sb.faults.latency = ksb.faults.latency = LATENCY
                sb.requests.clear()
                ksb.requests.clear()
                began = time.perf_counter()
                first = await push_top(tk, JOB, TOP, requested_by=ME)
                wall = time.perf_counter() - began
                kombo_first = list(ksb.requests)
                tt_first = list(sb.requests)
                ksb.requests.clear()
                began = time.perf_counter()
                again = await push_top(tk, JOB, TOP, requested_by=ME)
                wall_again = time.perf_counter() - began
                kombo_again = list(ksb.requests)
                # One more candidate alone: the chain its push needs, whatever the load.
                after = (await top_candidates(tk, JOB, limit=TOP + 1)).candidates[-1]
                ksb.requests.clear()
                await push_candidate(tk, after.job_candidate_id, requested_by=ME)
                kombo_one = list(ksb.requests)
    finally:
        await sb.aclose()
    return {
        "pushed": sum(p.changed for p in first.pushed),
        "failed": len(first.failed),
        "unchanged_again": sum(not p.changed for p in again.pushed),
        "wall": wall,
        "wall_again": wall_again,
        "kombo_requests": len(kombo_first),
        "kombo_writes": sum(r.method != "GET" for r in kombo_first),
        "kombo_round_trips": sequential_round_trips((r.started, r.ended) for r in kombo_first),
        "taptalent_requests": len(tt_first),
        "taptalent_round_trips": sequential_round_trips((r.started, r.ended) for r in tt_first),
        "kombo_requests_again": len(kombo_again),
        "one_requests": len(kombo_one),
        "one_round_trips": sequential_round_trips((r.started, r.ended) for r in kombo_one),
        "applications": sum(a.job_id == ATS_JOB for a in ksb.ats.applications.values()),
    }


def run() -> dict[str, Any]:
    raw = asyncio.run(measure())
    res = Result("ats_push", f"Push the top {TOP} to the ATS (Kombo emulator, 50 ms latency)")
    res.row(
        "Kombo requests (writes) / sequential round trips",
        f"{raw['kombo_requests']} ({raw['kombo_writes']}) / {raw['kombo_round_trips']}",
    )
    res.row(
        "one candidate alone: Kombo requests / sequential round trips",
        f"{raw['one_requests']} / {raw['one_round_trips']}",
        "≤ 3 sequential",
        raw["one_round_trips"] <= 3,
    )
    res.row(
        "TapTalent requests / sequential round trips",
        f"{raw['taptalent_requests']} / {raw['taptalent_round_trips']}",
    )
    res.row("wall time", ms(raw["wall"]))
    res.row(
        "pushed, failed",
        f"{raw['pushed']}, {raw['failed']}",
        f"{TOP}, 0",
        raw["pushed"] == TOP and raw["failed"] == 0,
    )
    res.row(
        "pushing again: Kombo requests, unchanged",
        f"{raw['kombo_requests_again']}, {raw['unchanged_again']}",
        f"0, {TOP}",
        raw["kombo_requests_again"] == 0 and raw["unchanged_again"] == TOP,
    )
    res.figures = {**raw, "latency_s": LATENCY, "transport": "real HTTP on loopback"}
    return res.as_dict()
