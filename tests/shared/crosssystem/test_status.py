"""`status <jobCandidateId>`: one section per system, with any combination connected."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from shared.actions import top_candidates
from shared.actions.assessments import NEW, invite_to_assessment
from shared.actions.ats import link_job as link_ats
from shared.actions.ats import push_candidate
from shared.actions.interviews import InterviewInvite, invite_to_interview
from shared.actions.linking import link_job
from shared.actions.presentation import score_text
from shared.actions.status import candidate_status
from shared.actions.talynce import push_to_talynce
from shared.connectors_setup import TALYNCE_SANDBOX_URL, Talynce
from shared.instaview_sandbox import InstaViewSandbox
from shared.kombo_sandbox import KomboSandbox
from shared.sandbox import Sandbox
from shared.talynce import RetryPolicy, TalynceClient
from shared.talynce_sandbox import TalynceSandbox
from shared.toolkit import Toolkit, open_toolkit
from shared.webhooks.tracker import OperationTracker
from tests.conftest import make_settings
from tests.shared.crosssystem.conftest import ALICE, JOB, TITLE, only
from tests.shared.interviews.conftest import AGENT
from tests.support.tracking import Told


async def first(tk: Toolkit) -> int:
    [row] = (await top_candidates(tk, JOB, limit=1)).candidates
    return int(row.job_candidate_id)


def states(view) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.system: s.state for s in view.systems}


async def test_nothing_connected(sandbox: Sandbox, tmp_path: Path) -> None:
    async with only(sandbox, tmp_path) as tk:
        view = await candidate_status(tk, await first(tk))
    assert states(view) == {
        "taptalent": "ok",
        "ats": "not_connected",
        "instaview": "not_connected",
        "talynce": "not_connected",
        "assessment": "none",
    }
    tt = view.section("taptalent")
    assert tt is not None and "score" in tt.summary and tt.facts["score"] is not None
    talynce = view.section("talynce")
    assert talynce is not None and "TALYNCE_API_KEY" in talynce.summary


async def test_each_system_alone(sandbox: Sandbox, tmp_path: Path) -> None:
    iv = InstaViewSandbox()
    alone: dict[str, dict[str, object]] = {
        "ats": {"kombo_sandbox": KomboSandbox(seed=7)},
        "instaview": {"instaview_sandbox": iv},
        "talynce": {"talynce_sandbox": TalynceSandbox()},
    }
    try:
        for system, emulator in alone.items():
            async with only(sandbox, tmp_path / system, **emulator) as tk:
                view = await candidate_status(tk, await first(tk))
            connected = {s for s, state in states(view).items() if state != "not_connected"}
            assert connected == {"taptalent", system, "assessment"}, system
            section = view.section(system)
            assert section is not None  # nothing there yet, and the job is not linked
            assert section.state == ("none" if system == "instaview" else "not_linked")
            assert "not linked" in section.summary
    finally:
        await iv.aclose()


async def pending(tk: Toolkit) -> int:
    return sum(
        [len(await tk.store.operations(k, pending=True)) for k in ("interview", "assessment")]
    )


async def test_everything_connected_and_filled_in(
    sandbox: Sandbox,
    instaview_sb: InstaViewSandbox,
    talynce_sb: TalynceSandbox,
    talynce_job: str,
    tmp_path: Path,
) -> None:
    """Real invites and pushes, ended by the real tracker polling each system (no
    webhooks here): the view shows what each operation recorded."""
    settings = make_settings(tmp_path, TT_POLL_AFTER=0.01)
    async with open_toolkit(
        settings,
        sandbox=sandbox,
        kombo_sandbox=KomboSandbox(seed=7),
        instaview_sandbox=instaview_sb,
        talynce_sandbox=talynce_sb,
    ) as xtk:
        jc = await first(xtk)
        await link_ats(xtk, JOB, "KJ0001", requested_by=ALICE)
        await link_job(xtk, JOB, talynce=talynce_job, requested_by=ALICE)
        await push_candidate(xtk, jc, requested_by=ALICE)
        await push_to_talynce(xtk, jc, requested_by=ALICE)
        invite = await invite_to_interview(xtk, jc, AGENT, requested_by=ALICE)
        assert isinstance(invite, InterviewInvite)
        await invite_to_assessment(xtk, jc, NEW, generate=True, requested_by=ALICE)
        view = await candidate_status(xtk, jc)
        interview = view.section("instaview")
        assert interview is not None and interview.facts["interview_state"] == "pending"
        assessment = view.section("assessment")
        assert assessment is not None and assessment.summary.endswith(": invited, not taken yet")

        await instaview_sb.drain()  # the test interview and its analysis are done
        tracker = OperationTracker(xtk, Told())
        async with asyncio.timeout(30):  # the submission comes after the sandbox's delay
            while await pending(xtk):
                await tracker.run_once()
                await asyncio.sleep(0.1)
        view = await candidate_status(xtk, jc)
    assert set(states(view).values()) == {"ok"}
    ats = view.section("ats")
    assert ats is not None and ats.summary == "application stage: Applied"
    interview = view.section("instaview")
    assert interview is not None and interview.facts["interview_state"] == "completed"
    rating = interview.facts["rating"]
    assert isinstance(rating, float) and f"rating {score_text(rating)}" in interview.summary
    assert "interview analysed" in interview.summary and f"agent {AGENT}" in interview.summary
    talynce = view.section("talynce")
    assert talynce is not None and talynce.facts["application_status"] == "Applied"
    assert isinstance(talynce.facts["screening_score"], float)
    assert isinstance(talynce.facts["match_score"], float)
    assessment = view.section("assessment")
    assert assessment is not None and assessment.facts["assessment_state"] == "completed"
    score = assessment.facts["assessment_score"]
    assert isinstance(score, float) and f"scored · score {score_text(score)}" in assessment.summary


async def test_a_system_that_fails_does_not_fail_the_view(
    xtk: Toolkit, talynce_sb: TalynceSandbox, talynce_job: str
) -> None:
    jc = await first(xtk)
    await link_job(xtk, JOB, talynce=talynce_job, requested_by=ALICE)
    await push_to_talynce(xtk, jc, requested_by=ALICE)
    assert xtk.talynce is not None
    client = TalynceClient(
        talynce_sb.api_key,
        TALYNCE_SANDBOX_URL,
        transport=httpx.ASGITransport(app=talynce_sb.app),
        retry=RetryPolicy.never(),
    )
    xtk.talynce = Talynce(client, xtk.talynce.sandbox)
    talynce_sb.faults.error_rate = 1.0
    view = await candidate_status(xtk, jc)
    assert states(view)["talynce"] == "failed"
    talynce = view.section("talynce")
    assert talynce is not None and "Could not be read: Talynce" in talynce.summary
    assert states(view)["taptalent"] == "ok" and states(view)["ats"] == "not_linked"
    assert view.name and view.job is not None and view.job.title == TITLE
