"""What tt would send for real TapTalent sandbox candidates, accepted by each emulator."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from shared.handoff import cv_text, gdpr_expiry, instaview_candidate, talynce_candidate
from shared.instaview import InstaViewClient
from shared.instaview.models import NewCandidate
from shared.instaview_sandbox import InstaViewSandbox
from shared.talynce import TalynceClient
from shared.talynce_sandbox import TalynceSandbox
from shared.taptalent.models import Candidate
from tests.secrets_guard import register_secret
from tests.shared.clients import candidates_with_ctc, taptalent_over

TODAY = date.today()


async def job_candidates(sandbox, count: int = 10):
    """The first ``count`` candidates of the sandbox's first job, with their profiles."""
    async with taptalent_over(sandbox) as taptalent:
        job = (await taptalent.jobs.list()).jobs[0]
        page = await taptalent.job_candidates.list(job.id, per_page=20)
        return await taptalent.job_candidates.bulk_fetch([jc.id for jc in page.candidates[:count]])


async def test_instaview_gets_contact_cv_ids_and_an_expiry(sandbox):
    emulator = InstaViewSandbox()
    register_secret(emulator.api_key, "InstaView emulator API key")
    job = emulator.job_id("Senior Backend Engineer")
    async with InstaViewClient(
        api_key=emulator.api_key,
        base_url="http://iv/v1/public",
        transport=httpx.ASGITransport(app=emulator.app),
    ) as client:
        for jc in await job_candidates(sandbox):
            outbound = instaview_candidate(
                jc, instaview_job_id=job, retention_days=180, today=TODAY
            )
            created = await client.candidates.create(NewCandidate.model_validate(outbound.body))
            assert created.gdpr_expiry_date == (TODAY + timedelta(days=180)).isoformat()
            assert created.metadata is not None and created.metadata["source"] == "tt"
            assert created.metadata["taptalent"]["jobCandidateId"] == str(jc.id)
            assert created.job_ids == [job]
    await emulator.aclose()
    assert outbound.retention == TODAY + timedelta(days=180)
    assert {"firstName", "lastName", "email", "gdprExpiryDate", "cvText", "metadata"} <= set(
        outbound.fields
    )
    assert "jobIds" in outbound.fields
    assert all("@" not in name for name in outbound.fields)  # names, not values


async def test_without_a_linked_job_instaview_gets_no_job_ids_and_says_so(sandbox):
    jc = (await job_candidates(sandbox, 1))[0]
    outbound = instaview_candidate(jc, instaview_job_id=None, retention_days=30, today=TODAY)
    assert "jobIds" not in outbound.body
    assert outbound.omitted["jobIds"] == "the TapTalent job is not linked to an InstaView job"


def test_phones_are_compacted_to_e164_or_left_out():
    from shared.handoff.instaview import e164

    assert e164("+44 20 7946-0958") == "+442079460958"
    assert e164("(020) 7946 0958") is None
    assert e164(None) is None


def test_the_cv_text_never_exceeds_fifty_thousand_characters():
    profile = Candidate(id=1, first_name="Ana", last_name="Costa", summary="x" * 60_000)
    text = cv_text(profile)
    assert text is not None and len(text) == 50_000
    assert text.endswith("trimmed to InstaView's 50,000-character limit]")
    assert cv_text(Candidate(id=2)) == "Candidate 2"


def test_the_expiry_is_always_in_the_future():
    assert gdpr_expiry(TODAY, 1) == TODAY + timedelta(days=1)
    with pytest.raises(ValueError, match="TT_GDPR_RETENTION_DAYS"):
        gdpr_expiry(TODAY, 0)


async def test_talynce_gets_lpa_only_for_inr_and_the_score_in_the_notes(sandbox):
    emulator = TalynceSandbox()
    register_secret(emulator.api_key, "Talynce emulator API key")
    job = emulator.job_id("Data Scientist")
    inr = await candidates_with_ctc(sandbox, 1, amount=3_250_000, currency="INR")
    aud = await candidates_with_ctc(sandbox, 1, amount=180_000, currency="AUD")
    async with TalynceClient(
        api_key=emulator.api_key,
        base_url="http://t/api/v1",
        transport=httpx.ASGITransport(app=emulator.app),
    ) as client:
        rupees = talynce_candidate(inr[0], talynce_job_id=job, job_title="Data Scientist")
        assert (rupees.body["expected_ctc"], rupees.body["current_ctc"]) == (32.5, 26.0)
        assert rupees.omitted == {}
        pushed = await client.candidates.create(**rupees.body)
        assert pushed.outcome == "created"
        application = pushed.candidate.application_for(job)
        assert application is not None and application.notes is not None
        assert application.notes.startswith(
            f"TapTalent score {inr[0].profile_match_score:g}/100 for Data Scientist."
        )
        dollars = talynce_candidate(aud[0], talynce_job_id=job)
        assert "expected_ctc" not in dollars.body and "current_ctc" not in dollars.body
        assert dollars.omitted["expected_ctc"] == (
            "left out: it is in AUD, and converting to INR would need a rate"
        )
        assert (await client.candidates.create(**dollars.body)).outcome == "created"
    assert dollars.retention is None
    assert "application.notes" in dollars.fields and "application.job_id" in dollars.fields
