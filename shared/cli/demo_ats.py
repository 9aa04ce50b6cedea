"""`tt demo`'s ATS part: link a job to the emulated ATS (Kombo), push, mirror a move, and
hear back from the ATS through a signed webhook."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel
from rich.console import Console

from shared.actions import move_candidate
from shared.actions.ats import link_job, push_top
from shared.store import Origin
from shared.toolkit import Toolkit

ATS_JOB = "KJ0001"  # "Senior Backend Engineer" in the Kombo emulator


async def ats_tour(
    tk: Toolkit,
    job: int,
    me: Origin,
    console: Console,
    show: Callable[[BaseModel], None],
    step: Callable[[str], None],
    webhook_url: str,
    heard: asyncio.Event,
) -> None:
    if tk.ats is None or tk.ats.sandbox is None:
        console.print("No ATS emulator in this setup; skipping the ATS steps.", style="dim")
        return
    ksb = tk.ats.sandbox
    step(f"Link job {job} to the customer's ATS  (tt link job:{job})")
    show(await link_job(tk, job, requested_by=me))
    show(await link_job(tk, job, ATS_JOB, mirror=True, requested_by=me))

    step(f"Send the top 2 to the ATS  (tt push top:2 job:{job} to:ats)")
    before = ksb.requests[:]
    show(await push_top(tk, job, 2, requested_by=me))
    console.print(
        f"{len(ksb.requests) - len(before)} Kombo requests: an e-mail lookup, the application, "
        "the score as a result link and the AI summary as a note, per candidate.",
        style="dim",
    )
    pushed = await tk.store.pushed_applications()
    first = pushed[0]
    step(f'A mirrored move  (tt move {first.job_candidate_id} stage:"Phone Screen")')
    moved = await move_candidate(tk, first.job_candidate_id, "Phone Screen", requested_by=me)
    if not moved.moved:
        moved = await move_candidate(tk, first.job_candidate_id, "ASSESSMENT", requested_by=me)
    show(moved)

    step("The ATS changes on its own; Kombo's signed webhook tells tt")
    assert first.application_id is not None
    ksb.reject_in_ats(first.application_id, "Position filled")
    ksb.webhook_url = webhook_url
    answer = await ksb.send_data_changed("ats_applications")
    console.print(f"POST /webhooks/kombo → {answer.status_code}", style="dim")
    await asyncio.wait_for(heard.wait(), timeout=30)
