"""Shape API records into the rows and details the surfaces show."""

from __future__ import annotations

import re
from typing import Any

from shared.actions.models import (
    CandidateDetail,
    CandidateRow,
    Contact,
    CriterionMatchInfo,
    Education,
    Experience,
    JobRef,
    Salary,
    StageInfo,
)
from shared.taptalent.models import Job, JobCandidate

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def first_sentence(text: str | None, limit: int = 160) -> str | None:
    if not text:
        return None
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def stage_infos(job: Job) -> list[StageInfo]:
    return [
        StageInfo(id=s.id, name=s.name or s.type, type=s.type, count=s.total_candidate)
        for s in job.pipeline_stage or []
    ]


def stage_names(job: Job | None) -> dict[str, str]:
    """Stage id (as text) -> stage name, for labelling candidates."""
    if job is None:
        return {}
    return {str(s.id): s.name for s in stage_infos(job) if s.id is not None}


def job_ref(job: Job) -> JobRef:
    return JobRef(id=job.id, title=job.title or f"Job {job.id}")


def candidate_name(jc: JobCandidate) -> str:
    c = jc.candidate
    if c is not None and c.full_name.strip():
        return c.full_name.strip()
    return f"Candidate {jc.candidate_id or jc.id}"


def to_row(jc: JobCandidate, stages: dict[str, str], rank: int | None = None) -> CandidateRow:
    c = jc.candidate
    must = [m for m in jc.criteria if (m.level or "").upper() == "MUST_HAVE"]
    return CandidateRow(
        rank=rank,
        job_candidate_id=jc.id,
        candidate_id=jc.candidate_id,
        job_id=jc.job_id,
        name=candidate_name(jc),
        title=c.current_job_title if c else None,
        company=c.current_company if c else None,
        score=jc.profile_match_score,
        stage_id=jc.stage_id,
        stage=stages.get(str(jc.stage_id)) if jc.stage_id is not None else None,
        status=jc.status,
        must_have_met=sum(1 for m in must if m.met) if must else None,
        must_have_total=len(must) if must else None,
        summary_line=first_sentence(jc.ai_summary),
    )


def _pick(record: Any, *keys: str) -> str | None:
    if not isinstance(record, dict):
        return str(record) if record else None
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def _period(record: Any) -> str | None:
    start = _pick(record, "startDate", "from", "start")
    end = _pick(record, "endDate", "to", "end") or ("present" if start else None)
    return f"{start} – {end}" if start else None


def _money(amount: Any, currency: Any, period: Any) -> str | None:
    if amount in (None, ""):
        return None
    text = f"{amount:,}" if isinstance(amount, int | float) else str(amount)
    return " ".join(str(p) for p in (currency, text, (period or "").lower() or None) if p)


def to_detail(
    jc: JobCandidate,
    job: Job | None,
    *,
    include_private: bool = False,
    names: dict[str, str] | None = None,
) -> CandidateDetail:
    """The full view of one job candidate; `names` labels stage ids (default: the job's)."""
    row = to_row(jc, names if names is not None else stage_names(job))
    c = jc.candidate
    breakdown = {
        k: float(v)
        for k, v in (jc.criteria_matches or {}).items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }
    detail = CandidateDetail(
        **row.model_dump(),
        job=job_ref(job) if job else None,
        ai_summary=jc.ai_summary,
        breakdown=breakdown,
        criteria=[
            CriterionMatchInfo(criterion=m.criterion, level=m.level, met=m.met, evidence=m.evidence)
            for m in jc.criteria
        ],
        recommended=jc.recommend_to_recruiting_firm,
    )
    if c is not None:
        detail.skills = list(c.skills or [])
        detail.location = ", ".join(p for p in (c.city, c.country) if p) or None
        detail.profile_summary = c.summary
        detail.experience = [
            Experience(
                title=_pick(w, "title", "jobTitle", "designation"),
                company=_pick(w, "company", "companyName", "employer"),
                period=_period(w),
            )
            for w in (c.work_experiences or [])
        ]
        detail.education = [
            Education(
                degree=_pick(e, "degree", "qualification", "major"),
                school=_pick(e, "school", "institution", "university"),
                year=_pick(e, "endYear", "graduationYear", "year", "endDate"),
            )
            for e in (c.educations or [])
        ]
        if include_private:
            detail.contact = Contact(email=c.email, phone=c.phone, linkedin=c.linkedin)
    if include_private:
        detail.salary = Salary(
            expected=_money(jc.expected_ctc, jc.currency_expected_ctc, jc.expected_ctc_period),
            current=_money(jc.current_ctc, jc.currency_current_ctc, jc.current_ctc_period),
        )
    return detail
