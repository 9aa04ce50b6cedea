"""The CLI's share of the ATS commands: the confirmation question, and the rendering."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from shared.actions.ats.models import (
    LinkResult,
    PushBatchResult,
    PushResult,
    ReasonsResult,
    RejectResult,
)
from shared.actions.models import AtsLink
from shared.commands import AnyCommand, Link, Push, Reject


def ats_question(command: AnyCommand) -> str | None:
    """What to ask before an ATS write, or None when the command writes nothing."""
    match command:
        case Link(ats=str(ats)):
            return f"Link job {command.job} to ATS job {ats}?"
        case Push(top=int(top)):
            return f"Send the top {top} of job {command.job} to the ATS?"
        case Push():
            return f"Send job candidate {command.job_candidate} to the ATS?"
        case Reject(reason=str(reason)):
            return f'Reject job candidate {command.job_candidate} in the ATS ("{reason}")?'
    return None


class AtsRendering:
    """Renderer methods for the ATS results (mixed into `Renderer`)."""

    console: Console

    def ats_link(self, link: AtsLink) -> None:
        mirror = ", mirroring moves" if link.mirror else ""
        stages = f"; stages: {', '.join(link.stages)}" if link.stages else ""
        line = f"In the ATS: {link.ats_job_name} ({link.ats_job_id}){mirror}{stages}"
        self.console.print(line, markup=False)

    def _LinkResult(self, r: LinkResult) -> None:
        self.console.print(Text(r.message, style="bold" if r.linked else ""))
        for job in r.choices:
            self.console.print(f"  {job.id}  {job.name}", markup=False)

    def _PushResult(self, r: PushResult) -> None:
        self.console.print(Text(r.message, style="bold" if r.changed else ""))
        if r.remote_url:
            self.console.print(f"  in the ATS: {r.remote_url}", markup=False)
        for warning in r.warnings:
            self.console.print(f"  note from Kombo: {warning}", markup=False)

    def _PushBatchResult(self, r: PushBatchResult) -> None:
        self.console.print(Text(r.message, style="bold"))
        for p in r.pushed:
            state = "sent" if p.changed else "already there"
            self.console.print(f"  {p.job_candidate_id}  {p.name}: {state}", markup=False)
        for f in r.failed:
            self.console.print(f"  {f.job_candidate_id}  {f.name}: {f.error}", markup=False)

    def _ReasonsResult(self, r: ReasonsResult) -> None:
        self.console.print(r.message, markup=False)
        for reason in r.reasons:
            self.console.print(f"  {reason}", markup=False)

    def _RejectResult(self, r: RejectResult) -> None:
        self.console.print(Text(r.message, style="bold" if r.rejected else ""))
        if r.remote_url:
            self.console.print(f"  in the ATS: {r.remote_url}", markup=False)
