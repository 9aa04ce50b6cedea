"""Sandbox records to the JSON shapes of docs/partner-api.md (tt dialect), per response."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from shared.sandbox import catalog
from shared.sandbox.clock import iso
from shared.sandbox.models import (
    Assessment,
    Candidate,
    Criterion,
    Evaluation,
    Job,
    JobCandidate,
    Rescore,
)
from shared.sandbox.profiles import candidate_details
from shared.sandbox.scoring import BONUS, MUST, NICE, Requirement, parse_criterion
from shared.sandbox.state import Company

JsonDict = dict[str, Any]
_DETAILS_CACHE_LIMIT = 20_000


def number(score: float) -> float | int:
    """Whole scores as integers (91, not 91.0), as a JavaScript backend would send them."""
    return int(score) if score == int(score) else score


def pagination(page: int, per_page: int, total: int) -> JsonDict:
    return {
        "page": page,
        "perPage": per_page,
        "totalCandidates": total,
        "totalPages": math.ceil(total / per_page) if total else 0,
    }


def job(company: Company, record: Job, with_criteria: bool) -> JsonDict:
    per_stage, rejected = company.job_index[record.id].stage_counts()
    body: JsonDict = {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "city": record.city,
        "state": record.state,
        "country": record.country,
        "pipelineId": record.pipeline_id,
        "status": record.status,
        "workMode": record.work_mode,
        "createdAt": record.created_ms,
        "rejectedCandidateCount": rejected,
        "salaryRangeFrom": record.salary_from,
        "salaryRangeTo": record.salary_to,
        "salaryCurrency": record.salary_currency,
        "contractType": record.contract_type,
        "yearOfExperience": record.years,
        "screeningQuestion": record.screening_questions,
        "pipelineStage": [
            {"id": s.id, "name": s.name, "type": s.type, "totalCandidate": per_stage.get(s.id, 0)}
            for s in record.stages
        ],
    }
    if with_criteria:
        body["criterionDetails"] = criteria(record.criteria)
    return body


def criteria(items: tuple[Criterion, ...]) -> list[JsonDict]:
    return [{"criterion": c.criterion, "level": c.level} for c in items]


class CandidateRenderer:
    """Builds candidate profiles and evaluation texts, each once: they never change.

    (A rescore makes a new Evaluation, which the cache notices by identity.)
    """

    def __init__(self) -> None:
        self._cache: dict[int, JsonDict] = {}
        self._evaluations: dict[int, tuple[Evaluation, JsonDict, str]] = {}

    def candidate(self, record: Candidate) -> JsonDict:
        cached = self._cache.get(record.id)
        if cached is None:
            if len(self._cache) >= _DETAILS_CACHE_LIMIT:
                self._cache.clear()
            cached = candidate_details(record)
            self._cache[record.id] = cached
        return cached

    def explained(self, jc: JobCandidate) -> tuple[JsonDict | None, str | None]:
        """(criteriaMatches, aiSummary) for the job candidate's current evaluation."""
        evaluation = jc.evaluation
        if evaluation is None:
            return None, None
        cached = self._evaluations.get(jc.id)
        if cached is None or cached[0] is not evaluation:
            if len(self._evaluations) >= _DETAILS_CACHE_LIMIT:
                self._evaluations.clear()
            matches = criteria_matches(jc.candidate, evaluation)
            cached = (evaluation, matches, ai_summary(jc.candidate, evaluation))
            self._evaluations[jc.id] = cached
        return cached[1], cached[2]

    def job_candidate(self, jc: JobCandidate, id_key: str) -> JsonDict:
        """The flat JobCandidate; id_key is "jobCandidateId" (job listing) or "id"."""
        body: JsonDict = {id_key: jc.id, **self._fields(jc)}
        body["candidate_details"] = self.candidate(jc.candidate)
        if jc.custom_fields:
            body["customFields"] = jc.custom_fields
        return body

    def stage_item(self, company: Company, jc: JobCandidate) -> JsonDict:
        details: JsonDict = {"id": jc.id, "companyId": str(company.id), **self._fields(jc)}
        details.update(
            screeningQuestionAnswer=[],
            rejectedByClientId="client_recruiter_1" if jc.rejected_ms else None,
            hiredByClientId="client_hiring_manager_1" if jc.hired_ms else None,
            disqualificationReasons=None,
            referralDetailsId=None,
        )
        item: JsonDict = {
            "candidate_details": self.candidate(jc.candidate),
            "jobCandidateDetails": details,
            "onboardingFormDetails": _onboarding_forms(company, jc),
        }
        if jc.custom_fields:
            item["customFields"] = jc.custom_fields
        return item

    def _fields(self, jc: JobCandidate) -> JsonDict:
        matches, summary = self.explained(jc)
        return _job_candidate_fields(jc, matches, summary)


