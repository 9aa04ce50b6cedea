"""Terminal rendering of use-case results: tables and colour on a terminal, plain when piped.

Piped output (a file, `| cat`, CI logs) carries the same facts as the terminal's: its tables
are written column-aligned at whatever width their cells need, never squeezed to fit 80
columns, and its lines are never wrapped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shared.actions.dispatch import HelpResult
from shared.actions.errors import ActionError, NextStep
from shared.actions.models import (
    CandidateDetail,
    CandidateRow,
    JobDetail,
    JobsPage,
    MoveResult,
    RescoreGroupResult,
    RescoreReport,
    RescoreStatusResult,
    ScoreChange,
    SearchResult,
    TopCandidatesResult,
)
from shared.actions.presentation import (
    command_step,
    explain,
    plural,
    score_bar,
    score_text,
    skipped_note,
    state_heading,
)
from shared.cli.assessments import ASSESSMENT_RESULTS, show_assessments
from shared.cli.ats import ATS_RESULTS, ats_link_line, show_ats
from shared.cli.connectors import CONNECTOR_RESULTS, remote_job_line, show_connectors
from shared.cli.interviews import INTERVIEW_RESULTS, show_interview
from shared.cli.uploads import UPLOAD_RESULTS, show_upload
from shared.notify import summarize_report

PROG = "tt"
# Below this many columns, candidate tables on a terminal become two-line lists.
WIDE = 150
# Short columns that must never be squeezed into an ellipsis on a terminal.
_MIN_WIDTHS = {"#": 2, "score": 5, "": 10, "must": 4, "id": 6, "job": 4, "stage": 8}
_MAX_WIDTHS = {"name": 22, "title · company": 34, "stage": 14, "why": 60}


def cli_step(step: NextStep) -> str:
    """A next step as a `tt` command: 'Use `tt jobs` to see the job ids.'"""
    return command_step(step, PROG, code=lambda line: f"`{line}`")


def error_text(error: ActionError) -> str:
    return explain(error, cli_step)


@dataclass
class Rows:
    """A table's columns and rows, drawn by `Renderer.table` for a terminal or a pipe."""

    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append(tuple("" if c is None else str(c) for c in cells))

    def plain(self) -> str:
        """Column-aligned text as wide as the cells need; empty columns are left out."""
        keep = [
            i
            for i, _ in enumerate(self.columns)
            if not self.rows or any(row[i] for row in self.rows)
        ]
        grid = [
            tuple(self.columns[i] for i in keep),
            *(tuple(r[i] for i in keep) for r in self.rows),
        ]
        widths = [max(len(line[c]) for line in grid) for c in range(len(keep))]
        lines = [
            " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in grid
        ]
        lines.insert(1, "-+-".join("-" * w for w in widths))
        return "\n".join(line.rstrip() for line in lines)


