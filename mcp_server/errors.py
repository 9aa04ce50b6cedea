"""Action errors -> tool errors a model can act on, their next step worded as a tool call.

A use-case error carries its next step as data (`shared.actions.errors.NextStep`: a command
of the shared grammar and its arguments); here it becomes the MCP tool to call and that
tool's argument names.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from mcp.server.mcpserver.exceptions import ToolError

from shared.actions import ActionError
from shared.actions.errors import NextStep
from shared.actions.presentation import explain

#: The MCP tool of each shared command, and the tool argument of each command field.
TOOL_FOR_COMMAND = {
    "jobs": "list_jobs",
    "job": "get_job",
    "top-candidates": "top_candidates",
    "search": "search_candidates",
    "rescore": "rescore_candidates",
    "rescore-status": "get_rescore_status",
    "move": "move_candidate_stage",
    "link": "link_job",
    "push": "push_candidate",
    "reject": "reject_in_ats",
    "assessments": "list_assessments",
    "assessment": "list_assessments",
    "assess": "invite_to_assessment",
    "status": "get_job_candidate",
}
ARGUMENT_FOR_FIELD = {
    "job": "job_id",
    "job_candidate": "job_candidate_id",
    "candidates": "job_candidate_ids",
    "min_score": "min_score",
    "rescore_id": "rescore_id",
    "stage": "stage",
    "status": "status",
    "text": "text",
    "to": "to",
    "ats": "ats_job_id",
    "instaview": "instaview_job_id",
    "talynce": "talynce_job_id",
    "reason": "reason",
    "assessment": "assessment",
}


def tool_step(step: NextStep) -> str:
    """'Call top_candidates with job_id 42 to see its job candidate ids.'"""
    tools = [TOOL_FOR_COMMAND.get(name, name) for name in step.commands]
    args = ", ".join(f"{ARGUMENT_FOR_FIELD.get(k, k)} {v}" for k, v in step.args.items())
    return f"Call {' or '.join(tools)}{f' with {args}' if args else ''} {step.purpose}."


def tool_error_text(error: ActionError) -> str:
    return explain(error, tool_step)


@contextlib.contextmanager
def tool_errors() -> Iterator[None]:
    """Re-raise an `ActionError` as a `ToolError` whose sentence says what to call next."""
    try:
        yield
    except ActionError as exc:
        raise ToolError(tool_error_text(exc)) from exc
