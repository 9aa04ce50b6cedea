"""The terminal's rendering of the ATS results (link, push, reject), called from
`Renderer.show`'s match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from shared.actions.ats.models import (
    LinkResult,
    PushBatchResult,
    PushResult,
    ReasonsResult,
    RejectResult,
)
from shared.actions.models import AtsLink

if TYPE_CHECKING:
    from shared.cli.terminal import Renderer

ATS_RESULTS = (LinkResult, PushResult, PushBatchResult, ReasonsResult, RejectResult)


def ats_link_line(link: AtsLink) -> str:
    mirror = ", mirroring moves" if link.mirror else ""
    stages = f"; stages: {', '.join(link.stages)}" if link.stages else ""
    return f"In the ATS: {link.ats_job_name} ({link.ats_job_id}){mirror}{stages}"


def show_ats(out: Renderer, result: BaseModel) -> None:
    match result:
        case LinkResult():
            out.line(result.message, style="bold" if result.linked else "")
            if result.choices and result.other_choices:
                out.line("In the ATS:")
            for job in result.choices:
                out.line(f"  {job.id}  {job.name}")
            if result.other_choices:
                out.line("In InstaView:")
            for other in result.other_choices:
                out.line(f"  {other.id}  {other.name}")
        case PushResult():
            out.line(result.message, style="bold" if result.changed else "")
            if result.remote_url:
                out.line(f"  in the ATS: {result.remote_url}")
            for warning in result.warnings:
                out.line(f"  note from Kombo: {warning}")
        case PushBatchResult():
            out.line(result.message, style="bold")
            for p in result.pushed:
                state = "sent" if p.changed else "already there"
                out.line(f"  {p.job_candidate_id}  {p.name}: {state}")
            for f in result.failed:
                out.line(f"  {f.job_candidate_id}  {f.name}: {f.error}")
        case ReasonsResult():
            out.line(result.message)
            for reason in result.reasons:
                out.line(f"  {reason}")
        case RejectResult():
            out.line(result.message, style="bold" if result.rejected else "")
            if result.remote_url:
                out.line(f"  in the ATS: {result.remote_url}")
        case _:
            raise TypeError(f"not an ATS result: {type(result).__name__}")
