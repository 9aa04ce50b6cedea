"""Use cases on pipelines without stage ids, and on answers the sandbox does not send by
itself (put in front of the real client by `Rewriting`), on every dialect."""

from __future__ import annotations

import io
import json
import math
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rich.console import Console

from bot.blocks.lists import top_candidates_message
from mcp_server.answers import top_list
from shared.actions import InvalidInput, move_candidate, rescore, top_candidates
from shared.actions.dispatch import execute
from shared.actions.models import TopCandidatesResult
from shared.actions.presentation import skipped_note
from shared.cli.terminal import Renderer
from shared.commands import parse
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import SANDBOX_BASE_URL, Toolkit, open_toolkit
from tests.conftest import make_settings
from tests.shared.rewriting import UNREADABLE, Rewriting

ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="1700000000.000100")


@pytest.fixture
def wire(sandbox: Sandbox) -> Rewriting:
    return Rewriting(sandbox.app)


@pytest.fixture
async def wired(sandbox: Sandbox, wire: Rewriting, tmp_path: Path) -> AsyncIterator[Toolkit]:
    async with open_toolkit(
        make_settings(tmp_path),
        sandbox=sandbox,
        transport=httpx.ASGITransport(app=wire),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    ) as toolkit:
        yield toolkit


def no_stage_ids(body: dict[str, Any]) -> dict[str, Any]:
    body["pipelineStage"] = [
        {k: v for k, v in s.items() if k != "id"} for s in body["pipelineStage"]
    ]
    return body


def is_job(path: str) -> bool:
    return path.startswith("/jobs/")


def rescores_sent(sandbox: Sandbox) -> int:
    return sum(1 for r in sandbox.requests if r.method == "POST" and "rescore" in r.path)


