"""The interview lifecycle on the emulator, to the analysis, with signed webhooks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from shared.instaview.errors import InvalidRequestError, NotFoundError
from shared.instaview.webhooks import WebhookEvent, verified_event
from tests.shared.clients import taptalent_over
from tests.shared.instaview.helpers import valid_candidate

CV = "Senior engineer. Python, Go, PostgreSQL, Kubernetes and Kafka in production."


class Receiver:
    """A webhook endpoint that keeps each delivery's raw body and headers."""

    def __init__(self) -> None:
        self.raw: list[tuple[bytes, dict[str, str]]] = []

        async def hook(request: Request) -> Response:
            self.raw.append((await request.body(), dict(request.headers)))
            return Response(status_code=204)

        self.app = Starlette(routes=[Route("/hooks/instaview", hook, methods=["POST"])])

    def events(self, secret: str) -> list[WebhookEvent]:
        """Every delivery, verified with ``secret`` (raises on a bad signature)."""
        return [verified_event(secret, body, headers) for body, headers in self.raw]


@pytest.fixture
def receiver(emulator) -> Receiver:
    receiver = Receiver()
    emulator.webhook_transport = httpx.ASGITransport(app=receiver.app)
    return receiver


async def invite(client, emulator, *, is_test: bool = True, **interview):
    job = emulator.job_id("Senior Backend Engineer")
    candidate = await client.candidates.create(**valid_candidate(job_ids=[job], cv_text=CV))
    agent = emulator.agent_id("Screening (English, online)")
    return candidate, await client.interviews.create(
        candidate_id=candidate.id, agent_id=agent, is_test=is_test, **interview
    )


async def test_a_test_interview_runs_to_its_analysis_with_signed_webhooks(
    client, emulator, receiver
):
    hook = await client.webhooks.create("http://tt.test/hooks/instaview", name="tt")
    assert hook.signing_secret is not None
    secret = hook.signing_secret.get_secret_value()
    assert secret not in repr(hook)

    candidate, interview = await invite(client, emulator)
    assert interview.status == "SCHEDULED" and interview.is_test
    assert interview.job_id == emulator.job_id("Senior Backend Engineer")  # the only job
    await emulator.drain()

    events = receiver.events(secret)
    assert [e.event for e in events] == [
        "ping",
        "interview.started",
        "interview.completed",
        "analysis.completed",
    ]
    assert len({e.delivery_id for e in events}) == 4
    done = await client.interviews.get(interview.id)
    assert done.status == "COMPLETED" and done.analysis is not None
    assert events[-1].data.analysis == done.analysis
    assert events[-1].data.interview_id == interview.id
    assert events[-1].data.call_attempt_id == done.call_attempts[0].id
    general = done.analysis.general
    assert general.strong_points[0] == "Explained hands-on work with Python clearly"
    assert 0 <= general.overall_rating <= 100 and general.evaluation

    fetched = await client.candidates.get(candidate.id)
    assert fetched.overall_rating == general.overall_rating
    assert (fetched.analysis_count, fetched.interview_count) == (1, 1)
    analyses = await client.analyses.for_candidate(candidate.id)
    assert [a.id for a in analyses.items] == [done.analysis.id]
    assert (await client.analyses.get(done.analysis.id)).general == general


async def test_the_configured_webhook_is_signed_with_the_configured_secret(
    client, emulator, receiver
):
    emulator.webhook_url = "http://tt.test/hooks/instaview"
    await invite(client, emulator)
    await emulator.drain()
    names = [e.event for e in receiver.events(emulator.webhook_secret)]
    assert names == ["interview.started", "interview.completed", "analysis.completed"]
    with pytest.raises(Exception, match="does not match"):
        receiver.events("whsec_someone_else_entirely")


async def test_a_scheduled_interview_waits_until_driven(client, emulator, receiver):
    emulator.webhook_url = "http://tt.test/hooks/instaview"
    later = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    _, interview = await invite(client, emulator, is_test=False, schedule_time=later)
    assert interview.schedule_time is not None
    assert interview.schedule_time.startswith(later[:16])  # answered as scheduledAt
    await emulator.drain()
    assert (await client.interviews.get(interview.id)).status == "SCHEDULED"
    assert receiver.raw == []

    await emulator.finish(interview.id)
    await emulator.drain()
    done = await client.interviews.get(interview.id)
    assert done.status == "COMPLETED" and done.analysis_status == "COMPLETED"
    assert [e.event for e in receiver.events(emulator.webhook_secret)][-1] == "analysis.completed"


@pytest.mark.parametrize(
    ("knob", "expected", "status", "analysis_status"),
    [
        ("interview_failure_rate", "interview.failed", "FAILED", None),
        ("analysis_failure_rate", "analysis.failed", "COMPLETED", "FAILED"),
    ],
)
async def test_failures_end_with_their_own_event(
    make_sandbox, make_client, knob, expected, status, analysis_status
):
    emulator = make_sandbox(**{knob: 1.0}, webhook_url="http://tt.test/hooks/instaview")
    receiver = Receiver()
    emulator.webhook_transport = httpx.ASGITransport(app=receiver.app)
    client = make_client(emulator)
    _, interview = await invite(client, emulator)
    await emulator.drain()
    events = receiver.events(emulator.webhook_secret)
    assert events[-1].event == expected and events[-1].data.error
    done = await client.interviews.get(interview.id)
    assert (done.status, done.analysis_status, done.analysis) == (status, analysis_status, None)


