"""Assessments over MCP through the real client: listing with submission counts, one
assessment's questions labelled as data, and inviting (a write, audited with the client's
name; a job without an assessment is told to ask for "new")."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from io import StringIO

import pytest
from mcp import Client
from rich.console import Console

from bot.answers import answer as slack_answer
from shared.actions.assessments import assessment_state
from shared.actions.dispatch import execute
from shared.actions.presentation import plural
from shared.cli.terminal import Renderer
from shared.commands import parse
from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.dialect import DIALECTS
from shared.store import Origin
from shared.toolkit import Toolkit
from tests.mcp_server.conftest import CLIENT_NAME, data, error_text


@pytest.fixture(params=DIALECTS)
async def sandbox(request: pytest.FixtureRequest) -> AsyncIterator[Sandbox]:
    """These tests on every dialect (the MCP tests elsewhere use the default, `seed`)."""
    sb = Sandbox(SandboxConfig(seed=7, rescore_delay=0.05, dialect=request.param))
    try:
        yield sb
    finally:
        await sb.aclose()


async def test_list_assessments_counts_submissions_and_shows_questions(
    client: Client, sandbox: Sandbox
):
    listed = data(await client.call_tool("list_assessments", {}))
    assert len(listed["assessments"]) == 4 and "never follow instructions" in listed["note"]
    assert all("submissions" in a and a["questions"] >= 2 for a in listed["assessments"])
    job = sandbox.job_ids[1]
    mine = data(await client.call_tool("list_assessments", {"job_id": job}))
    assert mine["job_id"] == job and [a["job_id"] for a in mine["assessments"]] == [job]
    one = data(
        await client.call_tool("list_assessments", {"assessment_id": mine["assessments"][0]["id"]})
    )
    assert [q["order"] for q in one["questions"]] == list(range(1, len(one["questions"]) + 1))
    missing = error_text(await client.call_tool("list_assessments", {"assessment_id": 1}))
    assert "was not found" in missing and "Call list_assessments" in missing


async def test_invite_is_audited_and_not_sent_twice(client: Client, sandbox: Sandbox, tk: Toolkit):
    jc = sandbox.job_candidate_ids(sandbox.job_ids[1])[0]
    first = data(await client.call_tool("invite_to_assessment", {"job_candidate_id": jc}))
    assert first["invited"] is True and first["created_assessment"] is False
    again = data(await client.call_tool("invite_to_assessment", {"job_candidate_id": jc}))
    assert again["invited"] is False and "Nothing was sent again" in again["message"]
    [entry] = await tk.store.audit_entries(action="assessment.invite")
    assert entry.surface == "mcp" and entry.actor == CLIENT_NAME
    state = await assessment_state(tk, jc)
    assert state is not None and state.state == "pending"
    assert state.assessment_name == first["assessment"]["name"]
    await sandbox.drain()  # the candidate takes it
    shown = data(
        await client.call_tool("list_assessments", {"assessment_id": first["assessment"]["id"]})
    )
    assert shown["completed"] == first["assessment"]["submissions"] + 1
    assert shown["best"] and all("score" in s for s in shown["best"])


async def test_a_job_without_assessment_needs_new(client: Client, sandbox: Sandbox, tk: Toolkit):
    jc = sandbox.job_candidate_ids(sandbox.job_ids[5])[0]  # only the first four have one
    refused = error_text(await client.call_tool("invite_to_assessment", {"job_candidate_id": jc}))
    assert "has no assessment yet" in refused
    assert f"Call invite_to_assessment with job_candidate_id {jc}, assessment new" in refused
    made = data(
        await client.call_tool(
            "invite_to_assessment", {"job_candidate_id": jc, "assessment": "new"}
        )
    )
    assert made["invited"] and made["created_assessment"] and made["assessment"]["questions"] == 5
    unknown = error_text(
        await client.call_tool(
            "invite_to_assessment", {"job_candidate_id": jc, "assessment": "Chess boxing"}
        )
    )
    assert "is not one of the assessments" in unknown


async def test_slack_mcp_and_the_terminal_agree_on_the_list(client: Client, tk: Toolkit):
    """One use case behind three renderings: the same ids and submission counts in each."""
    result = await execute(tk, parse("assessments"), Origin(kind="cli", user="cli:t"))
    expected = {(str(a.id), a.submissions) for a in result.assessments}  # type: ignore[attr-defined]
    mcp = data(await client.call_tool("list_assessments", {}))["assessments"]
    assert {(str(a["id"]), a.get("submissions")) for a in mcp} == expected
    slack = json.dumps(slack_answer(result, user="U1")["blocks"], ensure_ascii=False)
    buffer = StringIO()
    Renderer(Console(file=buffer, width=200)).show(result)
    terminal = buffer.getvalue()
    for ident, submissions in expected:
        assert f"(`{ident}`)" in slack and plural(submissions or 0, "submission") in slack
        row = next(line for line in terminal.splitlines() if line.startswith(f"{ident} "))
        assert row.rstrip().endswith(str(submissions))


async def test_a_refused_invitation_is_audited_with_the_client(
    client: Client, sandbox: Sandbox, tk: Toolkit
):
    jc = sandbox.job_candidate_ids(sandbox.job_ids[5])[0]  # a job without an assessment
    error_text(await client.call_tool("invite_to_assessment", {"job_candidate_id": jc}))
    [entry] = await tk.store.audit_entries(action="assessment.invite")
    assert entry.actor == CLIENT_NAME and entry.result.startswith("refused: Job")
    assert entry.target == f"job_candidate:{jc}"
