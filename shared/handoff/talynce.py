"""A TapTalent job candidate as a Talynce candidate with an application (``POST``)."""

from __future__ import annotations

from shared.handoff.common import Outbound, join_text
from shared.talynce.ctc import to_lpa
from shared.talynce.models import ApplicationInput, CandidateInput
from shared.taptalent.models import Candidate, JobCandidate

NOTES_MAX = 2000  # **choice**: the seed gives no limit; a screenful of notes


def talynce_candidate(
    job_candidate: JobCandidate, *, talynce_job_id: str, job_title: str | None = None
) -> Outbound:
    """The body for Talynce: profile fields, CTC in LPA when it converts without guessing,
    the TapTalent ids in ``metadata``, and an application to the linked job whose notes
    carry the TapTalent score and AI summary."""
    profile = job_candidate.candidate or Candidate(id=job_candidate.candidate_id or "")
    omitted: dict[str, str] = {}
    ctc: dict[str, float] = {}
    for name, amount, currency, period in (
        (
            "expected_ctc",
            job_candidate.expected_ctc,
            job_candidate.currency_expected_ctc,
            job_candidate.expected_ctc_period,
        ),
        (
            "current_ctc",
            job_candidate.current_ctc,
            job_candidate.currency_current_ctc,
            job_candidate.current_ctc_period,
        ),
    ):
        converted = to_lpa(amount, currency, period)
        if converted.lpa is not None:
            ctc[name] = converted.lpa
        elif amount is not None:
            omitted[name] = f"left out: {converted.reason}"
    request = CandidateInput(
        full_name=profile.full_name,
        email=(profile.email or "").strip() or None,
        phone_number=(profile.phone or "").strip() or None,
        location=join_text(profile.city, profile.country),
        primary_skills=list(profile.skills) or None,
        current_company=profile.current_company or None,
        current_designation=profile.current_job_title or None,
        source="TapTalent",
        metadata={
            "taptalent_job_candidate_id": str(job_candidate.id),
            "taptalent_candidate_id": str(job_candidate.candidate_id or profile.id),
        },
        application=ApplicationInput(job_id=talynce_job_id, notes=_notes(job_candidate, job_title)),
        **ctc,
    )
    body = request.model_dump(mode="json", exclude_none=True)
    return Outbound("talynce", body, None, omitted)


def _notes(job_candidate: JobCandidate, job_title: str | None) -> str:
    score = job_candidate.profile_match_score
    where = f" for {job_title}" if job_title else ""
    head = (
        f"TapTalent score {score:g}/100{where}."
        if score is not None
        else f"Not scored by TapTalent yet{where}."
    )
    summary = (job_candidate.ai_summary or "").strip()
    text = f"{head}\nTapTalent AI summary: {summary}" if summary else head
    return text if len(text) <= NOTES_MAX else text[: NOTES_MAX - 1] + "…"
