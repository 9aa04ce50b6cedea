"""Retries happen in one place, follow `RetryPolicy`, and never repeat work-creating POSTs."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from shared.taptalent import RetryPolicy
from shared.taptalent._retry import parse_retry_after
from shared.taptalent.errors import (
    APIConnectionError,
    APITimeoutError,
    InvalidRequestError,
    RateLimitError,
    ServerError,
)

JOB = {"id": 1, "title": "Engineer"}
RESCORED = {"status": "success", "data": {"rescoreId": "rescore_1_1", "jobId": 1}}


def scripted(*steps: object):
    """A handler answering with each step in turn (a status, a Response, or an exception)."""
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        step = steps[min(len(calls), len(steps)) - 1]
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            return step
        assert isinstance(step, int)
        if step < 400:
            body = RESCORED if request.method == "POST" else JOB
            return httpx.Response(step, json=body)
        return httpx.Response(
            step, json={"error": {"code": "X", "type": "x", "message": f"status {step}"}}
        )

    return handler, calls


async def test_503_503_200_makes_three_calls(make_client, fake_time):
    handler, calls = scripted(503, 503, 200)
    client = make_client(handler)
    job = await client.jobs.get(1)
    assert job.id == 1
    assert len(calls) == 3
    assert client.request_count == 3
    assert fake_time.sleeps == [0.25, 0.5]  # base_delay * 2**n, no jitter


async def test_400_is_not_retried(make_client, fake_time):
    handler, calls = scripted(400)
    client = make_client(handler)
    with pytest.raises(InvalidRequestError):
        await client.jobs.get(1)
    assert len(calls) == 1
    assert fake_time.sleeps == []


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
async def test_retryable_statuses_are_retried(make_client, status):
    handler, calls = scripted(status, 200)
    client = make_client(handler)
    await client.jobs.get(1)
    assert len(calls) == 2


@pytest.mark.parametrize("status", [401, 402, 403, 404, 409, 501])
async def test_other_statuses_are_not_retried(make_client, status):
    handler, calls = scripted(status, 200)
    client = make_client(handler)
    with pytest.raises(Exception):  # noqa: B017 - the class is tested in test_errors
        await client.jobs.get(1)
    assert len(calls) == 1


async def test_429_retry_after_is_a_floor_on_the_wait(make_client, fake_time):
    limited = httpx.Response(
        429,
        headers={"Retry-After": "2"},
        json={"error": {"code": "RATE_LIMITED", "type": "rate_limit_error", "message": "slow"}},
    )
    handler, calls = scripted(limited, 200)
    client = make_client(handler)
    await client.jobs.get(1)
    assert len(calls) == 2
    assert len(fake_time.sleeps) == 1
    assert fake_time.sleeps[0] >= 2


async def test_retry_after_as_http_date(make_client, fake_time):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=5), usegmt=True)
    handler, _ = scripted(httpx.Response(429, headers={"Retry-After": when}), 200)
    client = make_client(handler)
    await client.jobs.get(1)
    assert 3.5 <= fake_time.sleeps[0] <= 5


async def test_retry_after_beyond_budget_gives_up_at_once(make_client, fake_time):
    handler, calls = scripted(httpx.Response(429, headers={"Retry-After": "120"}), 200)
    client = make_client(handler)
    with pytest.raises(RateLimitError) as info:
        await client.jobs.get(1)
    assert info.value.retry_after == 120
    assert len(calls) == 1
    assert fake_time.sleeps == []
    assert "budget" in " ".join(getattr(info.value, "__notes__", []))


async def test_budget_exhaustion_stops_retrying(make_client, fake_time):
    handler, calls = scripted(503)
    policy = RetryPolicy(max_attempts=100, base_delay=1, max_delay=4, total_budget=10, jitter=False)
    client = make_client(handler, retry=policy)
    with pytest.raises(ServerError):
        await client.jobs.get(1)
    # waits 1, 2, 4 (=7 s); the next 4 s would end at 11 s > 10 s.
    assert fake_time.sleeps == [1, 2, 4]
    assert len(calls) == 4
    assert sum(fake_time.sleeps) <= policy.total_budget


async def test_budget_counts_time_spent_in_requests(make_client, fake_time):
    def slow_failure(request: httpx.Request) -> httpx.Response:
        fake_time.now += 9  # each attempt "takes" 9 s
        return httpx.Response(503)

    client = make_client(slow_failure, retry=RetryPolicy(total_budget=20, jitter=False))
    with pytest.raises(ServerError):
        await client.jobs.get(1)
    # 9 s + 0.25 s wait, 9 s + 0.5 s wait, 9 s: now 27.75 s in, no room for another try.
    assert client.request_count == 3
    assert fake_time.sleeps == [0.25, 0.5]


async def test_retries_until_the_budget_not_a_fixed_count(make_client, fake_time):
    handler, calls = scripted(502)
    client = make_client(handler)
    with pytest.raises(ServerError) as info:
        await client.jobs.get(1)
    # 0.25 + 0.5 + ... + 8 + 8 = 23.75 s; one more 8 s wait would pass the 30 s budget.
    assert fake_time.sleeps == [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert len(calls) == 8
    assert info.value.status_code == 502
    assert str(info.value).startswith("TapTalent answered 502")


async def test_max_attempts_is_an_optional_cap(make_client, fake_time):
    handler, calls = scripted(502)
    client = make_client(handler, retry=RetryPolicy(max_attempts=4, jitter=False))
    with pytest.raises(ServerError):
        await client.jobs.get(1)
    assert len(calls) == 4
    assert fake_time.sleeps == [0.25, 0.5, 1.0]


async def test_a_command_budget_outlasts_a_bad_minute(make_client, fake_time):
    """50% of answers are 429 with Retry-After 1: a command of 25 calls still completes."""
    answers = iter([httpx.Response(429, headers={"Retry-After": "1"}), 200] * 25)

    def flaky(request: httpx.Request) -> httpx.Response:
        answer = next(answers)
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json={"id": 1, "title": "Engineer"})

    client = make_client(flaky)
    with client.time_budget(600):
        jobs = [await client.jobs.get(1) for _ in range(25)]
    assert len(jobs) == 25 and client.request_count == 50


async def test_a_command_budget_replaces_the_per_call_budget(make_client, fake_time):
    handler, _ = scripted(503)
    client = make_client(handler)
    with client.time_budget(100), pytest.raises(ServerError) as info:
        await client.jobs.get(1)
    assert sum(fake_time.sleeps) > 30  # beyond one call's 30 s: the command's 100 s count
    assert sum(fake_time.sleeps) <= 100
    assert "time budget" in " ".join(info.value.__notes__)


async def test_backoff_is_capped(make_client, fake_time):
    handler, _ = scripted(503)
    policy = RetryPolicy(max_attempts=8, base_delay=1, max_delay=3, total_budget=1000, jitter=False)
    client = make_client(handler, retry=policy)
    with pytest.raises(ServerError):
        await client.jobs.get(1)
    assert fake_time.sleeps == [1, 2, 3, 3, 3, 3, 3]


def test_full_jitter_stays_below_the_cap():
    policy = RetryPolicy(base_delay=0.5, max_delay=4)
    for retry_number in range(1, 8):
        cap = min(4, 0.5 * 2 ** (retry_number - 1))
        draws = [policy.backoff(retry_number) for _ in range(200)]
        assert all(0 <= d <= cap for d in draws)
        assert len(set(draws)) > 1


async def test_connection_errors_are_retried_then_raised(make_client):
    handler, calls = scripted(httpx.ConnectError("refused"))
    client = make_client(handler)
    with pytest.raises(APIConnectionError) as info:
        await client.jobs.get(1)
    assert not isinstance(info.value, APITimeoutError)
    assert len(calls) == 8  # retried until the 30 s budget, like any safe retry
    assert str(info.value).startswith("Could not reach TapTalent")


async def test_read_timeout_is_retried_for_gets(make_client):
    handler, calls = scripted(httpx.ReadTimeout("slow"), 200)
    client = make_client(handler)
    await client.jobs.get(1)
    assert len(calls) == 2


async def test_timeouts_become_api_timeout_error(make_client):
    handler, _ = scripted(httpx.ReadTimeout("slow"))
    client = make_client(handler, retry=RetryPolicy.never())
    with pytest.raises(APITimeoutError):
        await client.jobs.get(1)


# --- POSTs that create work ---------------------------------------------------------------


async def test_rescore_start_is_not_retried_after_503(make_client, fake_time):
    handler, calls = scripted(503, 202)
    client = make_client(handler)
    with pytest.raises(ServerError):
        await client.rescores.start(1)
    assert len(calls) == 1
    assert fake_time.sleeps == []


async def test_rescore_start_is_retried_after_429_because_nothing_was_started(
    make_client, fake_time
):
    handler, calls = scripted(httpx.Response(429, headers={"Retry-After": "1"}), 202)
    client = make_client(handler)
    started = await client.rescores.start(1)
    assert len(calls) == 2 and started
    assert fake_time.sleeps and fake_time.sleeps[0] >= 1


async def test_rescore_start_is_not_retried_after_read_timeout(make_client):
    handler, calls = scripted(httpx.ReadTimeout("server got it"), 202)
    client = make_client(handler)
    with pytest.raises(APITimeoutError):
        await client.rescores.start(1)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "never_sent",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("syn"), httpx.PoolTimeout("pool")],
)
async def test_rescore_start_is_retried_when_it_never_left(make_client, never_sent):
    handler, calls = scripted(never_sent, 202)
    client = make_client(handler)
    started = await client.rescores.start(1)
    assert [s.rescore_id for s in started] == ["rescore_1_1"]
    assert len(calls) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.candidates.bulk_upload_resumes(["https://x/cv.pdf"]),
        lambda c: c.job_candidates.bulk_upload_resumes(1, ["https://x/cv.pdf"]),
    ],
)
async def test_bulk_uploads_are_not_retried_after_5xx(make_client, call):
    handler, calls = scripted(500, 200)
    client = make_client(handler)
    with pytest.raises(ServerError):
        await call(client)
    assert len(calls) == 1


async def test_job_create_is_not_retried_after_remote_disconnect(make_client):
    from shared.taptalent.models import JobCreate

    handler, calls = scripted(httpx.RemoteProtocolError("closed"), 200)
    client = make_client(handler)
    with pytest.raises(APIConnectionError):
        await client.jobs.create(JobCreate(title="Engineer", city="X", state="Y", country="Z"))
    assert len(calls) == 1


async def test_bulk_fetch_posts_are_read_only_and_retried(make_client):
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"status": "success", "data": [{"id": 5}]})

    calls: list[httpx.Request] = []
    statuses = iter([503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        status = next(statuses)
        return answer(request) if status == 200 else httpx.Response(status)

    client = make_client(handler)
    found = await client.candidates.bulk_fetch([5])
    assert [c.id for c in found] == [5]
    assert len(calls) == 2


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_idempotent_writes_are_retried(make_client, method):
    data = {"id": 3, "jobId": 1, "stageId": 2, "status": "IN_PROGRESS"}
    handler, calls = scripted(503, httpx.Response(200, json={"status": "success", "data": data}))
    client = make_client(handler)
    if method == "PUT":
        await client.job_candidates.move(3, 2)
    elif method == "PATCH":
        from shared.taptalent.models import JobCandidateUpdate

        await client.job_candidates.update(3, JobCandidateUpdate(notice_period="2 weeks"))
    else:
        await client.job_candidates.delete(3)
    assert [c.method for c in calls] == [method, method]


async def test_retries_log_a_warning(make_client, caplog):
    handler, _ = scripted(503, 200)
    client = make_client(handler)
    with caplog.at_level(logging.DEBUG, logger="tt.taptalent"):
        await client.jobs.get(1)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "Retrying GET /jobs/1 after 503" in warnings[0].getMessage()
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert debug[0].startswith("GET /jobs/1 -> 503") and "attempt 1" in debug[0]
    assert debug[1].startswith("GET /jobs/1 -> 200") and "attempt 2" in debug[1]


def test_parse_retry_after():
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_retry_after("3") == 3
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after("-4") == 0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 01 Jan 2025 00:00:10 GMT", now=now) == 10
    assert parse_retry_after("Tue, 31 Dec 2024 00:00:10 GMT", now=now) == 0


def test_policy_rejects_nonsense():
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
