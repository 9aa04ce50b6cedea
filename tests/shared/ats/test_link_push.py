"""Link a job, push candidates (idempotently: twice, concurrently, after a crash)."""

import asyncio

import pytest

from shared.actions import ActionError, get_job, get_job_candidate, top_candidates
from shared.actions.ats import NotConnected, link_job, push_candidate, push_top
from shared.actions.errors import InvalidInput
from shared.actions.presentation import command_line
from shared.kombo_sandbox import KomboSandbox
from shared.toolkit import Toolkit, open_toolkit
from tests.conftest import make_settings
from tests.shared.ats.conftest import ALICE, ATS_JOB, JOB, top_ids


async def email_of(tk: Toolkit, jc: int) -> str:
    """The job candidate's e-mail in the TapTalent sandbox (what the ATS matches on)."""
    detail = await get_job_candidate(tk, jc, include_private=True)
    assert detail.contact is not None and detail.contact.email
    return detail.contact.email


def one_app(ksb: KomboSandbox, email: str):  # type: ignore[no-untyped-def]
    apps = [
        a
        for a in ksb.ats.applications.values()
        if ksb.ats.candidates[a.candidate_id].email == email and a.job_id == ATS_JOB
    ]
    assert len(apps) == 1, apps
    return apps[0]


async def test_link_lists_matching_open_jobs_then_links(atk: Toolkit) -> None:
    choices = await link_job(atk, JOB, requested_by=ALICE)
    assert not choices.linked
    assert choices.choices[0].name == "Senior Backend Engineer"
    assert "Platform Engineer" not in {c.name for c in choices.choices}  # closed
    linked = await link_job(atk, JOB, ATS_JOB, mirror=True, requested_by=ALICE)
    assert linked.linked and linked.mirror
    assert "Phone Screen" in linked.message
    [entry] = await atk.store.audit_entries(action="ats.link")
    assert entry.details["system"] == "kombo:greenhouse:sandbox7"
    shown = await get_job(atk, JOB)  # `job 4201` shows the link and the ATS job's stages
    assert shown.ats is not None and shown.ats.mirror and shown.ats.ats_job_id == ATS_JOB
    assert shown.ats.stages[:2] == ["Applied", "Phone Screen"]
    assert (await get_job(atk, 4204)).ats is None


async def test_link_refuses_closed_and_unknown_jobs(atk: Toolkit) -> None:
    with pytest.raises(InvalidInput, match="CLOSED"):
        await link_job(atk, 4204, "KJ0005", requested_by=ALICE)
    with pytest.raises(ActionError, match="no job KJ0999"):
        await link_job(atk, 4204, "KJ0999", requested_by=ALICE)


async def test_push_needs_a_link(atk: Toolkit) -> None:
    [jc] = await top_ids(atk, 1)
    with pytest.raises(InvalidInput, match="not linked") as refused:
        await push_candidate(atk, jc, requested_by=ALICE)
    step = refused.value.next_step  # the way forward, as data each surface words
    assert step is not None and command_line(step, "tt") == "tt link job:4201"


async def test_push_then_push_again_changes_nothing(atk: Toolkit, ksb: KomboSandbox) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    [jc] = await top_ids(atk, 1)
    first = await push_candidate(atk, jc, requested_by=ALICE)
    assert first.changed and first.created
    assert first.remote_url and first.remote_url.startswith("https://ats.example.com/")
    assert first.warnings  # Greenhouse keeps result links as custom fields, and says so
    again = await push_candidate(atk, jc, requested_by=ALICE)
    assert not again.changed and "nothing changed" in again.message
    app = one_app(ksb, await email_of(atk, jc))
    assert len(app.result_links) == 1 and len(app.notes) == 1
    link = app.result_links[0]
    assert link["label"] == "TapTalent score"
    [row] = (await top_candidates(atk, JOB, limit=1)).candidates
    met = f"{row.must_have_met}/{row.must_have_total}"
    assert {"key": "Must-haves met", "value": met} in link["details"]["attributes"]
    note = app.notes[0]["content"]
    first_name = row.name.split(" ")[0]
    assert note.startswith("[TapTalent]") and "U_ALICE" in note and first_name in note
    results = [e.result for e in await atk.store.audit_entries(action="ats.push")]
    assert results == ["unchanged", "pushed"]


