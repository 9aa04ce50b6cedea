"""Push to Talynce: create then match, already pushed, masked (both forms), CTC in LPA or
left out, and an unknown outcome that is looked up before anything is sent again."""

from __future__ import annotations

import httpx
import pytest

from shared.actions import get_job_candidate, top_candidates
from shared.actions.candidates import fetch_job_candidate
from shared.actions.errors import ActionError, InvalidInput, Unavailable
from shared.actions.linking import link_job
from shared.actions.presentation import command_line
from shared.actions.talynce import push_to_talynce, push_top_to_talynce
from shared.actions.talynce.application import with_ctc
from shared.connectors_setup import TALYNCE_SANDBOX_URL, Talynce
from shared.talynce import RetryPolicy, TalynceClient
from shared.talynce_sandbox import TalynceSandbox
from shared.toolkit import Toolkit
from tests.shared.crosssystem.conftest import ALICE, JOB, only

INR_JOB, INR_TITLE = 4204, "Platform Engineer"  # the sandbox's job paid in INR


async def linked(tk: Toolkit, sb: TalynceSandbox, job: int = JOB, title: str | None = None) -> str:
    talynce_job = sb.job_id(title or "Senior Backend Engineer")
    await link_job(tk, job, talynce=talynce_job, requested_by=ALICE)
    return talynce_job


async def top(tk: Toolkit, n: int, job: int = JOB) -> list[int]:
    rows = (await top_candidates(tk, job, limit=n)).candidates
    return [int(r.job_candidate_id) for r in rows]


async def email_of(tk: Toolkit, jc: int) -> str:
    detail = await get_job_candidate(tk, jc, include_private=True)
    assert detail.contact is not None and detail.contact.email
    return detail.contact.email


def record_of(sb: TalynceSandbox, email: str):  # type: ignore[no-untyped-def]
    found = sb.store.by_email(email)
    assert found is not None, email
    return found


async def test_push_needs_a_talynce_link(xtk: Toolkit) -> None:
    [jc] = await top(xtk, 1)
    with pytest.raises(InvalidInput, match="not linked to a Talynce job") as refused:
        await push_to_talynce(xtk, jc, requested_by=ALICE)
    step = refused.value.next_step
    assert step is not None and command_line(step, "tt") == "tt link job:4201"
    assert "talynce:<the Talynce job id>" in step.purpose


async def test_create_then_again_then_match(xtk: Toolkit, talynce_sb: TalynceSandbox) -> None:
    talynce_job = await linked(xtk, talynce_sb)
    first_jc, second_jc = await top(xtk, 2)
    before = len(talynce_sb.store.candidates)
    first = await push_to_talynce(xtk, first_jc, requested_by=ALICE)
    assert first.outcome == "created" and first.created and first.changed and first.applied
    assert "is new in Talynce (created)" in first.message
    record = record_of(talynce_sb, await email_of(xtk, first_jc))
    notes = record.applications[talynce_job].notes or ""
    assert f"TapTalent score {first.score:g}/100" in notes and "TapTalent AI summary:" in notes
    assert len(talynce_sb.store.candidates) == before + 1
    # Again: nothing is sent, and the answer says what happened the first time.
    again = await push_to_talynce(xtk, first_jc, requested_by=ALICE)
    assert again.outcome == "already_pushed" and not again.changed
    assert "already pushed to Talynce" in again.message and "by U_ALICE" in again.message
    assert "is new in Talynce" in again.message
    # A candidate Talynce already has (same e-mail): matched, 200, applied all the same.
    email = await email_of(xtk, second_jc)
    assert xtk.talynce is not None
    await xtk.talynce.client.candidates.create(full_name="Added By Hand", email=email)
    matched = await push_to_talynce(xtk, second_jc, requested_by=ALICE)
    assert matched.outcome == "matched" and matched.created is False and matched.applied
    assert "already in Talynce (matched by e-mail)" in matched.message
    assert talynce_job in record_of(talynce_sb, email).applications
    entries = await xtk.store.audit_entries(action="talynce.push")
    assert [e.result for e in entries] == ["matched", "created"]  # newest first
    assert "email" in entries[0].details["fields"]  # field names ...
    assert email not in str(entries[0].details)  # ... never values


async def test_ctc_in_lpa_only_for_inr_per_year(xtk: Toolkit, talynce_sb: TalynceSandbox) -> None:
    await linked(xtk, talynce_sb, INR_JOB, INR_TITLE)
    inr = None
    for jc in await top(xtk, 10, INR_JOB):
        pushed = await push_to_talynce(xtk, jc, requested_by=ALICE)
        if pushed.ctc_sent:
            inr = (jc, pushed)
            break
    assert inr is not None, "a candidate of the INR job with a CTC"
    jc, pushed = inr
    assert "expected CTC sent in LPA" in pushed.message
    figures = await with_ctc(xtk, await fetch_job_candidate(xtk, jc))
    assert figures.currency_expected_ctc == "INR" and figures.expected_ctc is not None
    stored = record_of(talynce_sb, await email_of(xtk, jc)).fields
    assert stored["expected_ctc"] == round(figures.expected_ctc / 100_000, 2)
    assert 0 < stored["expected_ctc"] < 1000  # lakhs, not rupees
    assert str(stored["expected_ctc"]) not in pushed.message  # no salary in the answer
    # The USD job: left out, and the answer says why.
    await linked(xtk, talynce_sb)
    for other in await top(xtk, 5):
        usd = await push_to_talynce(xtk, other, requested_by=ALICE)
        if usd.ctc_left_out:
            break
    assert not usd.ctc_sent and "expected_ctc" in usd.ctc_left_out
    assert "left out (it is in USD" in usd.message
    assert "expected_ctc" not in record_of(talynce_sb, await email_of(xtk, other)).fields


