"""3. A burst of 1,000 `job.candidates.rescored` deliveries (200 of them duplicates).

Three processes: `python -m bot` (the service, with the Slack bot in HTTP mode), the sandbox
as its TapTalent (no injected latency; it does not send webhooks itself), and this one,
which plays TapTalent's webhook sender and Slack's Web API.

Before the burst, 16 rescore requests are made from "Slack" in 8 channels (two a channel,
each in its own thread) through `shared.actions.rescore`, against the service's own SQLite
file, exactly as the bot records them. Each request rescores 250 candidates; to make 800
rescore ids out of 16 requests, the chunk size is lowered from 250 to 5 for this set-up
only, so each request owns 50 rescore ids (and its alert reads 50 rescores' results).

The burst goes out in the order TapTalent would finish the work (request after request,
shuffled within each), each duplicate shortly after its original, 16 connections at a
time, once each connection has carried two deliveries of another event (not counted).
Measured: the time to answer each delivery, the sustained rate, and for each
request the time from the delivery that completed it to its alert reaching the fake Slack
(`chat.postMessage`, matched by thread), plus the busiest channel's messages per second.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import re
import statistics
import time
from dataclasses import dataclass
from typing import Any

import httpx

from bench.common import (
    TEAM,
    Result,
    SandboxProcess,
    cpu_seconds,
    fake_slack,
    ms,
    no_gc_pauses,
    percentile,
    rate_per_channel,
    sandbox_process,
    scratch_dir,
    service_process,
)
from bench.floors import Paired, floor_server
from shared.actions import rescoring
from shared.config import Settings
from shared.store import Origin
from shared.toolkit import open_toolkit
from shared.webhooks.receiver import RESCORED

GROUPS = 16
CHANNELS = 8
PER_GROUP = 250
CHUNK = 5  # candidates per rescore id in this set-up (250 in production)
DELIVERIES = 1000
DUPLICATES = 200
SENDERS = 16
GOAL_ANSWER_P99 = 0.05
GOAL_RATE = 500.0
GOAL_ALERT_P95 = 1.0
GOAL_RATE_RATIO = 0.8  # of the floor's rate, at least
GOAL_P99_RATIO = 2.0  # of the floor's answer p99, at most


@dataclass
class Delivery:
    rescore_id: str
    group: int
    body: str
    copy: bool = False
    sent_at: float = 0.0
    seconds: float = 0.0
    status: int = 0
    duplicate: bool | None = None


async def prepare(
    sb: SandboxProcess, db: str
) -> tuple[list[list[str]], list[Origin], dict[str, str]]:
    """Record the rescore requests; return their rescore ids, origins and final statuses."""
    settings = Settings(TT_DB_PATH=db)  # type: ignore[call-arg]
    groups: list[list[str]] = []
    origins: list[Origin] = []
    chunk = rescoring.RESCORE_CHUNK
    rescoring.RESCORE_CHUNK = CHUNK
    try:
        async with open_toolkit(settings, api_key=sb.api_key, base_url=sb.api_url) as tk:
            # Every job of this sandbox has more than PER_GROUP candidates.
            usable = sorted([j.id async for j in tk.client.jobs.iter(per_page=100)], key=str)
            for g in range(GROUPS):
                job = usable[g % len(usable)]
                ids = []
                async for jc in tk.client.job_candidates.iter(job, per_page=100):
                    ids.append(jc.id)
                    if len(ids) == PER_GROUP:
                        break
                origin = Origin(
                    kind="slack",
                    user=f"U_BENCH{g}",
                    channel=f"C_ALERTS{g % CHANNELS}",
                    thread_ts=f"1700000000.{g + 1:06d}",
                    team=TEAM,
                )
                started = await rescoring.rescore(
                    tk, job, requested_by=origin, job_candidate_ids=ids
                )
                groups.append(list(started.rescore_ids))
                origins.append(origin)
            statuses = await _final_statuses(tk.client._http, sb, [r for g in groups for r in g])
    finally:
        rescoring.RESCORE_CHUNK = chunk
    return groups, origins, statuses


async def _final_statuses(
    http: httpx.AsyncClient, sb: SandboxProcess, rescore_ids: list[str]
) -> dict[str, str]:
    """The webhook body of each rescore once the sandbox has finished it."""
    found: dict[str, str] = {}
    headers = {"Authorization": f"Bearer {sb.api_key}"}
    deadline = time.monotonic() + 120
    while len(found) < len(rescore_ids):
        for rid in [r for r in rescore_ids if r not in found]:
            answer = await http.get(f"job-candidates/rescore/{rid}", headers=headers)
            data = answer.json()["data"]
            if data.get("status") in ("completed", "failed"):
                found[rid] = json.dumps(
                    {
                        "event": RESCORED,
                        "timestamp": "2026-11-23T10:00:00.000Z",
                        "companyId": 1001,
                        "data": data,
                    }
                )
        if time.monotonic() > deadline:
            raise RuntimeError("the sandbox did not finish the rescores")
        await asyncio.sleep(0.1)
    return found


def schedule(groups: list[list[str]], bodies: dict[str, str], rng: random.Random) -> list[Delivery]:
    order: list[Delivery] = []
    for g, ids in enumerate(groups):
        mine = [Delivery(rid, g, bodies[rid]) for rid in ids]
        rng.shuffle(mine)
        order.extend(mine)
    for original in rng.sample(list(order), DUPLICATES):
        at = order.index(original) + 1 + rng.randrange(40)
        order.insert(
            min(at, len(order)),
            Delivery(original.rescore_id, original.group, original.body, copy=True),
        )
    return order


async def burst(url: str, key: str, deliveries: list[Delivery]) -> float:
    queue: asyncio.Queue[Delivery] = asyncio.Queue()
    for d in deliveries:
        queue.put_nowait(d)
    headers = {
        "Content-Type": "application/json",
        "X-Webhook-Key": key,
        "X-Webhook-Event": RESCORED,
        "User-Agent": "TapTalent-Webhooks/1.0 (bench)",
    }
    limits = httpx.Limits(max_connections=SENDERS, max_keepalive_connections=SENDERS)

    async def sender(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            d = queue.get_nowait()
            d.sent_at = time.monotonic()
            answer = await http.post(url, content=d.body, headers=headers)
            d.seconds = time.monotonic() - d.sent_at
            d.status = answer.status_code
            if answer.status_code == 200:
                d.duplicate = bool(answer.json().get("duplicate"))

    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        # A service that has been up a while: its code paths warm, the senders' connections
        # open (two deliveries of another event on each, not counted).
        warm = {**headers, "X-Webhook-Event": "candidate.removed_from_job"}
        await asyncio.gather(
            *(
                http.post(
                    url,
                    json={
                        "event": "candidate.removed_from_job",
                        "data": {"jobCandidateId": n, "jobId": 0},
                    },
                    headers=warm,
                )
                for n in range(2 * SENDERS)
            )
        )
        await asyncio.sleep(0.5)
        began = time.monotonic()
        await asyncio.gather(*(sender(http) for _ in range(SENDERS)))
        return time.monotonic() - began


async def measure() -> dict[str, Any]:
    rng = random.Random(7)
    config = {
        "seed": 7,
        "big_job_size": 0,
        "jobs": GROUPS,
        "candidates_per_job": [PER_GROUP + 10, PER_GROUP + 60],
        "other_company_jobs": 1,
        "rescore_delay": 0.0,
        "credits": 1_000_000,
    }
    with scratch_dir("webhooks") as folder, sandbox_process(**config) as sb:
        async with fake_slack() as slack, service_process(folder, sb, slack) as service:
            groups, origins, bodies = await prepare(sb, str(service.db))
            deliveries = schedule(groups, bodies, rng)
            assert len(deliveries) == DELIVERIES, len(deliveries)
            cpu_before = _cpu(service.proc.pid, sb.proc.pid)
            with no_gc_pauses():
                seconds = await burst(
                    f"{service.base_url}/webhooks/taptalent", sb.webhook_key, deliveries
                )
            cpu_burst = _cpu(service.proc.pid, sb.proc.pid)
            deadline = time.monotonic() + 120
            while len(slack.of("chat.postMessage")) < GROUPS and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            cpu_alerts = _cpu(service.proc.pid, sb.proc.pid)
            await asyncio.sleep(2.0)  # any second alert for the same request would show now
            alerts = slack.of("chat.postMessage")
            async with httpx.AsyncClient() as http:
                health = (await http.get(f"{service.base_url}/healthz")).json()
            log = service.output()
        floor = await floor_burst(folder, sb.webhook_key, deliveries)

    completing: dict[int, Delivery] = {}
    for d in deliveries:
        if not d.copy and (d.group not in completing or d.sent_at > completing[d.group].sent_at):
            completing[d.group] = d
    completed_at = {g: d.sent_at for g, d in completing.items()}
    thread_to_group = {o.thread_ts: g for g, o in enumerate(origins)}
    latencies: dict[int, list[float]] = {}
    for call in alerts:
        group = thread_to_group.get(str(call.body.get("thread_ts")))
        if group is not None:
            latencies.setdefault(group, []).append(call.at - completed_at[group])
    # Where the time goes: when the service's tracker recorded the completing rescore
    # (its log line), on this process's clock.
    processed = _processed_times(log)
    start = min(d.sent_at for d in deliveries)
    timeline = [
        {
            "group": g,
            "channel": origins[g].channel,
            "completing_delivery_sent_s": round(completed_at[g] - start, 3),
            "recorded_by_tracker_s": round(processed[completing[g].rescore_id] - start, 3)
            if completing[g].rescore_id in processed
            else None,
            "alert_at_fake_slack_s": round(completed_at[g] + latencies[g][0] - start, 3)
            if g in latencies
            else None,
        }
        for g in range(GROUPS)
    ]
    slowest = sorted(deliveries, key=lambda d: -d.seconds)[:20]
    return {
        "cpu_seconds_during_burst": {k: round(cpu_burst[k] - cpu_before[k], 2) for k in cpu_burst},
        "cpu_seconds_burst_to_last_alert": {
            k: round(cpu_alerts[k] - cpu_before[k], 2) for k in cpu_alerts
        },
        "timeline": timeline,
        "slowest_answers": [
            {"sent_s": round(d.sent_at - start, 3), "seconds": round(d.seconds, 3)}
            for d in sorted(slowest, key=lambda d: d.sent_at)
        ],
        "answers": [d.seconds for d in deliveries],
        "statuses": [d.status for d in deliveries],
        "duplicates_flagged": sum(1 for d in deliveries if d.duplicate),
        "burst_seconds": seconds,
        "alert_latencies": [v[0] for v in latencies.values()],
        "alerts_per_group": [len(latencies.get(g, [])) for g in range(GROUPS)],
        "alerts_total": len(alerts),
        "busiest_channel_per_second": rate_per_channel(alerts),
        "pending_after": health.get("pending_rescores"),
        "tracebacks": log.count("Traceback"),
        "floor": floor,
    }


async def floor_burst(folder: Any, key: str, deliveries: list[Delivery]) -> dict[str, Any]:
    """The same burst, in the same order, against the bare receiver (bench/floor_webhooks.py)."""
    again = [Delivery(d.rescore_id, d.group, d.body, copy=d.copy) for d in deliveries]
    floor_db = str(folder / "floor.sqlite3")
    async with floor_server(
        folder, "bench.floor_webhooks", FLOOR_DB=floor_db, TAPTALENT_WEBHOOK_KEY=key
    ) as base:
        with no_gc_pauses():
            seconds = await burst(f"{base}/webhooks/taptalent", key, again)
    if any(d.status != 200 for d in again):
        raise RuntimeError("the bare receiver did not answer every delivery with 200")
    return {
        "rate_per_s": len(again) / seconds,
        "answer_p99_s": percentile([d.seconds for d in again], 99),
        "duplicates_flagged": sum(1 for d in again if d.duplicate),
    }


def _cpu(service: int, sandbox: int) -> dict[str, float]:
    return {
        "service": cpu_seconds(service),
        "sandbox": cpu_seconds(sandbox),
        "bench": time.process_time(),  # the sender and the fake Slack
    }


_RECORDED = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) INFO tt\.tracker: rescore (\S+) completed \(webhook\)"
)


def _processed_times(log: str) -> dict[str, float]:
    """rescore id -> when the tracker recorded it, as time.monotonic() of this process.

    The log's clock is the wall clock at millisecond resolution."""
    offset = time.time() - time.monotonic()
    found: dict[str, float] = {}
    for line in log.splitlines():
        m = _RECORDED.match(line)
        if m:
            wall = dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            found[m.group(2)] = wall - offset
    return found


