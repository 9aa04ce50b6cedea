"""`tt demo`'s assessment part: list a job's voice assessment, invite its top candidate,
and hear the score come back (the sandbox's candidate "takes" it in a moment; its webhook
reaches the service, whose tracker announces the score once)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel
from rich.console import Console

from shared.actions import top_candidates
from shared.actions.assessments import invite_to_assessment, list_assessments
from shared.actions.assessments.state import KIND
from shared.store import Origin
from shared.toolkit import Toolkit

NOTICE_TIMEOUT = 30.0


async def assess_tour(
    tk: Toolkit,
    job: int,
    me: Origin,
    console: Console,
    show: Callable[[BaseModel], None],
    step: Callable[[str], None],
) -> bool:
    """True once the score's notice was announced (printed by the console notifier)."""
    step(f"10. The job's voice assessments  (tt assessments job:{job})")
    show(await list_assessments(tk, job))
    top = await top_candidates(tk, job, limit=1)
    first = top.candidates[0].job_candidate_id
    step(f"11. Invite its top candidate  (tt assess {first})")
    show(await invite_to_assessment(tk, first, requested_by=me))
    [operation] = await tk.store.operations(KIND, pending=True, subject=str(first))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + NOTICE_TIMEOUT
    while loop.time() < deadline:  # the service's tracker posts it; watch the store
        told = await tk.store.notice_owner(KIND, operation.id)
        if told is not None and told[1] == "sent":
            return True
        await asyncio.sleep(0.2)
    console.print("The assessment's score did not come back in time.", style="red")
    return False
