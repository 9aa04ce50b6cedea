"""InstaView jobs: checked with ``GET /jobs/{id}``, listed by shared title words."""

from __future__ import annotations

from shared.actions.ats.common import words
from shared.actions.errors import NextStep, NotFound
from shared.actions.linking.base import RemoteSystem
from shared.actions.models import Id, RemoteJob
from shared.actions.remote import translate_remote
from shared.connectors_setup import INSTAVIEW_HOW_TO_CONNECT
from shared.toolkit import Toolkit

CHOICES_SHOWN = 20


def _job(job_id: str, title: str | None) -> RemoteJob:
    return RemoteJob(system="instaview", id=job_id, name=title or "")


async def check(tk: Toolkit, job_id: str, tt_job: Id) -> RemoteJob:
    from shared.instaview import errors as iv  # loaded only when InstaView is used

    assert tk.instaview is not None
    try:
        with translate_remote(f"InstaView job {job_id}"):
            found = await tk.instaview.client.jobs.get(job_id)
    except NotFound as exc:
        if not isinstance(exc.__cause__, iv.NotFoundError):
            raise
        raise NotFound(
            f"InstaView has no job {job_id}.",
            next_step=NextStep(
                ("link",), "to see InstaView's jobs that match", {"job": str(tt_job)}
            ),
        ) from exc
    return _job(found.id, found.title)


async def choices(tk: Toolkit, title: str) -> list[RemoteJob]:
    """InstaView's jobs sharing words with ``title``, most shared first; else all of them."""
    assert tk.instaview is not None
    with translate_remote("InstaView's jobs"):
        jobs = [job async for job in tk.instaview.client.jobs.iter()]
    wanted = words(title)
    scored = [(len(wanted & words(job.title or "")), n, job) for n, job in enumerate(jobs)]
    matching = [job for shared, _, job in sorted(scored, key=lambda t: (-t[0], t[1])) if shared]
    return [_job(job.id, job.title) for job in (matching or jobs)[:CHOICES_SHOWN]]


SYSTEM = RemoteSystem(
    name="instaview",
    label="InstaView",
    connected=lambda tk: tk.instaview is not None,
    how_to_connect=INSTAVIEW_HOW_TO_CONNECT,
    check=check,
    choices=choices,
)