async def test_a_stage_rescore_rescores_that_stage_only(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    wire.on("GET", is_job, no_stage_ids)
    job = sandbox.big_job_id
    started = await rescore(wired, job, requested_by=ALICE, stage="SCREEN")
    screen = next(i for i, _, kind in sandbox.pipeline(job) if kind == "SCREEN")
    in_screen = await wired.client.job_candidates.list(job, stage_id=screen, per_page=10)
    assert in_screen.pagination is not None
    assert started.total_eligible == in_screen.pagination.total_candidates
    assert started.total_eligible < len(sandbox.job_candidate_ids(job))
    assert started.stage is not None and started.stage.id == screen


async def test_a_stage_that_cannot_be_resolved_is_refused_and_nothing_is_sent(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    wire.on("GET", is_job, no_stage_ids)
    wire.on("GET", "/job-candidates/stage", lambda body: {"candidates": [], "pagination": {}})
    with pytest.raises(InvalidInput) as refused:
        await rescore(wired, sandbox.big_job_id, requested_by=ALICE, stage="SCREEN")
    assert "cannot tell the id" in str(refused.value) and "stageId" in str(refused.value)
    assert rescores_sent(sandbox) == 0


def second_screen(body: dict[str, Any]) -> dict[str, Any]:
    body = no_stage_ids(body)
    body["pipelineStage"].append({"name": "Tech Screen", "type": "SCREEN", "totalCandidate": 3})
    return body


async def test_two_stages_of_one_type_are_never_mixed(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    wire.on("GET", is_job, second_screen)
    with pytest.raises(InvalidInput) as ranking:
        await top_candidates(wired, sandbox.big_job_id, stage="Tech Screen")
    assert "2 stages of type SCREEN" in str(ranking.value)
    assert "Tech Screen" in str(ranking.value) and "stage id" in str(ranking.value)
    jc = sandbox.job_candidate_ids(sandbox.big_job_id)[0]
    with pytest.raises(InvalidInput):
        await move_candidate(wired, jc, "Tech Screen", requested_by=ALICE)


async def test_two_missing_stage_ids_are_not_the_same_stage(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    def no_stage_on_records(body: dict[str, Any]) -> dict[str, Any]:
        data = body["data"]
        for item in data if isinstance(data, list) else data["candidates"]:
            item.pop("stageId", None)
        return body

    wire.on("GET", is_job, no_stage_ids)
    wire.on("POST", "/job-candidates/bulk-fetch", no_stage_on_records)
    wire.on("GET", lambda p: p.startswith("/job-candidates/job/"), no_stage_on_records)
    job = sandbox.big_job_id
    jc = sandbox.job_candidate_ids(job)[0]
    moved = await move_candidate(wired, jc, "OFFER", requested_by=ALICE)
    assert moved.moved and "already" not in moved.message
    offer = next(i for i, _, kind in sandbox.pipeline(job) if kind == "OFFER")
    assert moved.to_stage.id == offer


async def test_an_unreadable_move_answer_is_a_move(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    wire.on("PUT", lambda p: p.endswith("/stage"), lambda body: UNREADABLE)
    jc = sandbox.job_candidate_ids(sandbox.big_job_id)[1]
    moved = await move_candidate(wired, jc, "OFFER", requested_by=ALICE)
    assert moved.moved and "unreadable" in moved.message
    audit = await wired.store.audit_entries(action="move")
    assert audit[0].result == "moved unreadable"


async def test_a_202_without_total_queued_sends_every_chunk(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    def without_total(body: dict[str, Any]) -> dict[str, Any]:
        body["data"].pop("totalQueued", None)
        return body

    wire.on("POST", "/job-candidates/rescore", without_total)
    job = next(j for j in sandbox.job_ids if 250 < len(sandbox.job_candidate_ids(j)) <= 600)
    everyone = len(sandbox.job_candidate_ids(job))
    started = await rescore(wired, job, requested_by=ALICE)
    assert len(started.rescore_ids) == math.ceil(everyone / 250) == rescores_sent(sandbox)
    assert started.total_queued == everyone and not started.capped_by_credits
    assert "could not be queued" not in started.message


async def test_a_command_rides_out_half_its_calls_rate_limited(tk: Toolkit, sandbox: Sandbox):
    """With 50% 429s, a ranking (about 20 calls) used to fail after 4 attempts of one call;
    now each safe call is retried until the command's time budget runs out."""
    sandbox.faults.rate_limit_rate = 0.5
    sandbox.faults.retry_after = 0.01
    command = parse(f"top-candidates job:{sandbox.big_job_id}")
    result = await execute(tk, command, ALICE)
    assert isinstance(result, TopCandidatesResult) and len(result.candidates) == 10
    limited = [r for r in sandbox.requests if r.status == 429]
    assert len(limited) >= 5  # the faults did happen, and were ridden out


async def test_a_ranking_says_how_many_records_it_could_not_read(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    def one_unreadable(body: dict[str, Any]) -> dict[str, Any]:
        candidates = body["data"]["candidates"]
        if len(candidates) > 10:  # a band page, not a count probe
            candidates[-1]["jobCandidateId"] = {"unexpected": True}
        return body

    wire.on("GET", lambda p: p.startswith("/job-candidates/job/"), one_unreadable)
    result = await top_candidates(wired, sandbox.big_job_id, limit=10)
    assert len(result.candidates) == 10 and result.skipped >= 1


async def test_every_surface_says_how_many_records_were_left_out(
    wired: Toolkit, sandbox: Sandbox, wire: Rewriting
):
    def two_unreadable(body: dict[str, Any]) -> dict[str, Any]:
        candidates = body["data"]["candidates"]
        if len(candidates) > 10:  # a band page, not a count probe
            for c in candidates[-2:]:
                c["jobCandidateId"] = {"unexpected": True}
        return body

    wire.on("GET", lambda p: p.startswith("/job-candidates/job/"), two_unreadable)
    result = await top_candidates(wired, sandbox.big_job_id, limit=10)
    note = skipped_note(result.skipped)
    assert result.skipped >= 2 and note is not None
    assert note.startswith(f"{result.skipped} records TapTalent sent could not be read")
    # The CLI (piped), MCP and Slack each carry the same sentence.
    console = Console(file=io.StringIO(), width=200)
    Renderer(console).show(result)
    assert note in console.file.getvalue()  # type: ignore[attr-defined]
    assert top_list(result, detail=False).skipped == note
    slack = json.dumps(top_candidates_message(result)["blocks"], ensure_ascii=False)
    assert note in slack
    assert skipped_note(0) is None
