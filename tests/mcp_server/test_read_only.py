"""Read-only mode leaves the write tools out entirely."""

from __future__ import annotations

import pytest

from mcp_server.tools import WRITE_TOOLS
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import ClientFactory, data, error_text, first_job


async def test_read_only_lists_no_write_tools(connect: ClientFactory):
    async with connect(read_only=True) as client:
        names = {t.name for t in (await client.list_tools()).tools}
    assert {
        "rescore_candidates",
        "move_candidate_stage",
        "link_job",
        "push_candidate",
        "reject_in_ats",
    } == WRITE_TOOLS
    assert not names & WRITE_TOOLS
    assert {"list_jobs", "top_candidates", "get_rescore_status"} <= names


async def test_read_only_refuses_a_write_even_when_called_by_name(
    connect: ClientFactory, tk: Toolkit
):
    async with connect(read_only=True) as client:
        job = await first_job(client)
        result = await client.call_tool("rescore_candidates", {"job_id": job["id"]})
        assert "rescore_candidates" in error_text(result)
        assert data(await client.call_tool("top_candidates", {"job_id": job["id"]}))
    assert await tk.store.audit_entries(action="rescore") == []


@pytest.mark.parametrize("flag", ["1", "true"])
def test_the_environment_turns_read_only_on(monkeypatch: pytest.MonkeyPatch, flag: str):
    from shared.config import Settings

    monkeypatch.setenv("TT_MCP_READ_ONLY", flag)
    assert Settings().tt_mcp_read_only is True
