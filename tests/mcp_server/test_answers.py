"""Answers that save a model calls and never mislead it: ties, filters, paging, waits."""

from __future__ import annotations

import pytest
from mcp import Client

from mcp_server.tools import rescores
from shared import actions
from shared.actions.ranking import rank_key
from shared.sandbox import Sandbox
from shared.taptalent._retry import RetryPolicy
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import ClientFactory, data, error_text, first_job
from tests.ties import plant_tie


async def _scores(tk: Toolkit, job: int) -> list[float | None]:
    every = [
        c
        async for c in tk.client.job_candidates.iter(job, per_page=100, exclude_rejected=True)
        if c.profile_match_score is not None
    ]
    return [c.profile_match_score for c in sorted(every, key=rank_key)]


async def test_a_list_cut_inside_a_tie_says_so(client: Client, tk: Toolkit, sandbox: Sandbox):
    job = sandbox.big_job_id
    assert job is not None
    tied = await plant_tie(tk, sandbox, job, rank=4, size=2)  # ranks 4 and 5 tie
    scores = await _scores(tk, job)
    limit = 4
    top = data(await client.call_tool("top_candidates", {"job_id": job, "limit": limit}))
    assert top["tie"] == f"{scores.count(tied):,} candidates tie at {tied:g}; shown in id order."
    # A cut between two different scores says nothing (found in any job that has one).
    for summary in (await actions.list_jobs(tk, per_page=100)).jobs:
        some = await _scores(tk, int(summary.id))
        clean = [n for n in range(1, min(51, len(some))) if some[n - 1] != some[n]]
        if clean:
            answer = await client.call_tool(
                "top_candidates", {"job_id": summary.id, "limit": clean[0]}
            )
            assert "tie" not in data(answer)
            return
    pytest.fail("no job has two different scores in its top 50")


async def test_list_jobs_finds_a_job_by_title_words(client: Client, tk: Toolkit):
    every = (await actions.list_jobs(tk, per_page=100)).jobs
    wanted = every[0].title.split()[-1].lower()  # "engineer", in any case
    found = data(await client.call_tool("list_jobs", {"title": wanted.upper(), "per_page": 100}))
    expected = [j.id for j in every if wanted in j.title.lower()]
    assert [j["id"] for j in found["jobs"]] == expected and found["total"] == len(expected)
    both = data(await client.call_tool("list_jobs", {"title": wanted, "status": "draft"}))
    assert all(j["status"] == "DRAFT" and wanted in j["title"].lower() for j in both["jobs"])


async def test_search_pages_without_repeating_a_candidate(client: Client):
    job = await first_job(client)
    args = {"text": "engineer", "job_id": job["id"], "limit": 5}
    first = data(await client.call_tool("search_candidates", args))
    assert first["total"] > 5 and first["next_offset"] == 5
    second = data(await client.call_tool("search_candidates", {**args, "offset": 5}))
    assert second["candidates"]
    assert not {c["id"] for c in first["candidates"]} & {c["id"] for c in second["candidates"]}
    whole = data(await client.call_tool("search_candidates", {**args, "limit": 10}))
    ids = [c["id"] for c in first["candidates"] + second["candidates"]]
    assert ids == [c["id"] for c in whole["candidates"]][: len(ids)]


async def test_detail_on_top_candidates_adds_the_full_record(client: Client, tk: Toolkit):
    job = await first_job(client)
    brief = data(await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 2}))
    full = data(
        await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 2, "detail": True})
    )
    assert [c["id"] for c in full["candidates"]] == [c["id"] for c in brief["candidates"]]
    first = full["candidates"][0]
    card = await actions.get_job_candidate(tk, first["id"])
    assert "criteria" not in brief["candidates"][0] and "skills" not in brief["candidates"][0]
    assert first["status"] == card.status and first["title"] == card.title
    assert len(first["criteria"]) == len(card.criteria)
    assert all(c.split(" ", 1)[0] in ("met", "missing", "unknown") for c in first["criteria"])
    assert first["skills"] == card.skills[: len(first["skills"])] and first["summary"]


async def test_a_rescore_report_labels_first_scores_and_puts_big_moves_first(
    client: Client, tk: Toolkit, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(rescores, "POLL_SECONDS", 0.05)
    job = await first_job(client)
    every = [c async for c in tk.client.job_candidates.iter(job["id"], per_page=100)]
    unscored = [c.id for c in every if c.profile_match_score is None][:3]
    scored = [c.id for c in every if c.profile_match_score is not None][:5]  # all shown
    assert unscored, "the sample job has candidates not scored yet"
    card = data(await client.call_tool("get_job", {"job_id": job["id"]}))
    musts = [{"criterion": c.split(": ", 1)[1], "level": "MUST_HAVE"} for c in card["criteria"]]
    sandbox.set_criteria(job["id"], musts)
    started = data(
        await client.call_tool(
            "rescore_candidates", {"job_id": job["id"], "job_candidate_ids": unscored + scored}
        )
    )
    status = data(
        await client.call_tool(
            "get_rescore_status",
            {"rescore_id": started["rescore_ids"][0], "wait_seconds": 20},
        )
    )
    assert status["status"] == "completed"
    changes = status["changes"]
    new = [c for c in changes if c.get("new")]
    assert {c["id"] for c in new} == set(unscored)
    assert all("before" not in c and "after" in c for c in new)
    moved = [abs(c["after"] - c["before"]) for c in changes if not c.get("new")]
    assert moved == sorted(moved, reverse=True)
    assert changes.index(new[0]) == len(changes) - len(new)  # new scores come last


async def test_a_slow_taptalent_still_gets_an_answer_in_time(
    client: Client, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
):
    """A call answers within its cap (shrunk here) even when TapTalent does not."""
    monkeypatch.setattr(rescores, "ANSWER_WITHIN_SECONDS", 0.2)
    sandbox.faults.latency = 2.0
    text = error_text(
        await client.call_tool(
            "get_rescore_status", {"rescore_id": "rescore_4201_1", "wait_seconds": 30}
        )
    )
    assert "did not answer within 0.2 s" in text and "get_rescore_status again" in text


async def test_failed_and_refused_writes_are_audited(
    connect: ClientFactory, tk: Toolkit, sandbox: Sandbox
):
    async with connect() as client:
        job = await first_job(client)
        top = data(await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 1}))
        jc = top["candidates"][0]["id"]
        error_text(
            await client.call_tool("move_candidate_stage", {"job_candidate_id": jc, "stage": "Zzz"})
        )
        error_text(await client.call_tool("move_candidate_stage", {"job_candidate_id": jc}))
        tk.client.retry = RetryPolicy(max_attempts=1)
        sandbox.faults.error_rate = 1.0
        error_text(await client.call_tool("rescore_candidates", {"job_id": job["id"]}))
    moves = [(e.target, e.result) for e in await tk.store.audit_entries(action="move")]
    assert moves[1][0] == f"job_candidate:{jc}" and moves[1][1].startswith("refused: Stage 'Zzz'")
    assert moves[0] == (
        f"job_candidate:{jc}",
        "refused: move_candidate_stage needs stage: text (type, name or id).",
    )
    rescore = (await tk.store.audit_entries(action="rescore"))[0]
    assert rescore.target == f"job:{job['id']}" and rescore.result.startswith("failed: ")
    assert rescore.actor == "pytest-assistant" and rescore.surface == "mcp"
