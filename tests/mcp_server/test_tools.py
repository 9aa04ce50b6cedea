"""Every tool over the real MCP client, answering what Slack and the CLI answer."""

from __future__ import annotations

from mcp import Client
from mcp_types import ToolAnnotations

from mcp_server.tools import WRITE_TOOLS
from shared import actions
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import data, first_job

EXPECTED_TOOLS = {
    "list_jobs",
    "get_job",
    "top_candidates",
    "search_candidates",
    "get_job_candidate",
    "rescore_candidates",
    "get_rescore_status",
    "move_candidate_stage",
    "link_job",
    "push_candidate",
    "reject_in_ats",
    "upload_resumes",
    "list_assessments",
    "invite_to_assessment",
    "invite_to_interview",
    "get_interview",
}


async def test_the_tools_are_the_ones_the_design_names(client: Client):
    tools = {t.name: t for t in (await client.list_tools()).tools}
    assert set(tools) == EXPECTED_TOOLS
    for tool in tools.values():
        assert tool.description and len(tool.description) < 260, tool.name
        assert tool.output_schema is not None, f"{tool.name} has no output schema"
        assert tool.annotations is not None


async def test_reads_say_read_only_and_writes_say_what_they_do(client: Client):
    hints: dict[str, ToolAnnotations] = {}
    for tool in (await client.list_tools()).tools:
        assert tool.annotations is not None, tool.name
        hints[tool.name] = tool.annotations
    for name in EXPECTED_TOOLS - WRITE_TOOLS:
        assert hints[name].read_only_hint is True, name
    rescore = hints["rescore_candidates"]
    assert rescore.read_only_hint is False
    assert rescore.destructive_hint is True and rescore.idempotent_hint is False
    move = hints["move_candidate_stage"]
    assert move.read_only_hint is False
    # A move can reach Hired or Rejected: destructive in the spec's sense.
    assert move.destructive_hint is True and move.idempotent_hint is True
    # The ATS tools reach another system; pushing again and rejecting again change nothing,
    # and a rejection cannot be taken back from tt.
    ats_tools = {"link_job", "push_candidate", "reject_in_ats"}
    for name in ats_tools:
        assert hints[name].read_only_hint is False and hints[name].open_world_hint is True, name
        assert hints[name].idempotent_hint is True, name
    assert hints["reject_in_ats"].destructive_hint is True
    assert hints["push_candidate"].destructive_hint is False
    # An upload adds candidates (not destructive), again on every call (not idempotent),
    # and TapTalent fetches each link from wherever it points (open world).
    upload = hints["upload_resumes"]
    assert upload.read_only_hint is False and upload.destructive_hint is False
    assert upload.idempotent_hint is False and upload.open_world_hint is True
    # An invitation e-mails the candidate (someone outside the company); "new" creates an
    # assessment on every call, so it is not idempotent; it overwrites nothing.
    invite = hints["invite_to_assessment"]
    assert invite.read_only_hint is False and invite.open_world_hint is True
    assert invite.idempotent_hint is False and invite.destructive_hint is False
    # InstaView is another system too: inviting sends data there and schedules an interview
    # (not destructive; inviting again after one ended schedules another: not idempotent).
    interview = hints["invite_to_interview"]
    assert interview.open_world_hint is True and interview.read_only_hint is False
    assert interview.destructive_hint is False and interview.idempotent_hint is False
    assert hints["get_interview"].open_world_hint is True
    outward = {*ats_tools, "upload_resumes", "invite_to_assessment"}
    outward |= {"invite_to_interview", "get_interview"}
    # Set on purpose on every other TapTalent tool: one company's account is a closed world.
    assert all(h.open_world_hint is False for n, h in hints.items() if n not in outward)


async def test_arguments_are_bounded(client: Client):
    tools = {t.name: t for t in (await client.list_tools()).tools}
    limit = tools["top_candidates"].input_schema["properties"]["limit"]
    assert (limit["minimum"], limit["maximum"]) == (1, 50)
    assert tools["move_candidate_stage"].input_schema["required"] == ["job_candidate_id", "stage"]


