"""How a tool module declares its tools, and how a tool hands back its answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from mcp_server.models import Out

#: Ids are integers in TapTalent's current documentation and strings on an older page.
JobId = Annotated[int | str, Field(description="job id (list_jobs)")]
JobCandidateId = Annotated[int | str, Field(description="from top_candidates or search")]
Detail = Annotated[bool, Field(description="full record")]

# Reads only say so; the other hints mean nothing for a tool that changes nothing.
READ_ONLY = ToolAnnotations(read_only_hint=True)


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
