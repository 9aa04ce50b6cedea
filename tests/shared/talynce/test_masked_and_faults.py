"""Masked talent-pool candidates, the typed 403, and the fault knobs."""

from __future__ import annotations

import httpx
import pytest

from shared.talynce import RetryPolicy
from shared.talynce.errors import (
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TalentPoolRevealRequired,
)


async def test_a_masked_candidate_shows_no_contact_or_ctc(client, talynce):
    masked = await client.candidates.get(talynce.masked_ids()[0])
    assert masked.masked and masked.talent_pool_status == "masked"
    assert (masked.email, masked.phone_number, masked.whatsapp_number) == ("", None, None)
    assert (masked.current_ctc, masked.expected_ctc) == (None, None)
    assert masked.full_name and masked.primary_skills  # the rest is there


@pytest.mark.parametrize("field", ["email", "phone_number", "current_ctc", "expected_ctc"])
async def test_changing_a_locked_field_is_refused_in_a_sentence(client, talynce, field):
    candidate_id = talynce.masked_ids()[0]
    value = (
        "new@example.com"
        if field == "email"
        else "+91 90000 12345"
        if field == "phone_number"
        else 20
    )
    with pytest.raises(TalentPoolRevealRequired) as info:
        await client.candidates.update(candidate_id, **{field: value})
    error = info.value
    assert isinstance(error, PermissionDeniedError) and error.status_code == 403
    assert error.code == "talent_pool_reveal_required"
    assert str(error) == (
        "This candidate is masked in Talynce's talent pool: their contact and CTC fields "
        f"({field}) stay locked until someone reveals them in Talynce. tt does not reveal "
        "candidates, so nothing was changed."
    )
    assert (await client.candidates.get(candidate_id)).masked


async def test_a_masked_candidate_can_still_be_applied_to_a_job(client, talynce):
    candidate_id = talynce.masked_ids()[1]
    job = talynce.job_id("Data Engineer")
    updated = await client.candidates.update(
        candidate_id, application={"job_id": job, "notes": "From tt"}
    )
    assert updated.masked and updated.application_for(job) is not None


async def test_a_push_that_matches_a_masked_candidate_comes_back_masked(client, talynce):
    created = await client.candidates.create(
        full_name="Priya Sharma", email="priya@example.in", expected_ctc=30
    )
    talynce.mask(created.candidate.id)
    again = await client.candidates.create(full_name="Priya Sharma", email="priya@example.in")
    assert again.outcome == "matched" and again.candidate.masked
    assert again.candidate.email == "" and again.candidate.expected_ctc is None


async def test_searching_by_email_does_not_find_masked_candidates(client, talynce):
    created = await client.candidates.create(full_name="Hidden Person", email="hidden@example.in")
    talynce.mask(created.candidate.id)
    assert (await client.candidates.list(search="hidden@example.in")).items == []


async def test_reads_are_retried_through_5xx(talynce, make_client):
    client = make_client(talynce, retry=RetryPolicy(max_attempts=3, jitter=False))
    talynce.faults.update({"error_rate": 1.0})
    with pytest.raises(ServerError) as info:
        await client.candidates.list()
    assert info.value.status_code == 503 and client.request_count == 3


async def test_create_is_retried_after_a_5xx_because_it_dedupes(talynce, make_client, fake_time):
    client = make_client(talynce, retry=RetryPolicy(max_attempts=2, jitter=False))
    talynce.faults.update({"error_rate": 1.0})
    with pytest.raises(ServerError):
        await client.candidates.create(full_name="Jane Doe", email="jane@example.com")
    assert client.request_count == 2 and fake_time.sleeps == [0.25]


async def test_a_429_waits_for_retry_after(talynce, make_client, fake_time):
    client = make_client(talynce, retry=RetryPolicy(max_attempts=2, jitter=False))
    talynce.faults.update({"rate_limit_rate": 1.0, "retry_after": 9})
    with pytest.raises(RateLimitError) as info:
        await client.candidates.get(talynce.masked_ids()[0])
    assert info.value.retry_after == 9 and fake_time.sleeps == [9.0]
    assert (
        str(info.value) == "Talynce is rate limiting requests: Too many requests. Retry after 9 s."
    )


async def test_the_controls_set_faults_and_are_never_faulted(talynce, client):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=talynce.app), base_url="http://t"
    ) as http:
        refused = await http.put("/_sandbox/settings", json={"faults": {"error_rate": 2}})
        assert refused.status_code == 400 and "error_rate" in refused.json()["error"]["details"]
        changed = await http.put(
            "/_sandbox/settings", json={"faults": {"error_rate": 1.0}, "screeningDelay": 5}
        )
        assert changed.json()["faults"]["error_rate"] == 1.0
        assert (await http.get("/_sandbox/info")).status_code == 200
    with pytest.raises(ServerError):
        await client.candidates.list()
