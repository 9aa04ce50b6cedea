"""2. Fifty signed `/tt top-candidates` requests at once: how fast does the service ack?

Three processes, as in production: `python -m bot` (the service, HTTP mode), the sandbox
as its TapTalent (50 ms of latency on every API call), and this one, which plays Slack: it
signs and sends the slash commands over loopback HTTP and serves the fake Web API and
response_url that the answers go to. The acknowledgement is the HTTP answer to the
command; the ranked list follows through response_url, after the ack.

Its floor, measured right after in the same run: the same burst against a bare bolt app that
only acks (`bench/floor_bolt.py`), served the same way. The goal is a ratio to it.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.common import (
    BOT_TOKEN,
    SIGNING_SECRET,
    TEAM,
    FakeSlack,
    Result,
    fake_slack,
    ms,
    no_gc_pauses,
    percentile,
    sandbox_process,
    scratch_dir,
    service_process,
    signed_headers,
)
from bench.floors import Paired, floor_server

CONCURRENT = 50
WARMUP = 3
SOLO = 5
LATENCY = 0.05
GOAL_P99 = 0.1
GOAL_RATIO = 2.0
GOAL_LIST_RATIO = 2.0
SLACK_LIMIT = 3.0


def command_body(slack: FakeSlack, n: int, job_id: int) -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": TEAM,
            "team_domain": "bench",
            "channel_id": f"C_BENCH{n % 5}",
            "channel_name": "recruiting",
            "user_id": f"U_BENCH{n}",
            "user_name": f"user{n}",
            "command": "/tt",
            "text": f"top-candidates job:{job_id}",
            "api_app_id": "A_BENCH",
            "is_enterprise_install": "false",
            "response_url": slack.response_url(f"cmd-{n}"),
            "trigger_id": f"{n}.{time.time_ns()}.bench",
        }
    )


async def send(http: httpx.AsyncClient, url: str, body: str) -> tuple[float, float, int]:
    """(sent at, seconds to the answer, status)."""
    headers = signed_headers(body)
    began = time.monotonic()
    answer = await http.post(url, content=body, headers=headers)
    return began, time.monotonic() - began, answer.status_code


async def measure() -> dict[str, Any]:
    with scratch_dir("ack") as folder, sandbox_process(seed=7, faults={"latency": LATENCY}) as sb:
        async with fake_slack() as slack, service_process(folder, sb, slack) as service:
            url = f"{service.base_url}/slack/events"
            limits = httpx.Limits(max_connections=CONCURRENT * 2, max_keepalive_connections=0)
            async with httpx.AsyncClient(limits=limits, timeout=30) as http:
                for n in range(WARMUP):  # imports, bolt's first authorize, first queries
                    await send(http, url, command_body(slack, 10_000 + n, sb.big_job_id))
                await _answers(slack, WARMUP, timeout=60)
                alone, alone_lists = [], []
                for n in range(SOLO):  # for scale: one request at a time, service idle
                    body = command_body(slack, 20_000 + n, sb.big_job_id)
                    began, seconds, _ = await send(http, url, body)
                    alone.append(seconds)
                    delivered = await _answers(slack, WARMUP + n + 1, timeout=60)
                    # The floor of a ranked list: one ranking alone, start to response_url.
                    alone_lists.append(
                        next(c.at for c in delivered if c.body["name"] == f"cmd-{20_000 + n}")
                        - began
                    )
                slack.calls.clear()
                bodies = [command_body(slack, n, sb.big_job_id) for n in range(CONCURRENT)]
                with no_gc_pauses():
                    sent = await asyncio.gather(*(send(http, url, b) for b in bodies))
            answered = await _answers(slack, CONCURRENT, timeout=120)
            log = service.output()
        async with fake_slack() as slack:
            floor = await floor_burst(folder, slack, sb.big_job_id)
    started = {f"cmd-{n}": sent[n][0] for n in range(CONCURRENT)}
    mine = [c for c in answered if c.body["name"] in started]
    answers = [c.at - started[c.body["name"]] for c in mine]
    lists = sum(1 for c in mine if str(c.body.get("text", "")).startswith("Top candidates"))
    return {
        "acks": [s[1] for s in sent],
        "alone": alone,
        "alone_lists": alone_lists,
        "statuses": [s[2] for s in sent],
        "answers": answers,
        "ranked_lists": lists,
        "tracebacks": log.count("Traceback"),
        "floor_acks": floor,
    }


async def floor_burst(folder: Any, slack: FakeSlack, job_id: int) -> list[float]:
    """The same warm-up and burst against the bare bolt app; its ack times."""
    secrets = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    async with floor_server(
        folder, "bench.floor_bolt", SLACK_API_URL=slack.api_url, **secrets
    ) as base:
        url = f"{base}/slack/events"
        limits = httpx.Limits(max_connections=CONCURRENT * 2, max_keepalive_connections=0)
        async with httpx.AsyncClient(limits=limits, timeout=30) as http:
            for n in range(WARMUP):
                await send(http, url, command_body(slack, 10_000 + n, job_id))
            bodies = [command_body(slack, n, job_id) for n in range(CONCURRENT)]
            with no_gc_pauses():
                sent = await asyncio.gather(*(send(http, url, b) for b in bodies))
    if any(s[2] != 200 for s in sent):
        raise RuntimeError("the bare bolt app did not ack every command")
    return [s[1] for s in sent]


async def _answers(slack: FakeSlack, count: int, timeout: float) -> list[Any]:
    deadline = time.monotonic() + timeout
    while len(slack.of("response_url")) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return slack.of("response_url")


def run() -> dict[str, Any]:
    raw = asyncio.run(measure())
    acks, answers = raw["acks"], raw["answers"]
    p50, p99 = percentile(acks, 50), percentile(acks, 99)
    ok = all(s == 200 for s in raw["statuses"])
    res = Result("slack_ack", f"Slack: {CONCURRENT} concurrent /tt top-candidates")
    res.row(
        "acknowledged with 200",
        f"{sum(s == 200 for s in raw['statuses'])} of {CONCURRENT}",
        "all",
        ok,
    )
    res.row(
        f"time to acknowledge one request alone, median of {SOLO}",
        ms(statistics.median(raw["alone"])),
    )
    res.row("time to acknowledge, p50", ms(p50))
    floor_p99 = percentile(raw["floor_acks"], 99)
    ratio = Paired([p99], [floor_p99])
    res.row(
        "ack p99: tt; floor (a bare bolt app that only acks, the same burst); ratio",
        ratio.cell(),
        f"≤ {GOAL_RATIO:g}× floor",
        ok and ratio.ratio <= GOAL_RATIO,
    )
    res.row(
        "time to acknowledge, p99 / max",
        f"{ms(p99)} / {ms(max(acks))}",
        f"p99 < {GOAL_P99 * 1000:.0f} ms (Slack: {SLACK_LIMIT:g} s)",
        ok and p99 < GOAL_P99,
    )
    if answers:
        lists = Paired([statistics.median(answers)], [statistics.median(raw["alone_lists"])])
        res.row(
            f"ranked list p50 of the {CONCURRENT} (all the same): tt; floor (one ranking "
            "alone); ratio",
            lists.cell(),
            f"≤ {GOAL_LIST_RATIO:g}× floor",
            lists.ratio <= GOAL_LIST_RATIO,
        )
    res.row(
        "ranked list delivered (response_url), p50 / max",
        f"{raw['ranked_lists']} of {CONCURRENT}: {ms(statistics.median(answers))} / "
        f"{ms(max(answers))}"
        if answers
        else f"0 of {CONCURRENT}",
    )
    if answers and statistics.median(answers) > 1.0:
        res.notes.append(
            "The ranked lists come seconds after the acks: identical rankings asked at the "
            "same time share one computation (shared/actions/coalesce.py), so this means "
            "they did not overlap (each started after the previous one ended) and queued "
            "behind the API client's 10 in-flight slots (TapTalentClient's max_concurrency), "
            f"about 20 API calls each at {LATENCY * 1000:.0f} ms. Slack allows 30 minutes for "
            "a response_url answer."
        )
    if raw["tracebacks"]:
        res.notes.append(f"the service logged {raw['tracebacks']} tracebacks")
    res.figures = {**raw, "latency_s": LATENCY, "ack_p50_s": p50, "ack_p99_s": p99}
    return res.as_dict()
