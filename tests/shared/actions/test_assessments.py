"""Assessments end to end on each dialect: listing with submission counts, one assessment's
questions, name matching, and the invitation loop through the real receiver and tracker
on real SQLite files: duplicated webhooks, dropped webhooks and a restart all end in
exactly one notice with the assessment's score beside the match score."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from shared.actions.assessments import (
    assess_preview,
    assessment_state,
    get_assessment,
    invite_to_assessment,
    list_assessments,
)
from shared.actions.dispatch import execute
from shared.actions.errors import ActionError, InvalidInput, NotFound
from shared.commands import parse
from shared.notify import OperationNotice
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import Toolkit, open_toolkit
from shared.webhooks import OperationTracker
from tests.conftest import make_settings
from tests.shared.webhooks.conftest import running
from tests.shared.webhooks.test_operation_kinds import Told, passes

BOB = Origin(kind="slack", user="U_BOB", channel="C42", thread_ts="1700000000.000100")


def assessed_job(sandbox: Sandbox) -> int:
    # The generated world gives the first four jobs an assessment; the first is the big one.
    return sandbox.job_ids[1]


def bare_job(sandbox: Sandbox, tk_jobs: set[str]) -> int:
    return next(j for j in sandbox.job_ids if str(j) not in tk_jobs)


async def test_listing_counts_submissions_and_shows_the_questions(sandbox: Sandbox, tmp_path: Path):
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        everything = await list_assessments(tk)
        assert len(everything.assessments) == 4 and everything.skipped == 0
        assert all(a.submissions is not None and a.questions >= 2 for a in everything.assessments)
        job = assessed_job(sandbox)
        mine = await list_assessments(tk, job)
        assert mine.job is not None and str(mine.job.id) == str(job)
        assert [str(a.job_id) for a in mine.assessments] == [str(job)]
        detail = await get_assessment(tk, mine.assessments[0].id)
        assert [q.order for q in detail.questions] == list(range(1, len(detail.questions) + 1))
        assert detail.questions[0].text and detail.assessment.questions == len(detail.questions)
        with pytest.raises(NotFound) as missing:
            await get_assessment(tk, 1)
        assert missing.value.next_step is not None
        assert missing.value.next_step.commands == ("assessments",)


async def test_names_match_or_the_error_lists_the_choices(sandbox: Sandbox, tmp_path: Path):
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        job = assessed_job(sandbox)
        jc = sandbox.job_candidate_ids(job)[0]
        mine = (await list_assessments(tk, job)).assessments[0]
        by_name = await assess_preview(tk, jc, mine.name.upper())
        assert by_name.assessment is not None and str(by_name.assessment.id) == str(mine.id)
        own = await assess_preview(tk, jc, "voice interview")  # every name: the job's own
        assert own.assessment is not None and str(own.assessment.id) == str(mine.id)
        with pytest.raises(InvalidInput) as several:
            await assess_preview(tk, jc, "engineer voice")  # three, none of this job's
        assert "fits several assessments" in several.value.message
        assert len(several.value.allowed) == 3
        with pytest.raises(InvalidInput) as unknown:
            await assess_preview(tk, jc, "Chess boxing")
        assert '"Chess boxing" is not one of the assessments' in unknown.value.message
        assert str(mine.id) in (unknown.value.hint or "")


async def test_a_job_without_assessment_is_offered_one_generated_from_it(
    sandbox: Sandbox, tmp_path: Path
):
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        taken = {str(a.job_id) for a in (await list_assessments(tk)).assessments}
        job = bare_job(sandbox, taken)
        jc = sandbox.job_candidate_ids(job)[0]
        preview = await assess_preview(tk, jc)
        assert preview.generate and preview.assessment is None
        assert "has no assessment yet" in preview.question
        with pytest.raises(InvalidInput) as unconfirmed:
            await execute(tk, parse(f"assess {jc}"), BOB)
        assert unconfirmed.value.next_step is not None
        assert unconfirmed.value.next_step.args == {"job_candidate": str(jc), "assessment": "new"}
        assert (await list_assessments(tk, job)).assessments == []  # nothing was created
        done = await execute(tk, parse(f"assess {jc} assessment:new"), BOB)
        assert done.generated and done.changed  # type: ignore[attr-defined]
        made = (await list_assessments(tk, job)).assessments
        assert len(made) == 1 and made[0].questions == 5
        actions = [e.action for e in await tk.store.audit_entries()]
        assert actions[:2] == ["assessment.invite", "assessment.generate"]
        entry = (await tk.store.audit_entries(action="assessment.invite"))[0]
        assert entry.actor == "U_BOB" and entry.details["fields_sent"] == [
            "candidateId",
            "jobCandidateId",
        ]


async def _invite(tk: Toolkit, sandbox: Sandbox) -> tuple[int, str]:
    job = assessed_job(sandbox)
    jc = sandbox.job_candidate_ids(job)[0]
    result = await invite_to_assessment(tk, jc, requested_by=BOB)
    assert result.changed and result.invitation_id is not None
    again = await invite_to_assessment(tk, jc, requested_by=BOB)
    assert not again.changed and "Nothing was sent again" in again.message
    return jc, str(result.invitation_id)


def _assert_scored(notice: OperationNotice, jc: int) -> None:
    assert notice.kind == "assessment" and notice.origin == BOB
    assert notice.title.startswith("Assessment scored") and f"job candidate {jc}" in notice.title
    text = "\n".join(notice.lines)
    assert "score " in text and "/ 100" in text and "TapTalent match score:" in text
    assert "written by TapTalent's AI" in text


async def test_duplicated_webhooks_end_the_invitation_in_one_notice(
    sandbox: Sandbox, tmp_path: Path
):
    captured: list[tuple[dict[str, str], bytes]] = []

    def keep(request: httpx.Request) -> httpx.Response:
        captured.append((dict(request.headers), request.content))
        return httpx.Response(200)

    sandbox.webhook_url = "http://tt.test/webhooks/taptalent"
    sandbox.webhook_transport = httpx.MockTransport(keep)
    told = Told()
    async with running(sandbox, tmp_path, told) as (service, http):  # type: ignore[arg-type]
        jc, _ = await _invite(service.tk, sandbox)
        await sandbox.drain()
        assert [h["x-webhook-event"] for h, _ in captured][-1].endswith("scoring_completed")
        for headers, body in captured * 2:  # every delivery twice, and a flat copy too
            keep_headers = {k: v for k, v in headers.items() if k.startswith("x-webhook")}
            answer = await http.post("/webhooks/taptalent", content=body, headers=keep_headers)
            assert answer.status_code == 200
        flat = json.loads(captured[-1][1])["data"]
        flat_headers = {k: v for k, v in captured[-1][0].items() if k.startswith("x-webhook")}
        await http.post("/webhooks/taptalent", json=flat, headers=flat_headers)
        await passes(service.tracker, 3)
        state = await assessment_state(service.tk, jc)
    [notice] = told.notices
    _assert_scored(notice, jc)
    assert state is not None and state.state == "completed" and state.score is not None


async def test_dropped_webhooks_and_a_restart_end_in_one_notice_by_polling(
    sandbox: Sandbox, tmp_path: Path
):
    sandbox.faults.webhook_drop_rate = 1.0
    settings = {"TT_POLL_AFTER": 0.001}
    async with open_toolkit(make_settings(tmp_path, **settings), sandbox=sandbox) as tk:
        jc, _ = await _invite(tk, sandbox)
        pending = await assessment_state(tk, jc)
        assert pending is not None and pending.state == "pending" and pending.score is None
    await sandbox.drain()  # the candidate took it while tt was down
    async with open_toolkit(make_settings(tmp_path, **settings), sandbox=sandbox) as tk:
        pending = await assessment_state(tk, jc)
        assert pending is not None
        shown = await get_assessment(tk, pending.assessment_id)
    assert shown.submissions_total == (shown.assessment.submissions or 0)  # they agree
    scores = [-1.0 if s.score is None else s.score for s in shown.submissions]
    assert scores == sorted(scores, reverse=True) and all(s.name for s in shown.submissions)
    told = Told()
    async with open_toolkit(make_settings(tmp_path, **settings), sandbox=sandbox) as tk:
        tracker = OperationTracker(tk, told)
        await passes(tracker, 3)
        again = OperationTracker(tk, told)  # a second service on the same file
        await passes(again, 2)
        state = await assessment_state(tk, jc)
    [notice] = told.notices
    _assert_scored(notice, jc)
    assert state is not None and state.match_score is not None and state.summary


async def test_an_error_webhook_fails_it_and_no_submission_expires_it_once(
    sandbox: Sandbox, tmp_path: Path
):
    sandbox.faults.assessment_error_rate = 1.0
    told = Told()
    async with running(sandbox, tmp_path, told) as (service, _):  # type: ignore[arg-type]
        sandbox.webhook_transport = httpx.ASGITransport(app=service.app)
        sandbox.webhook_url = "http://tt/webhooks/taptalent"
        await _invite(service.tk, sandbox)
        await sandbox.drain()
        await passes(service.tracker, 2)
    [failed] = told.notices
    assert failed.title.startswith("Assessment failed")
    assert "could not be processed" in "\n".join(failed.lines)
    settings = {"TT_POLL_AFTER": 0.001, "TT_ASSESSMENT_EXPIRY": 0.001}
    sandbox.faults.assessment_error_rate = 0.0
    sandbox.faults.webhook_drop_rate = 1.0
    expired = Told()
    async with open_toolkit(make_settings(tmp_path / "b", **settings), sandbox=sandbox) as tk:
        other = sandbox.job_candidate_ids(assessed_job(sandbox))[1]
        await invite_to_assessment(tk, other, requested_by=BOB)  # not taken yet
        await passes(OperationTracker(tk, expired), 3)
    [late] = expired.notices
    assert late.title.startswith("Assessment not taken in time")


class LostAnswer(httpx.AsyncBaseTransport):
    """The sandbox, except that the invite's answer is replaced: lost after TapTalent took
    it (502), or a refusal that sent nothing (400)."""

    def __init__(self, sandbox: Sandbox, status: int) -> None:
        self.inner = httpx.ASGITransport(app=sandbox.app)
        self.status = status

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        inviting = request.method == "POST" and request.url.path.endswith("/invite")
        if inviting and self.status == 400:
            body = {"error": {"code": "INVALID_REQUEST", "message": "No.", "details": {"x": "no"}}}
            return httpx.Response(400, json=body)
        response = await self.inner.handle_async_request(request)
        return httpx.Response(502) if inviting else response


async def test_a_lost_answer_is_never_sent_twice_and_still_ends_in_one_notice(
    sandbox: Sandbox, tmp_path: Path
):
    sandbox.faults.webhook_drop_rate = 1.0
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001)
    jc = sandbox.job_candidate_ids(assessed_job(sandbox))[0]
    told = Told()
    async with open_toolkit(
        settings,
        transport=LostAnswer(sandbox, 502),
        api_key=sandbox.api_key,
        base_url="http://sandbox.local/v1/partner",
    ) as tk:
        with pytest.raises(ActionError) as lost:
            await invite_to_assessment(tk, jc, requested_by=BOB)
        assert "may have sent it anyway" in (lost.value.hint or "")
        again = await invite_to_assessment(tk, jc, requested_by=BOB)
        assert not again.changed  # waiting: not sent blindly a second time
        await sandbox.drain()  # TapTalent had taken it: the candidate takes it
        await passes(OperationTracker(tk, told), 3)
        [entry] = await tk.store.audit_entries(action="assessment.invite")
        assert entry.result == "unknown: may have been sent"
    [notice] = told.notices
    _assert_scored(notice, jc)


async def test_a_refused_invitation_is_told_at_once_and_never_announced(
    sandbox: Sandbox, tmp_path: Path
):
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001)
    jc = sandbox.job_candidate_ids(assessed_job(sandbox))[0]
    told = Told()
    async with open_toolkit(
        settings,
        transport=LostAnswer(sandbox, 400),
        api_key=sandbox.api_key,
        base_url="http://sandbox.local/v1/partner",
    ) as tk:
        with pytest.raises(InvalidInput):
            await invite_to_assessment(tk, jc, requested_by=BOB)
        await passes(OperationTracker(tk, told), 2)
        state = await assessment_state(tk, jc)
    assert told.notices == [] and state is not None and state.state == "failed"


async def test_an_invitation_costs_four_requests(sandbox: Sandbox, tmp_path: Path):
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        jc = sandbox.job_candidate_ids(assessed_job(sandbox))[0]
        before = len(sandbox.requests)
        await invite_to_assessment(tk, jc, requested_by=BOB)
        sent = [(r.method, r.path.rsplit("/v1/partner", 1)[-1]) for r in sandbox.requests[before:]]
    assert len(sent) == 4 and sent[0] == ("POST", "/job-candidates/bulk-fetch")
    assert sent[-1][0] == "POST" and sent[-1][1].endswith("/invite")


async def test_an_earlier_submission_does_not_end_a_new_invitation(
    sandbox: Sandbox, tmp_path: Path
):
    sandbox.config.assessment_delay = 3600.0  # the candidate has not taken the new one yet
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001)
    async with open_toolkit(settings, sandbox=sandbox) as tk:
        mine = (await list_assessments(tk, assessed_job(sandbox))).assessments[0]
        earlier = (await get_assessment(tk, mine.id)).submissions[0]  # completed long ago
        assert earlier.job_candidate_id is not None
        await invite_to_assessment(tk, earlier.job_candidate_id, requested_by=BOB)
        told = Told()
        await passes(OperationTracker(tk, told), 2)  # polled: only the old one is there
        state = await assessment_state(tk, earlier.job_candidate_id)
    assert told.notices == [] and state is not None and state.state == "pending"
