"""`link job:42 [ats:] [instaview:] [talynce:]`: validation, storage, audit, the job view."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.actions import ActionError, get_job
from shared.actions.ats.common import NotConnected
from shared.actions.errors import InvalidInput, NotFound
from shared.actions.linking import link_job
from shared.instaview_sandbox import InstaViewSandbox
from shared.sandbox import Sandbox
from shared.talynce_sandbox import TalynceSandbox
from shared.toolkit import Toolkit
from tests.shared.crosssystem.conftest import ALICE, JOB, TITLE, only

NOT_A_JOB = "00000000-0000-4000-8000-000000000000"


async def test_without_ids_it_lists_ats_and_instaview_jobs(xtk: Toolkit) -> None:
    choices = await link_job(xtk, JOB, requested_by=ALICE)
    assert not choices.linked
    assert choices.choices[0].name == TITLE  # the ATS's open jobs
    assert choices.other_choices[0].system == "instaview"
    assert choices.other_choices[0].name == TITLE  # most shared words first
    assert "link job:4201 instaview:<id>" in choices.message
    assert "talynce:<id>" in choices.message  # Talynce has no jobs to list


async def test_links_all_three_audited_and_shown_in_the_job(
    xtk: Toolkit, instaview_sb: InstaViewSandbox, talynce_job: str
) -> None:
    iv_job = instaview_sb.job_id(TITLE)
    linked = await link_job(
        xtk, JOB, ats="KJ0001", instaview=iv_job, talynce=talynce_job, requested_by=ALICE
    )
    assert linked.linked and linked.ats_job is not None and linked.ats_job.id == "KJ0001"
    assert [(o.system, o.id) for o in linked.others] == [
        ("instaview", iv_job),
        ("talynce", talynce_job),
    ]
    assert f"linked to {TITLE} ({iv_job}) in InstaView" in linked.message
    assert "no public jobs API" in linked.message  # what could not be checked
    for action in ("ats.link", "instaview.link", "talynce.link"):
        [entry] = await xtk.store.audit_entries(action=action)
        assert entry.actor == "U_ALICE" and entry.target == f"job:{JOB}"
    shown = await get_job(xtk, JOB)
    assert shown.ats is not None and shown.ats.ats_job_id == "KJ0001"
    assert {(link.system, link.id, link.name) for link in shown.links} == {
        ("instaview", iv_job, TITLE),
        ("talynce", talynce_job, ""),
    }


async def test_wrong_ids_are_refused_and_link_nothing(
    xtk: Toolkit, instaview_sb: InstaViewSandbox
) -> None:
    with pytest.raises(NotFound, match="InstaView has no job nope"):
        await link_job(xtk, JOB, ats="KJ0001", instaview="nope", requested_by=ALICE)
    with pytest.raises(InvalidInput, match="Talynce job ids are UUIDs"):
        await link_job(xtk, JOB, talynce="42", requested_by=ALICE)
    assert await xtk.store.job_link(str(JOB)) is None  # the ATS was not linked either
    assert await xtk.store.system_links(str(JOB)) == []
    with pytest.raises(InvalidInput, match="mirror:on goes with ats"):
        await link_job(xtk, JOB, talynce=NOT_A_JOB, mirror=True, requested_by=ALICE)


async def test_a_talynce_job_with_candidates_says_how_many(
    xtk: Toolkit, talynce_sb: TalynceSandbox, talynce_job: str
) -> None:
    assert xtk.talynce is not None
    await xtk.talynce.client.candidates.create(
        full_name="Someone", email="someone@example.in", application={"job_id": talynce_job}
    )
    linked = await link_job(xtk, JOB, talynce=talynce_job, requested_by=ALICE)
    assert "Talynce lists 1 candidate on this job" in linked.message


async def test_systems_that_are_not_connected(sandbox: Sandbox, tmp_path: Path) -> None:
    async with only(sandbox, tmp_path) as tk:
        with pytest.raises(NotConnected, match="No ATS is connected"):
            await link_job(tk, JOB, requested_by=ALICE)
        with pytest.raises(ActionError, match="Talynce is not connected") as caught:
            await link_job(tk, JOB, talynce=NOT_A_JOB, requested_by=ALICE)
        assert "TALYNCE_API_KEY" in str(caught.value)
    iv = InstaViewSandbox()
    try:
        async with only(sandbox, tmp_path, instaview_sandbox=iv) as tk:
            listed = await link_job(tk, JOB, requested_by=ALICE)
            assert listed.message.startswith("No ATS is connected.")
            assert listed.other_choices and not listed.choices
    finally:
        await iv.aclose()
