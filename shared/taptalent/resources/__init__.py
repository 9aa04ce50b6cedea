"""The API's endpoint groups, each hanging off `TapTalentClient`."""

from shared.taptalent.resources.assessments import Assessments
from shared.taptalent.resources.candidates import Candidates
from shared.taptalent.resources.flows import AssessmentFlows
from shared.taptalent.resources.job_candidates import JobCandidates
from shared.taptalent.resources.jobs import Jobs
from shared.taptalent.resources.rescores import Rescores

__all__ = ["AssessmentFlows", "Assessments", "Candidates", "JobCandidates", "Jobs", "Rescores"]
