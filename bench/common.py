"""What the benchmarks share: figures and goals, percentiles, a sandbox in its own process,
Slack request signing and a recording fake of Slack's Web API."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import hmac
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

REPO = Path(__file__).resolve().parents[1]


# Figures and goals ---------------------------------------------------------------------
@dataclass
class Row:
    """One line of the README table."""

    measure: str
    value: str
    goal: str = ""
    met: bool | None = None  # None: no goal, just a figure

    def as_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "value": self.value, "goal": self.goal, "met": self.met}


@dataclass
class Result:
    name: str
    title: str
    rows: list[Row] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def row(self, measure: str, value: str, goal: str = "", met: bool | None = None) -> None:
        self.rows.append(Row(measure, value, goal, met))

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "rows": [r.as_dict() for r in self.rows],
            "figures": self.figures,
            "notes": self.notes,
            "goals_met": all(r.met for r in self.rows if r.met is not None),
        }


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear interpolation between closest ranks (what numpy calls 'linear')."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def sequential_round_trips(intervals: Iterable[tuple[float, float]]) -> int:
    """The longest chain of requests where each starts after the previous one ended.

    Pairwise non-overlapping intervals always form such a chain, so this is the classic
    interval scheduling maximum: take the earliest-ending request, then the earliest-ending
    one that starts after it, and so on.
    """
    chain, last_end = 0, float("-inf")
    for start, end in sorted(intervals, key=lambda iv: iv[1]):
        if start >= last_end:
            chain += 1
            last_end = end
    return chain


@contextlib.contextmanager
def no_gc_pauses() -> Iterator[None]:
    """While measuring from this process: no cyclic garbage collection (collected first).

    A full collection of this process's heap (the benchmarks before it leave a big one)
    would pause every request in flight and be counted against the service."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def machine() -> dict[str, Any]:
    import platform

    return {
        "cores": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
    }


# Processes -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: the machine's, minus tt's settings, plus extra."""
    prefixes = ("TAPTALENT_", "SLACK_", "TT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


@dataclass
class SandboxProcess:
    """A sandbox served by `python -m bench.sandbox_proc` (its memory is not ours)."""

    proc: subprocess.Popen[str]
    info: dict[str, Any]

    @property
    def base_url(self) -> str:
        return str(self.info["base_url"])

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/v1/partner"

    @property
    def api_key(self) -> str:
        return str(self.info["api_key"])

    @property
    def webhook_key(self) -> str:
        return str(self.info["webhook_key"])

    @property
    def big_job_id(self) -> int:
        return int(self.info["big_job_id"])

    async def set_faults(self, **faults: float) -> None:
        async with httpx.AsyncClient(base_url=self.base_url) as http:
            answer = await http.put(
                "/_sandbox/faults",
                json=faults,
                headers={"Authorization": f"Bearer {self.api_key}"},
            )
            answer.raise_for_status()


@contextlib.contextmanager
def sandbox_process(**config: Any) -> Iterator[SandboxProcess]:
    """Start a sandbox in a child process with these SandboxConfig fields; stop it after."""
    args = [sys.executable, "-m", "bench.sandbox_proc", json.dumps(config)]
    proc = subprocess.Popen(
        args,
        cwd=REPO,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the sandbox process exited ({proc.wait()}) before it started")
        yield SandboxProcess(proc, json.loads(line))
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[Any], timeout: float = 10.0) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A temporary folder (kept, and named on stderr, when BENCH_KEEP is set)."""
    if os.environ.get("BENCH_KEEP"):
        kept = Path(tempfile.mkdtemp(prefix=f"tt-bench-{prefix}-"))
        print(f"   keeping {kept}", file=sys.stderr)
        yield kept
        return
    with tempfile.TemporaryDirectory(prefix=f"tt-bench-{prefix}-") as folder:
        yield Path(folder)


async def wait_until_healthy(url: str, proc: subprocess.Popen[Any], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as http:
        while True:
            try:
                if (await http.get(url, timeout=1)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f}s")
            await asyncio.sleep(0.05)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# Slack ---------------------------------------------------------------------------------
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"
TEAM = "T_BENCH"


def slack_signature(body: str, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    """What slack_sdk's SignatureVerifier expects: v0= HMAC-SHA256 of `v0:{ts}:{body}`."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(body: str, secret: str = SIGNING_SECRET) -> dict[str, str]:
    timestamp = str(int(time.time()))
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": slack_signature(body, timestamp, secret),
    }


