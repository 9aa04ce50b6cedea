"""`python -m mcp_server` over a real stdio pipe, as Claude Desktop runs it."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from mcp import Client
from mcp.client.stdio import StdioServerParameters

from tests.mcp_server.conftest import data, error_text

REPO = Path(__file__).resolve().parents[2]


async def test_stdio_server_runs_on_the_embedded_sandbox(tmp_path: Path):
    db = tmp_path / "stdio.sqlite3"
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "mcp_server"],
        env={"TT_DB_PATH": str(db)},  # no TAPTALENT_API_KEY: the built-in sandbox
        cwd=REPO,
    )
    async with Client(params, read_timeout_seconds=30) as client:
        assert client.server_info is not None and client.server_info.name == "tt"
        names = {t.name for t in (await client.list_tools()).tools}
        assert "move_candidate_stage" in names and len(names) == 16
        jobs = data(await client.call_tool("list_jobs", {}))["jobs"]
        top = data(await client.call_tool("top_candidates", {"job_id": jobs[0]["id"], "limit": 3}))
        assert len(top["candidates"]) == 3
        assert "list_jobs" in error_text(await client.call_tool("get_job", {"job_id": 42}))
    assert db.exists()  # the store was opened where TT_DB_PATH said
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from sqlite_master").fetchone()[0] > 0


async def test_stdio_read_only_flag(tmp_path: Path):
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "mcp_server", "--read-only"],
        env={"TT_DB_PATH": str(tmp_path / "ro.sqlite3")},
        cwd=REPO,
    )
    async with Client(params, read_timeout_seconds=30) as client:
        names = {t.name for t in (await client.list_tools()).tools}
    assert "rescore_candidates" not in names and "move_candidate_stage" not in names
