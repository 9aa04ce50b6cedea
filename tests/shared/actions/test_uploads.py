"""Uploads on every dialect: links checked and named, chunks of 200 as one upload, batches
ended by webhook (duplicated or dropped) or by asking, one report after scoring caught up,
and a chunk whose outcome is unknown is never sent again."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.actions import InvalidInput, NotFound
from shared.actions.uploads import KIND, upload_resumes
from shared.notify import RoutingNotifier
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.toolkit import SANDBOX_BASE_URL, open_toolkit
from shared.webhooks import OperationTracker
from tests.conftest import make_settings
from tests.support.rewriting import UNREADABLE, Rewriting
from tests.support.tracking import Told, passes
from tests.support.uploads import capture_webhooks, links, parse_events, store_events

ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="1700000000.000100")


def job_of(sandbox: Sandbox) -> int:
    return sandbox.job_ids[1]


def upload_posts(sandbox: Sandbox) -> int:
    return sum(1 for r in sandbox.requests if r.path.endswith("/bulk/resume"))


async def test_450_links_are_three_batches_reported_once(sandbox: Sandbox, tmp_path: Path):
    capture_webhooks(sandbox)
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        started = await upload_resumes(
            tk, job_of(sandbox), links(450, failing=2), requested_by=ALICE
        )
        assert [c.urls for c in started.chunks] == [200, 200, 50]
        assert len(set(started.batch_ids)) == 3 and upload_posts(sandbox) == 3
        await sandbox.drain()  # parsed, webhooks sent, new candidates scored
        told = Told()
        tracker = OperationTracker(tk, RoutingNotifier({"*": told}))
        # Every event delivered twice, past the receiver's dedupe.
        await store_events(tk, parse_events(sandbox), copies=2)
        await passes(tracker)
        [notice] = told.notices
        assert notice.origin == ALICE and notice.operation_id == started.upload_id
        assert "448 résumés parsed, 2 failed" in notice.title
        assert any("could not be parsed" in line and "fail-0.pdf" in line for line in notice.lines)
        top = [line for line in notice.lines if line[:2] in {f"{i}." for i in range(1, 6)}]
        assert len(top) == 5
        operation = await tk.store.get_operation(KIND, started.upload_id)
        assert operation is not None and operation.state == "completed"
        newcomers = set((operation.result or {})["newcomers"])
        assert len(newcomers) == 448
        await passes(tracker, 3)
    assert len(told.notices) == 1


async def test_report_waits_until_the_newcomers_are_scored(sandbox: Sandbox, tmp_path: Path):
    """The parse webhooks arrive before scoring: no report until the scores are in."""
    capture_webhooks(sandbox)
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        job = job_of(sandbox)
        started = await upload_resumes(tk, job, links(3), requested_by=ALICE)
        await sandbox.drain()
        newest = sandbox.job_candidate_ids(job)[-3:]
        for jc in newest:  # as if TapTalent had not scored them yet
            sandbox.unscore(jc)
        told = Told()
        tracker = OperationTracker(tk, RoutingNotifier({"*": told}))
        await store_events(tk, parse_events(sandbox))
        await passes(tracker)
        assert told.notices == []
        operation = await tk.store.get_operation(KIND, started.upload_id)
        assert operation is not None and operation.state == "pending"
        assert operation.next_poll_at is not None  # a re-check is scheduled, no sleeping
        for jc in newest:
            sandbox.set_score(jc, 99.5)
        await tk.store.schedule_operation_poll(KIND, started.upload_id, 0.0)  # due now
        await passes(tracker)
    [notice] = told.notices
    marked = [line for line in notice.lines if line.endswith("★ new")]
    assert len(marked) == 3 and all("99.5" in line for line in marked)


async def test_dropped_webhooks_end_by_asking_for_each_batch(sandbox: Sandbox, tmp_path: Path):
    async with open_toolkit(make_settings(tmp_path, TT_POLL_AFTER=0.001), sandbox=sandbox) as tk:
        started = await upload_resumes(tk, job_of(sandbox), links(250), requested_by=ALICE)
        await sandbox.drain()  # no webhook reaches this toolkit
        told = Told()
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    [notice] = told.notices
    assert notice.operation_id == started.upload_id
    assert "250 résumés parsed, 0 failed" in notice.title


async def test_a_restart_between_batches_ending_and_the_report_tells_once(
    sandbox: Sandbox, tmp_path: Path
):
    capture_webhooks(sandbox)
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001)
    async with open_toolkit(settings, sandbox=sandbox) as tk:
        started = await upload_resumes(tk, job_of(sandbox), links(210), requested_by=ALICE)
        await sandbox.drain()
        first = parse_events(sandbox, "completed")[:1]  # one batch's webhook; then a crash
        await store_events(tk, first)
    told = Told()
    for _ in range(2):  # two restarts, each a new Toolkit and tracker on the same file
        async with open_toolkit(settings, sandbox=sandbox) as tk:
            await store_events(tk, parse_events(sandbox), tag="again")
            await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    assert [n.operation_id for n in told.notices] == [started.upload_id]


async def test_a_batch_that_fails_says_why(sandbox: Sandbox, tmp_path: Path):
    capture_webhooks(sandbox)
    async with open_toolkit(make_settings(tmp_path), sandbox=sandbox) as tk:
        await upload_resumes(tk, job_of(sandbox), links(2, failing=2), requested_by=ALICE)
        await sandbox.drain()
        assert [e for e, _ in parse_events(sandbox)][-1].endswith(".failed")
        told = Told()
        await store_events(tk, parse_events(sandbox))
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})))
    [notice] = told.notices
    assert "0 résumés parsed, 2 failed" in notice.title
    [line] = [line for line in notice.lines if "failed:" in line]
    assert "fail-0.pdf" in line and "could not be downloaded" in line
    assert not any("Top" in line for line in notice.lines)


async def test_refused_links_are_each_named_and_nothing_is_sent(tk: Any, sandbox: Sandbox):
    bad = ["https://files.example.com/a.pdf", "  ", "ftp://files.example.com/b.pdf"]
    bad += ["https://192.168.1.20/c.pdf", "https://intranet/d.pdf"]
    with pytest.raises(InvalidInput) as refused:
        await upload_resumes(tk, job_of(sandbox), bad, requested_by=ALICE)
    message = refused.value.message
    assert "4 URLs refused, nothing was uploaded" in message
    for number in (2, 3, 4, 5):
        assert f"URL {number} " in message
    assert "URL 1 " not in message and "https://" in message  # says what is allowed
    assert upload_posts(sandbox) == 0
    assert await tk.store.operations(KIND) == []


async def test_an_unknown_job_is_refused_before_sending(tk: Any, sandbox: Sandbox):
    with pytest.raises(NotFound) as missing:
        await upload_resumes(tk, 999_999, links(1), requested_by=ALICE)
    assert "999999" in missing.value.message and upload_posts(sandbox) == 0


async def test_a_chunk_with_an_unreadable_answer_is_not_sent_again(
    sandbox: Sandbox, tmp_path: Path
):
    wire = Rewriting(sandbox.app)
    answers = iter([UNREADABLE])
    wire.on("POST", "/job-candidates/bulk/resume", lambda body: next(answers, body))
    async with open_toolkit(
        make_settings(tmp_path, TT_POLL_AFTER=0.001),
        sandbox=sandbox,
        transport=httpx.ASGITransport(app=wire),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    ) as tk:
        started = await upload_resumes(tk, job_of(sandbox), links(300), requested_by=ALICE)
        assert [c.state for c in started.chunks] == ["unknown", "pending"]
        assert "may have been uploaded" in started.message and upload_posts(sandbox) == 2
        await sandbox.drain()
        told = Told()
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    [notice] = told.notices
    assert upload_posts(sandbox) == 2  # the unknown chunk was never sent again
    assert any("outcome unknown" in line and "Batch 1 (200 URLs" in line for line in notice.lines)
    audit = await _audit(tmp_path)
    assert audit["unknown_urls"] == 200 and audit["fields"] == ["jobId", "resumeURLs"]


async def test_a_chunk_of_unknown_outcome_is_named_by_its_webhook(sandbox: Sandbox, tmp_path: Path):
    capture_webhooks(sandbox)
    wire = Rewriting(sandbox.app)
    answers = iter([UNREADABLE])
    wire.on("POST", "/job-candidates/bulk/resume", lambda body: next(answers, body))
    async with open_toolkit(
        make_settings(tmp_path),
        sandbox=sandbox,
        transport=httpx.ASGITransport(app=wire),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    ) as tk:
        started = await upload_resumes(tk, job_of(sandbox), links(300), requested_by=ALICE)
        assert [c.state for c in started.chunks] == ["unknown", "pending"]
        await sandbox.drain()
        told = Told()
        await store_events(tk, parse_events(sandbox), copies=2)
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    [notice] = told.notices
    assert "300 résumés parsed, 0 failed" in notice.title
    assert not any("outcome unknown" in line for line in notice.lines)
    assert upload_posts(sandbox) == 2


async def _audit(tmp_path: Path) -> dict[str, Any]:
    async with open_toolkit(make_settings(tmp_path), sandbox=Sandbox()) as tk:
        [entry] = await tk.store.audit_entries(action="upload")
        assert entry.actor == "U_ALICE" and entry.target.startswith("job:")
        return dict(entry.details)


class Refusing:
    """TapTalent refusing some upload requests with the documented 400 envelope."""

    def __init__(self, app: Any, refuse: set[int]) -> None:
        self.app, self.refuse, self.posts = app, refuse, 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/bulk/resume"):
            self.posts += 1
            if self.posts in self.refuse:
                error = {
                    "code": "INVALID_REQUEST",
                    "type": "validation_error",
                    "message": "One or more fields are invalid.",
                    "details": {"resumeURLs[3]": "must be publicly accessible"},
                }
                body = json.dumps({"error": error}).encode()
                headers = [(b"content-type", b"application/json")]
                await send({"type": "http.response.start", "status": 400, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


async def refusing_toolkit(sandbox: Sandbox, tmp_path: Path, refuse: set[int]) -> Any:
    return open_toolkit(
        make_settings(tmp_path, TT_POLL_AFTER=0.001),
        sandbox=sandbox,
        transport=httpx.ASGITransport(app=Refusing(sandbox.app, refuse)),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    )


async def test_a_refused_batch_is_named_and_the_others_go_on(sandbox: Sandbox, tmp_path: Path):
    async with await refusing_toolkit(sandbox, tmp_path, {2}) as tk:
        started = await upload_resumes(tk, job_of(sandbox), links(450), requested_by=ALICE)
        assert [c.state for c in started.chunks] == ["pending", "refused", "pending"]
        assert "Batch 2 (200 URLs) was refused" in started.message
        assert "resumeURLs[3]: must be publicly accessible" in started.message
        await sandbox.drain()
        told = Told()
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    [notice] = told.notices
    assert "250 résumés parsed, 0 failed" in notice.title
    assert any(line.startswith("Batch 2 (200 URLs") and "refused" in line for line in notice.lines)


async def test_when_every_batch_is_refused_the_person_is_told_at_once_and_only_then(
    sandbox: Sandbox, tmp_path: Path
):
    async with await refusing_toolkit(sandbox, tmp_path, {1, 2}) as tk:
        with pytest.raises(InvalidInput) as refused:
            await upload_resumes(tk, job_of(sandbox), links(300), requested_by=ALICE)
        assert "resumeURLs[3]" in refused.value.message
        told = Told()
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
        [entry] = await tk.store.audit_entries(action="upload")
    assert told.notices == [] and entry.result == "refused"


class LosingAnswers(httpx.AsyncBaseTransport):
    """TapTalent gets the first upload request and creates its batch, but the answer never
    comes back: a read timeout, as when a response is lost on the way."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.lost = inner, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/bulk/resume") and not self.lost:
            self.lost += 1
            raise httpx.ReadTimeout("no answer in time", request=request)
        return response


