"""Mistakes a model can fix come back as tool errors that say what to call next."""

from __future__ import annotations

from mcp import Client

from shared import actions
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import error_text, first_job

MISSING_JOB = 42  # sandbox job ids start at 4201


async def test_unknown_job_points_to_list_jobs(client: Client):
    for tool in ("get_job", "top_candidates"):
        text = error_text(await client.call_tool(tool, {"job_id": MISSING_JOB}))
        assert "42" in text and "not found" in text, text
        assert "Call list_jobs" in text, text
        assert "`" not in text  # no CLI command names leak into MCP answers


async def test_unknown_job_candidate_points_to_the_tools_that_list_them(client: Client):
    for tool, args in (
        ("get_job_candidate", {"job_candidate_id": 1}),
        ("move_candidate_stage", {"job_candidate_id": 1, "stage": "SCREEN"}),
    ):
        text = error_text(await client.call_tool(tool, args))
        assert "not found" in text and "top_candidates" in text, text


async def test_a_stage_outside_the_pipeline_lists_the_valid_stages(client: Client, tk: Toolkit):
    job = await first_job(client)
    top = await actions.top_candidates(tk, job["id"], limit=1)
    jc_id = top.candidates[0].job_candidate_id
    text = error_text(
        await client.call_tool("move_candidate_stage", {"job_candidate_id": jc_id, "stage": "Zzz"})
    )
    assert "'Zzz'" in text and "SCREEN" in text and "APPLIED" in text, text
    text = error_text(
        await client.call_tool("top_candidates", {"job_id": job["id"], "stage": "Zzz"})
    )
    assert "SCREEN" in text, text


async def test_unknown_rescore_id_explains_where_ids_come_from(client: Client):
    text = error_text(await client.call_tool("get_rescore_status", {"rescore_id": "rescore_42_1"}))
    assert "rescore_candidates" in text, text


async def test_rescoring_candidates_of_another_job_is_refused_with_a_hint(client: Client):
    jobs = (await client.call_tool("list_jobs", {"per_page": 100})).structured_content
    assert jobs is not None
    small = [j for j in jobs["jobs"] if 0 < (j.get("candidates") or 0) < 1000]
    other = await client.call_tool("top_candidates", {"job_id": small[1]["id"], "limit": 1})
    assert other.structured_content is not None
    foreign = other.structured_content["candidates"][0]["id"]
    text = error_text(
        await client.call_tool(
            "rescore_candidates", {"job_id": small[0]["id"], "job_candidate_ids": [foreign]}
        )
    )
    assert str(foreign) in text and "top_candidates" in text, text


async def test_arguments_out_of_bounds_are_refused_before_any_request(client: Client):
    text = error_text(await client.call_tool("top_candidates", {"job_id": 1, "limit": 500}))
    assert "limit" in text
    text = error_text(await client.call_tool("move_candidate_stage", {"job_candidate_id": 1}))
    assert "stage" in text  # the stage is never defaulted
