"""Writes over MCP: rescore then follow it to what moved; move a candidate; both audited."""

from __future__ import annotations

import pytest
from mcp import Client

from mcp_server.tools import rescores
from shared import actions
from shared.sandbox import Sandbox
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import CLIENT_NAME, data, first_job


async def change_criteria(client: Client, sandbox: Sandbox) -> dict:
    job = await first_job(client)
    card = data(await client.call_tool("get_job", {"job_id": job["id"]}))
    # Every criterion becomes a must-have: scores move for most candidates.
    musts = [{"criterion": c.split(": ", 1)[1], "level": "MUST_HAVE"} for c in card["criteria"]]
    sandbox.set_criteria(job["id"], musts)
    return job


async def test_rescore_returns_at_once_and_status_reports_what_moved(
    client: Client, tk: Toolkit, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(rescores, "POLL_SECONDS", 0.05)
    job = await change_criteria(client, sandbox)
    started = data(
        await client.call_tool("rescore_candidates", {"job_id": job["id"], "stage": "APPLIED"})
    )
    assert started["status"] == "pending" and started["rescore_ids"]
    assert started["queued"] > 0 and "get_rescore_status" in started["message"]
    rescore_id = started["rescore_ids"][0]

    seen: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        seen.append((progress, total, message))

    result = await client.call_tool(
        "get_rescore_status",
        {"rescore_id": rescore_id, "wait_seconds": 10},
        progress_callback=on_progress,
    )
    status = data(result)
    assert status["status"] == "completed"
    assert status["processed"] == started["queued"]
    assert status["changed"] > 0 and status["changes"]
    assert all(ch.get("before") != ch.get("after") for ch in status["changes"])
    assert len(status["new_top"]) == 5 and status["note"]
    assert seen, "waiting sent no progress notification"
    assert seen[-1][0] == status["processed"] and seen[-1][1] == status["requested"]

    entries = await tk.store.audit_entries(action="rescore")
    assert entries[0].surface == "mcp" and entries[0].actor == CLIENT_NAME


async def test_status_without_waiting_answers_at_once(client: Client, sandbox: Sandbox):
    job = await first_job(client)
    started = data(await client.call_tool("rescore_candidates", {"job_id": job["id"]}))
    status = data(
        await client.call_tool("get_rescore_status", {"rescore_id": started["rescore_ids"][0]})
    )
    assert status["status"] in ("pending", "completed")
    assert status["job_id"] == job["id"]


async def test_rescore_origin_is_mcp_and_the_client(client: Client, tk: Toolkit):
    job = await first_job(client)
    started = data(await client.call_tool("rescore_candidates", {"job_id": job["id"]}))
    rescore = await tk.store.get_rescore(started["rescore_ids"][0])
    assert rescore is not None and rescore.group_id
    group = await tk.store.get_group(rescore.group_id)
    assert group is not None
    assert group.origin.kind == "mcp" and group.origin.user == CLIENT_NAME


async def test_move_names_the_stage_moves_and_is_idempotent(client: Client, tk: Toolkit):
    job = await first_job(client)
    card = data(await client.call_tool("get_job", {"job_id": job["id"]}))
    top = data(await client.call_tool("top_candidates", {"job_id": job["id"], "limit": 1}))
    who = top["candidates"][0]
    order = [s["name"] for s in card["stages"]]
    target = order[(order.index(who["stage"]) + 1) % len(order)]  # "the next stage"

    moved = data(
        await client.call_tool(
            "move_candidate_stage", {"job_candidate_id": who["id"], "stage": target}
        )
    )
    assert moved["moved"] is True and moved["to_stage"] == target
    assert moved["from_stage"] == who["stage"] and target in moved["message"]
    after = await actions.get_job_candidate(tk, who["id"])
    assert after.stage == target

    again = data(
        await client.call_tool(
            "move_candidate_stage", {"job_candidate_id": who["id"], "stage": target}
        )
    )
    assert again["moved"] is False and "nothing changed" in again["message"]

    entries = await tk.store.audit_entries(action="move")
    assert {e.result for e in entries} == {"moved", "unchanged"}
    assert all(e.surface == "mcp" and e.actor == CLIENT_NAME for e in entries)
