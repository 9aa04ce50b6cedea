"""What `tt` prints: every result model has a rendering, and piped output keeps every fact."""

from __future__ import annotations

import inspect
import io
import typing

import pytest
from pydantic import BaseModel
from rich.console import Console

from shared import actions
from shared.actions import models as m
from shared.actions.dispatch import HelpResult
from shared.cli.terminal import Renderer
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import Toolkit
from tests.support.sandboxes import big_job

ORIGIN = Origin(kind="cli", user="cli:test")
JOB = m.JobRef(id=7, title="Data Engineer")
ROW = m.CandidateRow(
    rank=1,
    job_candidate_id=70,
    name="Ada Lovelace",
    score=91.5,
    must_have_met=2,
    must_have_total=3,
    stage="Phone Screen",
    title="Engineer",
    company="Acme",
    summary_line="Strong SQL.",
)
SAMPLES: dict[type[BaseModel], BaseModel] = {
    HelpResult: HelpResult(text="Commands: ..."),
    m.JobsPage: m.JobsPage(jobs=[m.JobSummary(id=7, title="Data Engineer")], page=1, per_page=10),
    m.JobDetail: m.JobDetail(
        id=7, title="Data Engineer", stages=[m.StageInfo(name="A", type="APPLIED")]
    ),
    m.TopCandidatesResult: m.TopCandidatesResult(job=JOB, candidates=[ROW], limit=1),
    m.SearchResult: m.SearchResult(
        text="sql", matches=[m.SearchMatch(**ROW.model_dump())], scanned=5, total_matches=1
    ),
    m.CandidateDetail: m.CandidateDetail(**ROW.model_dump(), job=JOB, ai_summary="Good."),
    m.RescoreGroupResult: m.RescoreGroupResult(
        job=JOB, rescore_ids=["rescore_7_1"], requested_by=ORIGIN, message="Rescoring 3."
    ),
    m.RescoreStatusResult: m.RescoreStatusResult(
        rescore_id="rescore_7_1",
        job_id=7,
        status="completed",
        changes=[m.ScoreChange(job_candidate_id=70, name="Ada Lovelace", after=50)],
    ),
    m.RescoreReport: m.RescoreReport(
        group_id="g",
        job=JOB,
        origin=ORIGIN,
        state="completed",
        rescore_ids=["rescore_7_1"],
        requested_at=0,
        ended_at=1,
    ),
    m.MoveResult: m.MoveResult(
        job_candidate_id=70,
        name="Ada",
        job=JOB,
        to_stage=m.StageInfo(name="B", type="SCREEN"),
        moved=True,
        message="Ada moved to B.",
    ),
}


def _result_models() -> set[type[BaseModel]]:
    """Every model a use case returns (read from their signatures), and help's."""
    found: set[type[BaseModel]] = {HelpResult}
    for name in actions.__all__:
        fn = getattr(actions, name)
        if inspect.iscoroutinefunction(fn):
            returned = typing.get_type_hints(fn).get("return")
            if isinstance(returned, type) and issubclass(returned, BaseModel):
                found.add(returned)
    return found


def _piped() -> tuple[Renderer, io.StringIO]:
    out = io.StringIO()
    return Renderer(Console(file=out, width=80, highlight=False)), out


def test_every_result_model_has_a_rendering():
    assert _result_models() <= set(SAMPLES), "add a sample (and a rendering) for new results"
    for model, sample in SAMPLES.items():
        renderer, out = _piped()
        renderer.show(sample)
        assert out.getvalue().strip(), model.__name__
        assert not out.getvalue().lstrip().startswith("{"), f"{model.__name__} printed as JSON"


def test_an_unknown_result_is_refused_rather_than_dumped():
    class Renamed(BaseModel):
        x: int = 1

    with pytest.raises(TypeError, match="Renamed"):
        _piped()[0].show(Renamed())


async def test_piped_ranked_list_keeps_every_name_and_no_empty_column(
    tk: Toolkit, sandbox: Sandbox
):
    """`make demo | cat` printed empty columns and lost the names in 80 columns."""
    job = big_job(sandbox)
    assert job is not None
    result = await actions.top_candidates(tk, job, limit=5)
    renderer, out = _piped()
    renderer.show(result)
    text = out.getvalue()
    assert "\x1b[" not in text and "…" not in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("# "))
    columns = [c.strip() for c in lines[header].split(" | ")]
    assert columns[:4] == ["#", "score", "", "name"] and "why" in columns
    rows = [line.split(" | ") for line in lines[header + 2 : header + 7]]
    for row, candidate in zip(rows, result.candidates, strict=True):
        cells = dict(zip(columns, (c.strip() for c in row), strict=False))
        assert cells["name"] == candidate.name
        assert cells["id"] == str(candidate.job_candidate_id)
        assert cells["must"] == candidate.must_have and cells["stage"] == candidate.stage
        assert cells["why"] == candidate.summary_line
    for i, name in enumerate(columns):
        assert any(row[i].strip() for row in rows), f"column {name!r} is empty"
    if result.tie is not None:
        assert result.tie.note in text


async def test_piped_jobs_list_drops_no_facts(tk: Toolkit):
    page = await actions.list_jobs(tk)
    renderer, out = _piped()
    renderer.show(page)
    text = out.getvalue()
    for job in page.jobs:
        line = next(line for line in text.splitlines() if line.startswith(f"{job.id} "))
        assert job.title in line and job.location in line and str(job.candidates) in line
        assert (job.work_mode or "") in line and (job.status or "") in line


def test_a_report_cut_short_says_what_was_not_done_and_labels_first_scores():
    report = m.RescoreReport(
        group_id="g",
        job=JOB,
        origin=ORIGIN,
        state="partial",
        rescore_ids=["rescore_7_1"],
        processed=1,
        changed=2,
        changes=[
            m.ScoreChange(job_candidate_id=70, name="Ada Lovelace", before=40, after=75.5),
            m.ScoreChange(job_candidate_id=71, name="Alan Turing", after=50),
        ],
        not_done_ids=["72"],
        requested_at=0,
        ended_at=1,
    )
    renderer, out = _piped()
    renderer.show(report)
    text = out.getvalue()
    assert text.startswith("Rescore partly complete: Data Engineer (job 7)")
    assert "1 candidate not rescored: credits ran out." in text
    assert "Ada Lovelace: 40 → 75.5" in text and "Alan Turing: 50 (first score)" in text
    assert "2 scores changed" in text


def test_a_list_cut_inside_a_tie_says_so_in_the_terminal_too():
    result = m.TopCandidatesResult(
        job=JOB, candidates=[ROW], limit=1, tie=m.Tie(score=91.5, count=117, shown=1)
    )
    for console in (
        Console(file=io.StringIO(), width=80),
        Console(file=io.StringIO(), width=200, force_terminal=True),
    ):
        Renderer(console).show(result)
        assert "117 candidates tie at 91.5; shown in id order." in console.file.getvalue()  # type: ignore[attr-defined]