class Renderer:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.plain = not console.is_terminal

    def line(self, text: str | Text, *, style: str = "") -> None:
        """One line of prose: never wrapped or cut when piped."""
        if isinstance(text, str):
            text = Text(text, style=style)
        self.console.print(text, soft_wrap=self.plain)

    def table(self, rows: Rows) -> None:
        if self.plain:
            self.console.print(rows.plain(), markup=False, highlight=False, soft_wrap=True)
            return
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for name in rows.columns:
            table.add_column(
                name,
                no_wrap=True,
                overflow="ellipsis",
                max_width=_MAX_WIDTHS.get(name),
                min_width=_MIN_WIDTHS.get(name),
            )
        for row in rows.rows:
            table.add_row(*row)
        self.console.print(table)

    def show(self, result: BaseModel) -> None:
        match result:
            case HelpResult():
                self.line(result.text)
            case JobsPage():
                self._jobs(result)
            case JobDetail():
                self._job(result)
            case TopCandidatesResult():
                self._top(result)
            case SearchResult():
                self._search(result)
            case CandidateDetail():
                self._candidate(result)
            case RescoreGroupResult():
                self._rescore_started(result)
            case RescoreStatusResult():
                self._rescore_status(result)
            case RescoreReport():
                for text in summarize_report(result):
                    self.line(text)
            case MoveResult():
                who = f" (by {result.actor})" if result.actor and result.moved else ""
                self.line(result.message + who, style="bold" if result.moved else "")
            case _ if isinstance(result, ATS_RESULTS):
                show_ats(self, result)
            case _ if isinstance(result, INTERVIEW_RESULTS):
                show_interview(self, result)
            case _ if isinstance(result, UPLOAD_RESULTS):
                show_upload(self, result)
            case _ if isinstance(result, ASSESSMENT_RESULTS):
                show_assessments(self, result)
            case _ if isinstance(result, CONNECTOR_RESULTS):
                show_connectors(self, result)
            case _:
                raise TypeError(f"tt cannot show a {type(result).__name__}; use --json")

    def _jobs(self, r: JobsPage) -> None:
        title = f"Jobs{f' ({r.status})' if r.status else ''} — page {r.page}"
        if r.total is not None:
            title += f" of {r.pages}, {r.total} in all"
        self.line(title, style="bold")
        rows = Rows(("id", "title", "status", "location", "mode", "candidates"))
        for j in r.jobs:
            rows.add(j.id, j.title, j.status, j.location, j.work_mode, j.candidates)
        self.table(rows)
        if r.has_more:
            self.line(
                f"More: {PROG} jobs{f' status:{r.status}' if r.status else ''} page:{r.page + 1}"
            )

    def _job(self, r: JobDetail) -> None:
        self.line(f"{r.title} (job {r.id})", style="bold")
        facts = [r.status, r.location, r.work_mode, f"salary {r.salary}" if r.salary else None]
        self.line(" · ".join(f for f in facts if f))
        if r.criteria:
            self.line("Criteria", style="bold")
            for c in r.criteria:
                self.line(f"  [{c.level}] {c.criterion}")
        rows = Rows(("stage id", "stage", "type", "candidates"))
        for s in r.stages:
            rows.add(s.id, s.name, s.type, s.count)
        self.table(rows)
        if r.ats is not None:
            self.line(ats_link_line(r.ats))
        for link in r.links:
            self.line(remote_job_line(link))
        self.line(f"Top candidates: {PROG} top-candidates job:{r.id}")

    def candidates(self, rows: list[CandidateRow], with_job: bool = False) -> None:
        if self.plain or self.console.width >= WIDE:
            self.table(_candidate_rows(rows, with_job))
            return
        # A narrow terminal: two lines a candidate rather than a table squeezed to nothing.
        for i, row in enumerate(rows, 1):
            facts = [
                " · ".join(p for p in (row.title, row.company) if p),
                f"must {row.must_have}" if row.must_have else "",
                row.stage or "",
                f"job {row.job_id}" if with_job else "",
            ]
            head = Text(f"{row.rank or i:>2}. ")
            head.append(f"{score_text(row.score):>5} ", style="bold")
            head.append(score_bar(row.score), style="green")
            head.append(f" {row.name}", style="bold")
            head.append(f" (id {row.job_candidate_id})")
            head.append(" — " + " · ".join(f for f in facts if f))
            self.console.print(head, no_wrap=True, overflow="ellipsis")
            if row.summary_line:
                self.console.print(
                    Text("    " + row.summary_line, style="dim"), no_wrap=True, overflow="ellipsis"
                )

    def _top(self, r: TopCandidatesResult) -> None:
        filters = [
            f"min {score_text(r.min_score)}" if r.min_score is not None else "",
            f"stage {r.stage.name}" if r.stage else "",
            "incl. rejected" if r.include_rejected else "",
        ]
        extra = ", ".join(f for f in filters if f)
        scored = "" if r.total_scored is None else f" of {r.total_scored:,} scored"
        self.line(
            f"Top {len(r.candidates)}{scored} — {r.job.title} (job {r.job.id})"
            + (f" [{extra}]" if extra else ""),
            style="bold",
        )
        if r.unscored:
            self.line(f"{plural(r.unscored, 'candidate')} not scored yet.")
        self.candidates(r.candidates)
        if r.tie:
            self.line(r.tie.note, style="yellow")
        if skipped := skipped_note(r.skipped):
            self.line(skipped, style="yellow")
        if r.has_more:
            more = min(50, r.offset + r.limit + 10)
            self.line(f"More: {PROG} top-candidates job:{r.job.id} limit:{more}")

    def _search(self, r: SearchResult) -> None:
        where = f" in {r.job.title} (job {r.job.id})" if r.job else " across all jobs"
        self.line(
            f"{plural(r.total_matches, 'match', 'matches')} for “{r.text}”{where} "
            f"({plural(r.scanned, 'candidate')} searched)",
            style="bold",
        )
        if r.matches:
            self.candidates(list(r.matches), with_job=r.job is None)

    def _candidate(self, d: CandidateDetail) -> None:
        job = f" — {d.job.title} (job {d.job.id})" if d.job else ""
        self.line(f"{d.name} (job candidate {d.job_candidate_id}){job}", style="bold")
        facts = [
            f"score {score_text(d.score)} {score_bar(d.score)}",
            f"Must Have {d.must_have}" if d.must_have else None,
            d.stage,
            d.status,
            " · ".join(p for p in (d.title, d.company, d.location) if p) or None,
        ]
        self.line(" · ".join(f for f in facts if f))
        if d.ai_summary:
            self.line(d.ai_summary)
        rows = Rows(("criterion", "level", "met", "evidence"))
        for c in d.criteria:
            met = "" if c.met is None else ("met" if c.met else "missing")
            rows.add(c.criterion, c.level, met, c.evidence)
        if rows.rows:
            self.table(rows)
        if d.skills:
            self.line("Skills: " + ", ".join(d.skills))

    def _rescore_started(self, r: RescoreGroupResult) -> None:
        self.line(r.message, style="bold red" if r.out_of_credits else "bold")
        for rid in r.rescore_ids:
            self.line(f"  {rid}   ({PROG} rescore-status {rid})")

    def _changes(self, changes: list[ScoreChange]) -> None:
        if not changes:
            return
        rows = Rows(("candidate", "before", "after", "change"))
        for ch in changes:
            change = "new" if ch.before is None else ("" if ch.delta is None else f"{ch.delta:+g}")
            rows.add(ch.name, score_text(ch.before), score_text(ch.after), change)
        self.table(rows)

    def _rescore_status(self, r: RescoreStatusResult) -> None:
        counts = f"{r.total_processed or 0}/{r.total_requested or 0} rescored"
        if r.total_failed:
            counts += f", {r.total_failed} failed"
        self.line(f"{state_heading(r.status)}: {r.rescore_id} — {counts}", style="bold")
        for e in r.errors:
            self.line(f"  why: {e}")
        if r.status == "completed":
            self.line(f"{plural(r.changed, 'score')} changed.")
            self._changes(r.changes)
            if r.new_top:
                self.line("New top", style="bold")
                self.candidates(r.new_top)


_CANDIDATE_COLUMNS = ("#", "score", "", "name", "title · company", "must", "stage", "id")


def _candidate_rows(rows: list[CandidateRow], with_job: bool) -> Rows:
    table = Rows((*_CANDIDATE_COLUMNS, *(("job",) if with_job else ()), "why"))
    for i, row in enumerate(rows, 1):
        table.add(
            row.rank or i,
            score_text(row.score),
            score_bar(row.score),
            row.name,
            " · ".join(p for p in (row.title, row.company) if p),
            row.must_have,
            row.stage,
            row.job_candidate_id,
            *((row.job_id,) if with_job else ()),
            row.summary_line,
        )
    return table
