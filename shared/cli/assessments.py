"""The terminal's assessments: rendering (called from `Renderer.show`'s match) and the
`[y/N]` question `tt assess` asks, built from the same preview Slack's confirmation uses."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel

from shared.actions.assessments import (
    NEW,
    AssessmentDetail,
    AssessmentsResult,
    InviteResult,
    assess_preview,
)
from shared.actions.presentation import plural, score_text, skipped_note
from shared.cli.prompt import ask
from shared.commands import Assess
from shared.config import Settings
from shared.toolkit import open_toolkit

if TYPE_CHECKING:
    from shared.cli.terminal import Renderer

ASSESSMENT_RESULTS = (AssessmentsResult, AssessmentDetail, InviteResult)


def show_assessments(out: Renderer, result: BaseModel) -> None:
    from shared.cli.terminal import Rows

    match result:
        case AssessmentsResult():
            whose = f" of job {result.job.id} ({result.job.title})" if result.job else ""
            out.line(f"Assessments{whose}: {len(result.assessments)}", style="bold")
            rows = Rows(("id", "name", "job", "status", "questions", "submissions"))
            for a in result.assessments:
                rows.add(a.id, a.name, a.job_id, a.status, a.questions, a.submissions)
            if result.assessments:
                out.table(rows)
            if note := skipped_note(result.skipped):
                out.line(note)
        case AssessmentDetail():
            a = result.assessment
            out.line(f"{a.name} ({a.id})", style="bold")
            facts = [f"job {a.job_id}" if a.job_id else None, a.status, a.kind]
            facts += [f"{a.minutes} min" if a.minutes else None]
            facts += [plural(a.submissions, "submission") if a.submissions is not None else None]
            out.line(" · ".join(f for f in facts if f))
            for label, value in (("role", result.role), ("purpose", result.purpose)):
                if value:
                    out.line(f"{label}: {value}")
            if result.skills:
                out.line("skills: " + ", ".join(result.skills))
            out.line(f"Questions ({len(result.questions)}):")
            for q in result.questions:
                seconds = f" ({q.seconds} s)" if q.seconds else ""
                out.line(f"  {q.order}. {q.text}{seconds}")
            if result.unreadable_questions:
                out.line(f"  ({plural(result.unreadable_questions, 'question')} unreadable)")
            _submissions(out, result)
        case InviteResult():
            out.line(result.message, style="bold" if result.changed else "")
            if result.assessment.url:
                out.line(f"  assessment: {result.assessment.url}")
        case _:
            raise TypeError(f"not an assessment result: {type(result).__name__}")


def _submissions(out: Renderer, d: AssessmentDetail) -> None:
    if not d.submissions_total:
        out.line("Nobody has completed it yet.")
        return
    out.line(f"Completed by {d.submissions_total}; the best {len(d.submissions)}:")
    for s in d.submissions:
        who = f"{s.job_candidate_id}  " if s.job_candidate_id is not None else ""
        out.line(f"  {who}{s.name}: {score_text(s.score)}")


async def _preview_question(command: Assess) -> tuple[str | None, Assess]:
    """(the question to ask, or None when nothing would be sent; the command to run)."""
    async with open_toolkit(Settings()) as tk:
        preview = await assess_preview(tk, command.job_candidate, command.assessment)
    if preview.already:
        return None, command
    if preview.generate:
        return preview.question, command.model_copy(update={"assessment": NEW})
    return preview.question, command


def confirm_assess(command: Assess) -> Assess | None:
    """Ask on a terminal what `assess` would do; the command to run, or None if declined.
    Raises `ActionError` when the preview cannot be made (no such candidate, ...)."""
    question, to_run = asyncio.run(_preview_question(command))
    if question is None or not sys.stdin.isatty():
        return to_run
    return to_run if ask(question) else None
