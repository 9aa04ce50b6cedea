"""Talynce jobs: Talynce publishes no jobs API, so tt takes the operator's id (**choice**,
docs/connectors.md) after checking what it can: the id is a UUID, the key works, and how
many candidates Talynce lists on that job (``GET /candidates?job_id=``)."""

from __future__ import annotations

from shared.actions.errors import InvalidInput
from shared.actions.linking.base import RemoteSystem
from shared.actions.models import Id, RemoteJob
from shared.actions.presentation import plural
from shared.actions.remote import translate_remote
from shared.apiclient.values import is_uuid
from shared.connectors_setup import TALYNCE_HOW_TO_CONNECT
from shared.toolkit import Toolkit


async def check(tk: Toolkit, job_id: str, tt_job: Id) -> RemoteJob:
    assert tk.talynce is not None
    if not is_uuid(job_id):
        raise InvalidInput(
            f"{job_id} is not a Talynce job id: Talynce job ids are UUIDs, like "
            "550e8400-e29b-41d4-a716-446655440000 (the job's page in Talynce shows it)."
        )
    with translate_remote(f"Talynce job {job_id}"):
        page = await tk.talynce.client.candidates.list(job_id=job_id, limit=1)
    if page.total:
        note = (
            f"Talynce lists {plural(page.total, 'candidate')} on this job. Talynce has no "
            "public jobs API, so its title is not shown."
        )
    else:
        note = (
            "Talynce lists no candidates on this job yet, and has no public jobs API, so tt "
            "cannot confirm the id: the first push will say if Talynce does not know it."
        )
    return RemoteJob(system="talynce", id=job_id, name="", note=note)


SYSTEM = RemoteSystem(
    name="talynce",
    label="Talynce",
    connected=lambda tk: tk.talynce is not None,
    how_to_connect=TALYNCE_HOW_TO_CONNECT,
    check=check,
)
