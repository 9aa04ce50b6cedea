"""Ending interviews without webhooks: polling `GET /interviews/{id}` after TT_POLL_AFTER
(with backoff), an interview InstaView no longer knows, and one that never ends."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.actions.interviews import InterviewInvite, interview_state, invite_to_interview
from shared.instaview_sandbox import InstaViewSandbox
from shared.operations.kinds.interview import INTERVIEW_GRACE
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit, open_toolkit
from shared.webhooks import OperationTracker
from tests.conftest import make_settings
from tests.shared.interviews.conftest import AGENT, ALICE, Notices, make_emulator, top_ids


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def quiet() -> AsyncIterator[InstaViewSandbox]:
    emulator = make_emulator(test_duration=3600, interview_duration=3600)  # no webhook URL
    yield emulator
    await emulator.aclose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def ptk(
    sandbox: Sandbox, quiet: InstaViewSandbox, tmp_path: Path, clock: Clock
) -> AsyncIterator[Toolkit]:
    settings = make_settings(tmp_path, TT_POLL_AFTER=60)
    async with open_toolkit(settings, sandbox=sandbox, instaview_sandbox=quiet, clock=clock) as tk:
        yield tk


async def invite(tk: Toolkit) -> str:
    [jc] = await top_ids(tk, 1)
    made = await invite_to_interview(tk, jc, AGENT, requested_by=ALICE)
    assert isinstance(made, InterviewInvite)
    return made.interview_id


async def test_no_webhook_polling_ends_it_once(
    ptk: Toolkit, quiet: InstaViewSandbox, clock: Clock
) -> None:
    notices = Notices()
    tracker = OperationTracker(ptk, notices)
    interview_id = await invite(ptk)
    await tracker.run_once()
    assert notices.sent == []  # running: nothing to say yet
    await quiet.finish(interview_id)  # its webhooks go nowhere: none is configured
    clock.now += 61
    await tracker.run_once()
    clock.now += 3600
    await tracker.run_once()
    [notice] = notices.sent
    assert notice.title.startswith("AI interview analysed") and notice.operation_id == interview_id


async def test_an_interview_instaview_forgot_is_told_as_gone(
    ptk: Toolkit, quiet: InstaViewSandbox, clock: Clock
) -> None:
    notices = Notices()
    tracker = OperationTracker(ptk, notices)
    interview_id = await invite(ptk)
    del quiet.store.interviews[interview_id]
    for _ in range(4):
        clock.now += 3600
        await tracker.run_once()
    [notice] = notices.sent
    assert notice.title.startswith("AI interview failed")
    assert "emulator does not know this interview" in notice.lines[0]


async def test_no_end_long_after_it_was_due_is_told_as_expired(
    ptk: Toolkit, quiet: InstaViewSandbox, clock: Clock
) -> None:
    notices = Notices()
    tracker = OperationTracker(ptk, notices)
    interview_id = await invite(ptk)
    clock.now += INTERVIEW_GRACE + 61
    await tracker.run_once()
    [notice] = notices.sent
    assert notice.title.startswith("AI interview expired") and "48 hours" in notice.lines[0]
    [jc] = await top_ids(ptk, 1)
    state = await interview_state(ptk, jc)
    assert state is not None and state.state == "expired" and state.interview_id == interview_id
