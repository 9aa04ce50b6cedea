"""What each write is called for the write gate ("you may not <verb>"), and the audit
action a refused or failed attempt is recorded under: one table, so a typed command, its
Confirm button and the audit log agree on which write it is."""

from __future__ import annotations

from shared import commands as cmd
from shared.actions.ats.questions import ats_write_verb

MOVING = "move candidates"
RESCORING = "rescore jobs"
UPLOADING = "upload résumés"
INVITING = "invite candidates to assessments"
INTERVIEWING = "invite candidates to AI interviews"
PUSHING = "send candidates to the ATS"
REJECTING = "reject candidates in the ATS"

#: The audit log's action for each write (as its use case records it when it runs).
AUDIT_ACTIONS: dict[str, str] = {
    MOVING: "move",
    RESCORING: "rescore",
    UPLOADING: "upload",
    INVITING: "assessment.invite",
    INTERVIEWING: "interview.invite",
    PUSHING: "ats.push",
    REJECTING: "ats.reject",
    "link jobs to the ATS": "ats.link",
    "link jobs to other systems": "link",
    "send candidates to Talynce": "talynce.push",
}


def command_verb(parsed: object) -> str | None:
    """Which write a parsed `/tt` command asks for; None for a read."""
    match parsed:
        case cmd.Rescore():
            return RESCORING
        case cmd.Move():
            return MOVING
        case cmd.Upload():
            return UPLOADING
        case cmd.Assess():
            return INVITING
        case cmd.Interview():
            return INTERVIEWING  # also when it ends up listing the agents
    return ats_write_verb(parsed)


def audit_action(what: str) -> str:
    return AUDIT_ACTIONS.get(what, "write")
