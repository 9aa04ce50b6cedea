"""A TapTalent job candidate as an InstaView candidate (``POST /candidates``)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from shared.handoff.common import Outbound, join_text
from shared.instaview.models import NewCandidate
from shared.instaview.rules import CV_TEXT_MAX, E164
from shared.taptalent.models import Candidate, JobCandidate

TRIMMED = "\n[… trimmed to InstaView's 50,000-character limit]"


def gdpr_expiry(today: date, retention_days: int) -> date:
    """The date InstaView must delete the candidate: today + ``TT_GDPR_RETENTION_DAYS``."""
    if retention_days < 1:
        raise ValueError("TT_GDPR_RETENTION_DAYS must be at least 1 (the expiry must be future)")
    return today + timedelta(days=retention_days)


def instaview_candidate(
    job_candidate: JobCandidate,
    *,
    instaview_job_id: str | None,
    retention_days: int,
    today: date,
) -> Outbound:
    """The body for InstaView. Contact: e-mail, and the phone only when it is E.164 once
    spaces and punctuation are removed (never a guessed country code). Nothing is cut
    short except the CV text; the client's rules check the rest before sending."""
    profile = job_candidate.candidate or Candidate(id=job_candidate.candidate_id or "")
    expiry = gdpr_expiry(today, retention_days)
    omitted: dict[str, str] = {}
    phone = e164(profile.phone)
    if profile.phone and phone is None:
        omitted["phoneNumber"] = "TapTalent's number is not in international (E.164) form"
    request = NewCandidate(
        first_name=(profile.first_name or "").strip() or None,
        last_name=(profile.last_name or "").strip() or None,
        gdpr_expiry_date=expiry.isoformat(),
        email=(profile.email or "").strip() or None,
        phone_number=phone,
        job_ids=[instaview_job_id] if instaview_job_id else None,
        metadata=_metadata(job_candidate),
        cv_text=cv_text(profile),
    )
    if not instaview_job_id:
        omitted["jobIds"] = "the TapTalent job is not linked to an InstaView job"
    return Outbound("instaview", request.to_body(), expiry, omitted)


def e164(phone: str | None) -> str | None:
    """``+44 20 7946 0958`` -> ``+442079460958``; None when it has no leading +."""
    if not phone:
        return None
    compact = re.sub(r"[\s\-().]", "", phone)
    return compact if E164.match(compact) else None


def cv_text(profile: Candidate, limit: int = CV_TEXT_MAX) -> str | None:
    """The profile as plain text, at most ``limit`` characters (InstaView anonymises it)."""
    lines = [
        profile.full_name,
        join_text(profile.current_job_title, profile.current_company, sep=" at "),
        join_text(profile.city, profile.country),
        f"Skills: {', '.join(profile.skills)}" if profile.skills else None,
        profile.summary,
        *_section("Experience", profile.work_experiences),
        *_section("Projects", profile.project_experiences),
        *_section("Education", profile.educations),
        *_section("Certifications", profile.certifications),
        *_section("Languages", profile.languages),
    ]
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        return None
    if len(text) > limit:
        text = text[: limit - len(TRIMMED)] + TRIMMED
    return text


def _section(title: str, items: list[Any] | None) -> list[str]:
    if not items:
        return []
    return [f"{title}:", *(f"- {_describe(item)}" for item in items if _describe(item))]


def _describe(item: Any) -> str:
    if isinstance(item, dict):
        values = [str(v) for v in item.values() if isinstance(v, str | int | float) and str(v)]
        return "; ".join(values)
    return str(item) if item is not None else ""


def _metadata(job_candidate: JobCandidate) -> dict[str, Any]:
    """The TapTalent ids, so the InstaView record leads back (and tt can reuse it)."""
    ids = {
        "jobId": job_candidate.job_id,
        "jobCandidateId": job_candidate.id,
        "candidateId": job_candidate.candidate_id,
    }
    return {"source": "tt", "taptalent": {k: str(v) for k, v in ids.items() if v is not None}}
