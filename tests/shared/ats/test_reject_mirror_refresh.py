"""Reject with reasons matched by words, mirrored moves, and refreshing from the ATS."""

import pytest

from shared.actions import get_job_candidate, move_candidate
from shared.actions.ats import link_job, push_candidate, refresh_pushed, reject_in_ats
from shared.actions.ats.models import ReasonsResult, RejectResult
from shared.actions.ats.reject import match_reason
from shared.actions.errors import InvalidInput
from shared.actions.previews import move_preview
from shared.kombo.models import RejectionReason
from shared.kombo_sandbox import KomboSandbox
from shared.toolkit import Toolkit
from tests.shared.ats.conftest import ALICE, ATS_JOB, JOB, top_ids

REASONS = [
    RejectionReason(id=str(n), name=name)
    for n, name in enumerate(
        [
            "Not enough experience",
            "Salary expectations too high",
            "Failed technical interview",
            "Skills do not match the role",
        ]
    )
]


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("Not enough experience", "Not enough experience"),
        ("not ENOUGH experience", "Not enough experience"),
        ("experience", "Not enough experience"),
        ("salary", "Salary expectations too high"),
        ("technical", "Failed technical interview"),
        ("lacks experience", "Not enough experience"),  # most shared words
    ],
)
def test_reasons_matched_by_words(typed: str, chosen: str) -> None:
    assert match_reason(typed, REASONS).name == chosen


def test_unknown_and_ambiguous_reasons_list_what_exists() -> None:
    with pytest.raises(InvalidInput) as unknown:
        match_reason("bad vibes", REASONS)
    assert unknown.value.allowed == [r.name for r in REASONS]
    assert "Not enough experience" in str(unknown.value)
    with pytest.raises(InvalidInput, match="several"):
        match_reason("not", REASONS)


async def pushed(atk: Toolkit, mirror: bool = False) -> int:
    await link_job(atk, JOB, ATS_JOB, mirror=mirror, requested_by=ALICE)
    [jc] = await top_ids(atk, 1)
    await push_candidate(atk, jc, requested_by=ALICE)
    return jc


async def test_reject_lists_reasons_then_rejects_once(atk: Toolkit, ksb: KomboSandbox) -> None:
    jc = await pushed(atk)
    listed = await reject_in_ats(atk, jc, requested_by=ALICE)
    assert isinstance(listed, ReasonsResult) and "Not enough experience" in listed.reasons
    done = await reject_in_ats(atk, jc, "experience", note="Thanks!", requested_by=ALICE)
    assert isinstance(done, RejectResult) and done.rejected
    assert done.reason == "Not enough experience" and done.remote_url
    app = ksb.application(done.application_id)
    assert app.outcome == "DECLINED" and app.rejection_reason_name == "Not enough experience"
    assert app.notes[-1]["content"] == "Thanks!"
    again = await reject_in_ats(atk, jc, "experience", requested_by=ALICE)
    assert isinstance(again, RejectResult) and not again.rejected
    results = [e.result for e in await atk.store.audit_entries(action="ats.reject")]
    assert results == ["unchanged", "rejected"]


async def test_reject_needs_a_push(atk: Toolkit) -> None:
    [jc] = await top_ids(atk, 1)
    with pytest.raises(InvalidInput, match="push"):
        await reject_in_ats(atk, jc, "salary", requested_by=ALICE)


async def test_permission_missing_on_reject(atk: Toolkit, ksb: KomboSandbox) -> None:
    jc = await pushed(atk)
    ksb.faults.denied.add("reject")
    with pytest.raises(Exception, match="enable 'Reject applications' in Kombo"):
        await reject_in_ats(atk, jc, "salary", requested_by=ALICE)


async def test_mirrored_move_by_name_and_by_type(atk: Toolkit, ksb: KomboSandbox) -> None:
    jc = await pushed(atk, mirror=True)
    record = await atk.store.push_record(str(jc))
    assert record is not None and record.application_id
    by_name = await move_candidate(atk, jc, "Phone Screen", requested_by=ALICE)
    assert by_name.ats is not None and by_name.ats.matched_by == "name"
    assert "Phone Screen → Phone Screen (matched by name)" in by_name.message
    assert ksb.application(record.application_id).stage_id == "KJ0001-S1"
    by_type = await move_candidate(atk, jc, "ASSESSMENT", requested_by=ALICE)
    assert by_type.ats is not None and by_type.ats.ats_stage == "Technical Interview"
    assert "(matched by type)" in by_type.message
    assert ksb.application(record.application_id).stage_id == "KJ0001-S2"


async def test_no_matching_stage_leaves_the_ats_alone(atk: Toolkit, ksb: KomboSandbox) -> None:
    jc = await pushed(atk, mirror=True)
    record = await atk.store.push_record(str(jc))
    assert record is not None and record.application_id
    before = ksb.application(record.application_id).stage_id
    # The confirmation asked before the move already says so, and writes nothing.
    preview = await move_preview(atk, jc, "Shortlisted")
    assert preview.ats is not None and "the ATS will be left alone" in preview.ats
    by_name = await move_preview(atk, jc, "Phone Screen")
    assert by_name.ats == "In the ATS too: Phone Screen → Phone Screen (matched by name)."
    assert ksb.application(record.application_id).stage_id == before
    moved = await move_candidate(atk, jc, "Shortlisted", requested_by=ALICE)
    assert moved.moved and moved.ats is not None and not moved.ats.moved
    assert "the ATS was left alone" in moved.message
    assert ksb.application(record.application_id).stage_id == before


async def test_without_mirroring_the_ats_is_not_touched(atk: Toolkit, ksb: KomboSandbox) -> None:
    jc = await pushed(atk, mirror=False)
    assert (await move_preview(atk, jc, "Phone Screen")).ats is None
    moved = await move_candidate(atk, jc, "Phone Screen", requested_by=ALICE)
    assert moved.moved and moved.ats is None


async def test_refresh_reports_each_change_once(atk: Toolkit, ksb: KomboSandbox) -> None:
    jc = await pushed(atk)
    record = await atk.store.push_record(str(jc))
    assert record is not None and record.application_id
    assert await refresh_pushed(atk) == []
    ksb.move_in_ats(record.application_id, "Technical Interview")
    [change] = await refresh_pushed(atk)
    name = (await get_job_candidate(atk, jc)).name  # the ATS has the name tt sent it
    assert change.message == f"{name} moved to Technical Interview in the ATS."
    assert change.origin == ALICE
    assert await refresh_pushed(atk) == []
    ksb.reject_in_ats(record.application_id, "Position filled")
    [change] = await refresh_pushed(atk)
    assert change.rejected and change.message.endswith("(Position filled).")
