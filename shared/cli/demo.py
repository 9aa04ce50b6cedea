"""`tt demo`: the whole loop on the sandbox, over real HTTP on loopback, step by step.

The sandbox and the service each listen on a loopback port; the sandbox delivers its
webhooks to the service, whose tracker completes the rescore and prints the alert.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, SecretStr
from rich.console import Console
from rich.rule import Rule

from shared.actions import get_job, list_jobs, move_candidate, rescore, top_candidates
from shared.actions.ats.models import AtsChange
from shared.actions.models import JobDetail, RescoreReport
from shared.cli.demo_assess import assess_tour
from shared.cli.demo_ats import ats_tour
from shared.cli.demo_interviews import interview_tour
from shared.cli.demo_talynce import talynce_tour
from shared.cli.demo_upload import upload_tour
from shared.cli.terminal import Renderer
from shared.config import Settings
from shared.notify import ConsoleNotifier, OperationNotice
from shared.sandbox import Sandbox, SandboxConfig
from shared.service import Service
from shared.service.background import serve_in_background
from shared.store import Origin
from shared.toolkit import Toolkit


class _AlertWaiter(ConsoleNotifier):
    def __init__(self, console: Console) -> None:
        super().__init__(write=lambda line: console.print(line, markup=False, style="green"))
        self.arrived = asyncio.Event()
        self.ats_heard = asyncio.Event()
        self.interview_heard = asyncio.Event()
        self.uploaded = asyncio.Event()

    async def ats_changed(self, change: AtsChange) -> None:
        self.write(f"{change.message} (would go in the thread of the push)")
        self.ats_heard.set()

    async def rescore_finished(self, report: RescoreReport) -> None:
        await super().rescore_finished(report)
        self.arrived.set()

    async def operation_finished(self, notice: OperationNotice) -> None:
        await super().operation_finished(notice)
        if notice.kind == "upload":
            self.uploaded.set()
        if notice.kind == "interview":
            self.interview_heard.set()


def run_demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tt demo", description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds to pause between steps (for presenting)"
    )
    opts = parser.parse_args(argv)
    return asyncio.run(_demo(opts.seed, opts.pause))


async def _demo(seed: int, pause: float) -> int:
    # Piped (`make demo | cat`, CI logs): lines are never wrapped at 80 columns.
    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    with tempfile.TemporaryDirectory(prefix="tt-demo-") as tmp:
        sandbox = Sandbox(SandboxConfig(seed=seed, rescore_delay=1.0))
        settings = Settings(
            TT_DB_PATH=Path(tmp) / "tt.sqlite3",
            TAPTALENT_WEBHOOK_KEY=SecretStr(sandbox.webhook_key),
            TT_POLL_AFTER=60.0,
        )
        alerts = _AlertWaiter(console)
        try:
            async with serve_in_background(sandbox.app) as sandbox_url:
                service = Service(
                    settings,
                    api_key=sandbox.api_key,
                    base_url=f"{sandbox_url}/v1/partner",
                    surfaces=(),
                    notifiers={"*": alerts},
                    tick=0.5,
                )
                async with serve_in_background(service.app) as service_url:
                    sandbox.webhook_url = f"{service_url}/webhooks/taptalent"
                    console.print(
                        f"Sandbox (TapTalent Partner API emulator): {sandbox_url}/v1/partner"
                    )
                    console.print(f"Service (webhooks, health):               {service_url}")
                    tour = _Tour(console, service.tk, sandbox, alerts, pause, service_url)
                    return await tour.run()
        finally:
            await sandbox.aclose()


@dataclass
class _Tour:
    """The demo's steps, each what a newcomer would type, on a running sandbox and service."""

    console: Console
    tk: Toolkit
    sandbox: Sandbox
    alerts: _AlertWaiter
    pause: float
    service_url: str
    me: Origin = field(default_factory=lambda: Origin(kind="cli", user=f"cli:{getpass.getuser()}"))

    async def run(self) -> int:
        await self.jobs()
        await self.top_of_the_big_job()
        job = await self.one_job()
        if not await self.criteria_change_and_rescore(job):
            return 1
        await self.move_the_new_first(job)
        await ats_tour(
            self.tk,
            self.big,
            self.me,
            self.console,
            self.show,
            self.step,
            f"{self.service_url}/webhooks/kombo",
            self.alerts.ats_heard,
        )
        await talynce_tour(self.tk, self.big, self.me, self.console, self.show, self.step)
        if not await upload_tour(
            self.tk, int(job.id), self.me, self.console, self.show, self.step, self.alerts.uploaded
        ):
            return 1
        small = self.sandbox.job_ids[1]  # a small job with an active voice assessment
        if not await assess_tour(self.tk, small, self.me, self.console, self.show, self.step):
            return 1
        if not await interview_tour(
            self.tk,
            self.big,
            self.me,
            self.console,
            self.show,
            self.step,
            self.alerts.interview_heard,
        ):
            return 1
        self.step("Done")
        self.console.print(
            "Next: `tt --help`, `tt top-candidates job:<id>` on your own account "
            "(set TAPTALENT_API_KEY), Slack and MCP setup in the README."
        )
        return 0

    def step(self, title: str) -> None:
        self.console.print(Rule(title, align="left"))

    def show(self, result: BaseModel) -> None:
        Renderer(self.console).show(result)

    def note(self, text: str) -> None:
        self.console.print(text, style="dim", markup=False)

    @property
    def big(self) -> int:
        return self.sandbox.big_job_id or self.sandbox.job_ids[0]

    async def jobs(self) -> None:
        self.step("1. Jobs  (tt jobs)")
        self.show(await list_jobs(self.tk))
        await asyncio.sleep(self.pause)

    async def top_of_the_big_job(self) -> None:
        big = self.big
        self.step(f"2. The exact top 5 of job {big}  (tt top-candidates job:{big} limit:5)")
        before = len(self.sandbox.requests)
        started = time.perf_counter()
        top = await top_candidates(self.tk, big, limit=5)
        took = (time.perf_counter() - started) * 1000
        self.show(top)
        self.note(
            f"Ranked {top.total_scored} scored candidates with "
            f"{len(self.sandbox.requests) - before} API requests in {took:.0f} ms "
            "(the API cannot sort by score; tt probes score bands in parallel)."
        )
        await asyncio.sleep(self.pause)

    async def one_job(self) -> JobDetail:
        jobs = await list_jobs(self.tk, status="ACTIVE")
        job_id = int(next((j.id for j in jobs.jobs if j.id != self.big), self.big))
        job = await get_job(self.tk, job_id)
        self.step(f"3. Job {job_id} and its pipeline  (tt job {job_id})")
        self.show(job)
        await asyncio.sleep(self.pause)
        return job

    async def criteria_change_and_rescore(self, job: JobDetail) -> bool:
        """A recruiter changes a criterion; the rescore ends in the service's alert."""
        self.step(f"4. Criteria change, then a rescore  (tt rescore job:{job.id})")
        criteria = [{"criterion": c.criterion, "level": c.level} for c in job.criteria]
        if criteria:
            flipped = criteria[-1]
            flipped["level"] = "MUST_HAVE" if flipped["level"] != "MUST_HAVE" else "BONUS"
            self.note(
                f"In TapTalent a recruiter edits the job; here the sandbox does it: "
                f"“{flipped['criterion']}” is now {flipped['level']}."
            )
            self.sandbox.set_criteria(int(job.id), criteria)
        self.show(await rescore(self.tk, job.id, requested_by=self.me))
        self.note("Waiting for TapTalent's job.candidates.rescored webhook…")
        try:
            await asyncio.wait_for(self.alerts.arrived.wait(), timeout=60)
        except TimeoutError:
            self.console.print("No alert within 60 s; the tracker would poll for it.", style="red")
            return False
        await asyncio.sleep(self.pause)
        return True

    async def move_the_new_first(self, job: JobDetail) -> None:
        new_top = await top_candidates(self.tk, job.id, limit=1)
        if not new_top.candidates:
            return
        first = new_top.candidates[0]
        # The shortlist, or the next stage when the new #1 is already on it.
        target = next(
            (
                s
                for s in job.stages
                if s.type in ("SHORTLISTED", "OFFER") and s.id != first.stage_id
            ),
            None,
        )
        if target is None:
            return
        self.step(
            f"5. Move the new #1 forward  (tt move {first.job_candidate_id} stage:{target.type})"
        )
        self.show(
            await move_candidate(self.tk, first.job_candidate_id, target.type, requested_by=self.me)
        )
        for entry in await self.tk.store.audit_entries(limit=2):
            self.note(f"audit: {entry.actor} {entry.action} {entry.target} → {entry.result}")
