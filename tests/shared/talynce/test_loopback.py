"""The Talynce client and emulator over real TCP on 127.0.0.1."""

from __future__ import annotations

from shared.service.background import serve_in_background
from shared.talynce import TalynceClient


async def test_create_match_and_read_back_over_loopback(talynce):
    job = talynce.job_id("Data Scientist")
    async with (
        serve_in_background(talynce.app, lifespan="off") as url,
        TalynceClient(api_key=talynce.api_key, base_url=f"{url}/api/v1") as client,
    ):
        created = await client.candidates.create(
            full_name="Kavya Gupta", email="kavya@example.in", application={"job_id": job}
        )
        matched = await client.candidates.create(full_name="Kavya G", email="kavya@example.in")
        fetched = await client.candidates.get(created.candidate.id)
    assert (created.outcome, matched.outcome) == ("created", "matched")
    application = fetched.application_for(job)
    assert application is not None and application.match_score is not None
