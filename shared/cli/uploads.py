"""The terminal's side of uploads: the [y/N] question, following the upload to its report
(as `tt rescore --wait` does), and showing what started and how it ended."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from pydantic import BaseModel
from rich.console import Console

from shared.actions.uploads import (
    UPLOAD_CHUNK,
    UploadPreview,
    UploadReport,
    UploadStarted,
    follow_upload,
    report_lines,
    upload_preview,
)
from shared.actions.uploads.progress import chunks_of
from shared.actions.uploads.urls import checked_urls, plural_urls
from shared.commands import Upload
from shared.config import Settings
from shared.store.operations import Operation
from shared.toolkit import Toolkit, open_toolkit

if TYPE_CHECKING:
    from shared.cli.terminal import Renderer

UPLOAD_RESULTS = (UploadStarted, UploadReport)


def upload_question(command: Upload, *, ask: bool) -> str:
    """What the upload would do. Refused links are named (InvalidInput) before anything
    else; on a terminal (`ask`) the job is looked up too, so the question names it as
    Slack's confirmation does (the same preview)."""
    urls = checked_urls(list(command.urls))
    if ask:
        preview = asyncio.run(_preview(command.job, urls))
        where, batches = f"{preview.job.title} (job {preview.job.id})", preview.batches
    else:
        where, batches = f"job {command.job}", -(-len(urls) // UPLOAD_CHUNK)
    return (
        f"Upload {plural_urls(len(urls))} to {where} in "
        f"{batches} batch{'es' if batches != 1 else ''} of up to {UPLOAD_CHUNK}? "
        "TapTalent downloads, parses and scores each résumé."
    )


async def _preview(job: int | str, urls: list[str]) -> UploadPreview:
    async with open_toolkit(Settings()) as tk:
        return await upload_preview(tk, job, urls)


def show_upload(out: Renderer, result: BaseModel) -> None:
    match result:
        case UploadStarted():
            out.line(result.message, style="bold" if result.batch_ids else "")
            if result.batch_ids:
                out.line(f"  upload {result.upload_id}: batches {', '.join(result.batch_ids)}")
        case UploadReport():
            title, lines = report_lines(result)
            out.line(title, style="bold")
            for line in lines:
                out.line(f"  {line}")


async def follow_in_terminal(
    tk: Toolkit, started: UploadStarted, err: Console, *, give_up_after: float, owner: str
) -> UploadReport:
    """Follow the upload to its report, showing which batches have ended."""
    with err.status("Waiting for TapTalent to parse the résumés…") as status:

        def show(operation: Operation) -> None:
            chunks = chunks_of(operation)
            ended = sum(1 for c in chunks if c.ended)
            line = f"Upload: {ended}/{len(chunks)} batches parsed"
            if chunks and ended == len(chunks) and operation.state == "pending":
                line += "; waiting for the new candidates' scores"
            status.update(line)
            if not err.is_terminal:
                err.print(f"progress: {line}", markup=False)

        return await follow_upload(
            tk, started.upload_id, owner=owner, give_up_after=give_up_after, on_progress=show
        )