def _job_candidate_fields(
    jc: JobCandidate, matches: JsonDict | None, summary: str | None
) -> JsonDict:
    evaluation = jc.evaluation
    return {
        "jobId": jc.job_id,
        "candidateId": jc.candidate.id,
        "stageId": jc.stage_id,
        "status": jc.status,
        "evaluationStatus": "COMPLETED" if evaluation else "PENDING",
        "createdAt": iso(jc.created_ms),
        "updatedAt": iso(jc.updated_ms),
        "profileMatchScore": number(evaluation.score) if evaluation else None,
        "criteriaMatches": matches,
        "recommendToRecruitingFirm": bool(evaluation and evaluation.score >= 80),
        "aiSummary": summary,
        "noticePeriod": jc.notice_period,
        "isWillingToRelocate": jc.willing_to_relocate,
        "expectedCTC": jc.expected_ctc,
        "currencyExpectedCTC": jc.expected_ctc_currency,
        "expectedCTCPeriod": jc.expected_ctc_period,
        "currentCTC": jc.current_ctc,
        "currencyCurrentCTC": jc.current_ctc_currency,
        "currentCTCPeriod": jc.current_ctc_period,
        "rejectedAt": iso(jc.rejected_ms) if jc.rejected_ms else None,
        "hiredAt": iso(jc.hired_ms) if jc.hired_ms else None,
    }


def _onboarding_forms(company: Company, jc: JobCandidate) -> list[JsonDict]:
    if company.stage_of(jc).type not in {"OFFER", "ONBOARDING", "HIRED"}:
        return []
    submitted = jc.hired_ms is not None
    return [
        {
            "id": jc.id + 9_000_000,
            "status": "FORM_SUBMITTED" if submitted else "FORM_REQUESTED",
            "createdAt": iso(jc.updated_ms),
            "updatedAt": iso(jc.updated_ms),
            "onboardingFlowId": 61,
            "jobId": jc.job_id,
            "responses": [{"question": "Preferred start date", "answer": "In four weeks"}]
            if submitted
            else [],
        }
    ]


@lru_cache(maxsize=1024)
def _requirements(criteria: tuple[Criterion, ...]) -> tuple[Requirement, ...]:
    return tuple(parse_criterion(c.criterion) for c in criteria)


def criteria_matches(candidate: Candidate, evaluation: Evaluation) -> JsonDict:
    requirements = _requirements(evaluation.criteria)
    skill_flags = [m for r, m in zip(requirements, evaluation.met, strict=True) if r.skills]
    years_needed = [r.min_years for r in requirements if r.kind == "experience"]
    degree_needed = [r.min_education for r in requirements if r.kind == "education"]
    if skill_flags:
        skills = round(100 * sum(skill_flags) / len(skill_flags))
    else:
        skills = min(100, 40 + 10 * len(candidate.skills))
    if years_needed:
        experience = min(100, round(100 * candidate.years / max(1, max(years_needed))))
    else:
        experience = min(100, 30 + 10 * candidate.years)
    if degree_needed:
        needed = max(degree_needed)
        met_degree = candidate.education >= needed
        education = 100 if met_degree else round(100 * (candidate.education + 1) / (needed + 1))
    else:
        education = (50, 75, 90, 100)[candidate.education]
    return {
        "skills": skills,
        "experience": experience,
        "education": education,
        "criteria": [
            {
                "criterion": c.criterion,
                "level": c.level,
                "met": m,
                "evidence": evidence(candidate, r, m),
            }
            for c, r, m in zip(evaluation.criteria, requirements, evaluation.met, strict=True)
        ],
    }


