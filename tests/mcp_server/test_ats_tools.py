"""link_job, push_candidate and reject_in_ats: concise answers, errors that say what to call."""

from __future__ import annotations

from mcp import Client

from shared.toolkit import Toolkit
from tests.mcp_server.conftest import data
from tests.mcp_server.test_errors import error_text

JOB = 4201


async def first_id(tk: Toolkit) -> int:
    from shared.actions import top_candidates

    return int((await top_candidates(tk, JOB, limit=1)).candidates[0].job_candidate_id)


async def test_link_push_reject_through_mcp(client: Client, tk: Toolkit) -> None:
    jc = await first_id(tk)
    refused = await client.call_tool("push_candidate", {"to": "ats", "job_candidate_id": jc})
    assert refused.is_error and "Call link_job" in error_text(refused)

    choices = data(await client.call_tool("link_job", {"job_id": JOB}))
    assert choices["linked"] is False and choices["choices"][0]["id"] == "KJ0001"
    linked = data(await client.call_tool("link_job", {"job_id": JOB, "ats_job_id": "KJ0001"}))
    assert linked["linked"] is True and "Phone Screen" in linked["ats_job"]["stages"]
    card = data(await client.call_tool("get_job", {"job_id": JOB}))
    assert card["ats"].startswith("KJ0001 Senior Backend Engineer; stages: Applied")

    pushed = data(await client.call_tool("push_candidate", {"to": "ats", "job_candidate_id": jc}))
    [one] = pushed["pushed"]
    assert one["changed"] is True and one["url"].startswith("https://ats.example.com/")
    assert "note" in pushed  # candidate text is labelled as data

    reasons = data(await client.call_tool("reject_in_ats", {"job_candidate_id": jc}))
    assert "Not enough experience" in reasons["reasons"]
    done = data(
        await client.call_tool("reject_in_ats", {"job_candidate_id": jc, "reason": "salary"})
    )
    assert done["rejected"] is True and done["reason"] == "Salary expectations too high"
    [entry] = await tk.store.audit_entries(action="ats.reject")
    assert entry.surface == "mcp" and entry.actor == "pytest-assistant"


async def test_reject_before_push_says_to_push(client: Client, tk: Toolkit) -> None:
    jc = await first_id(tk)
    refused = await client.call_tool("reject_in_ats", {"job_candidate_id": jc, "reason": "x"})
    assert refused.is_error and (
        f"Call push_candidate with job_candidate_id {jc}, to ats first." in error_text(refused)
    )


async def test_push_needs_one_target(client: Client) -> None:
    refused = await client.call_tool("push_candidate", {"to": "ats", "top": 3})
    assert refused.is_error and "top with job_id" in error_text(refused)
