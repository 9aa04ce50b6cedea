"""Link a TapTalent job to the ATS, InstaView and Talynce in one command, or list choices.

Every id given is checked before anything is stored, so a wrong id links nothing. Each
link is audited on its own (``ats.link``, ``instaview.link``, ``talynce.link``).
"""

from __future__ import annotations

from shared.actions.ats import links as ats_links
from shared.actions.ats.common import NotConnected, actor_of
from shared.actions.ats.models import LinkResult
from shared.actions.convert import job_ref
from shared.actions.errors import ActionError, InvalidInput
from shared.actions.jobs import fetch_job
from shared.actions.linking.base import RemoteSystem
from shared.actions.linking.registry import SYSTEMS
from shared.actions.models import Id, JobRef, RemoteJob
from shared.kombo_setup import HOW_TO_CONNECT as ATS_HOW_TO_CONNECT
from shared.store import Origin
from shared.toolkit import Toolkit


def _connected(tk: Toolkit, system: RemoteSystem) -> None:
    if not system.connected(tk):
        raise ActionError(f"{system.label} is not connected.", system.how_to_connect)


async def link_job(
    tk: Toolkit,
    job: Id,
    *,
    ats: str | None = None,
    instaview: str | None = None,
    talynce: str | None = None,
    mirror: bool = False,
    requested_by: Origin,
) -> LinkResult:
    """Link ``job`` to each id given; with none, list the ATS and InstaView jobs to pick."""
    pairs = (("instaview", instaview), ("talynce", talynce))
    given = {name: value for name, value in pairs if value is not None}
    if ats is None and not given:
        return await _choices(tk, job, requested_by)
    if mirror and ats is None:
        raise InvalidInput("mirror:on goes with ats:<ATS job id>: it mirrors moves into the ATS.")
    ref = job_ref(await fetch_job(tk, job))
    checked: list[RemoteJob] = []
    for name, value in given.items():
        _connected(tk, SYSTEMS[name])
        checked.append(await SYSTEMS[name].check(tk, value, ref.id))
    result = (
        await ats_links.link_job(tk, ref.id, ats, mirror=mirror, requested_by=requested_by)
        if ats is not None
        else LinkResult(job=ref, linked=True, actor=actor_of(requested_by), message="")
    )
    for remote in checked:
        await _store(tk, ref, remote, requested_by)
    lines = [result.message] if result.message else []
    lines += [_linked_sentence(ref, remote) for remote in checked]
    return result.model_copy(update={"others": checked, "message": " ".join(lines)})


async def _store(tk: Toolkit, ref: JobRef, remote: RemoteJob, origin: Origin) -> None:
    actor = actor_of(origin)
    system = SYSTEMS[remote.system]
    previous = await tk.store.system_link(system.name, str(ref.id))
    await tk.store.link_system_job(
        system.name, str(ref.id), remote.id, remote.name, linked_by=actor
    )
    await tk.store.audit(
        actor=actor,
        surface=origin.kind,
        action=f"{system.name}.link",
        target=f"job:{ref.id}",
        details={
            "system": system.name,
            "remote_job_id": remote.id,
            "previous": previous.remote_id if previous else None,
        },
        result="linked",
    )


def _linked_sentence(ref: JobRef, remote: RemoteJob) -> str:
    label = SYSTEMS[remote.system].label
    name = f"{remote.name} ({remote.id})" if remote.name else remote.id
    note = f" {remote.note}" if remote.note else ""
    return f"{ref.title} (job {ref.id}) is linked to {name} in {label}.{note}"


async def _choices(tk: Toolkit, job: Id, origin: Origin) -> LinkResult:
    """The open ATS jobs and the InstaView jobs whose names match the job's title."""
    listing = [s for s in SYSTEMS.values() if s.choices is not None and s.connected(tk)]
    if tk.ats is None and not listing:
        raise NotConnected(
            "No ATS is connected, and no other system with jobs to list.", ATS_HOW_TO_CONNECT
        )
    if tk.ats is not None:
        result = await ats_links.link_job(tk, job, None, requested_by=origin)
    else:
        ref = job_ref(await fetch_job(tk, job))
        result = LinkResult(job=ref, linked=False, message="No ATS is connected.")
    others: list[RemoteJob] = []
    lines = [result.message]
    for system in listing:
        assert system.choices is not None
        found = await system.choices(tk, result.job.title)
        others += found
        lines.append(
            f"{system.label} jobs to pick from: link job:{result.job.id} {system.name}:<id>."
            if found
            else f"{system.label} has no jobs yet."
        )
    lines.append(f"For Talynce, give its job id: link job:{result.job.id} talynce:<id>.")
    return result.model_copy(update={"other_choices": others, "message": " ".join(lines)})


async def linked_systems(tk: Toolkit, job: Id) -> list[RemoteJob]:
    """The job's links to InstaView and Talynce, for `job 42` (read from the store)."""
    return [
        RemoteJob(system=link.system, id=link.remote_id, name=link.remote_name)
        for link in await tk.store.system_links(str(job))
    ]
