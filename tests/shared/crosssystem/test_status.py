"""`status <jobCandidateId>`: one section per system, with any combination connected."""

from __future__ import annotations

from pathlib import Path

import httpx

from shared.actions import top_candidates
from shared.actions.ats import link_job as link_ats
from shared.actions.ats import push_candidate
from shared.actions.linking import link_job
from shared.actions.status import candidate_status
from shared.actions.talynce import push_to_talynce
from shared.connectors_setup import TALYNCE_SANDBOX_URL, Talynce
from shared.instaview_sandbox import InstaViewSandbox
from shared.kombo_sandbox import KomboSandbox
from shared.sandbox import Sandbox
from shared.talynce import RetryPolicy, TalynceClient
from shared.talynce_sandbox import TalynceSandbox
from shared.toolkit import Toolkit
from tests.shared.crosssystem.conftest import ALICE, JOB, TITLE, only


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


async def test_everything_connected_and_filled_in(
    xtk: Toolkit, instaview_sb: InstaViewSandbox, talynce_job: str
) -> None:
    jc = await first(xtk)
    await link_ats(xtk, JOB, "KJ0001", requested_by=ALICE)
    await link_job(xtk, JOB, talynce=talynce_job, requested_by=ALICE)
    await push_candidate(xtk, jc, requested_by=ALICE)
    await push_to_talynce(xtk, jc, requested_by=ALICE)
    # What an InstaView invite records (another module writes it): a tolerant read.
    await xtk.store.add_operation(
        "interview", "iv-1", ALICE, subject=str(jc), data={"agentName": "Screening EN"}
    )
    await xtk.store.end_operation(
        "interview",
        "iv-1",
        "completed",
        {"analysis": {"general": {"overallRating": 82, "companyFitRating": 74.5}}},
    )
    await xtk.store.add_operation(
        "assessment", "as-1", ALICE, subject=str(jc), data={"assessmentName": "Python test"}
    )
    view = await candidate_status(xtk, jc)
    assert set(states(view).values()) == {"ok"}
    ats = view.section("ats")
    assert ats is not None and ats.summary == "application stage: Applied"
    interview = view.section("instaview")
    assert interview is not None and interview.facts["rating"] == 82.0
    assert "interview completed" in interview.summary and "rating 82" in interview.summary
    talynce = view.section("talynce")
    assert talynce is not None and talynce.facts["application_status"] == "Applied"
    assert isinstance(talynce.facts["screening_score"], float)
    assert isinstance(talynce.facts["match_score"], float)
    assessment = view.section("assessment")
    assert assessment is not None and assessment.summary == "Python test: pending"


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


async def test_the_operation_reader_takes_any_spelling(xtk: Toolkit) -> None:
    """Interviews and assessments are written by other modules: their field names may
    vary (camelCase or snake_case, flat or nested), and the view still reads them."""
    jc = await first(xtk)
    await xtk.store.add_operation(
        "interview", "iv-old", ALICE, subject=str(jc), data={"status": "SCHEDULED"}
    )
    view = await candidate_status(xtk, jc)
    pending = view.section("instaview")
    assert pending is not None and pending.summary.startswith("interview scheduled")
    await xtk.store.add_operation(
        "interview", "iv-new", ALICE, subject=str(jc), data={"agent": "Phone EN"}
    )
    await xtk.store.end_operation(
        "interview", "iv-new", "failed", {"interview_status": "FAILED", "overall_rating": None}
    )
    await xtk.store.add_operation("assessment", "as-1", ALICE, subject=str(jc))
    await xtk.store.end_operation(
        "assessment", "as-1", "completed", {"result": {"score": "71.5", "title": "SQL"}}
    )
    view = await candidate_status(xtk, jc)
    failed = view.section("instaview")
    assert failed is not None and failed.summary == "interview failed · agent Phone EN"
    assert failed.facts["rating"] is None  # a null rating is not a rating
    assessment = view.section("assessment")
    assert assessment is not None and assessment.summary == "SQL: completed · score 71.5"
