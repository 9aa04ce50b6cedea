"""5. Memory of tt while it scans every candidate of a job: 5,000, 20,000 and 50,000.

The sandbox runs in its own process (its memory is not tt's). For each size, fresh child
processes (`python -m bench.memory scan ...`) walk the job with `client.job_candidates.iter`
(pages of 100, 4 in flight) keeping a running top 10, the way a scan should. With
tracemalloc on (from just before the first request): the heap in use, sampled once a page
(median), its peak, and what is still held once the scan is over. Without tracemalloc: the
process's peak RSS. For scale, one more child keeps every candidate it reads.
"""

from __future__ import annotations

import asyncio
import gc
import heapq
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench.common import REPO, Result, child_env, sandbox_process

SIZES = (5_000, 20_000, 50_000)
RUNS = 2
# "Flat": the largest job may cost at most this much more than the smallest one, and leave
# at most this much more behind. The peak itself is the worst moment of a window of pages
# in flight, so it creeps up with the number of pages (more chances for a bad moment)
# without growing with the data; it is shown, not judged.
FLAT_RATIO = 1.5
RETAINED_SLACK = 512 * 1024


async def scan(
    api_url: str, api_key: str, job_id: int, trace: bool, keep: bool = False
) -> dict[str, Any]:
    """Walk the job once; `keep` holds every candidate (what a scan must not do)."""
    from shared.actions.ranking import rank_key
    from shared.taptalent import TapTalentClient

    async with TapTalentClient(api_key=api_key, base_url=api_url) as client:
        # Connections, imports and pydantic's lazily built validators, before measuring.
        await client.jobs.get(job_id)
        await client.job_candidates.list(job_id, per_page=100)
        if trace:
            tracemalloc.start()
            tracemalloc.reset_peak()
        began = time.perf_counter()
        count = 0
        best: list[tuple[Any, ...]] = []  # a max-heap on rank_key, by negation
        kept: list[Any] = []
        samples: list[int] = []  # heap in use, once a page (every 100 candidates)
        async for jc in client.job_candidates.iter(job_id, per_page=100):
            count += 1
            if trace and count % 100 == 0:
                samples.append(tracemalloc.get_traced_memory()[0])
            if keep:
                kept.append(jc)
            if jc.profile_match_score is None:
                continue
            key = rank_key(jc)
            entry = (-key[0], -key[1], -key[2], str(jc.id))
            if len(best) < 10:
                heapq.heappush(best, entry)
            elif entry > best[0]:
                heapq.heapreplace(best, entry)
        seconds = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1] if trace else None
        del kept
        gc.collect()
        retained = tracemalloc.get_traced_memory()[0] if trace else None
        if trace:
            tracemalloc.stop()
    return {
        "candidates": count,
        "seconds": seconds,
        "tracemalloc_peak_bytes": peak,
        "tracemalloc_median_bytes": statistics.median(samples) if samples else None,
        "tracemalloc_retained_bytes": retained,
        "maxrss_bytes": peak_rss(),
    }


