"""The client's assessment calls against the sandbox, on each dialect: every endpoint seed
003 lists, the questions written from the job's criteria, and an invitation that becomes
a scored submission (with its webhooks)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.assessing import ENDED, SCORED, STARTED
from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import InvalidRequestError, NotFoundError, RequestLimitError
from shared.taptalent.models.assessments import (
    AssessmentCreate,
    AssessmentFields,
    AutoGenerate,
    QuestionInput,
)

DIALECTS = ("seed", "tt", "mixed")


@pytest.fixture(params=DIALECTS)
async def dialect_sandbox(request: pytest.FixtureRequest) -> AsyncIterator[Sandbox]:
    sb = Sandbox(SandboxConfig(seed=7, dialect=request.param, assessment_delay=0.01))
    try:
        yield sb
    finally:
        await sb.aclose()


@pytest.fixture
async def client(dialect_sandbox: Sandbox) -> AsyncIterator[TapTalentClient]:
    async with TapTalentClient(
        api_key=dialect_sandbox.api_key,
        base_url="http://sandbox/v1/partner",
        transport=httpx.ASGITransport(app=dialect_sandbox.app),
        retry=RetryPolicy(base_delay=0.001, max_delay=0.01, total_budget=5.0),
    ) as c:
        yield c


def _job_without_assessment(sb: Sandbox, taken: set[str]) -> int:
    return next(j for j in sb.job_ids if str(j) not in taken)


async def test_every_assessment_endpoint_reads_on_each_dialect(
    client: TapTalentClient, dialect_sandbox: Sandbox
):
    everything = await client.assessments.all(per_page=10)
    assert len(everything) == 4 and all(a.submission_count is not None for a in everything)
    created = await client.assessments.create_audio_interview(
        AssessmentCreate(test_name="Phone screen", duration=10, skills=["Python"])
    )
    assert created.test_name == "Phone screen" and created.questions_known == 0
    updated = await client.assessments.update(created.id, AssessmentFields(test_name="Screen"))
    assert updated is not None and updated.test_name == "Screen"
    added = await client.assessments.add_question(
        created.id, QuestionInput(question="Why us?", time_limit_seconds=60)
    )
    assert added is not None and [q.question for q in added.question_list()] == ["Why us?"]
    question_id = added.question_list()[0].question_id
    assert question_id is not None
    changed = await client.assessments.update_question(
        created.id, question_id, QuestionInput(question="Why this team?")
    )
    assert changed is not None and changed.question_list()[0].question == "Why this team?"
    await client.assessments.delete_question(created.id, question_id)
    assert (await client.assessments.get(created.id)).question_list() == []
    with pytest.raises(NotFoundError):
        await client.assessments.delete_question(created.id, question_id)


async def test_auto_generated_questions_come_from_the_jobs_criteria_the_same_every_time(
    client: TapTalentClient, dialect_sandbox: Sandbox
):
    taken = {str(a.job_id) for a in await client.assessments.all()}
    job_id = _job_without_assessment(dialect_sandbox, taken)
    job = await client.jobs.get(job_id)
    first = await client.assessments.auto_generate(AutoGenerate(job_id=job_id, question_count=4))
    again = await client.assessments.auto_generate(AutoGenerate(job_id=job_id, question_count=4))
    texts = [q.question for q in first.question_list()]
    assert texts == [q.question for q in again.question_list()] and len(texts) == 4
    must = [c.criterion for c in job.criterion_details or [] if c.level == "MUST_HAVE"]
    assert must and any(must[0].rstrip(".") in t for t in texts)
    assert str(first.job_id) == str(job_id)
    more = await client.assessments.generate_questions(first.id, 2)
    assert more is not None and more.questions_known == 6
    assert len({q.question for q in more.question_list()}) == 6  # no question twice
    with pytest.raises(RequestLimitError):
        await client.assessments.generate_questions(first.id, 51)


async def test_an_invitation_becomes_a_scored_submission_with_its_webhooks(
    client: TapTalentClient, dialect_sandbox: Sandbox
):
    received: list[str] = []

    def hook(request: httpx.Request) -> httpx.Response:
        received.append(request.headers["X-Webhook-Event"])
        return httpx.Response(200)

    dialect_sandbox.webhook_url = "http://tt.test/webhooks/taptalent"
    dialect_sandbox.webhook_transport = httpx.MockTransport(hook)
    assessment = (await client.assessments.list()).assessments[0]
    jc_id = dialect_sandbox.job_candidate_ids(int(str(assessment.job_id)))[0]
    jc = (await client.job_candidates.bulk_fetch([jc_id]))[0]
    assert jc.candidate_id is not None
    before = assessment.submission_count or 0
    invited = await client.assessments.invite(
        assessment.id, candidate_id=jc.candidate_id, job_candidate_id=jc_id
    )
    assert invited.status == "INVITED" and invited.invitation_id is not None
    await dialect_sandbox.drain()
    done = await client.assessments.submission_of(
        assessment.id, candidate_id=jc.candidate_id, job_candidate_id=jc_id
    )
    assert done is not None and done.score is not None and 0 <= done.score <= 100
    assert done.summary
    assert received == [STARTED, ENDED, SCORED]
    assert (await client.assessments.get(assessment.id)).submission_count == before + 1


async def test_refusals_name_the_field(client: TapTalentClient, dialect_sandbox: Sandbox):
    assessment = (await client.assessments.list()).assessments[0]
    with pytest.raises(NotFoundError):
        await client.assessments.invite(assessment.id, candidate_id=999_999_999)
    first, second = dialect_sandbox.job_candidate_ids(int(str(assessment.job_id)))[:2]
    someone = (await client.job_candidates.bulk_fetch([first]))[0].candidate_id
    assert someone is not None
    with pytest.raises(InvalidRequestError) as refused:  # another person's job candidate id
        await client.assessments.invite(
            assessment.id, candidate_id=someone, job_candidate_id=second
        )
    assert "jobCandidateId" in str(refused.value)
    with pytest.raises(RequestLimitError):
        await client.assessments.auto_generate(AutoGenerate(question_count=3))
    with pytest.raises(NotFoundError):
        await client.assessments.get(1)


async def test_assessment_flows_list_and_one(client: TapTalentClient, dialect_sandbox: Sandbox):
    listed = await client.assessment_flows.list()
    [flow] = listed.flows
    first_step = await client.assessments.get(flow.steps[0].assessment_id)
    # Everyone who took the first step is in the flow.
    assert flow.flow_name and len(flow.steps) == 2
    assert flow.candidate_count == first_step.submission_count
    assessments = {str(a.id) for a in await client.assessments.all()}
    assert {str(s.assessment_id) for s in flow.steps} <= assessments
    again = await client.assessment_flows.get(flow.id)
    assert again.steps[0].pass_threshold == 60
    with pytest.raises(NotFoundError):
        await client.assessment_flows.get(1)
