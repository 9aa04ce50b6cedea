"""Inviting to an AI interview through the real use case, the real InstaView client and
its emulator: what leaves TapTalent, create or reuse, validation first, limits, alerts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from mcp import Client
from starlette.applications import Starlette

from mcp_server.server import build_server
from shared.actions.errors import InvalidInput, NotFound, Unavailable
from shared.actions.interviews import (
    AgentChoices,
    InterviewInvite,
    InterviewPlan,
    interview_preview,
    interview_state,
    interview_status,
    invite_to_interview,
)
from shared.instaview import RetryPolicy
from shared.instaview_sandbox import InstaViewSandbox
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit
from shared.webhooks import OperationTracker
from shared.webhooks.instaview import SERVICE_URL, instaview_route
from tests.mcp_server.conftest import error_text, lend
from tests.shared.interviews.conftest import AGENT, ALICE, JOB, Notices, to_service, top_ids


def wire(tk: Toolkit, ivsb: InstaViewSandbox, tracker: OperationTracker) -> None:
    """The emulator's webhooks reach the real receiver (in-process, no service around)."""
    app = Starlette(routes=[instaview_route(lambda: tk, tracker.kick)])
    ivsb.webhook_transport = to_service(app)
    ivsb.webhook_url = SERVICE_URL


async def test_without_an_agent_the_agents_are_listed(itk: Toolkit) -> None:
    [jc] = await top_ids(itk, 1)
    answer = await invite_to_interview(itk, jc, requested_by=ALICE)
    assert isinstance(answer, AgentChoices)
    assert AGENT in [a.name for a in answer.agents]
    assert "agent:" in answer.message
    assert await itk.store.operations("interview") == []


async def test_the_preview_says_what_leaves_taptalent(itk: Toolkit, ivsb: InstaViewSandbox) -> None:
    [jc] = await top_ids(itk, 1)
    plan = await interview_preview(itk, jc, "screening english")
    assert isinstance(plan, InterviewPlan)
    assert plan.agent.name == AGENT
    assert plan.creates_job and plan.instaview_job_id is None
    expected = (datetime.now(UTC).date() + timedelta(days=180)).isoformat()
    assert plan.gdpr_expiry == expected
    assert {
        "firstName",
        "lastName",
        "email",
        "cvText",
        "gdprExpiryDate",
        "jobIds",
        "metadata",
    } <= set(plan.fields)
    assert "email" in plan.contact and plan.contact_values is None  # hidden by default
    text = plan.question
    assert expected in text and AGENT in text and "cvText" in text
    assert "creates “Senior Backend Engineer” in InstaView" in text
    assert "test interview" in text  # the sandbox says so
    shown = await interview_preview(itk, jc, AGENT, include_private=True)
    assert (
        isinstance(shown, InterviewPlan)
        and shown.contact_values
        and "@" in shown.contact_values["email"]
    )
    assert ivsb.store.candidates == {}  # a preview sends nothing


async def test_invite_creates_links_and_records_then_one_alert(
    itk: Toolkit, ivsb: InstaViewSandbox, tracker: OperationTracker, notices: Notices
) -> None:
    wire(itk, ivsb, tracker)
    [jc] = await top_ids(itk, 1)
    invite = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(invite, InterviewInvite)
    assert invite.job_created and invite.candidate_created and invite.is_test
    link = await itk.store.system_link("instaview", str(JOB))
    assert link is not None and link.remote_id == invite.instaview_job_id
    sent = ivsb.store.candidates[invite.instaview_candidate_id].body
    assert sent["gdprExpiryDate"] == invite.gdpr_expiry
    assert sent["jobIds"] == [invite.instaview_job_id]
    assert sent["metadata"]["taptalent"]["jobCandidateId"] == str(jc)
    [entry] = await itk.store.audit_entries(action="interview.invite")
    assert entry.details["fields"] == invite.fields and sent["email"] not in str(entry.details)
    state = await interview_state(itk, jc)
    assert state is not None and state.state == "pending"

    await ivsb.drain()
    await tracker.run_once()
    await tracker.run_once()
    [notice] = notices.sent
    assert notice.origin == ALICE and notice.title.startswith("AI interview analysed")
    assert "AI analysis" in notice.lines[0] and "TapTalent score" in notice.lines[1]
    state = await interview_state(itk, jc)
    assert state is not None and state.state == "completed" and state.overall_rating is not None
    progress = await interview_status(itk, jc)
    assert progress.phase == "completed" and progress.analysis is not None

    again = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(again, InterviewInvite)
    assert not again.candidate_created and not again.job_created
    assert again.instaview_candidate_id == invite.instaview_candidate_id
    assert len(ivsb.store.candidates) == 1