def peak_rss() -> int:
    """This process's peak resident set size in bytes.

    VmHWM, not ru_maxrss: ru_maxrss survives exec, so a child forked from a big parent
    (`python -m bench` after the other benchmarks) would report the parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(
    api_url: str, api_key: str, job_id: int, trace: bool, keep: bool = False
) -> dict[str, Any]:
    args = [sys.executable, "-m", "bench.memory", "scan", api_url, str(job_id)]
    if trace:
        args.append("--trace")
    if keep:
        args.append("--keep")
    env = child_env(BENCH_API_KEY=api_key)  # not on the command line, where ps shows it
    done = subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, check=True, timeout=600
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def run() -> dict[str, Any]:
    per_size: dict[int, dict[str, Any]] = {}
    for size in SIZES:
        config = {
            "seed": 7,
            "big_job_size": size,
            "jobs": 2,
            "candidates_per_job": [5, 10],
            "other_company_jobs": 1,
        }
        with sandbox_process(**config) as sb:
            # The peak depends on how many pages happen to land at once: keep the worst.
            runs = [_child(sb.api_url, sb.api_key, sb.big_job_id, trace=True) for _ in range(RUNS)]
            worst = max(runs, key=lambda r: r["tracemalloc_peak_bytes"])
            worst["all_peaks_bytes"] = [r["tracemalloc_peak_bytes"] for r in runs]
            plain = _child(sb.api_url, sb.api_key, sb.big_job_id, trace=False)
            per_size[size] = {"traced": worst, "plain": plain}
            if size == SIZES[0]:
                # For scale: what holding every candidate would cost.
                per_size[size]["keeping"] = _child(
                    sb.api_url, sb.api_key, sb.big_job_id, trace=True, keep=True
                )

    def mib(n: float) -> str:
        return f"{n / 2**20:.1f} MiB"

    def traced(key: str) -> list[float]:
        return [float(per_size[s]["traced"][key]) for s in SIZES]

    peaks = traced("tracemalloc_peak_bytes")
    medians = traced("tracemalloc_median_bytes")
    retained = traced("tracemalloc_retained_bytes")
    rss = [float(per_size[s]["plain"]["maxrss_bytes"]) for s in SIZES]
    counts_ok = all(per_size[s]["plain"]["candidates"] == s for s in SIZES)
    median_ratio = medians[-1] / medians[0]
    rss_ratio = rss[-1] / rss[0]
    retained_growth = retained[-1] - retained[0]
    flat = (
        median_ratio <= FLAT_RATIO
        and rss_ratio <= FLAT_RATIO
        and retained_growth <= RETAINED_SLACK
        and counts_ok
    )

    res = Result("memory", "Memory while scanning a job (sandbox in another process)")
    sizes = " / ".join(f"{s // 1000}k" for s in SIZES)
    res.row(f"heap in use during the scan, median, {sizes}", " / ".join(mib(m) for m in medians))
    res.row(
        f"heap peak (tracemalloc, worst of {RUNS} runs), {sizes}",
        " / ".join(mib(p) for p in peaks),
    )
    res.row(f"heap still held after the scan, {sizes}", " / ".join(mib(r) for r in retained))
    res.row(f"process peak RSS (no tracemalloc), {sizes}", " / ".join(mib(r) for r in rss))
    res.row(
        f"{SIZES[0] // 1000}k → {SIZES[-1] // 1000}k: median heap, RSS, held after",
        f"×{median_ratio:.2f}, ×{rss_ratio:.2f}, {retained_growth / 2**10:+.0f} KiB",
        f"flat (≤ ×{FLAT_RATIO}, ≤ +{RETAINED_SLACK // 2**10} KiB)",
        flat,
    )
    keeping = per_size[SIZES[0]]["keeping"]["tracemalloc_peak_bytes"]
    per_candidate = keeping / SIZES[0]
    res.row(
        f"for scale: holding every candidate instead, {SIZES[0] // 1000}k",
        f"{mib(keeping)} (≈ {mib(per_candidate * SIZES[-1])} at {SIZES[-1] // 1000}k)",
    )
    res.row(
        f"scan time, {sizes}",
        " / ".join(f"{per_size[s]['plain']['seconds']:.1f} s" for s in SIZES),
    )
    res.figures = {"sizes": list(SIZES), "per_size": {str(k): v for k, v in per_size.items()}}
    return res.as_dict()


def main(argv: list[str]) -> None:
    if argv and argv[0] == "scan":
        api_url, job = argv[1], int(argv[2])
        api_key = os.environ["BENCH_API_KEY"]
        found = asyncio.run(scan(api_url, api_key, job, "--trace" in argv, "--keep" in argv))
        print(json.dumps(found))
        return
    print(json.dumps(run(), indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
