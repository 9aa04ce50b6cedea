"""Rate-limit headers, 429 with Retry-After, faults, and both documented list shapes."""

from __future__ import annotations

import httpx
import pytest

from shared.instaview import RetryPolicy, rate_limit_from_headers
from shared.instaview.errors import (
    InstaViewValidationError,
    RateLimitError,
    ServerError,
)
from shared.instaview.models import Job
from shared.instaview.pagination import read_page
from tests.shared.instaview.helpers import Recording, valid_candidate


async def test_every_answer_reports_both_windows(client):
    await client.agents.list()
    await client.jobs.list()
    status = client.rate_limit
    assert status is not None
    assert (status.minute.limit, status.minute.remaining) == (60, 58)
    assert (status.hour.limit, status.hour.remaining) == (2000, 1998)
    assert status.minute.reset_seconds == 60 and status.hour.reset_seconds == 3600


async def test_a_429_is_retried_after_its_retry_after(make_sandbox, make_client, fake_time):
    emulator = make_sandbox(per_minute=3)
    recording = Recording(emulator.app)
    client = make_client(emulator, throttle=False, transport=recording)
    for _ in range(4):
        await client.agents.list()
    assert recording.statuses == [200, 200, 200, 429, 200]
    assert fake_time.sleeps == [60.0]  # the Retry-After, not the 0.25 s backoff


async def test_the_429_reads_as_a_sentence_with_the_documented_fields(make_sandbox, make_client):
    emulator = make_sandbox(per_minute=2)
    client = make_client(emulator, throttle=False, retry=RetryPolicy.never())
    await client.jobs.list()
    await client.jobs.list()
    with pytest.raises(RateLimitError) as info:
        await client.jobs.list()
    error = info.value
    assert (error.retry_after, error.limit, error.remaining) == (60, 2, 0)
    assert str(error) == (
        "InstaView is rate limiting requests (limit 2): Too many requests: the API key's "
        "rate limit is exhausted. Retry after 60 s."
    )


async def test_the_client_slows_down_instead_of_spending_a_request_on_a_429(
    make_sandbox, make_client, fake_time
):
    emulator = make_sandbox(per_minute=3)
    recording = Recording(emulator.app)
    client = make_client(emulator, transport=recording)  # throttle is on by default
    for _ in range(5):
        await client.agents.list()
    assert 429 not in recording.statuses and len(recording.statuses) == 5
    assert fake_time.sleeps == [60.0]


async def test_an_hour_window_beyond_the_retry_budget_is_not_waited_for(
    make_sandbox, make_client, fake_time
):
    emulator = make_sandbox(per_minute=100, per_hour=2)
    client = make_client(emulator, throttle=False, retry=RetryPolicy(total_budget=30))
    await client.jobs.list()
    await client.jobs.list()
    with pytest.raises(RateLimitError) as info:
        await client.jobs.list()
    assert info.value.retry_after == 3600 and info.value.limit == 2
    assert "retry budget of 30s" in "".join(info.value.__notes__)
    assert fake_time.sleeps == []


async def test_injected_faults_are_retried_for_reads_but_not_for_creates(
    emulator, make_client, fake_time
):
    client = make_client(emulator, retry=RetryPolicy(max_attempts=3, jitter=False))
    emulator.faults.update({"error_rate": 1.0})
    with pytest.raises(ServerError) as info:
        await client.agents.list()
    assert info.value.status_code == 503 and client.request_count == 3
    with pytest.raises(ServerError):
        await client.candidates.create(**valid_candidate())
    assert client.request_count == 4  # one attempt: the create may have happened
    emulator.faults.update({"error_rate": 0.0, "rate_limit_rate": 1.0, "retry_after": 7})
    with pytest.raises(RateLimitError) as limited:
        await client.candidates.create(**valid_candidate())
    assert limited.value.retry_after == 7
    assert fake_time.sleeps[-2:] == [7.0, 7.0]  # a 429 means "not done": retried


@pytest.mark.parametrize("shape", ["nested", "flat"])
async def test_both_list_shapes_page_the_same_way(make_sandbox, make_client, shape):
    emulator = make_sandbox(list_shape=shape)
    client = make_client(emulator)
    first = await client.jobs.list(page=1, limit=4)
    assert (first.total, first.page, first.limit, first.total_pages) == (15, 1, 4, 4)
    assert first.has_next
    last = await client.jobs.list(page=4, limit=4)
    assert len(last.items) == 3 and not last.has_next
    titles = [job.title async for job in client.jobs.iter(limit=4)]
    assert titles[0] == "Senior Backend Engineer" and len(titles) == 15
    assert client.request_count == 6


def test_the_documented_examples_of_each_shape_read_alike():
    item = {"id": "j1", "title": "Data Scientist"}
    nested = {
        "success": True,
        "data": {
            "items": [item],
            "pagination": {
                "total": 41,
                "page": 2,
                "limit": 20,
                "totalPages": 3,
                "hasNextPage": True,
                "hasPreviousPage": True,
            },
        },
        "error": None,
        "timestamp": "2026-11-20T10:30:00Z",
    }
    flat = {"data": [item], "total": 41, "page": 2, "limit": 20, "totalPages": 3}
    for body in (nested, flat):
        page = read_page(Job, body, "GET /jobs")
        assert page.items[0].title == "Data Scientist"
        assert (page.total, page.page, page.total_pages, page.has_next) == (41, 2, 3, True)


async def test_page_and_limit_are_checked_before_sending(client):
    with pytest.raises(InstaViewValidationError) as info:
        await client.jobs.list(page=0, limit=101)
    assert set(info.value.problems) == {"page", "limit"}
    assert "1 to 100" in info.value.problems["limit"]
    assert client.request_count == 0


def test_reset_headers_given_as_epoch_times_become_seconds_to_wait():
    headers = {
        "X-RateLimit-Limit-Minute": "60",
        "X-RateLimit-Remaining-Minute": "0",
        "X-RateLimit-Reset-Minute": "1800000042",
    }
    status = rate_limit_from_headers(headers, now=1_800_000_000)
    assert status is not None and status.minute.reset_seconds == 42
    assert status.wait_needed() == 42
    assert rate_limit_from_headers({}) is None


@pytest.mark.parametrize("name", ["scheduleTime", "scheduledAt"])
async def test_the_schedule_is_read_under_either_documented_name(make_sandbox, make_client, name):
    emulator = make_sandbox(schedule_field=name)
    client = make_client(emulator)
    candidate = await client.candidates.create(**valid_candidate())
    agent = emulator.agent_id("Outreach call")
    interview = await client.interviews.create(
        candidate_id=candidate.id, agent_id=agent, schedule_time="2031-01-15T09:30:00Z"
    )
    assert interview.schedule_time == "2031-01-15T09:30:00.000Z"
    assert (await client.interviews.get(interview.id)).schedule_time == interview.schedule_time


async def test_the_list_shape_is_switched_through_the_controls(emulator, client):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://iv"
    ) as http:
        refused = await http.put("/_sandbox/settings", json={"listShape": "sideways"})
        assert refused.status_code == 400
        assert refused.json()["error"]["details"][0]["field"] == "listShape"
        switched = await http.put("/_sandbox/settings", json={"listShape": "flat"})
        assert switched.json()["listShape"] == "flat"
        raw = await http.get(
            "/v1/public/agents", headers={"Authorization": f"Bearer {emulator.api_key}"}
        )
    assert isinstance(raw.json()["data"], list) and raw.json()["total"] == 5
    assert len((await client.agents.list()).items) == 5