async def test_concurrent_pushes_make_one_application(atk: Toolkit, ksb: KomboSandbox) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    [jc] = await top_ids(atk, 1)
    results = await asyncio.gather(*(push_candidate(atk, jc, requested_by=ALICE) for _ in range(3)))
    assert sum(r.changed for r in results) == 1
    app = one_app(ksb, await email_of(atk, jc))
    assert len(app.result_links) == 1 and len(app.notes) == 1


async def test_two_processes_pushing_find_the_same_application(
    atk: Toolkit,
    ksb: KomboSandbox,
    sandbox,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    # A second toolkit on its own database (another tt install): the ATS's own duplicate
    # detection, then the e-mail lookup, find the application instead of a second one.
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    [jc] = await top_ids(atk, 1)
    await push_candidate(atk, jc, requested_by=ALICE)
    other_settings = make_settings(tmp_path / "other")
    async with open_toolkit(other_settings, sandbox=sandbox, kombo_sandbox=ksb) as other:
        await link_job(other, JOB, ATS_JOB, requested_by=ALICE)
        result = await push_candidate(other, jc, requested_by=ALICE)
    assert not result.created and "found the application" in result.steps
    one_app(ksb, await email_of(atk, jc))


async def test_push_resumes_after_a_crash_between_application_and_note(
    atk: Toolkit, ksb: KomboSandbox
) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    [jc] = await top_ids(atk, 1)
    ksb.faults.queue("PLATFORM.TASK_TIMED_OUT", 504, path_contains="/notes")
    with pytest.raises(ActionError, match="took too long"):
        await push_candidate(atk, jc, requested_by=ALICE)
    app = one_app(ksb, await email_of(atk, jc))
    assert len(app.result_links) == 1 and app.notes == []
    resumed = await push_candidate(atk, jc, requested_by=ALICE)
    assert resumed.steps == ["added the AI summary as a note"]
    assert len(app.result_links) == 1 and len(app.notes) == 1


async def test_push_top_five(atk: Toolkit, ksb: KomboSandbox) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    batch = await push_top(atk, JOB, 5, requested_by=ALICE)
    assert len(batch.pushed) == 5 and not batch.failed
    assert "5 changed" in batch.message
    again = await push_top(atk, JOB, 5, requested_by=ALICE)
    assert "0 changed, 5 already there" in again.message
    assert len([a for a in ksb.ats.applications.values() if a.job_id == ATS_JOB]) == 3 + 5


async def test_push_into_closed_job_says_so(atk: Toolkit, ksb: KomboSandbox) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    ksb.ats.jobs[ATS_JOB].status = "CLOSED"  # closed in the ATS after linking
    [jc] = await top_ids(atk, 1)
    with pytest.raises(InvalidInput, match="closed"):
        await push_candidate(atk, jc, requested_by=ALICE)


async def test_permission_missing_reaches_the_user(atk: Toolkit, ksb: KomboSandbox) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    ksb.faults.denied.add("create")
    [jc] = await top_ids(atk, 1)
    with pytest.raises(ActionError, match="enable 'Create applications' in Kombo"):
        await push_candidate(atk, jc, requested_by=ALICE)


async def test_no_ats_connected_with_a_real_taptalent_key(sandbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, TAPTALENT_API_KEY=sandbox.api_key)
    async with open_toolkit(settings, sandbox=sandbox) as tk:
        assert tk.ats is not None  # an explicit TapTalent sandbox still brings the emulator
    import httpx

    async with open_toolkit(
        settings, transport=httpx.ASGITransport(app=sandbox.app), base_url="http://s/v1/partner"
    ) as tk:
        assert tk.ats is None
        with pytest.raises(NotConnected) as caught:
            await link_job(tk, JOB, requested_by=ALICE)
    assert "No ATS is connected" in str(caught.value) and "KOMBO_API_KEY" in str(caught.value)


async def test_a_push_under_way_in_another_process_is_not_repeated(
    atk: Toolkit, ksb: KomboSandbox
) -> None:
    await link_job(atk, JOB, ATS_JOB, requested_by=ALICE)
    [jc] = await top_ids(atk, 1)
    assert await atk.store.claim_push(str(jc), 120)  # the other process's lease
    with pytest.raises(ActionError, match="another tt process"):
        await push_candidate(atk, jc, requested_by=ALICE)
    assert [a for a in ksb.ats.applications.values() if a.job_id == ATS_JOB][3:] == []
    await atk.store.release_push(str(jc))
    assert (await push_candidate(atk, jc, requested_by=ALICE)).changed
