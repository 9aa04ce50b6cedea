"""What InstaView already has, looked up before writing again: the candidate a create whose
answer was lost did make, and an interview an interrupted invite scheduled."""

from __future__ import annotations

from shared.actions.interviews.common import KIND
from shared.actions.interviews.status import ended
from shared.connectors_setup import InstaView
from shared.instaview.models import Candidate, Interview
from shared.toolkit import Toolkit


async def candidate_made_by_tt(
    iv: InstaView, job_id: str, job_candidate_id: str
) -> Candidate | None:
    """The InstaView candidate on `job_id` whose metadata names this job candidate."""
    async for candidate in iv.client.candidates.iter(jobId=job_id):
        ids = (candidate.metadata or {}).get("taptalent") or {}
        if isinstance(ids, dict) and str(ids.get("jobCandidateId")) == job_candidate_id:
            return candidate
    return None


async def unfollowed_interview(tk: Toolkit, iv: InstaView, candidate_id: str) -> Interview | None:
    """An interview of this candidate that InstaView runs but tt does not follow: an invite
    that stopped between InstaView's answer and the store (a crash). Followed from now on
    rather than scheduled twice."""
    page = await iv.client.interviews.list(candidate_id=candidate_id, limit=100)
    for interview in page.items:
        if ended(interview) is None and await tk.store.get_operation(KIND, interview.id) is None:
            return interview
    return None