async def test_a_second_invite_while_one_runs_is_refused(
    itk: Toolkit, ivsb: InstaViewSandbox
) -> None:
    [jc] = await top_ids(itk, 1)
    await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    with pytest.raises(InvalidInput, match="already has an AI interview under way"):
        await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert len(ivsb.store.interviews) == 1


@pytest.mark.parametrize(
    ("edit", "field", "said"),
    [
        ({"first_name": "A" * 101}, "firstName", "1 to 100"),
        ({"last_name": "   "}, "lastName", "is required"),
        # The sandbox derives the e-mail address from the name: this one is no address.
        ({"last_name": "O<@U1>"}, "email", "valid e-mail"),
    ],
)
async def test_the_seed_rules_are_checked_before_sending_and_name_the_field(
    itk: Toolkit,
    sandbox: Sandbox,
    ivsb: InstaViewSandbox,
    edit: dict[str, str],
    field: str,
    said: str,
) -> None:
    [jc] = await top_ids(itk, 1)
    sandbox.edit_candidate(jc, **edit)
    with pytest.raises(InvalidInput) as caught:
        await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert f"{field}: " in caught.value.message and said in caught.value.message
    assert field in caught.value.allowed and "Nothing was sent" in caught.value.message
    assert ivsb.store.candidates == {} and ivsb.store.interviews == {}  # nothing sent


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("tomorrow", "not a time"),
        ("2020-01-01T09:00:00Z", "in the past"),
        ("2999-01-01T09:00:00Z", "after the candidate's GDPR expiry"),
    ],
)
async def test_at_must_be_a_future_time_before_the_expiry(itk: Toolkit, at: str, said: str) -> None:
    [jc] = await top_ids(itk, 1)
    with pytest.raises(InvalidInput, match=said):
        await invite_to_interview(itk, jc, AGENT, at, requested_by=ALICE)


async def test_an_unknown_agent_lists_the_agents(itk: Toolkit) -> None:
    [jc] = await top_ids(itk, 1)
    with pytest.raises(InvalidInput) as caught:
        await invite_to_interview(itk, jc, "astrologer", requested_by=ALICE)
    assert AGENT in caught.value.allowed and "astrologer" in caught.value.message


async def test_a_rate_limited_instaview_is_said_and_nothing_is_half_done(
    itk: Toolkit, ivsb: InstaViewSandbox
) -> None:
    assert itk.instaview is not None
    itk.instaview.client._api.retry = RetryPolicy(jitter=False, total_budget=0.5, max_attempts=2)
    [jc] = await top_ids(itk, 1)
    ivsb.faults.update({"rate_limit_rate": 1.0, "retry_after": 1})
    with pytest.raises(Unavailable, match="rate limiting") as caught:
        await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert "Try again in" in str(caught.value)
    ivsb.faults.update({"rate_limit_rate": 0.0})
    invite = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(invite, InterviewInvite)
    assert len(ivsb.store.candidates) == 1 and len(ivsb.store.interviews) == 1


