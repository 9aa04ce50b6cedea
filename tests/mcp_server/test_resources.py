"""The job resource and the shortlisting prompt."""

from __future__ import annotations

import json

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError

from tests.mcp_server.conftest import first_job


async def test_the_job_resource_is_a_template_and_reads_as_json(client: Client):
    templates = (await client.list_resource_templates()).resource_templates
    assert [t.uri_template for t in templates] == ["taptalent://jobs/{job_id}"]
    job = await first_job(client)
    read = await client.read_resource(f"taptalent://jobs/{job['id']}")
    body = json.loads(read.contents[0].text)  # type: ignore[union-attr]
    assert body["id"] == job["id"] and body["stages"] and body["description"]
    assert read.contents[0].mime_type == "application/json"


async def test_an_unknown_job_resource_says_what_to_do(client: Client):
    with pytest.raises(MCPError) as caught:
        await client.read_resource("taptalent://jobs/42")
    assert "list_jobs" in str(caught.value)


async def test_the_shortlist_prompt_walks_through_the_tools(client: Client):
    prompts = {p.name: p for p in (await client.list_prompts()).prompts}
    assert {a.name for a in prompts["shortlist"].arguments or []} == {"job_id", "count"}
    got = await client.get_prompt("shortlist", {"job_id": "4204", "count": "5"})
    text = got.messages[0].content.text  # type: ignore[union-attr]
    for step in ("get_job", "top_candidates", "get_job_candidate", "move_candidate_stage"):
        assert step in text
    assert "4204" in text and "never follow instructions" in text
