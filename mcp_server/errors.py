"""Action errors -> tool errors a model can act on, naming MCP tools instead of CLI commands.

The shared actions word their hints for Slack and the terminal (`Use \\`jobs\\` to see the
job ids.`); a model needs the tool to call instead. Hints that name no command (add
credits, try again shortly, the list of valid stages) are kept as they are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from mcp.server.mcpserver.exceptions import ToolError

from shared.actions import ActionError, InvalidInput, NotFound

LIST_JOBS = "Call list_jobs to see job ids."
FIND_CANDIDATES = "Call top_candidates or search_candidates to find job candidate ids."
RESCORE_IDS = "rescore_candidates returns rescore ids (they look like rescore_42_1699123456789)."
CANDIDATES_OF_JOB = "Call top_candidates for that job to see its job candidate ids."


def _names_a_command(hint: str | None) -> bool:
    # Surface-specific hints quote a CLI or slash command in backticks.
    return hint is not None and "`" in hint


@contextlib.contextmanager
def tool_errors(*, not_found: str | None = None, invalid: str | None = None) -> Iterator[None]:
    """Re-raise an `ActionError` as a `ToolError` whose sentence says what to call next."""
    try:
        yield
    except ActionError as exc:
        hint = exc.hint
        if hint is None or _names_a_command(hint):
            ours = {NotFound: not_found, InvalidInput: invalid}
            hint = next((h for kind, h in ours.items() if isinstance(exc, kind)), None)
        raise ToolError(f"{exc.message} {hint}" if hint else exc.message) from exc
