"""Write attempts that did not happen still reach the audit log: refused or failed.

A write that runs is audited by its use case (shared/actions). What stops it earlier (a
read-only server, an argument the model got wrong, a job that does not exist) or breaks it
(TapTalent down, a crash) is recorded here, so the log shows every attempt an assistant
made on the operator's account, with the client's name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from mcp.server.mcpserver import Context

from mcp_server.context import McpState, origin
from shared.actions import ActionError, Unavailable

log = logging.getLogger("tt.mcp")

#: The audit action of each write tool (the names the use cases audit under).
WRITE_ACTIONS = {
    "rescore_candidates": "rescore",
    "move_candidate_stage": "move",
    "invite_to_interview": "interview.invite",
    "invite_to_assessment": "assessment.invite",
}
_TARGET_KEYS = (("job_candidate_id", "job_candidate"), ("job_id", "job"))
_TARGET_LIMIT = 64


def _target(arguments: Mapping[str, Any]) -> str:
    for key, label in _TARGET_KEYS:
        if key in arguments:
            return f"{label}:{str(arguments[key])[:_TARGET_LIMIT]}"
    return "unknown"


def outcome(error: BaseException) -> str:
    """`refused: ...` when the request was wrong, `failed: ...` when tt or TapTalent was."""
    if isinstance(error, ActionError):
        kind = "failed" if isinstance(error, Unavailable) else "refused"
        return f"{kind}: {error.message}"
    return "failed: unexpected error"


async def attempt(
    ctx: Context[Any, Any], tool: str, arguments: Mapping[str, Any], result: str
) -> None:
    """Record one write attempt that did not go through (never raises)."""
    action = WRITE_ACTIONS.get(tool)
    state = ctx.request_context.lifespan_context if ctx.request_context else None
    if action is None or not isinstance(state, McpState):
        return
    who = origin(ctx)
    try:
        await state.tk.store.audit(
            actor=who.user or who.kind,
            surface=who.kind,
            action=action,
            target=_target(arguments),
            # Argument names only: values are the model's text, the target says enough.
            details={"tool": tool, "arguments": sorted(str(k)[:40] for k in arguments)[:10]},
            result=result[:300],
        )
    except Exception:  # the refusal itself must still reach the model
        log.exception("Could not audit a %s attempt", action)
