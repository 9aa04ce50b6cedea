"""4. MCP: from starting `python -m mcp_server` (stdio) to the first `tools/list` answer, and
what the answers cost a model in tokens (characters / 4 of the JSON as sent).

The start is measured against its floor, alternating: a bare `MCPServer` with one tool,
started the same way (`bench/floors.py`). The goal is a ratio, not a time.

The server runs on its built-in sandbox (no TAPTALENT_API_KEY), through the mcp package's
own stdio client, as a desktop assistant starts it. The raw-API comparison is the same ten
job candidates as the Partner API returns them (`POST /job-candidates/bulk-fetch`), read
from an identical sandbox (same seed, same data) in this process.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

import httpx
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from bench.common import REPO, Result, child_env, scratch_dir
from bench.floors import BARE_MCP_SERVER, paired_async
from shared.sandbox import Sandbox, SandboxConfig

STARTS = 5
GOAL_RATIO = 1.3
DEVNULL = open(os.devnull, "w")  # noqa: SIM115 (the child's stderr, for the whole run)


def tokens(text: str) -> int:
    return -(-len(text) // 4)


def server(db: str, args: tuple[str, ...] = ("-m", "mcp_server")) -> Any:
    """`python -m mcp_server` (or `args`) over stdio, its log (stderr) discarded."""
    params = StdioServerParameters(
        command=sys.executable, args=list(args), env=child_env(TT_DB_PATH=db), cwd=REPO
    )
    return stdio_client(params, errlog=DEVNULL)


async def start_once(db: str, args: tuple[str, ...] = ("-m", "mcp_server")) -> float:
    began = time.perf_counter()
    async with Client(server(db, args), read_timeout_seconds=60) as client:
        await client.list_tools()
        elapsed = time.perf_counter() - began
    return elapsed


async def sizes(db: str) -> dict[str, Any]:
    async with Client(server(db), read_timeout_seconds=60) as client:
        listing = await client.list_tools()
        tools_wire = listing.model_dump_json(by_alias=True, exclude_none=True)
        jobs = await client.call_tool("list_jobs", {"per_page": 100})
        assert jobs.structured_content is not None
        biggest = max(jobs.structured_content["jobs"], key=lambda j: j.get("candidates") or 0)
        top = await client.call_tool("top_candidates", {"job_id": biggest["id"], "limit": 10})
        assert not top.is_error and top.structured_content is not None
        text = top.content[0].text  # type: ignore[union-attr]
        wire = top.model_dump_json(by_alias=True, exclude_none=True)
        ids = [c["id"] for c in top.structured_content["candidates"]]
    raw = await raw_api_json(ids)
    return {
        "tools": len(listing.tools),
        "tools_list_chars": len(tools_wire),
        "top10_job_id": biggest["id"],
        "top10_text_chars": len(text),
        "top10_wire_chars": len(wire),
        "raw_api_chars": len(raw),
        "top10_ids": ids,
    }


async def raw_api_json(ids: list[Any]) -> str:
    """The ten records as the Partner API sends them, compact JSON of the `data` array."""
    sandbox = Sandbox(SandboxConfig(seed=7))
    try:
        transport = httpx.ASGITransport(app=sandbox.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
            answer = await http.post(
                "/v1/partner/job-candidates/bulk-fetch",
                json={"jobCandidateIds": [int(i) for i in ids]},
                headers={"Authorization": f"Bearer {sandbox.api_key}"},
            )
            answer.raise_for_status()
            records = answer.json()["data"]
    finally:
        await sandbox.aclose()
    if [str(r["id"]) for r in records] != [str(i) for i in ids]:
        raise RuntimeError("the raw API records are not the same ten candidates")
    return json.dumps(records, separators=(",", ":"), ensure_ascii=False)


async def measure() -> dict[str, Any]:
    with scratch_dir("mcp") as folder:
        db = str(folder / "tt.sqlite3")
        # The first starts (left out) also pay for compiling bytecode of this checkout.
        starts = await paired_async(
            lambda: start_once(db),
            lambda: start_once(db, ("-c", BARE_MCP_SERVER)),
            STARTS,
        )
        found = await sizes(str(folder / "sizes.sqlite3"))
    return {"starts": starts.as_dict(), "paired": starts, **found}


def run() -> dict[str, Any]:
    raw = asyncio.run(measure())
    starts = raw.pop("paired")
    res = Result("mcp_startup", "MCP over stdio")
    res.row(
        f"start to first tools/list answer, median of {STARTS}: tt; floor (a bare MCPServer "
        "with one tool); ratio",
        starts.cell(),
        f"≤ {GOAL_RATIO:g}× floor",
        starts.ratio <= GOAL_RATIO,
    )
    res.row(
        f"tools/list ({raw['tools']} tools)",
        f"{tokens('x' * raw['tools_list_chars']):,} tokens ({raw['tools_list_chars']:,} chars)",
    )
    res.row(
        "top_candidates, 10 of the 5,000-candidate job, concise: text the model reads",
        f"{tokens('x' * raw['top10_text_chars']):,} tokens",
    )
    res.row(
        "… the whole result (text + structured copy)",
        f"{tokens('x' * raw['top10_wire_chars']):,} tokens",
    )
    res.row(
        "the same 10 candidates as raw API JSON",
        f"{tokens('x' * raw['raw_api_chars']):,} tokens "
        f"({raw['raw_api_chars'] / raw['top10_text_chars']:.0f}× the concise text)",
    )
    res.figures = raw
    return res.as_dict()
