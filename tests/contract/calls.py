"""One client call per contract operation the client implements, keyed by operationId.

Both the property tests (generated answers through a MockTransport) and the request tests
(real requests against the sandbox) drive the client through this table, so a method the
client gains is one line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from shared.taptalent import TapTalentClient
from shared.taptalent.models import CriterionInput, JobCandidateUpdate, JobCreate
from shared.taptalent.models.assessments import (
    AssessmentCreate,
    AssessmentFields,
    AutoGenerate,
    QuestionInput,
)

RESUME = "https://files.example.com/resumes/ada.pdf"


@dataclass
class Ids:
    """Ids the calls use: any numbers for a MockTransport, real ones for the sandbox."""

    job: int = 1
    job_candidates: list[int] = field(default_factory=lambda: [1, 2])
    candidate: int = 1
    stage: int = 1
    stage_type: str = "SCREEN"
    batch: int = 1
    assessment: int = 1
    question: int = 1
    flow: int = 1
    rescore: str = "rescore_1_1700000000000"


Call = Callable[[TapTalentClient, Ids], Awaitable[Any]]


def _create_job(client: TapTalentClient, ids: Ids) -> Awaitable[Any]:
    job = JobCreate(
        title="Platform Engineer",
        city="Lisbon",
        state="Lisbon",
        country="Portugal",
        status="DRAFT",
        work_mode="HYBRID",
        salary_range_from=50_000,
        salary_range_to=70_000,
        salary_currency="EUR",
        year_of_experience=4,
        criterion_details=[CriterionInput(criterion="Python", level="MUST_HAVE")],
    )
    return client.jobs.create(job)


CALLS: dict[str, Call] = {
    "listJobs": lambda c, ids: c.jobs.list(per_page=10),
    "getJob": lambda c, ids: c.jobs.get(ids.job),
    "createJob": _create_job,
    "listCandidates": lambda c, ids: c.candidates.list(per_page=5),
    "getCandidate": lambda c, ids: c.candidates.get(ids.candidate),
    "bulkFetchCandidates": lambda c, ids: c.candidates.bulk_fetch([ids.candidate]),
    "uploadCandidateResumes": lambda c, ids: c.candidates.bulk_upload_resumes([RESUME]),
    "getBatchCandidates": lambda c, ids: c.candidates.batch(ids.batch),
    "listJobCandidates": lambda c, ids: c.job_candidates.list(
        ids.job, per_page=10, score_min=10, score_max=100, stage_id=ids.stage
    ),
    "bulkFetchJobCandidates": lambda c, ids: c.job_candidates.bulk_fetch(ids.job_candidates),
    "uploadJobResumes": lambda c, ids: c.job_candidates.bulk_upload_resumes(ids.job, [RESUME]),
    "listCandidatesByStageType": lambda c, ids: c.job_candidates.by_stage_type(
        ids.stage_type.lower(), job_id=ids.job, per_page=5
    ),
    "listCandidatesByStageId": lambda c, ids: c.job_candidates.by_stage_id(
        ids.stage, job_id=ids.job, per_page=5
    ),
    "updateJobCandidate": lambda c, ids: c.job_candidates.update(
        ids.job_candidates[0],
        JobCandidateUpdate(notice_period="1 month", is_willing_to_relocate=True),
    ),
    "moveJobCandidate": lambda c, ids: c.job_candidates.move(ids.job_candidates[0], ids.stage),
    "deleteJobCandidate": lambda c, ids: c.job_candidates.delete(ids.job_candidates[-1]),
    "startRescore": lambda c, ids: c.rescores.start(
        ids.job, job_candidate_ids=[str(i) for i in ids.job_candidates]
    ),
    "getRescoreStatus": lambda c, ids: c.rescores.get(ids.rescore),
    "getRescoreCandidates": lambda c, ids: c.rescores.candidates(ids.rescore),
    "listAssessments": lambda c, ids: c.assessments.list(per_page=5),
    "getAssessment": lambda c, ids: c.assessments.get(ids.assessment),
    "createAudioInterview": lambda c, ids: c.assessments.create_audio_interview(
        AssessmentCreate(test_name="Phone screen", duration=15, ai_language="english")
    ),
    "updateAssessment": lambda c, ids: c.assessments.update(
        ids.assessment, AssessmentFields(purpose_of_interview="Screen backend engineers.")
    ),
    "addAssessmentQuestion": lambda c, ids: c.assessments.add_question(
        ids.assessment, QuestionInput(question="Why this team?", time_limit_seconds=90)
    ),
    "updateAssessmentQuestion": lambda c, ids: c.assessments.update_question(
        ids.assessment, ids.question, QuestionInput(question="Why this company?")
    ),
    "deleteAssessmentQuestion": lambda c, ids: c.assessments.delete_question(
        ids.assessment, ids.question
    ),
    "autoGenerateAssessment": lambda c, ids: c.assessments.auto_generate(
        AutoGenerate(job_id=ids.job, question_count=3)
    ),
    "generateAssessmentQuestions": lambda c, ids: c.assessments.generate_questions(
        ids.assessment, 2
    ),
    "inviteToAssessment": lambda c, ids: c.assessments.invite(
        ids.assessment, candidate_id=ids.candidate, job_candidate_id=ids.job_candidates[0]
    ),
    "listAssessmentCandidates": lambda c, ids: c.assessments.candidates(ids.assessment),
    "listAssessmentFlows": lambda c, ids: c.assessment_flows.list(),
    "getAssessmentFlow": lambda c, ids: c.assessment_flows.get(ids.flow),
}

# Rescoring a whole stage and a whole job send other bodies: exercise them too.
EXTRA_CALLS: dict[str, Call] = {
    "startRescore/stage": lambda c, ids: c.rescores.start(str(ids.job), stage_id=str(ids.stage)),
    "startRescore/job": lambda c, ids: c.rescores.start(str(ids.job)),
    "autoGenerateAssessment/role": lambda c, ids: c.assessments.auto_generate(
        AutoGenerate(hiring_for_role="Data Engineer", purpose_of_interview="First screen.")
    ),
    "generateAssessmentQuestions/default": lambda c, ids: c.assessments.generate_questions(
        ids.assessment
    ),
}
