"""The CTC figures of a job candidate, for Talynce.

TapTalent documents the CTC inside ``jobCandidateDetails``, which the stage endpoints
return; bulk fetch (how tt reads one job candidate) may leave it out. When the job
candidate tt has carries no CTC, its stage's listing is read until the candidate is found
(**choice**, docs/connectors.md): without it every push would say "no CTC".
"""

from __future__ import annotations

from shared.actions.errors import translate
from shared.taptalent.models import JobCandidate
from shared.toolkit import Toolkit

CTC_FIELDS = (
    "expected_ctc",
    "currency_expected_ctc",
    "expected_ctc_period",
    "current_ctc",
    "currency_current_ctc",
    "current_ctc_period",
)
PER_PAGE = 100
MAX_PAGES = 50  # 5,000 candidates in one stage: beyond that, say there is no figure


async def with_ctc(tk: Toolkit, jc: JobCandidate) -> JobCandidate:
    """``jc`` with its CTC fields from the stage listing when it has none of its own."""
    if jc.expected_ctc is not None or jc.current_ctc is not None:
        return jc
    if jc.stage_id is None or jc.job_id is None:
        return jc
    for page in range(1, MAX_PAGES + 1):
        with translate(f"the stage of job candidate {jc.id}"):
            listing = await tk.client.job_candidates.by_stage_id(
                jc.stage_id, job_id=jc.job_id, page=page, per_page=PER_PAGE
            )
        for row in listing.candidates:
            found = row.job_candidate_details
            if found is not None and str(found.id) == str(jc.id):
                return jc.model_copy(update={f: getattr(found, f) for f in CTC_FIELDS})
        pages = listing.pagination.total_pages if listing.pagination else None
        if not listing.candidates or (pages is not None and page >= pages):
            break
    return jc
