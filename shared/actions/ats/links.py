"""Link a TapTalent job to a job in the ATS, or list the open ATS jobs whose names match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.actions.ats.common import (
    actor_of,
    ats_job_info,
    require_ats,
    system_label,
    translate_ats,
    words,
)
from shared.actions.ats.models import AtsJobInfo, LinkResult
from shared.actions.convert import job_ref
from shared.actions.errors import ActionError, InvalidInput, NextStep, NotFound
from shared.actions.jobs import fetch_job
from shared.actions.models import AtsLink, Id, JobRef
from shared.kombo_setup import Ats
from shared.store import Origin
from shared.toolkit import Toolkit

if TYPE_CHECKING:
    from shared.kombo.models import Job


def rank_by_name(title: str, jobs: list[Job]) -> list[Job]:
    """ATS jobs sharing words with ``title``, most shared words first (ties: ATS order)."""
    wanted = words(title)
    scored = [(len(wanted & words(job.name)), n, job) for n, job in enumerate(jobs)]
    return [job for shared, _, job in sorted(scored, key=lambda t: (-t[0], t[1])) if shared]


async def _choices(ats: Ats, ref: JobRef) -> LinkResult:
    """The open ATS jobs whose names share words with the TapTalent job's title."""
    with translate_ats("the ATS jobs"):
        open_jobs = [j async for j in ats.client.jobs.iter(statuses=["OPEN"])]
    matches = rank_by_name(ref.title, open_jobs)
    if matches:
        message = (
            f"Open ATS jobs whose names match {ref.title}. "
            f"Link one with: link job:{ref.id} ats:<id> [mirror:on]"
        )
    else:
        matches = open_jobs
        message = (
            f"No open ATS job's name matches {ref.title}; these are all the open ones. "
            f"Link one with: link job:{ref.id} ats:<id>"
        )
    return LinkResult(
        job=ref, linked=False, choices=[ats_job_info(j) for j in matches], message=message
    )


async def link_job(
    tk: Toolkit,
    job: Id,
    ats_job: str | None = None,
    *,
    mirror: bool = False,
    requested_by: Origin,
) -> LinkResult:
    """Link ``job`` to ATS job ``ats_job``; without it, list the open ATS jobs that match."""
    ats = require_ats(tk)
    tt_job = await fetch_job(tk, job)
    ref = job_ref(tt_job)
    if ats_job is None:
        return await _choices(ats, ref)
    with translate_ats(f"ATS job {ats_job}"):
        found = await ats.client.jobs.get(ats_job)
    if found is None:
        raise NotFound(
            f"The ATS has no job {ats_job}.",
            next_step=NextStep(("link",), "to see the open ATS jobs", {"job": str(ref.id)}),
        )
    if not found.is_open:
        raise InvalidInput(
            f"ATS job {found.name} ({found.id}) is {found.status}, so no application can be "
            "added to it.",
            "Reopen it in the ATS, or pick an open one.",
            next_step=NextStep(("link",), "to see the open ATS jobs", {"job": str(ref.id)}),
        )
    actor = actor_of(requested_by)
    previous = await tk.store.job_link(str(ref.id))
    await tk.store.link_job(str(ref.id), found.id, found.name, mirror=mirror, linked_by=actor)
    await tk.store.audit(
        actor=actor,
        surface=requested_by.kind,
        action="ats.link",
        target=f"job:{ref.id}",
        details={
            "system": system_label(ats),
            "ats_job_id": found.id,
            "mirror": mirror,
            "previous": previous.ats_job_id if previous else None,
        },
        result="linked",
    )
    info: AtsJobInfo = ats_job_info(found)
    stages = ", ".join(s.name for s in info.stages)
    mirrored = "on: moves in tt move the ATS application too" if mirror else "off"
    return LinkResult(
        job=ref,
        linked=True,
        ats_job=info,
        mirror=mirror,
        actor=actor,
        message=(
            f"{ref.title} (job {ref.id}) is linked to {found.name} in the ATS "
            f"(stages: {stages}). Mirroring is {mirrored}."
        ),
    )


async def ats_link(tk: Toolkit, job: Id) -> AtsLink | None:
    """The job's ATS link for `job 42`, with the ATS job's stages when Kombo answers."""
    link = await tk.store.job_link(str(job))
    if link is None or tk.ats is None:
        return None
    info = AtsLink(ats_job_id=link.ats_job_id, ats_job_name=link.ats_job_name, mirror=link.mirror)
    try:
        with translate_ats(f"ATS job {link.ats_job_id}"):
            found = await tk.ats.client.jobs.get(link.ats_job_id)
    except ActionError:
        return info  # the job's own details matter more than the ATS being down
    if found is None:
        return info
    return info.model_copy(
        update={
            "stages": [s.name for s in found.ordered_stages()],
            "remote_url": found.remote_url,
        }
    )
