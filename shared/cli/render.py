"""Terminal rendering of use-case results: tables and colour on a terminal, plain when piped."""

from __future__ import annotations

from pydantic import BaseModel
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shared.actions.dispatch import HelpResult
from shared.actions.models import (
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
from shared.cli.ats import AtsRendering
from shared.notify import summarize_report

# Below this many columns, candidate tables become two-line lists.
WIDE = 150
# Short columns that must never be squeezed into an ellipsis.
_MIN_WIDTHS = {"#": 2, "score": 5, "": 10, "must": 4, "id": 6, "job": 4, "stage": 8}


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def score_bar(value: float | None, width: int = 10) -> str:
    if value is None:
        return "·" * width
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


class Renderer(AtsRendering):
    def __init__(self, console: Console) -> None:
        self.console = console
        self.plain = not console.is_terminal

    def _table(self, *columns: str, widths: dict[str, int] | None = None) -> Table:
        table = Table(
            box=box.ASCII if self.plain else box.SIMPLE_HEAD,
            show_edge=not self.plain,
            pad_edge=False,
        )
        for name in columns:
            limit = (widths or {}).get(name)
            table.add_column(
                name,
                no_wrap=True,
                overflow="ellipsis",
                max_width=limit,
                min_width=_MIN_WIDTHS.get(name),
            )
        return table

    def table(self, table: Table) -> None:
        self.console.print(table)

    def show(self, result: BaseModel) -> None:
        handler = getattr(self, f"_{type(result).__name__}", None)
        if handler is None:
            self.console.print_json(result.model_dump_json())
        else:
            handler(result)

    def _HelpResult(self, r: HelpResult) -> None:
        self.console.print(Text(r.text))

    def _JobsPage(self, r: JobsPage) -> None:
        title = f"Jobs{f' ({r.status})' if r.status else ''} — page {r.page}"
        if r.total is not None:
            title += f" of {max(1, -(-r.total // r.per_page))}, {r.total} in all"
        self.console.print(Text(title, style="bold"))
        table = self._table("id", "title", "status", "location", "mode", "candidates")
        for j in r.jobs:
            table.add_row(
                str(j.id),
                j.title,
                j.status or "",
                j.location,
                j.work_mode or "",
                "" if j.candidates is None else str(j.candidates),
            )
        self.table(table)
        if r.has_more:
            self.console.print(
                f"More: tt jobs{f' status:{r.status}' if r.status else ''} page:{r.page + 1}"
            )

    def _JobDetail(self, r: JobDetail) -> None:
        self.console.print(Text(f"{r.title} (job {r.id})", style="bold"))
        self.console.print(
            f"{r.status or ''} · {r.location} · {r.work_mode or ''}"
            + (f" · salary {r.salary}" if r.salary else "")
        )
        if r.criteria:
            self.console.print(Text("Criteria", style="bold"))
            for c in r.criteria:
                self.console.print(f"  [{c.level}] {c.criterion}", markup=False)
        table = self._table("stage id", "stage", "type", "candidates")
        for s in r.stages:
            table.add_row(
                "" if s.id is None else str(s.id),
                s.name,
                s.type,
                "" if s.count is None else str(s.count),
            )
        self.table(table)
        if r.ats is not None:
            self.ats_link(r.ats)
        self.console.print(f"Top candidates: tt top-candidates job:{r.id}")

    def candidates(self, rows: list[CandidateRow], with_job: bool = False) -> None:
        if self.plain or self.console.width >= WIDE:
            self.table(self._rows(rows, with_job))
            return
        # A narrow terminal: two lines a candidate rather than a table squeezed to nothing.
        for i, row in enumerate(rows, 1):
            facts = [
                " · ".join(p for p in (row.title, row.company) if p),
                f"must {row.must_have_met}/{row.must_have_total}"
                if row.must_have_total is not None
                else "",
                row.stage or "",
                f"job {row.job_id}" if with_job else "",
            ]
            head = Text(f"{row.rank or i:>2}. ")
            head.append(f"{_score(row.score):>5} ", style="bold")
            head.append(score_bar(row.score), style="green")
            head.append(f" {row.name}", style="bold")
            head.append(f" (id {row.job_candidate_id})")
            head.append(" — " + " · ".join(f for f in facts if f))
            self.console.print(head, no_wrap=True, overflow="ellipsis")
            if row.summary_line:
                self.console.print(
                    Text("    " + row.summary_line, style="dim"), no_wrap=True, overflow="ellipsis"
                )

    def _rows(self, rows: list[CandidateRow], with_job: bool = False) -> Table:
        table = self._table(
            "#",
            "score",
            "",
            "name",
            "title · company",
            "must",
            "stage",
            "id",
            *(("job",) if with_job else ()),
            "why",
            widths={"name": 22, "title · company": 34, "stage": 14, "why": 60},
        )
        for i, row in enumerate(rows, 1):
            must = (
                f"{row.must_have_met}/{row.must_have_total}"
                if row.must_have_total is not None
                else ""
            )
            work = " · ".join(p for p in (row.title, row.company) if p)
            table.add_row(
                str(row.rank or i),
                _score(row.score),
                score_bar(row.score),
                row.name,
                work,
                must,
                row.stage or "",
                str(row.job_candidate_id),
                *((str(row.job_id),) if with_job else ()),
                row.summary_line or "",
            )
        return table

    def _TopCandidatesResult(self, r: TopCandidatesResult) -> None:
        filters = [
            f"min {r.min_score:g}" if r.min_score is not None else "",
            f"stage {r.stage.name}" if r.stage else "",
            "incl. rejected" if r.include_rejected else "",
        ]
        extra = ", ".join(f for f in filters if f)
        self.console.print(
            Text(
                f"Top {len(r.candidates)} of {r.total_scored} scored — "
                f"{r.job.title} (job {r.job.id})" + (f" [{extra}]" if extra else ""),
                style="bold",
            )
        )
        if r.unscored:
            self.console.print(f"{r.unscored} candidate(s) not scored yet.")
        self.candidates(r.candidates)
        if r.has_more:
            self.console.print(
                f"More: tt top-candidates job:{r.job.id} limit:{min(50, r.offset + r.limit + 10)}"
            )

    def _SearchResult(self, r: SearchResult) -> None:
        where = f" in {r.job.title} (job {r.job.id})" if r.job else " across all jobs"
        self.console.print(
            Text(
                f"{r.total_matches} match(es) for “{r.text}”{where} "
                f"({r.scanned} candidates searched)",
                style="bold",
            )
        )
        if r.matches:
            self.candidates(list(r.matches), with_job=r.job is None)

    def _RescoreGroupResult(self, r: RescoreGroupResult) -> None:
        self.console.print(Text(r.message, style="bold red" if r.out_of_credits else "bold"))
        for rid in r.rescore_ids:
            self.console.print(f"  {rid}   (tt rescore-status {rid})")

    def _changes(self, changes: list[ScoreChange]) -> None:
        if not changes:
            return
        table = self._table("candidate", "before", "after", "change")
        for ch in changes:
            delta = ch.delta
            table.add_row(
                ch.name, _score(ch.before), _score(ch.after), "" if delta is None else f"{delta:+g}"
            )
        self.table(table)

    def _RescoreStatusResult(self, r: RescoreStatusResult) -> None:
        counts = f"{r.total_processed or 0}/{r.total_requested or 0} rescored"
        if r.total_failed:
            counts += f", {r.total_failed} failed"
        self.console.print(Text(f"{r.rescore_id}: {r.status} — {counts}", style="bold"))
        for e in r.errors:
            self.console.print(f"  why: {e}", markup=False)
        if r.status == "completed":
            self.console.print(f"{r.changed} score(s) changed.")
            self._changes(r.changes)
            if r.new_top:
                self.console.print(Text("New top", style="bold"))
                self.candidates(r.new_top)

    def _RescoreReport(self, r: RescoreReport) -> None:
        for line in summarize_report(r):
            self.console.print(line, markup=False)

    def _MoveResult(self, r: MoveResult) -> None:
        who = f" (by {r.actor})" if r.actor and r.moved else ""
        self.console.print(Text(r.message + who, style="bold" if r.moved else ""))
