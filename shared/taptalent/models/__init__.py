"""Pydantic models of what the TapTalent Partner API sends and accepts."""

from shared.taptalent.models._base import (
    Id,
    Moment,
    TapTalentModel,
    TapTalentRequest,
    is_envelope,
    unwrap_data,
)
from shared.taptalent.models.assessments import Assessment, AssessmentPage, AssessmentPagination
from shared.taptalent.models.candidates import Candidate, CandidatePage, Pagination
from shared.taptalent.models.job_candidates import (
    BulkUploadResult,
    CriterionMatch,
    JobCandidate,
    JobCandidatePage,
    JobCandidateUpdate,
    StageCandidate,
    StageCandidatePage,
    StageMoveResult,
)
from shared.taptalent.models.jobs import (
    CRITERION_LEVELS,
    KNOWN_STAGE_TYPES,
    Criterion,
    CriterionInput,
    Job,
    JobCreate,
    JobList,
    PipelineStage,
    ScreeningQuestion,
)
from shared.taptalent.models.rescores import RescoreError, RescoreStarted, RescoreStatus

__all__ = [
    "CRITERION_LEVELS",
    "KNOWN_STAGE_TYPES",
    "Assessment",
    "AssessmentPage",
    "AssessmentPagination",
    "BulkUploadResult",
    "Candidate",
    "CandidatePage",
    "Criterion",
    "CriterionInput",
    "CriterionMatch",
    "Id",
    "Job",
    "JobCandidate",
    "JobCandidatePage",
    "JobCandidateUpdate",
    "JobCreate",
    "JobList",
    "Moment",
    "Pagination",
    "PipelineStage",
    "RescoreError",
    "RescoreStarted",
    "RescoreStatus",
    "ScreeningQuestion",
    "StageCandidate",
    "StageCandidatePage",
    "StageMoveResult",
    "TapTalentModel",
    "TapTalentRequest",
    "is_envelope",
    "unwrap_data",
]
