"""`tt demo`'s last part: invite the top candidate to an AI interview on the InstaView
emulator, and the analysis coming back through its signed webhook as one alert."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel
from rich.console import Console

from shared.actions import top_candidates
from shared.actions.interviews import (
    InterviewPlan,
    interview_preview,
    interview_status,
    invite_to_interview,
)
from shared.store import Origin
from shared.toolkit import Toolkit

AGENT = "Screening (English, online)"


async def interview_tour(
    tk: Toolkit,
    job: int,
    me: Origin,
    console: Console,
    show: Callable[[BaseModel], None],
    step: Callable[[str], None],
    analysed: asyncio.Event,
) -> bool:
    """False when the analysis did not come back in time."""
    if tk.instaview is None or tk.instaview.sandbox is None:
        console.print("No InstaView emulator in this setup; skipping the interview.", style="dim")
        return True
    top = await top_candidates(tk, job, limit=1)
    if not top.candidates:
        return True
    jc = top.candidates[0].job_candidate_id
    step(f'12. An AI interview for the #1  (tt interview {jc} agent:"{AGENT}")')
    plan = await interview_preview(tk, jc, AGENT)
    assert isinstance(plan, InterviewPlan)
    console.print("The confirmation says what leaves TapTalent:", style="dim")
    show(plan)
    show(await invite_to_interview(tk, jc, AGENT, requested_by=me))
    console.print("Waiting for InstaView's signed analysis.completed webhook…", style="dim")
    try:
        await asyncio.wait_for(analysed.wait(), timeout=30)
    except TimeoutError:
        console.print("No analysis within 30 s; the tracker would poll for it.", style="red")
        return False
    step(f"13. Where the interview is  (tt interview-status {jc})")
    show(await interview_status(tk, jc))
    return True
