"""The terminal's rendering of the Talynce push and the cross-system status view, called
from `Renderer.show`'s match; and the job view's lines for InstaView and Talynce links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from shared.actions.models import RemoteJob
from shared.actions.status import CandidateStatus
from shared.actions.talynce.models import TalynceBatchResult, TalyncePushResult

if TYPE_CHECKING:
    from shared.cli.terminal import Renderer

CONNECTOR_RESULTS = (TalyncePushResult, TalynceBatchResult, CandidateStatus)
LABELS = {"instaview": "InstaView", "talynce": "Talynce"}
MARKS = {"ok": "✓", "none": "–", "not_connected": "·", "not_linked": "–", "failed": "✗"}


def remote_job_line(job: RemoteJob) -> str:
    name = f"{job.name} ({job.id})" if job.name else job.id
    return f"In {LABELS.get(job.system, job.system)}: {name}"


def show_connectors(out: Renderer, result: BaseModel) -> None:
    match result:
        case TalyncePushResult():
            out.line(result.message, style="bold" if result.changed else "")
            if result.talynce_candidate_id:
                out.line(f"  Talynce candidate: {result.talynce_candidate_id}")
        case TalynceBatchResult():
            out.line(result.message, style="bold")
            for p in result.pushed:
                out.line(f"  {p.job_candidate_id}  {p.name}: {p.outcome.replace('_', ' ')}")
            for f in result.failed:
                out.line(f"  {f.job_candidate_id}  {f.name}: {f.error}")
        case CandidateStatus():
            job = f" for {result.job.title} (job {result.job.id})" if result.job else ""
            out.line(f"{result.name}{job}, job candidate {result.job_candidate_id}", style="bold")
            width = max(len(s.label) for s in result.systems)
            for s in result.systems:
                out.line(f"  {MARKS.get(s.state, ' ')} {s.label:<{width}}  {s.summary}")
        case _:
            raise TypeError(f"not a connector result: {type(result).__name__}")