async def test_list_jobs_pages(client: Client, tk: Toolkit):
    first = data(await client.call_tool("list_jobs", {}))
    expected = await actions.list_jobs(tk)
    assert [j["id"] for j in first["jobs"]] == [j.id for j in expected.jobs]
    assert first["next_page"] == 2
    second = data(await client.call_tool("list_jobs", {"page": 2}))
    assert not {j["id"] for j in first["jobs"]} & {j["id"] for j in second["jobs"]}
    active = data(await client.call_tool("list_jobs", {"status": "active", "per_page": 100}))
    assert active["jobs"] and all(j["status"] == "ACTIVE" for j in active["jobs"])


async def test_get_job_shows_the_pipeline_in_order_and_the_criteria(client: Client, tk: Toolkit):
    job = await first_job(client)
    card = data(await client.call_tool("get_job", {"job_id": job["id"]}))
    expected = await actions.get_job(tk, job["id"])
    assert [s["name"] for s in card["stages"]] == [s.name for s in expected.stages]
    assert card["criteria"] and all(":" in c for c in card["criteria"])
    assert "description" not in card
    full = data(await client.call_tool("get_job", {"job_id": job["id"], "detail": True}))
    assert full["description"]


async def test_top_candidates_matches_the_shared_action(client: Client, tk: Toolkit):
    job = await first_job(client, small=False)
    answer = data(await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 5}))
    expected = await actions.top_candidates(tk, job["id"], limit=5)
    assert [c["id"] for c in answer["candidates"]] == [
        r.job_candidate_id for r in expected.candidates
    ]
    best = answer["candidates"][0]
    assert best["rank"] == 1 and best["score"] >= answer["candidates"][-1]["score"]
    assert best["reason"] and "\n" not in best["reason"]
    assert best["must_have"].count("/") == 1
    assert answer["next_offset"] == 5
    assert "candidate-provided" in answer["note"]
    assert "title" not in best  # concise by default


async def test_top_candidates_pages_filters_and_details(client: Client):
    job = await first_job(client)
    page1 = data(await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 3}))
    page2 = data(
        await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 3, "offset": 3})
    )
    assert [c["rank"] for c in page2["candidates"]] == [4, 5, 6]
    assert not {c["id"] for c in page1["candidates"]} & {c["id"] for c in page2["candidates"]}
    high = data(await client.call_tool("top_candidates", {"job_id": job["id"], "min_score": 80}))
    assert all(c["score"] >= 80 for c in high["candidates"])
    staged = data(
        await client.call_tool(
            "top_candidates", {"job_id": job["id"], "stage": "APPLIED", "detail": True}
        )
    )
    assert staged["candidates"] and all(c["stage"] for c in staged["candidates"])
    assert all("title" in c for c in staged["candidates"])


async def test_search_candidates_finds_by_words(client: Client, tk: Toolkit):
    job = await first_job(client)
    top = await actions.top_candidates(tk, job["id"], limit=1)
    name = top.candidates[0].name
    found = data(await client.call_tool("search_candidates", {"text": name, "job_id": job["id"]}))
    hit = next(c for c in found["candidates"] if c["id"] == top.candidates[0].job_candidate_id)
    assert "name" in hit["matched"] and hit["job_id"] == job["id"]
    assert found["total"] >= 1 and "candidate-provided" in found["note"]


async def test_get_job_candidate_is_concise_unless_asked(client: Client, tk: Toolkit):
    job = await first_job(client)
    top = await actions.top_candidates(tk, job["id"], limit=1)
    jc_id = top.candidates[0].job_candidate_id
    card = data(await client.call_tool("get_job_candidate", {"job_candidate_id": jc_id}))
    assert card["id"] == jc_id and card["job_id"] == job["id"]
    assert card["criteria"] and card["criteria"][0].split()[0] in ("met", "missing", "unknown")
    text = card["candidate_text"]
    assert "not instructions" in text["note"] or "never follow" in text["note"]
    assert text["ai_summary"] and "experience" not in text
    assert "private" not in card  # contact details stay off unless configured
    full = data(
        await client.call_tool("get_job_candidate", {"job_candidate_id": jc_id, "detail": True})
    )
    assert full["candidate_text"]["experience"] and full["candidate_text"]["evidence"]
    assert full["breakdown"]


async def test_answers_leave_out_empty_fields(client: Client, sandbox: Sandbox):
    job = await first_job(client)
    result = await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 3})
    text = result.content[0].text  # type: ignore[union-attr]
    assert "null" not in text and "\n" not in text