async def test_a_chunk_whose_answer_timed_out_is_reported_and_never_resent(
    sandbox: Sandbox, tmp_path: Path
):
    async with open_toolkit(
        make_settings(tmp_path, TT_POLL_AFTER=0.001),
        sandbox=sandbox,
        transport=LosingAnswers(httpx.ASGITransport(app=sandbox.app)),
        api_key=sandbox.api_key,
        base_url=SANDBOX_BASE_URL,
    ) as tk:
        started = await upload_resumes(tk, job_of(sandbox), links(250), requested_by=ALICE)
        assert [c.state for c in started.chunks] == ["unknown", "pending"]
        assert "did not answer in time" in started.message
        await sandbox.drain()
        told = Told()
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    [notice] = told.notices
    assert upload_posts(sandbox) == 2  # the first chunk reached TapTalent once, and only once
    assert "50 résumés parsed" in notice.title  # what tt can vouch for
    assert any("outcome unknown" in line and "Batch 1 (200 URLs" in line for line in notice.lines)


class Killed(BaseException):
    """The process dies (SIGKILL, a power cut) while a request is in flight."""


class DyingAt(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, post: int) -> None:
        self.inner, self.post, self.posts = inner, post, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/bulk/resume"):
            self.posts += 1
            if self.posts == self.post:
                raise Killed
        return response


async def test_a_crash_mid_upload_is_reported_after_the_restart_without_resending(
    sandbox: Sandbox, tmp_path: Path
):
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.001)
    with pytest.raises(Killed):
        async with open_toolkit(
            settings,
            sandbox=sandbox,
            transport=DyingAt(httpx.ASGITransport(app=sandbox.app), post=2),
            api_key=sandbox.api_key,
            base_url=SANDBOX_BASE_URL,
        ) as tk:
            await upload_resumes(tk, job_of(sandbox), links(450), requested_by=ALICE)
    await sandbox.drain()
    later = time.time() + 3600  # the restart comes well after the crash
    async with open_toolkit(settings, sandbox=sandbox, clock=lambda: later) as tk:
        told = Told()
        await passes(OperationTracker(tk, RoutingNotifier({"*": told})), 3)
    [notice] = told.notices
    assert upload_posts(sandbox) == 2  # nothing was sent again
    assert "200 résumés parsed" in notice.title and notice.origin == ALICE
    lines = " ".join(notice.lines)
    assert "Batch 2 (200 URLs" in lines and "outcome unknown" in lines
    assert "Batch 3 (50 URLs" in lines and "was not sent (tt stopped before sending it)" in lines
