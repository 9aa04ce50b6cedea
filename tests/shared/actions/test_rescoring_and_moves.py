"""Rescores are snapshotted, chunked and recorded; moves are resolved and audited."""

from __future__ import annotations

import asyncio

import pytest

from shared.actions import InvalidInput, move_candidate, rescore, rescore_status, top_candidates
from shared.actions.candidates import fetch_job_candidate
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import Toolkit

ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="1700000000.000100")


async def wait_until_ended(tk: Toolkit, rescore_id: str) -> None:
    for _ in range(200):
        status = await tk.client.rescores.get(rescore_id)
        if status.status in ("completed", "failed"):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{rescore_id} never ended")


async def test_rescore_of_a_big_job_is_chunked_and_recorded(tk: Toolkit, sandbox: Sandbox):
    result = await rescore(tk, sandbox.big_job_id, requested_by=ALICE)
    assert result.total_eligible >= 5000
    assert len(result.rescore_ids) == -(-result.total_eligible // 250)
    assert result.total_queued == result.total_eligible and not result.capped_by_credits
    group = await tk.store.get_group(result.group_id or "")
    assert group is not None and group.origin == ALICE
    assert {r.rescore_id for r in group.rescores} == set(result.rescore_ids)
    assert len(group.snapshot) == result.total_eligible
    audit = await tk.store.audit_entries(action="rescore")
    assert audit[0].actor == "U_ALICE" and audit[0].result == "queued"


async def test_rescore_status_reports_changes_after_criteria_change(tk: Toolkit, sandbox: Sandbox):
    jobs = [j async for j in tk.client.jobs.iter(per_page=100)]
    listed = next(j for j in jobs if j.id != sandbox.big_job_id)
    job = await tk.client.jobs.get(listed.id)  # the list leaves criteria out, as documented
    criteria = [{"criterion": c.criterion, "level": "MUST_HAVE"} for c in job.criterion_details]
    assert criteria
    sandbox.set_criteria(job.id, criteria)
    started = await rescore(tk, job.id, requested_by=ALICE, stage="APPLIED")
    assert started.rescore_ids and started.stage is not None
    rid = started.rescore_ids[0]
    pending = await rescore_status(tk, rid)
    assert pending.status == "pending"
    await wait_until_ended(tk, rid)
    done = await rescore_status(tk, rid)
    assert done.status == "completed"
    assert done.total_processed == started.total_queued
    assert done.changed > 0 and done.changes
    assert all(ch.before != ch.after for ch in done.changes)
    assert len(done.new_top) == 5


async def test_rescore_without_credits_is_a_clear_result(tk: Toolkit, sandbox: Sandbox):
    sandbox.credits = 0
    result = await rescore(tk, sandbox.big_job_id, requested_by=ALICE, job_candidate_ids=None)
    assert result.out_of_credits and result.rescore_ids == []
    assert "credits" in result.message and "0 available" in result.message
    assert (await tk.store.pending_rescores()) == []


async def test_rescore_capped_by_credits_keeps_what_was_queued(tk: Toolkit, sandbox: Sandbox):
    ids = [c.id async for c in tk.client.job_candidates.iter(sandbox.big_job_id, per_page=100)]
    sandbox.credits = 100
    result = await rescore(tk, sandbox.big_job_id, requested_by=ALICE, job_candidate_ids=ids[:250])
    assert result.total_queued == 100 and result.capped_by_credits
    assert result.not_queued == 150 and result.credits_available == 100
    assert "could not be queued" in result.message and "100 were available" in result.message


async def test_rescore_rejects_candidates_from_another_job(tk: Toolkit, sandbox: Sandbox):
    jobs = [j async for j in tk.client.jobs.iter(per_page=100)]
    other = next(j for j in jobs if j.id != sandbox.big_job_id)
    stranger = (await top_candidates(tk, other.id, limit=1)).candidates[0]
    with pytest.raises(InvalidInput) as wrong:
        await rescore(
            tk,
            sandbox.big_job_id,
            requested_by=ALICE,
            job_candidate_ids=[stranger.job_candidate_id],
        )
    assert str(stranger.job_candidate_id) in str(wrong.value)


async def test_move_resolves_the_stage_audits_and_is_a_no_op_twice(tk: Toolkit, sandbox: Sandbox):
    row = (await top_candidates(tk, sandbox.big_job_id, limit=1)).candidates[0]
    moved = await move_candidate(tk, row.job_candidate_id, "shortlisted", requested_by=ALICE)
    assert moved.moved and moved.to_stage.type == "SHORTLISTED" and moved.actor == "U_ALICE"
    fetched = await fetch_job_candidate(tk, row.job_candidate_id)
    assert str(fetched.stage_id) == str(moved.to_stage.id)
    again = await move_candidate(
        tk, row.job_candidate_id, str(moved.to_stage.id), requested_by=ALICE
    )
    assert not again.moved and "already" in again.message
    entries = await tk.store.audit_entries(action="move")
    assert [e.result for e in entries[:2]] == ["unchanged", "moved"]
    assert all(e.actor == "U_ALICE" for e in entries[:2])
    with pytest.raises(InvalidInput) as bad:
        await move_candidate(tk, row.job_candidate_id, "Final Round", requested_by=ALICE)
    assert "Final Round" in str(bad.value) and "SCREEN" in str(bad.value)


async def test_any_rescore_id_of_a_request_reports_the_whole_request(tk: Toolkit, sandbox: Sandbox):
    jobs = [j async for j in tk.client.jobs.iter(per_page=100)]
    job = next(
        j
        for j in jobs
        if j.id != sandbox.big_job_id and 250 < len(sandbox.job_candidate_ids(int(j.id))) <= 500
    )
    started = await rescore(tk, job.id, requested_by=ALICE)
    assert len(started.rescore_ids) == 2
    for rid in started.rescore_ids:
        await wait_until_ended(tk, rid)
    status = await rescore_status(tk, started.rescore_ids[1])
    assert status.rescore_ids[0] == started.rescore_ids[1]
    assert set(status.rescore_ids) == set(started.rescore_ids)
    assert status.status == "completed"
    assert status.total_requested == status.total_processed == started.total_queued
