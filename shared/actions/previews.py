"""What a write would do, said before it is done: the surfaces' confirmations show these.

- `rescore_preview`: how many candidates a rescore would queue (each costs one scoring
  credit), for a whole job, one stage, or a list of job candidates.
- `move_preview`: who would move from which stage to which, in which job.

Both read only; the writes themselves (`rescore`, `move_candidate`) check everything again.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.actions.ats.mirror import mirror_plan
from shared.actions.candidates import fetch_job_candidate
from shared.actions.convert import candidate_name, job_ref
from shared.actions.errors import NotFound, translate
from shared.actions.jobs import fetch_job
from shared.actions.models import Id, JobRef, StageInfo
from shared.actions.moves import current_stage
from shared.actions.stages import stage_with_id
from shared.toolkit import Toolkit


class RescorePreview(BaseModel):
    job: JobRef
    stage: StageInfo | None = None
    candidates: int = Field(description="Job candidates the rescore would queue (1 credit each)")
    listed: bool = Field(default=False, description="The candidates were named one by one")


class MovePreview(BaseModel):
    job_candidate_id: Id
    name: str
    job: JobRef
    from_stage: StageInfo | None = None
    to_stage: StageInfo
    ats: str | None = None  # what the move does in the ATS when the job mirrors moves

    @property
    def changes_nothing(self) -> bool:
        return self.from_stage is not None and str(self.from_stage.id) == str(self.to_stage.id)


async def rescore_preview(
    tk: Toolkit, job: Id, *, stage: str | None = None, job_candidate_ids: list[Id] | None = None
) -> RescorePreview:
    found = await fetch_job(tk, job)
    stage_info = await stage_with_id(tk, found, stage) if stage else None
    if job_candidate_ids:
        count = len({str(i) for i in job_candidate_ids})
        return RescorePreview(job=job_ref(found), stage=stage_info, candidates=count, listed=True)
    with translate(f"the candidates of job {found.id}"):
        page = await tk.client.job_candidates.list(
            found.id, per_page=10, stage_id=stage_info.id if stage_info else None
        )
    total = page.pagination.total_candidates if page.pagination else None
    if total is None:  # the total is optional in the documents: count them instead
        total = 0
        with translate(f"the candidates of job {found.id}"):
            async for _ in tk.client.job_candidates.iter(
                found.id, per_page=100, stage_id=stage_info.id if stage_info else None
            ):
                total += 1
    return RescorePreview(job=job_ref(found), stage=stage_info, candidates=total)


async def move_preview(tk: Toolkit, job_candidate_id: Id, stage: str) -> MovePreview:
    jc = await fetch_job_candidate(tk, job_candidate_id)
    if jc.job_id is None:
        raise NotFound(f"TapTalent did not say which job candidate {jc.id} belongs to.")
    job = await fetch_job(tk, jc.job_id)
    target = await stage_with_id(tk, job, stage)
    return MovePreview(
        job_candidate_id=jc.id,
        name=candidate_name(jc),
        job=job_ref(job),
        from_stage=await current_stage(tk, job, jc, target),
        to_stage=target,
        ats=await mirror_plan(tk, jc.id, job.id, target),
    )
