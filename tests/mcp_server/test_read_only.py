"""Read-only mode leaves the write tools out entirely."""

from __future__ import annotations

import pytest
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS

from mcp_server.tools import WRITE_TOOLS
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import ClientFactory, data, first_job


async def test_read_only_lists_no_write_tools(connect: ClientFactory):
    async with connect(read_only=True) as client:
        names = {t.name for t in (await client.list_tools()).tools}
    assert {
        "rescore_candidates",
        "move_candidate_stage",
        "link_job",
        "push_candidate",
        "reject_in_ats",
        "upload_resumes",
        "invite_to_assessment",
        "invite_to_interview",
    } == WRITE_TOOLS
    assert not names & WRITE_TOOLS
    assert {"list_jobs", "top_candidates", "get_rescore_status", "list_assessments"} <= names


async def test_read_only_refuses_a_write_even_when_called_by_name(
    connect: ClientFactory, tk: Toolkit, sandbox: Sandbox
):
    async with connect(read_only=True) as client:
        job = await first_job(client)
        with pytest.raises(MCPError) as refused:
            await client.call_tool("rescore_candidates", {"job_id": job["id"]})
        assert refused.value.error.code == INVALID_PARAMS
        assert "rescore_candidates" in str(refused.value) and "read-only" in str(refused.value)
        assert data(await client.call_tool("top_candidates", {"job_id": job["id"]}))
    # Nothing was rescored; the attempt is on record, with the client's name.
    entries = await tk.store.audit_entries(action="rescore")
    assert [(e.result, e.actor) for e in entries] == [
        ("refused: read-only server", "pytest-assistant")
    ]
    assert not [r for r in sandbox.requests if r.method == "POST"]


@pytest.mark.parametrize("flag", ["1", "true"])
def test_the_environment_turns_read_only_on(monkeypatch: pytest.MonkeyPatch, flag: str):
    from shared.config import Settings

    monkeypatch.setenv("TT_MCP_READ_ONLY", flag)
    assert Settings().tt_mcp_read_only is True


async def test_read_only_instructions_and_prompt_name_only_tools_it_has(connect: ClientFactory):
    """A read-only server must not tell a model to call write tools it does not offer."""
    async with connect(read_only=True) as client:
        instructions = client.instructions or ""
        prompt = await client.get_prompt("shortlist", {"job_id": "4204"})
    text = prompt.messages[0].content.text  # type: ignore[union-attr]
    for write in WRITE_TOOLS:
        assert write not in instructions and write not in text
    assert "read-only" in instructions and "read-only" in text
    assert "top_candidates" in instructions and "top_candidates" in text
    async with connect() as client:
        full = client.instructions or ""
        prompt = await client.get_prompt("shortlist", {"job_id": "4204"})
    assert all(write in full for write in WRITE_TOOLS)
    assert "move_candidate_stage" in prompt.messages[0].content.text  # type: ignore[union-attr]