def run() -> dict[str, Any]:
    raw = asyncio.run(measure())
    answers = raw["answers"]
    a50, a99 = percentile(answers, 50), percentile(answers, 99)
    rate = DELIVERIES / raw["burst_seconds"]
    alerts = raw["alert_latencies"]
    l50 = percentile(alerts, 50) if alerts else float("inf")
    l95 = percentile(alerts, 95) if alerts else float("inf")
    once = raw["alerts_per_group"] == [1] * GROUPS
    all_ok = all(s == 200 for s in raw["statuses"])
    res = Result("webhooks", f"Webhooks: burst of {DELIVERIES:,} (20% duplicates)")
    res.row(
        "answered 200 / flagged as duplicates",
        f"{sum(s == 200 for s in raw['statuses'])} / {raw['duplicates_flagged']}",
        f"{DELIVERIES} / {DUPLICATES}",
        all_ok and raw["duplicates_flagged"] == DUPLICATES,
    )
    res.row(
        "time to answer, p50 / p99",
        f"{ms(a50)} / {ms(a99)}",
        f"p99 < {GOAL_ANSWER_P99 * 1000:.0f} ms",
        a99 < GOAL_ANSWER_P99,
    )
    res.row(
        f"sustained rate ({SENDERS} connections)",
        f"{rate:,.0f} deliveries/s",
        f"≥ {GOAL_RATE:.0f}/s",
        rate >= GOAL_RATE,
    )
    floor = raw["floor"]
    rates = Paired([rate], [floor["rate_per_s"]])
    res.row(
        "rate: tt; floor (bare Starlette + one SQLite INSERT a delivery, the same burst); ratio",
        rates.cell(lambda r: f"{r:,.0f}/s"),
        f"≥ {GOAL_RATE_RATIO:g}× floor",
        rates.ratio >= GOAL_RATE_RATIO,
    )
    p99s = Paired([a99], [floor["answer_p99_s"]])
    res.row(
        "answer p99: tt; floor; ratio",
        p99s.cell(),
        f"≤ {GOAL_P99_RATIO:g}× floor",
        p99s.ratio <= GOAL_P99_RATIO,
    )
    res.row(
        f"webhook → alert at the fake Slack, p50 / p95 ({GROUPS} requests, {CHANNELS} channels)",
        f"{ms(l50)} / {ms(l95)}",
        f"p95 < {GOAL_ALERT_P95:g} s",
        l95 < GOAL_ALERT_P95 and len(alerts) == GROUPS,
    )
    res.row(
        "alerts: one per request / busiest channel",
        f"{'yes' if once else 'NO'} ({raw['alerts_total']}) / "
        f"{raw['busiest_channel_per_second']:.0f} a second",
        "exactly one / ≤ 1 a second",
        once and raw["busiest_channel_per_second"] <= 1,
    )
    if a99 >= GOAL_ANSWER_P99 or rate < GOAL_RATE:
        cpu = raw["cpu_seconds_during_burst"]
        res.notes.append(
            "What stands in the way of the answer-time and rate goals: each delivery is "
            "stored before its answer through the receivers' own SQLite connection, on its own "
            "thread, in group commits (shared/store/intake.py: the deliveries that arrive "
            "while one transaction is written go together in the next), so it no longer waits "
            "behind the tracker, which records a pass's deliveries in one transaction. What "
            "remains is CPU: the service also builds the 16 alerts during the burst (about "
            "800 TapTalent requests for their reports) and runs every SQLite statement "
            "through a worker thread that must win the GIL back from the busy event loop "
            f"(CPU during the burst: service {cpu['service']:.1f} s, sandbox "
            f"{cpu['sandbox']:.1f} s, sender and fake Slack {cpu['bench']:.1f} s, in "
            f"{raw['burst_seconds']:.1f} s on 2 cores, shared with other work on this "
            "machine). The floor, one INSERT a delivery and nothing else, is the fair "
            "comparison; the absolute goals assume an idle machine."
        )
    if raw["pending_after"]:
        res.notes.append(f"{raw['pending_after']} rescores still pending after the burst")
    if raw["tracebacks"]:
        res.notes.append(f"the service logged {raw['tracebacks']} tracebacks")
    res.figures = {
        **{k: v for k, v in raw.items() if k != "answers"},
        "answer_p50_s": a50,
        "answer_p99_s": a99,
        "answer_max_s": max(answers),
        "rate_per_s": rate,
        "alert_p50_s": l50,
        "alert_p95_s": l95,
        "alert_mean_s": statistics.mean(alerts) if alerts else None,
    }
    return res.as_dict()
