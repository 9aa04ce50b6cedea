"""What an ATS command would change, in words: the question every surface asks before
an ATS write, and the verb its writers check names. None for the ATS reads (listing the
ATS's jobs to link to, or its rejection reasons)."""

from __future__ import annotations

from shared.actions.talynce.questions import talynce_question
from shared.commands import AnyCommand, Link, Push, Reject


def ats_question(command: AnyCommand) -> str | None:
    """What to ask before an ATS write, or None when the command writes nothing."""
    match command:
        case Link() if _links_something(command):
            return f"Link job {command.job} to {_link_targets(command)}?"
        case Push(to="talynce"):
            return talynce_question(command)
        case Push(top=int(top)):
            return f"Send the top {top} of job {command.job} to the ATS?"
        case Push():
            return f"Send job candidate {command.job_candidate} to the ATS?"
        case Reject(reason=str(reason)):
            return f'Reject job candidate {command.job_candidate} in the ATS ("{reason}")?'
    return None


def ats_write_verb(command: object) -> str | None:
    """What an ATS command would change ("send candidates to the ATS"), or None for reads."""
    match command:
        case Link() if _links_something(command):
            return "link jobs to other systems" if command.ats is None else "link jobs to the ATS"
        case Push(to="talynce"):
            return "send candidates to Talynce"
        case Push():
            return "send candidates to the ATS"
        case Reject(reason=str()):
            return "reject candidates in the ATS"
    return None


def _links_something(command: Link) -> bool:
    return any(v is not None for v in (command.ats, command.instaview, command.talynce))


def _link_targets(command: Link) -> str:
    targets = [
        f"{label} job {value}"
        for label, value in (
            ("ATS", command.ats),
            ("InstaView", command.instaview),
            ("Talynce", command.talynce),
        )
        if value is not None
    ]
    return " and ".join(targets)
