"""The InstaView emulator kept in a file: what one process scheduled, the next one sees and
ends when it is due (the first may have exited before its timer fired)."""

from __future__ import annotations

from pathlib import Path

import httpx

from shared.instaview import InstaViewClient
from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
from shared.instaview_sandbox.saved import saved_path

BASE = "http://instaview.local/v1/public"


def emulator(world: Path) -> InstaViewSandbox:
    config = InstaViewSandboxConfig(test_duration=0.0, analysis_delay=0.0)
    return InstaViewSandbox(config, world=world)


def client_of(sandbox: InstaViewSandbox) -> InstaViewClient:
    return InstaViewClient(sandbox.api_key, BASE, transport=httpx.ASGITransport(app=sandbox.app))


async def test_one_process_schedules_the_next_sees_it_end(tmp_path: Path) -> None:
    world = saved_path(tmp_path, 7)
    first, second = emulator(world), emulator(world)
    first.webhook_url = "http://first.local/hook"  # where webhooks go is each process's own
    try:
        async with client_of(first) as one:
            job = first.job_id("Senior Backend Engineer")
            candidate = await one.candidates.create(
                first_name="Ana",
                last_name="Costa",
                email="ana@example.com",
                gdpr_expiry_date="2099-01-01",
                job_ids=[job],
            )
            agent = first.agent_id("Screening (English, online)")
            made = await one.interviews.create(
                candidate_id=candidate.id, agent_id=agent, job_id=job, is_test=True
            )
        async with client_of(second) as two:
            seen = await two.interviews.get(made.id)
            assert seen.analysis_status == "COMPLETED" and seen.analysis is not None
            assert (await two.candidates.get(candidate.id)).first_name == "Ana"
        assert second.webhook_url is None and first.webhook_url == "http://first.local/hook"
        assert oct(world.stat().st_mode & 0o777) == "0o600"
    finally:
        await first.aclose()
        await second.aclose()


async def test_an_unreadable_file_is_set_aside(tmp_path: Path) -> None:
    world = saved_path(tmp_path, 7)
    world.write_bytes(b"not a pickle")
    sandbox = emulator(world)
    try:
        async with client_of(sandbox) as client:
            assert await client.agents.all()
        assert world.with_name(world.name + ".unreadable").exists()
    finally:
        await sandbox.aclose()
