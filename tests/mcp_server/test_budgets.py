"""Token economy: what a model pays to load the tools and to ask for the top ten.

Tokens are estimated as characters / 4 of the JSON on the wire (compact, as sent).
"""

from __future__ import annotations

import json

import pytest
from mcp import Client

from tests.mcp_server.conftest import ClientFactory, data, first_job

# About 300 tokens a tool, for the whole `tools/list` result, plus 100 for the envelope:
# 4,900 for the sixteen tools, 2,500 for the eight a read-only server lists.
TOKENS_PER_TOOL = 300
TOOLS_LIST_OVERHEAD = 100
TOP_TEN_BUDGET = 1_500


def tokens(text: str) -> int:
    return -(-len(text) // 4)


@pytest.mark.parametrize("read_only", [False, True])
async def test_tools_list_fits_its_budget(connect: ClientFactory, read_only: bool):
    async with connect(read_only=read_only) as client:
        listing = await client.list_tools()
    # The JSON-RPC result as it travels (the `result` member of the response).
    result = listing.model_dump(by_alias=True, exclude_none=True, mode="json")
    wire = json.dumps(result, separators=(",", ":"), ensure_ascii=False)
    budget = TOKENS_PER_TOOL * len(listing.tools) + TOOLS_LIST_OVERHEAD
    print(f"\ntools/list: {len(wire)} characters, about {tokens(wire)} tokens (budget {budget})")
    for tool in listing.tools:
        print(f"  {tool.name}: {tokens(tool.model_dump_json(by_alias=True, exclude_none=True))}")
    assert tokens(wire) <= budget


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
