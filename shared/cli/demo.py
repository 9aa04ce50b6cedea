"""`tt demo`: the whole loop on the sandbox, over real HTTP on loopback, step by step.

The sandbox and the service each listen on a loopback port; the sandbox delivers its
webhooks to the service, whose tracker completes the rescore and prints the alert.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr
from rich.console import Console
from rich.rule import Rule

from shared.actions import get_job, list_jobs, move_candidate, rescore, top_candidates
from shared.actions.ats.models import AtsChange
from shared.actions.models import RescoreReport
from shared.cli.demo_ats import ats_tour
from shared.cli.render import Renderer
from shared.config import Settings
from shared.notify import ConsoleNotifier
from shared.sandbox import Sandbox, SandboxConfig
from shared.service import Service
from shared.service.background import serve_in_background
from shared.store import Origin


class _AlertWaiter(ConsoleNotifier):
    def __init__(self, console: Console) -> None:
        super().__init__(write=lambda line: console.print(line, markup=False, style="green"))
        self.arrived = asyncio.Event()
        self.ats_heard = asyncio.Event()

    async def ats_changed(self, change: AtsChange) -> None:
        self.write(f"{change.message} (would go in the thread of the push)")
        self.ats_heard.set()

    async def rescore_finished(self, report: RescoreReport) -> None:
        await super().rescore_finished(report)
        self.arrived.set()


def run_demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tt demo", description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds to pause between steps (for presenting)"
    )
    opts = parser.parse_args(argv)
    return asyncio.run(_demo(opts.seed, opts.pause))


async def _demo(seed: int, pause: float) -> int:
    console = Console(highlight=False)
    show = Renderer(console).show

    def step(title: str) -> None:
        console.print(Rule(title, align="left"))

    with tempfile.TemporaryDirectory(prefix="tt-demo-") as tmp:
        sandbox = Sandbox(SandboxConfig(seed=seed, rescore_delay=1.0))
        settings = Settings(
            TT_DB_PATH=Path(tmp) / "tt.sqlite3",
            TAPTALENT_WEBHOOK_KEY=SecretStr(sandbox.webhook_key),
            TT_POLL_AFTER=60.0,
        )
        alerts = _AlertWaiter(console)
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
                tk = service.tk
                console.print(f"Sandbox (TapTalent Partner API emulator): {sandbox_url}/v1/partner")
                console.print(f"Service (webhooks, health):               {service_url}")
                me = Origin(kind="cli", user=f"cli:{getpass.getuser()}")

                step("1. Jobs  (tt jobs)")
                show(await list_jobs(tk))
                await asyncio.sleep(pause)

                big = sandbox.big_job_id or sandbox.job_ids[0]
                step(f"2. The exact top 5 of job {big}  (tt top-candidates job:{big} limit:5)")
                before = len(sandbox.requests)
                started = time.perf_counter()
                top = await top_candidates(tk, big, limit=5)
                took = (time.perf_counter() - started) * 1000
                show(top)
                console.print(
                    f"Ranked {top.total_scored} scored candidates with "
                    f"{len(sandbox.requests) - before} API requests in {took:.0f} ms "
                    "(the API cannot sort by score; tt probes score bands in parallel).",
                    style="dim",
                )
                await asyncio.sleep(pause)

                jobs = await list_jobs(tk, status="ACTIVE")
                job_id = int(next((j.id for j in jobs.jobs if j.id != big), big))
                job = await get_job(tk, job_id)
                step(f"3. Job {job_id} and its pipeline  (tt job {job_id})")
                show(job)
                await asyncio.sleep(pause)

                step(f"4. Criteria change, then a rescore  (tt rescore job:{job_id})")
                new_criteria = [{"criterion": c.criterion, "level": c.level} for c in job.criteria]
                if new_criteria:
                    flipped = new_criteria[-1]
                    flipped["level"] = "MUST_HAVE" if flipped["level"] != "MUST_HAVE" else "BONUS"
                    console.print(
                        f"In TapTalent a recruiter edits the job; here the sandbox does it: "
                        f"“{flipped['criterion']}” is now {flipped['level']}.",
                        style="dim",
                    )
                    sandbox.set_criteria(job_id, new_criteria)
                started_group = await rescore(tk, job_id, requested_by=me)
                show(started_group)
                console.print(
                    "Waiting for TapTalent's job.candidates.rescored webhook…", style="dim"
                )
                try:
                    await asyncio.wait_for(alerts.arrived.wait(), timeout=60)
                except TimeoutError:
                    console.print(
                        "No alert within 60 s; the tracker would poll for it.", style="red"
                    )
                    return 1
                await asyncio.sleep(pause)

                new_top = await top_candidates(tk, job_id, limit=1)
                if new_top.candidates:
                    first = new_top.candidates[0]
                    step(
                        f"5. Move the new #1 to the shortlist  "
                        f"(tt move {first.job_candidate_id} stage:SHORTLISTED)"
                    )
                    show(
                        await move_candidate(
                            tk, first.job_candidate_id, "SHORTLISTED", requested_by=me
                        )
                    )
                    entries = await tk.store.audit_entries(limit=2)
                    for entry in entries:
                        console.print(
                            f"audit: {entry.actor} {entry.action} {entry.target} → {entry.result}",
                            style="dim",
                            markup=False,
                        )

                await ats_tour(
                    tk,
                    big,
                    me,
                    console,
                    show,
                    step,
                    f"{service_url}/webhooks/kombo",
                    alerts.ats_heard,
                )

                step("Done")
                console.print(
                    "Next: `tt --help`, `tt top-candidates job:<id>` on your own account "
                    "(set TAPTALENT_API_KEY), Slack and MCP setup in the README."
                )
        await sandbox.aclose()
    return 0