async def test_masked_match_is_reported_and_never_revealed(
    xtk: Toolkit, talynce_sb: TalynceSandbox
) -> None:
    await linked(xtk, talynce_sb)
    [jc] = await top(xtk, 1)
    email = await email_of(xtk, jc)
    assert xtk.talynce is not None
    made = await xtk.talynce.client.candidates.create(full_name="Pool Person", email=email)
    talynce_sb.mask(made.candidate.id)
    pushed = await push_to_talynce(xtk, jc, requested_by=ALICE)
    assert pushed.outcome == "masked" and pushed.masked
    assert "masked in Talynce's talent pool" in pushed.message and "tt never does" in pushed.message
    assert record_of(talynce_sb, email).talent_pool_status == "masked"  # still masked


async def test_masked_refusal_403_changes_nothing(xtk: Toolkit, talynce_sb: TalynceSandbox) -> None:
    talynce_sb.config.masked_match = "refuse"
    talynce_job = await linked(xtk, talynce_sb)
    [jc] = await top(xtk, 1)
    email = await email_of(xtk, jc)
    assert xtk.talynce is not None
    made = await xtk.talynce.client.candidates.create(full_name="Pool Person", email=email)
    talynce_sb.mask(made.candidate.id)
    pushed = await push_to_talynce(xtk, jc, requested_by=ALICE)
    assert pushed.outcome == "masked" and not pushed.changed
    assert "Talynce refused" in pushed.message and "Nothing was changed" in pushed.message
    assert talynce_job not in record_of(talynce_sb, email).applications
    stored = await xtk.store.talynce_push(str(jc))
    assert stored is not None and stored.state == "masked"
    [entry] = await xtk.store.audit_entries(action="talynce.push")
    assert entry.result == "masked"


def _no_retries(tk: Toolkit, sb: TalynceSandbox) -> None:
    assert tk.talynce is not None
    client = TalynceClient(
        sb.api_key,
        TALYNCE_SANDBOX_URL,
        transport=httpx.ASGITransport(app=sb.app),
        retry=RetryPolicy.never(),
    )
    tk.talynce = Talynce(client, tk.talynce.sandbox)


async def test_unknown_outcome_is_looked_up_before_sending_again(
    xtk: Toolkit, talynce_sb: TalynceSandbox
) -> None:
    talynce_job = await linked(xtk, talynce_sb)
    _no_retries(xtk, talynce_sb)
    first_jc, second_jc = await top(xtk, 2)
    talynce_sb.faults.error_rate = 1.0
    with pytest.raises(Unavailable, match="may or may not have arrived") as caught:
        await push_to_talynce(xtk, first_jc, requested_by=ALICE)
    assert "looks them up in Talynce first" in str(caught.value)
    stored = await xtk.store.talynce_push(str(first_jc))
    assert stored is not None and stored.state == "unknown"
    talynce_sb.faults.error_rate = 0.0
    # It did not arrive (the 503 came first): looked up, not found, sent.
    sent = await push_to_talynce(xtk, first_jc, requested_by=ALICE)
    assert sent.outcome == "created" and sent.changed
    # Another whose earlier push did arrive though tt never heard: found, nothing re-sent.
    email = await email_of(xtk, second_jc)
    assert xtk.talynce is not None
    await xtk.store.begin_talynce_push(
        str(second_jc), str(JOB), talynce_job, fields=["email"], omitted={}, origin=ALICE
    )
    await xtk.store.end_talynce_push(str(second_jc), "unknown", message="no answer")
    await xtk.talynce.client.candidates.create(
        full_name="Arrived", email=email, application={"job_id": talynce_job, "notes": "x"}
    )
    found = await push_to_talynce(xtk, second_jc, requested_by=ALICE)
    assert not found.changed and "earlier push did reach Talynce" in found.message
    assert record_of(talynce_sb, email).applications[talynce_job].notes == "x"  # not re-sent


async def test_push_top_to_talynce(xtk: Toolkit, talynce_sb: TalynceSandbox) -> None:
    await linked(xtk, talynce_sb)
    batch = await push_top_to_talynce(xtk, JOB, 3, requested_by=ALICE)
    assert [p.outcome for p in batch.pushed] == ["created"] * 3 and not batch.failed
    assert batch.message.endswith("3 created.")
    again = await push_top_to_talynce(xtk, JOB, 3, requested_by=ALICE)
    assert "3 already pushed" in again.message


async def test_talynce_not_connected_says_how(sandbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    async with only(sandbox, tmp_path) as tk:
        [jc] = await top(tk, 1)
        with pytest.raises(ActionError, match="Talynce is not connected") as caught:
            await push_to_talynce(tk, jc, requested_by=ALICE)
    assert "TALYNCE_API_KEY" in str(caught.value)
