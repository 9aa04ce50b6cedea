"""A sandbox kept in a file: what one process changes, the next one (or a running one) sees.

Each `Sandbox(world=...)` here stands for one process: it is closed before the next opens,
as one `tt` command ends before the next starts.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from shared.actions import get_job, move_candidate, rescore, top_candidates
from shared.sandbox import Sandbox
from shared.sandbox.persistence import reset_world, world_path
from shared.service import Service
from shared.store import Origin
from shared.toolkit import open_toolkit
from tests.conftest import make_settings
from tests.shared.webhooks.conftest import RecordingNotifier

from .conftest import HOOK_URL, HookReceiver, client_for, small_config

ME = Origin(kind="cli", user="cli:tester")


def open_sandbox(folder: Path, **overrides: object) -> Sandbox:
    config = small_config(**overrides)
    return Sandbox(config, world=world_path(folder, config.seed))


async def first_job_candidate(sandbox: Sandbox) -> tuple[int, int]:
    """(the first job's id, one of its job candidate ids)."""
    job_id = sandbox.job_ids[0]
    return job_id, sandbox.job_candidate_ids(job_id)[0]


async def stage_counts(sandbox: Sandbox, job_id: int, tmp_path: Path) -> dict[str, int]:
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        job = await get_job(tk, job_id)
    return {s.type: s.count or 0 for s in job.stages}


async def test_a_move_survives_the_process_and_reset_forgets_it(tmp_path: Path):
    first = open_sandbox(tmp_path)
    job_id, _ = await first_job_candidate(first)
    before = await stage_counts(first, job_id, tmp_path)
    async with open_toolkit(make_settings(tmp_path), sandbox=first) as tk:
        top = await top_candidates(tk, job_id, limit=1)
        jc_id = top.candidates[0].job_candidate_id
        target = "SOURCED"
        moved = await move_candidate(tk, jc_id, target, requested_by=ME)
        if not moved.moved:  # already there
            target = "SCREEN"
            moved = await move_candidate(tk, jc_id, target, requested_by=ME)
    assert moved.moved
    await first.aclose()

    second = open_sandbox(tmp_path)
    after = await stage_counts(second, job_id, tmp_path)
    assert after[target] == before[target] + 1 and sum(after.values()) == sum(before.values())
    assert second.api_key == first.api_key  # the same seed, the same keys
    await second.aclose()

    assert reset_world(world_path(tmp_path, small_config().seed))
    third = open_sandbox(tmp_path)
    assert await stage_counts(third, job_id, tmp_path) == before
    await third.aclose()


async def test_a_rescore_queued_by_an_exited_process_completes_in_the_next(tmp_path: Path):
    first = open_sandbox(tmp_path, rescore_delay=0.0)
    job_id, jc_id = await first_job_candidate(first)
    async with client_for(first, first.api_key) as api:
        started = await api.post(
            "/job-candidates/rescore", json={"jobId": job_id, "jobCandidateIds": [jc_id]}
        )
    rescore_id = started.json()["data"]["rescoreId"]
    await first.aclose()  # exits before its background task ran

    second = open_sandbox(tmp_path, rescore_delay=0.0)
    receiver = HookReceiver()
    second.webhook_transport = httpx.ASGITransport(app=receiver.app)
    second.webhook_url = HOOK_URL
    async with client_for(second, second.api_key) as api:
        status = (await api.get(f"/job-candidates/rescore/{rescore_id}")).json()["data"]
    assert status["status"] == "completed" and status["totalProcessed"] == 1
    await second.drain()
    rescored = [r["body"]["data"] for r in receiver.received]
    assert [d["rescoreId"] for d in rescored] == [rescore_id]  # the notice, once
    await second.aclose()


async def test_a_running_sandbox_delivers_the_webhook_of_a_rescore_another_process_queued(
    tmp_path: Path,
):
    running = open_sandbox(tmp_path, rescore_delay=0.0)
    receiver = HookReceiver()
    running.webhook_transport = httpx.ASGITransport(app=receiver.app)
    running.webhook_url = HOOK_URL
    job_id, jc_id = await first_job_candidate(running)
    await stage_counts(running, job_id, tmp_path)  # its first request: from now on it watches

    command = open_sandbox(tmp_path, rescore_delay=0.0)
    assert command.webhook_url is None  # where to deliver is the running process's business
    async with client_for(command, command.api_key) as api:
        started = await api.post(
            "/job-candidates/rescore", json={"jobId": job_id, "jobCandidateIds": [jc_id]}
        )
    rescore_id = started.json()["data"]["rescoreId"]
    await command.aclose()

    async with asyncio.timeout(10):  # waits for the watcher, not a fixed time
        while not receiver.received:
            await asyncio.sleep(0.05)
    await running.drain()
    assert [r["body"]["data"]["rescoreId"] for r in receiver.received] == [rescore_id]
    await running.aclose()


async def test_an_unreadable_world_is_set_aside_and_the_seed_starts_again(tmp_path: Path):
    path = world_path(tmp_path, small_config().seed)
    path.write_bytes(b"not a world")
    sandbox = open_sandbox(tmp_path)
    memory = Sandbox(small_config())
    assert sandbox.job_candidate_ids(sandbox.job_ids[0]) == memory.job_candidate_ids(
        memory.job_ids[0]
    )
    assert path.with_name(path.name + ".unreadable").read_bytes() == b"not a world"
    await sandbox.aclose()
    await memory.aclose()


async def test_the_saved_world_is_private_to_its_user(tmp_path: Path):
    sandbox = open_sandbox(tmp_path)
    async with client_for(sandbox, sandbox.api_key, "http://sandbox/_sandbox") as admin:
        assert (await admin.put("/credits", json={"credits": 5})).status_code == 200
    await sandbox.aclose()
    path = world_path(tmp_path, small_config().seed)
    assert path.stat().st_mode & 0o077 == 0


async def test_the_service_announces_a_rescore_a_finished_command_started(tmp_path: Path):
    """`tt rescore` (a process that exits at once) beside a running `tt serve` on the same
    data folder: the service's tracker announces it, from the webhook its sandbox sends."""
    settings = make_settings(tmp_path)
    notifier = RecordingNotifier()
    service = Service(settings, surfaces=(), notifiers={"*": notifier}, tick=0.05)
    async with service.app.router.lifespan_context(service.app):
        async with open_toolkit(settings) as command:  # its own sandbox on the same world
            started = await rescore(command, 4204, requested_by=ME, job_candidate_ids=[505352])
        assert started.group_id is not None
        async with asyncio.timeout(20):  # waits for the notice, not a fixed time
            while not notifier.reports:
                await asyncio.sleep(0.05)
    assert [r.group_id for r in notifier.reports] == [started.group_id]
    assert notifier.reports[0].state == "completed" and notifier.reports[0].processed == 1


async def test_a_batch_accepted_by_an_exited_process_is_parsed_and_scored_in_the_next(
    tmp_path: Path,
):
    first = open_sandbox(tmp_path, rescore_delay=0.0)
    job_id = first.job_ids[0]
    urls = ["https://files.example/cv-a.pdf", "https://files.example/fail-b.pdf"]
    async with client_for(first, first.api_key) as api:
        accepted = await api.post(
            "/job-candidates/bulk/resume", json={"jobId": job_id, "resumeURLs": urls}
        )
    batch_id = accepted.json()["data"]["batchId"]
    await first.aclose()  # exits before its background task ran (its `started` is kept)

    second = open_sandbox(tmp_path, rescore_delay=0.0)
    receiver = HookReceiver()
    second.webhook_transport = httpx.ASGITransport(app=receiver.app)
    second.webhook_url = HOOK_URL
    async with client_for(second, second.api_key) as api:
        batch = (await api.get(f"/candidates/batch/{batch_id}")).json()["data"]
        listed = await api.get(f"/job-candidates/job/{job_id}/candidates", params={"perPage": 10})
    assert batch["batchStatus"] == "COMPLETED" and len(batch["candidates"]) == 1
    newest = listed.json()["data"]["candidates"][0]
    assert newest["candidate_details"]["resume"] == urls[0]
    assert newest["profileMatchScore"] is not None  # scored as well, in this process
    await second.drain()
    events = [r["body"]["event"] for r in receiver.received]
    assert events == ["resume.bulk_upload_parse.started", "resume.bulk_upload_parse.completed"]
    completed = receiver.received[1]["body"]["data"]
    assert (completed["successCount"], completed["failedCount"]) == (1, 1)
    await second.aclose()


async def test_an_invitation_sent_by_an_exited_process_is_submitted_in_the_next(tmp_path: Path):
    first = open_sandbox(tmp_path, assessment_delay=0.0)
    async with client_for(first, first.api_key) as api:
        listed = (await api.get("/assessment")).json()["data"]["assessments"]
        assessment = next(a for a in listed if a["status"] == "ACTIVE")
        job_id = assessment["jobId"]
        path = f"/assessment/{assessment['assessmentId']}/candidates"
        before = (await api.get(path, params={"perPage": 100})).json()["data"]["candidates"]
        taken = {d["jobCandidateId"] for d in before}
        jc_id = next(j for j in first.job_candidate_ids(job_id) if j not in taken)
        fetched = await api.post("/job-candidates/bulk-fetch", json={"jobCandidateIds": [jc_id]})
        candidate_id = fetched.json()["data"][0]["candidateId"]
        invite = {"candidateId": candidate_id, "jobCandidateId": jc_id}
        sent = await api.post(f"/assessment/{assessment['assessmentId']}/invite", json=invite)
    assert sent.status_code == 200 and sent.json()["data"]["status"] == "INVITED"
    await first.aclose()  # exits before its background task ran

    second = open_sandbox(tmp_path, assessment_delay=0.0)
    receiver = HookReceiver()
    second.webhook_transport = httpx.ASGITransport(app=receiver.app)
    second.webhook_url = HOOK_URL
    async with client_for(second, second.api_key) as api:
        done = (await api.get(path, params={"perPage": 100})).json()["data"]["candidates"]
    mine = [d for d in done if d["jobCandidateId"] == jc_id]
    assert [d["status"] for d in mine] == ["COMPLETED"] and mine[0]["score"] is not None
    await second.drain()
    events = [r["body"]["event"] for r in receiver.received]
    assert events == [
        "assessment.interview.started",
        "assessment.interview.ended",
        "assessment.interview.scoring_completed",
    ]
    await second.aclose()