@dataclass
class SlackCall:
    method: str
    body: dict[str, Any]
    at: float  # time.monotonic() when it arrived (comparable across processes on Linux)


@dataclass
class FakeSlack:
    """Slack's Web API and response_url, recording every call with its arrival time."""

    calls: list[SlackCall] = field(default_factory=list)
    base_url: str = ""
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base_url}/respond/{name}"

    def of(self, method: str) -> list[SlackCall]:
        return [c for c in self.calls if c.method == method]

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/api/{method}", self._api, methods=["GET", "POST"]),
                Route("/respond/{name}", self._respond, methods=["POST"]),
            ]
        )

    async def _body(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query_params)
        raw = await request.body()
        if request.headers.get("content-type", "").startswith("application/json"):
            return dict(json.loads(raw or b"{}"))
        return dict(parse_qsl(raw.decode()))

    async def _respond(self, request: Request) -> Response:
        at = time.monotonic()
        body = await self._body(request)
        self.calls.append(
            SlackCall("response_url", {"name": request.path_params["name"], **body}, at)
        )
        return Response("ok")

    async def _api(self, request: Request) -> Response:
        at = time.monotonic()
        method = request.path_params["method"]
        body = await self._body(request)
        self.calls.append(SlackCall(method, body, at))
        answer: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            answer.update(team_id=TEAM, user_id="UBOT", bot_id="BBOT", team="bench", user="tt")
        elif method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            ts = f"1700000000.{next(self._ts):06d}"
            answer.update(channel=body.get("channel"), ts=ts, message={"ts": ts})
        return JSONResponse(answer)


@contextlib.asynccontextmanager
async def fake_slack() -> AsyncIterator[FakeSlack]:
    from shared.service.background import serve_in_background

    fake = FakeSlack()
    async with serve_in_background(fake.app(), lifespan="off") as url:
        fake.base_url = url
        yield fake


def rate_per_channel(calls: Sequence[SlackCall]) -> float:
    """The most messages any channel received within one second (sliding window)."""
    by_channel: dict[str, list[float]] = {}
    for call in calls:
        by_channel.setdefault(str(call.body.get("channel")), []).append(call.at)
    worst = 0
    for times in by_channel.values():
        times.sort()
        start = 0
        for end, at in enumerate(times):
            while at - times[start] >= 1.0:
                start += 1
            worst = max(worst, end - start + 1)
    return float(worst)


@dataclass
class ServiceProcess:
    proc: subprocess.Popen[Any]
    base_url: str
    log: Path
    db: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextlib.asynccontextmanager
async def service_process(
    folder: Path, sandbox: SandboxProcess, slack: FakeSlack, **env: str
) -> AsyncIterator[ServiceProcess]:
    """`python -m bot` as an operator runs it: the sandbox as its TapTalent, the fake Slack
    as its Slack (HTTP mode, signed requests), its log in a file."""
    port = free_port()
    db = folder / "service.sqlite3"
    log = folder / "service.log"
    settings = {
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "TT_DB_PATH": str(db),
        "TAPTALENT_BASE_URL": sandbox.api_url,
        "TAPTALENT_API_KEY": sandbox.api_key,
        "TAPTALENT_WEBHOOK_KEY": sandbox.webhook_key,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        **env,
    }
    with log.open("w") as sink:
        # BENCH_PROFILE=1: run the service under cProfile (written to service.prof).
        profile = ["-m", "cProfile", "-o", str(folder / "service.prof")]
        proc = subprocess.Popen(
            [sys.executable, *(profile if os.environ.get("BENCH_PROFILE") else []), "-m", "bot"],
            cwd=folder,
            env=child_env(**settings),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_until_healthy(f"{base}/healthz", proc)
        yield ServiceProcess(proc, base, log, db)
    finally:
        stop(proc)
