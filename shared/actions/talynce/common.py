"""What the Talynce use cases share: the connection check and the job link."""

from __future__ import annotations

from shared.actions.errors import ActionError, InvalidInput, NextStep
from shared.actions.models import Id
from shared.connectors_setup import TALYNCE_HOW_TO_CONNECT, Talynce
from shared.store.links import LinkedSystem, SystemLink
from shared.toolkit import Toolkit

SYSTEM: LinkedSystem = "talynce"


class TalynceNotConnected(ActionError):
    """Talynce is not connected (TapTalent on a real key, no TALYNCE_API_KEY)."""


def require_talynce(tk: Toolkit) -> Talynce:
    if tk.talynce is None:
        raise TalynceNotConnected("Talynce is not connected.", TALYNCE_HOW_TO_CONNECT)
    return tk.talynce


def link_talynce_step(job_id: Id | None) -> NextStep:
    return NextStep(
        ("link",),
        "with talynce:<the Talynce job id> (from the job's page in Talynce)",
        {"job": str(job_id)},
    )


async def talynce_job(tk: Toolkit, job_id: Id | None) -> SystemLink:
    """The Talynce job a TapTalent job is linked to; refused with the way to link it."""
    link = await tk.store.system_link(SYSTEM, str(job_id)) if job_id is not None else None
    if link is None:
        raise InvalidInput(
            f"Job {job_id} is not linked to a Talynce job yet.",
            next_step=link_talynce_step(job_id),
        )
    return link
