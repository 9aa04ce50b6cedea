"""`tt demo`'s upload: résumé links into a job, parsed and scored by the sandbox, ending in
the upload's report (its webhooks, then the scores catching up)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from pydantic import BaseModel
from rich.console import Console

from shared.actions.uploads import upload_resumes
from shared.store import Origin
from shared.toolkit import Toolkit

LINKS = [
    "https://files.example.com/cv/amara-okafor.pdf",
    "https://files.example.com/cv/jonas-berg.docx",
    "https://files.example.com/cv/mei-tanaka.pdf",
    "https://files.example.com/cv/fail-scanned-photo.pdf",  # the sandbox cannot parse it
]


async def upload_tour(
    tk: Toolkit,
    job: int,
    me: Origin,
    console: Console,
    show: Callable[[BaseModel], None],
    step: Callable[[str], None],
    reported: asyncio.Event,
) -> bool:
    step(f"10. Résumés into job {job}  (tt upload job:{job} <links>)")
    show(await upload_resumes(tk, job, LINKS, requested_by=me))
    console.print(
        "Waiting for resume.bulk_upload_parse.completed, then for the new candidates' scores…",
        style="dim",
    )
    try:
        await asyncio.wait_for(reported.wait(), timeout=60)
    except TimeoutError:
        console.print("No report within 60 s; the tracker would keep asking.", style="red")
        return False
    return True
