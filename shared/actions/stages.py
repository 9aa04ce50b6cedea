"""Resolve what a recruiter types as a stage (type, name or id) against a job's pipeline.

TapTalent's documented job answer lists a pipeline's stages without ids; stage ids appear
on job candidates (``stageId``, and ``jobCandidateDetails.stageId`` on the stage-type
endpoint). `stage_with_id` finds a stage's id there when the pipeline does not say it,
and refuses with a sentence when it cannot: a request is never widened to the whole job.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from shared.actions.convert import stage_infos, stage_names
from shared.actions.errors import InvalidInput, translate
from shared.actions.models import Id, StageInfo
from shared.taptalent.errors import TapTalentError
from shared.taptalent.models import Job
from shared.toolkit import Toolkit

#: Candidates read from the stage-type endpoint to learn a stage's id (all should agree).
ID_PROBE_SIZE = 20
ID_HINT = (
    "Give the stage id instead: TapTalent shows it as stageId on each candidate in that stage."
)


def resolve_stage(job: Job, wanted: str) -> StageInfo:
    """The one stage of `job` that `wanted` names, or an error listing the valid stages.

    Tried in order: exact id, stage type (SCREEN), exact name, then a unique name prefix.
    The result's ``id`` is None when the pipeline lists no ids; `stage_with_id` finds it.
    """
    stages = stage_infos(job)
    text = str(wanted).strip()
    folded = text.casefold()
    for matcher in (
        lambda s: s.id is not None and str(s.id) == text,
        lambda s: s.type.casefold() == folded,
        lambda s: s.name.casefold() == folded,
        lambda s: s.name.casefold().startswith(folded) and len(folded) >= 2,
    ):
        found = [s for s in stages if matcher(s)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InvalidInput(
                f"Stage '{text}' matches more than one stage of job {job.id}: "
                + ", ".join(s.label() for s in found)
                + ".",
                "Use the stage name or the stage id to pick one.",
                allowed=[s.label() for s in found],
            )
    if text.isdigit() and stages and all(s.id is None for s in stages):
        # The pipeline hides its ids, so an id cannot be checked here: TapTalent checks it.
        return StageInfo(id=int(text), name=f"Stage {text}", type="")
    valid = [s.label() for s in stages]
    raise InvalidInput(
        f"Stage '{text}' is not in the pipeline of job {job.id}. Its stages: "
        + (", ".join(valid) if valid else "none listed")
        + ".",
        "Give a stage type (e.g. SCREEN), a stage name or a stage id.",
        allowed=valid,
    )


async def stage_with_id(tk: Toolkit, job: Job, wanted: str) -> StageInfo:
    """`resolve_stage`, with the stage's id found on its candidates when the pipeline does
    not list it. Raises `InvalidInput` (a sentence) when the id cannot be known for sure."""
    stage = resolve_stage(job, wanted)
    if stage.id is not None and not stage.type:
        # An id typed for a pipeline that hides ids: name it when its type is unique.
        names = await stage_labels(tk, job, [stage.id])
        named = next((s for s in stage_infos(job) if s.name == names.get(str(stage.id))), None)
        return named.model_copy(update={"id": stage.id}) if named else stage
    if stage.id is not None:
        return stage
    same_type = [s for s in stage_infos(job) if s.type == stage.type]
    if len(same_type) > 1:
        listed = ", ".join(s.name for s in same_type)
        raise InvalidInput(
            f"Job {job.id} has {len(same_type)} stages of type {stage.type} ({listed}) and "
            f"TapTalent lists no stage ids, so tt cannot tell which one is {stage.name}.",
            ID_HINT,
        )
    with translate(f"stage {stage.name} of job {job.id}"):
        found = await _probe_id(tk, job, stage, ID_PROBE_SIZE)
    if len(found) != 1:
        why = "no candidate is in it yet" if not found else "its candidates disagree"
        raise InvalidInput(
            f"TapTalent lists no stage ids for job {job.id}, and {why}, so tt cannot tell "
            f"the id of {stage.name}.",
            ID_HINT,
        )
    return stage.model_copy(update={"id": _as_id(found.pop())})


async def _probe_id(tk: Toolkit, job: Job, stage: StageInfo, size: int) -> set[str]:
    """The stage ids that candidates of `stage`'s type in `job` carry (one id expected)."""
    page = await tk.client.job_candidates.by_stage_type(stage.type, job_id=job.id, per_page=size)
    return {
        str(app.stage_id)
        for app in (item.job_candidate_details for item in page.candidates)
        if app is not None
        and app.stage_id is not None
        and (app.job_id is None or str(app.job_id) == str(job.id))
    }


def _as_id(text: str) -> Id:
    return int(text) if text.isdigit() else text


async def _learn_ids(tk: Toolkit, job: Job) -> dict[str, str]:
    """Stage name -> id (as text), asked of the stage-type endpoint in parallel (one
    candidate each) for every id-less stage whose type is unique in the pipeline. A failed
    or empty probe leaves that stage out: this is a nicety, never a reason to fail."""
    stages = stage_infos(job)
    unique = [s for s in stages if s.id is None and sum(1 for o in stages if o.type == s.type) == 1]

    async def probe(stage: StageInfo) -> tuple[str, str] | None:
        try:
            ids = await _probe_id(tk, job, stage, 1)
        except TapTalentError:
            return None
        return (stage.name, ids.pop()) if len(ids) == 1 else None

    found = await asyncio.gather(*(probe(s) for s in unique))
    return dict(pair for pair in found if pair is not None)


async def stage_labels(tk: Toolkit, job: Job, wanted: Iterable[Id | None]) -> dict[str, str]:
    """Stage id (as text) -> name, for labelling rows whose ``stageId`` is in `wanted`;
    ids the pipeline hides are learned (`_learn_ids`) only when a wanted one is unknown."""
    names = stage_names(job)
    if {str(i) for i in wanted if i is not None} - names.keys():
        return await all_stage_labels(tk, job)
    return names


async def all_stage_labels(tk: Toolkit, job: Job) -> dict[str, str]:
    """Stage id (as text) -> name for every stage whose id is listed or can be learned."""
    names = stage_names(job)
    if any(s.id is None for s in stage_infos(job)):
        for name, ident in (await _learn_ids(tk, job)).items():
            names.setdefault(ident, name)
    return names


async def stages_with_ids(tk: Toolkit, job: Job) -> list[StageInfo]:
    """The pipeline's stages, with the ids it hides filled in where they can be learned."""
    stages = stage_infos(job)
    if all(s.id is not None for s in stages):
        return stages
    learned = await _learn_ids(tk, job)
    return [
        s.model_copy(update={"id": _as_id(learned[s.name])})
        if s.id is None and s.name in learned
        else s
        for s in stages
    ]
