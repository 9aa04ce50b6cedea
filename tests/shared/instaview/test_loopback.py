"""The client and the emulator over real TCP on 127.0.0.1, webhooks included."""

from __future__ import annotations

import time

from shared.instaview import InstaViewClient
from shared.service.background import serve_in_background
from tests.shared.instaview.helpers import valid_candidate
from tests.shared.instaview.test_lifecycle import CV, Receiver


async def test_an_invite_to_its_analysis_over_loopback(make_sandbox):
    emulator = make_sandbox(clock=time.monotonic)
    receiver = Receiver()
    async with (
        serve_in_background(emulator.app) as emulator_url,
        serve_in_background(receiver.app) as receiver_url,
        InstaViewClient(api_key=emulator.api_key, base_url=f"{emulator_url}/v1/public") as client,
    ):
        emulator.webhook_url = f"{receiver_url}/hooks/instaview"
        job = next(j for j in (await client.jobs.list()).items if j.title == "Data Engineer")
        candidate = await client.candidates.create(**valid_candidate(job_ids=[job.id], cv_text=CV))
        agents = await client.agents.all()
        interview = await client.interviews.create(
            candidate_id=candidate.id, agent_id=agents[0].id, is_test=True
        )
        await emulator.drain()
        done = await client.interviews.get(interview.id)
        assert (
            client.rate_limit is not None and client.rate_limit.minute.remaining == 55
        )  # five calls
    events = receiver.events(emulator.webhook_secret)
    assert [e.event for e in events][-1] == "analysis.completed"
    assert done.analysis is not None and events[-1].data.analysis == done.analysis
