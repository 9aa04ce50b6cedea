"""Token economy: what a model pays to load the tools and to ask for the top ten.

Tokens are estimated as characters / 4 of the JSON on the wire (compact, as sent).
"""

from __future__ import annotations

from mcp import Client

from tests.mcp_server.conftest import data, first_job

# The 8 TapTalent tools fit 2,500 tokens; each connector tool (link_job, push_candidate,
# reject_in_ats) may add up to 300 more.
TOOLS_LIST_BUDGET = 2_500 + 300 * 3
TOP_TEN_BUDGET = 1_500


def tokens(text: str) -> int:
    return -(-len(text) // 4)


async def test_tools_list_fits_its_budget(client: Client):
    listing = await client.list_tools()
    wire = listing.model_dump_json(by_alias=True, exclude_none=True)
    print(f"\ntools/list: {len(wire)} characters, about {tokens(wire)} tokens")
    for tool in listing.tools:
        print(f"  {tool.name}: {tokens(tool.model_dump_json(by_alias=True, exclude_none=True))}")
    assert tokens(wire) <= TOOLS_LIST_BUDGET


async def test_top_ten_concise_fits_its_budget(client: Client):
    job = await first_job(client, small=False)  # the biggest job: long names, many ties
    result = await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 10})
    assert len(data(result)["candidates"]) == 10
    wire = result.model_dump_json(by_alias=True, exclude_none=True)  # text + structured
    text = result.content[0].text  # type: ignore[union-attr]
    print(
        f"\ntop_candidates x10 (concise): {tokens(text)} tokens of text for the model; "
        f"{tokens(wire)} with the structured copy"
    )
    # A model reads the text block; the structured copy is for the client program.
    assert tokens(text) <= TOP_TEN_BUDGET
    assert tokens(wire) <= 2 * TOP_TEN_BUDGET
