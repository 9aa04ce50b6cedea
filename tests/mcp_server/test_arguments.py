"""Mistakes in a call, answered the way a model can act on: through the real SDK client."""

from __future__ import annotations

import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS

from shared import actions
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import data, error_text, first_job


async def test_an_unknown_tool_is_invalid_params(client: Client):
    with pytest.raises(MCPError) as caught:
        await client.call_tool("get_jobs", {})
    assert caught.value.code == INVALID_PARAMS
    assert "get_jobs" in caught.value.message and "list_jobs" in caught.value.message


async def test_a_prompt_without_its_argument_is_invalid_params(client: Client):
    with pytest.raises(MCPError) as caught:
        await client.get_prompt("shortlist", {})
    assert caught.value.code == INVALID_PARAMS
    assert "job_id" in caught.value.message and "list_jobs" in caught.value.message
    with pytest.raises(MCPError) as unknown:
        await client.get_prompt("shortlists", {"job_id": "1"})
    assert unknown.value.code == INVALID_PARAMS and "shortlist" in unknown.value.message


async def test_a_job_resource_with_a_word_for_an_id_is_invalid_params(
    client: Client, sandbox: Sandbox
):
    before = len(sandbox.requests)
    with pytest.raises(MCPError) as caught:
        await client.read_resource("taptalent://jobs/abc")
    assert caught.value.code == INVALID_PARAMS
    assert "job_id is a number from list_jobs" in caught.value.message
    assert len(sandbox.requests) == before  # refused here, not by TapTalent


@pytest.mark.parametrize("title", ["Senior Backend Engineer", "Backend", "", "4201.5", True])
async def test_a_job_id_that_is_not_an_id_is_refused_locally(
    client: Client, sandbox: Sandbox, title: object
):
    before = len(sandbox.requests)
    text = error_text(await client.call_tool("get_job", {"job_id": title}))
    assert text == "job_id is a number from list_jobs.", text
    assert len(sandbox.requests) == before


async def test_numeric_text_ids_are_accepted(client: Client):
    job = await first_job(client)
    assert data(await client.call_tool("get_job", {"job_id": str(job["id"])}))["id"] == job["id"]


@pytest.mark.parametrize(
    ("tool", "args", "expected"),
    [
        (
            "top_candidates",
            {"job_id": 4201, "limit": 500},
            "limit must be a whole number from 1 to 50.",
        ),
        (
            "top_candidates",
            {"job_id": 4201, "min_score": "high"},
            "min_score must be a number from 0 to 100",
        ),
        ("list_jobs", {"per_page": 7}, "per_page must be one of 10, 20, 40, 80, 100."),
        ("list_jobs", {"status": "OPEN"}, "status must be one of DRAFT, ACTIVE, CLOSED, ARCHIVED."),
        (
            "get_rescore_status",
            {"rescore_id": "r", "wait_seconds": 120},
            "wait_seconds must be a number from 0 to 30",
        ),
        ("move_candidate_stage", {"job_candidate_id": 7}, "move_candidate_stage needs stage"),
        ("top_candidates", {}, "top_candidates needs job_id: a whole number (from list_jobs)."),
        (
            "rescore_candidates",
            {"job_id": 4201, "job_candidate_ids": [7, "Ada"]},
            "job_candidate_ids is a number from top_candidates or search_candidates.",
        ),
    ],
)
async def test_bad_arguments_get_one_sentence_naming_the_argument(
    client: Client, tool: str, args: dict[str, object], expected: str
):
    text = error_text(await client.call_tool(tool, args))
    assert text.startswith(expected), text
    assert "pydantic" not in text and "validation error" not in text and "\n" not in text


@pytest.mark.parametrize(
    ("tool", "args", "meant"),
    [
        ("top_candidates", {"job_id": 4201, "count": 5}, "limit"),
        ("search_candidates", {"query": "python"}, "text"),
        ("get_job", {"jobid": 4201}, "job_id"),
        ("get_rescore_status", {"rescore_id": "x", "wait_secs": 5}, "wait_seconds"),
        ("get_job_candidate", {"id": 7}, "job_candidate_id"),
        ("list_jobs", {"query": "backend"}, "title"),
    ],
)
async def test_unknown_arguments_are_refused_naming_the_right_one(
    client: Client, sandbox: Sandbox, tool: str, args: dict[str, object], meant: str
):
    before = len(sandbox.requests)
    text = error_text(await client.call_tool(tool, args))
    assert f"did you mean {meant}?" in text, text
    assert len(sandbox.requests) == before


async def test_stage_takes_the_integer_ids_get_job_shows(client: Client, tk: Toolkit):
    job = await first_job(client)
    card = data(await client.call_tool("get_job", {"job_id": job["id"]}))
    stage = next(s for s in card["stages"] if s.get("count"))
    top = data(
        await client.call_tool(
            "top_candidates", {"job_id": job["id"], "stage": stage["id"], "limit": 3}
        )
    )
    assert top["candidates"] and all(c["stage"] == stage["name"] for c in top["candidates"])
    expected = await actions.top_candidates(tk, job["id"], stage=str(stage["id"]), limit=3)
    assert [c["id"] for c in top["candidates"]] == [c.job_candidate_id for c in expected.candidates]
