"""`tt demo`'s Talynce part: link the job to its Talynce twin, push the top candidate
(created or matched, CTC said), and read every system back with `status`."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel
from rich.console import Console

from shared.actions import top_candidates
from shared.actions.linking import link_job
from shared.actions.status import candidate_status
from shared.actions.talynce import push_to_talynce
from shared.store import Origin
from shared.toolkit import Toolkit


async def talynce_tour(
    tk: Toolkit,
    job: int,
    me: Origin,
    console: Console,
    show: Callable[[BaseModel], None],
    step: Callable[[str], None],
) -> None:
    if tk.talynce is None or tk.talynce.sandbox is None:
        console.print("No Talynce emulator in this setup; skipping the Talynce steps.", style="dim")
        return
    top = await top_candidates(tk, job, limit=1)
    title, jc = top.job.title, top.candidates[0].job_candidate_id
    talynce_job = tk.talynce.sandbox.job_id(title)
    step(f"10. To Talynce, the top candidate  (tt push {jc} to:talynce)")
    show(await link_job(tk, job, talynce=talynce_job, requested_by=me))
    show(await push_to_talynce(tk, jc, requested_by=me))
    step(f"11. The candidate in every system  (tt status {jc})")
    show(await candidate_status(tk, jc))
