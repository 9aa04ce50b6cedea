"""Resolve what a recruiter types as a stage (type, name or id) against a job's pipeline."""

from __future__ import annotations

from shared.actions.convert import stage_infos
from shared.actions.errors import InvalidInput
from shared.actions.models import StageInfo
from shared.taptalent.models import Job


def resolve_stage(job: Job, wanted: str) -> StageInfo:
    """The one stage of `job` that `wanted` names, or an error listing the valid stages.

    Tried in order: exact id, stage type (SCREEN), exact name, then a unique name prefix.
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
                "Use the stage id to pick one.",
                allowed=[s.label() for s in found],
            )
    valid = [s.label() for s in stages]
    raise InvalidInput(
        f"Stage '{text}' is not in the pipeline of job {job.id}. Its stages: "
        + (", ".join(valid) if valid else "none listed")
        + ".",
        "Give a stage type (e.g. SCREEN), a stage name or a stage id.",
        allowed=valid,
    )