def evidence(candidate: Candidate, req: Requirement, met: bool) -> str:
    if req.kind == "education":
        degree = f"{catalog.DEGREES[candidate.education]} in {candidate.major}"
        return degree if met else f"Highest degree: {degree}"
    if req.kind == "other":
        return (
            f"Mentioned in work history at {candidate.employer}" if met else "No evidence in resume"
        )
    if req.kind == "experience" and candidate.years < req.min_years:
        return f"{candidate.years} years of experience; {req.min_years}+ required"
    if not met:
        missing = [s for s in req.skills if s.casefold() not in candidate.skill_keys]
        return f"No {' or '.join(missing)} in resume"
    if req.kind == "experience":
        return f"{candidate.years} years of experience, currently {candidate.title}"
    owned = [s for s in req.skills if s.casefold() in candidate.skill_keys]
    return f"Lists {' and '.join(owned)} in skills"


def ai_summary(candidate: Candidate, evaluation: Evaluation) -> str:
    pairs = list(zip(evaluation.criteria, evaluation.met, strict=True))
    missing_musts = [c.criterion for c, m in pairs if c.level == MUST and not m]
    others = [(c, m) for c, m in pairs if c.level != MUST]
    met_others = [c.criterion for c, m in others if m]
    missing_others = [c.criterion for c, m in others if not m]
    who = f"{candidate.first_name} ({candidate.title} at {candidate.employer})"
    if missing_musts:
        tail = f" Meets {len(met_others)} of {len(others)} other criteria." if others else ""
        return f"{who} is missing the must-have {_join(missing_musts)}.{tail}"
    if not missing_others:
        bonus = [c.criterion for c, _ in others if c.level == BONUS]
        extra = f", including the bonus {_join(bonus)}" if bonus else ""
        return f"{who} meets every criterion{extra}. Strong match."
    nice = [(c, m) for c, m in others if c.level == NICE]
    met_nice = sum(1 for _, m in nice if m)
    return (
        f"{who} meets all must-haves and {met_nice} of {len(nice)} nice-to-haves. "
        f"Missing: {_join(missing_others)}."
    )


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def rescore(record: Rescore, with_completed_at: bool = True) -> JsonDict:
    body: JsonDict = {
        "rescoreId": record.id,
        "jobId": record.job_id,
        "status": record.status,
        "totalEligible": record.total_eligible,
        "totalRequested": len(record.job_candidate_ids),
        "totalProcessed": record.total_processed,
        "totalFailed": record.total_failed,
        "jobCandidateIds": list(record.job_candidate_ids),
        "cappedByCredits": record.capped_by_credits,
        "errors": [dict(e) for e in record.errors],
    }
    if with_completed_at:
        body["completedAt"] = record.completed_at
    return body


def assessment(record: Assessment, with_questions: bool, company_id: int | None = None) -> JsonDict:
    """An assessment with the list item's documented fields (plus ``questions`` on GET)."""
    body: JsonDict = {
        "assessmentId": record.id,
        "testName": record.test_name,
        "companyId": company_id,
        "jobId": record.job_id or None,
        "status": record.status,
        "assessmentType": "AUDIO_INTERVIEW",
        "questionCount": len(record.questions),
        "hiringForRole": record.hiring_for_role,
        "purposeOfInterview": record.purpose_of_interview,
        "duration": record.duration_minutes,
        "aiLanguage": record.ai_language,
        "skills": list(record.skills),
        "buckets": [],
        "assessmentUrl": record.url,
        "submissionCount": record.submission_count,
        "createdAt": iso(record.created_ms),
        "lastUpdatedOn": iso(record.updated_ms or record.created_ms),
    }
    if with_questions:
        body["questions"] = [dict(q) for q in record.questions]
    return body