class LosesOneAnswer(httpx.AsyncBaseTransport):
    """Forwards every request; the first ``POST /candidates`` reaches InstaView, but its
    answer is lost on the way back (a 502 from a proxy, as happens)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.lost = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/candidates") and not self.lost:
            self.lost += 1
            await response.aread()
            return httpx.Response(502, json={"success": False, "error": {"message": "Bad gateway"}})
        return response


async def test_a_lost_create_answer_is_looked_up_not_sent_again(
    itk: Toolkit, ivsb: InstaViewSandbox
) -> None:
    assert itk.instaview is not None
    http = itk.instaview.client._api._http
    losing = LosesOneAnswer(http._transport)
    http._transport = losing
    [jc] = await top_ids(itk, 1)
    with pytest.raises(Unavailable, match="may or may not have created"):
        await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert losing.lost == 1 and len(ivsb.store.candidates) == 1  # it did arrive
    assert ivsb.store.interviews == {}
    invite = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(invite, InterviewInvite) and not invite.candidate_created
    assert list(ivsb.store.candidates) == [invite.instaview_candidate_id]  # not created twice
    [entry, failed] = await itk.store.audit_entries(action="interview.invite")
    assert entry.result == "invited" and failed.result.startswith("error:")


async def test_status_of_someone_never_invited_says_so(itk: Toolkit) -> None:
    with pytest.raises(NotFound, match="has not invited job candidate 999"):
        await interview_status(itk, 999)
    assert await interview_state(itk, 999) is None


async def test_a_refused_mcp_invite_is_audited_with_the_client(itk: Toolkit) -> None:
    async with Client(build_server(lend(itk))) as mcp:
        refused = await mcp.call_tool(
            "invite_to_interview", {"job_candidate_id": 999999, "agent": AGENT}
        )
    assert "999999" in error_text(refused)
    [entry] = await itk.store.audit_entries(action="interview.invite")
    assert entry.surface == "mcp" and entry.result.startswith("refused:")


async def test_a_candidate_instaview_deleted_is_created_again(
    itk: Toolkit, ivsb: InstaViewSandbox, tracker: OperationTracker
) -> None:
    wire(itk, ivsb, tracker)
    [jc] = await top_ids(itk, 1)
    first = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(first, InterviewInvite)
    await ivsb.drain()
    await tracker.run_once()
    del ivsb.store.candidates[first.instaview_candidate_id]  # deleted in InstaView
    again = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(again, InterviewInvite) and again.candidate_created
    assert again.instaview_candidate_id != first.instaview_candidate_id


async def test_two_processes_inviting_at_once_make_one_interview(
    itk: Toolkit, ivsb: InstaViewSandbox
) -> None:
    [jc] = await top_ids(itk, 1)
    # Another process (the CLI beside the service) holds the invite's lease right now.
    assert await itk.store.idempotency_claim(f"interview.invite:{jc}", 60)
    with pytest.raises(Unavailable, match="being invited by another tt process"):
        await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert ivsb.store.interviews == {}


async def test_an_interview_a_crash_left_unrecorded_is_adopted_not_doubled(
    itk: Toolkit, ivsb: InstaViewSandbox, tracker: OperationTracker, notices: Notices
) -> None:
    wire(itk, ivsb, tracker)
    [jc] = await top_ids(itk, 1)
    first = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(first, InterviewInvite)
    await ivsb.drain()
    await tracker.run_once()
    # An invite that died between InstaView's answer and the store: InstaView runs an
    # interview tt does not know of.
    assert itk.instaview is not None
    lost = await itk.instaview.client.interviews.create(
        candidate_id=first.instaview_candidate_id,
        agent_id=first.agent.id,
        job_id=first.instaview_job_id,
        schedule_time="2099-01-01T09:00:00Z",
    )
    again = await invite_to_interview(itk, jc, AGENT, requested_by=ALICE)
    assert isinstance(again, InterviewInvite) and again.interview_id == lost.id
    assert len(ivsb.store.interviews) == 2
    [entry, _] = await itk.store.audit_entries(action="interview.invite")
    assert "adopted an interview an interrupted invite had scheduled" in entry.details["steps"]