async def test_duplicated_deliveries_share_their_delivery_id(client, emulator, receiver):
    emulator.webhook_url = "http://tt.test/hooks/instaview"
    emulator.faults.update({"webhook_duplicate_rate": 1.0})
    await invite(client, emulator)
    await emulator.drain()
    events = receiver.events(emulator.webhook_secret)
    assert len(events) == 6
    assert len({e.delivery_id for e in events}) == 3


async def test_the_same_seed_and_traffic_give_the_same_analysis(make_sandbox, make_client):
    results = []
    for _ in range(2):
        emulator = make_sandbox(seed=11)
        client = make_client(emulator)
        _, interview = await invite(client, emulator)
        await emulator.finish(interview.id)
        results.append((await client.interviews.get(interview.id)).analysis)
    assert results[0] is not None and results[1] is not None
    assert results[0].general == results[1].general
    assert results[0].id == results[1].id


async def test_a_candidate_with_several_jobs_needs_the_job_named(client, emulator):
    jobs = [emulator.job_id("Data Scientist"), emulator.job_id("Data Engineer")]
    candidate = await client.candidates.create(**valid_candidate(job_ids=jobs))
    agent = emulator.agent_id("Phone screen (English)")
    with pytest.raises(InvalidRequestError) as info:
        await client.interviews.create(candidate_id=candidate.id, agent_id=agent, is_test=True)
    assert "jobId" in info.value.details
    interview = await client.interviews.create(
        candidate_id=candidate.id, agent_id=agent, job_id=jobs[1], is_test=True
    )
    assert interview.job_id == jobs[1]


async def test_unknown_agents_and_candidates_are_404s_that_say_so(client, emulator):
    candidate = await client.candidates.create(**valid_candidate())
    with pytest.raises(NotFoundError) as info:
        await client.interviews.create(
            candidate_id=candidate.id, agent_id="123e4567-e89b-12d3-a456-426614174000"
        )
    assert str(info.value).startswith("InstaView found nothing at POST /interviews: Agent ")


async def test_the_sample_agents_and_jobs_fit_the_taptalent_sandbox(client, sandbox):
    from shared.sandbox.catalog import JOB_TEMPLATES

    agents = await client.agents.all()
    assert {a.type for a in agents} == {"ONLINE", "PHONE"}
    assert {"SCREENING", "LANGUAGE_TEST", "OUTREACH"} <= {a.focus for a in agents}
    titles = {job.title async for job in client.jobs.iter()}
    assert titles == {t.title for t in JOB_TEMPLATES}
    async with taptalent_over(sandbox) as taptalent:
        taptalent_titles = {job.title for job in (await taptalent.jobs.list()).jobs}
    assert taptalent_titles <= titles


async def test_a_created_job_is_listed_and_fetched(client):
    job = await client.jobs.create("Staff Data Engineer", "Pipelines for scoring.")
    assert (await client.jobs.get(job.id)).title == "Staff Data Engineer"


async def test_dropped_and_reordered_deliveries_are_what_the_knobs_say(client, emulator, receiver):
    emulator.webhook_url = "http://tt.test/hooks/instaview"
    emulator.faults.update({"webhook_reorder_rate": 1.0})
    await invite(client, emulator)
    await emulator.drain()
    reordered = [e.event for e in receiver.events(emulator.webhook_secret)]
    assert sorted(reordered) == sorted(
        ["interview.started", "interview.completed", "analysis.completed"]
    )
    assert reordered != ["interview.started", "interview.completed", "analysis.completed"]

    receiver.raw.clear()
    emulator.faults.update({"webhook_reorder_rate": 0.0, "webhook_drop_rate": 1.0})
    await invite(client, emulator)
    await emulator.drain()
    assert receiver.raw == []
    assert sum(1 for d in emulator.deliveries if d.dropped) == 3


async def test_a_webhook_body_nested_too_deep_is_refused_as_not_json():
    from shared.instaview.webhooks import parse_event

    with pytest.raises(ValueError, match="not JSON"):
        parse_event(b"[" * 100_000 + b"]" * 100_000)


async def test_unknown_routes_and_keys_answer_in_the_envelope(emulator):
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=emulator.app), base_url="http://iv"
    ) as http:
        missing = await http.get(
            "/v1/public/nowhere", headers={"Authorization": f"Bearer {emulator.api_key}"}
        )
        wrong_key = await http.get("/v1/public/agents", headers={"Authorization": "Bearer no"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "NOT_FOUND"
    assert wrong_key.status_code == 401 and wrong_key.json()["success"] is False
