"""How a tool module declares its tools, and how a tool hands back its answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mcp_types import CallToolResult, TextContent, ToolAnnotations

from mcp_server.arguments import JobCandidateId, JobCandidateIds, JobId, Stage
from mcp_server.models import Out

__all__ = [
    "READ_ONLY",
    "Detail",
    "JobCandidateId",
    "JobCandidateIds",
    "JobId",
    "Stage",
    "ToolSpec",
    "answer",
]

Detail = bool  # what `detail` adds is said in each tool's description

# Every tool reaches one closed world: the operator's TapTalent company, through its API
# key. It never browses or contacts anyone else, so openWorldHint is false on purpose
# (text written by candidates is labelled as data in the answers instead).
READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    fn: Callable[..., Any]
    annotations: ToolAnnotations = field(default_factory=lambda: READ_ONLY)
    writes: bool = False


def answer(result: Out) -> CallToolResult:
    """Structured content plus the same JSON, compact, as the text a model reads.

    Empty fields are left out of both: in a list of candidates they are most of the bytes.
    """
    return CallToolResult(
        content=[TextContent(type="text", text=result.model_dump_json(exclude_none=True))],
        structured_content=result.model_dump(mode="json", exclude_none=True),
    )
