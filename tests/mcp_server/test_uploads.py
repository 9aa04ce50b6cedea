"""`upload_resumes` over the real MCP client: what the CLI and Slack start, the same batches;
refused links named; attributed to the MCP client; one report where alerts go."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from mcp import Client

from shared.actions.dispatch import execute
from shared.actions.uploads import KIND, UploadStarted
from shared.commands import parse
from shared.notify import RoutingNotifier
from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.dialect import DIALECTS
from shared.store import Origin
from shared.toolkit import Toolkit
from shared.webhooks import OperationTracker
from tests.mcp_server.conftest import CLIENT_NAME, data, error_text, first_job
from tests.support.tracking import Told, passes
from tests.support.uploads import links


@pytest.fixture(params=DIALECTS)
async def sandbox(request: pytest.FixtureRequest) -> AsyncIterator[Sandbox]:
    """Every dialect: TapTalent's documents' shapes, tt's earlier ones, and a mix."""
    sb = Sandbox(SandboxConfig(seed=7, rescore_delay=0.05, dialect=str(request.param)))
    try:
        yield sb
    finally:
        await sb.aclose()


async def test_upload_starts_the_batches_the_cli_would_and_reports_once(
    client: Client, tk: Toolkit, sandbox: Sandbox
):
    job = await first_job(client)
    urls = links(250, failing=1)
    started = data(await client.call_tool("upload_resumes", {"job_id": job["id"], "urls": urls}))
    assert started["urls"] == 250 and len(started["batch_ids"]) == 2
    assert started["job_title"] == job["title"] and "not_sent" not in started
    assert "TapTalent" in started["note"]  # its text is labelled as data
    # The CLI and Slack run the same words through dispatch: the same batches of 200.
    typed = parse(f"upload job:{job['id']} " + " ".join(urls), prog="tt")
    cli = await execute(tk, typed, Origin(kind="cli", user="cli:me"))
    assert isinstance(cli, UploadStarted) and [c.urls for c in cli.chunks] == [200, 50]
    assert cli.message == started["message"]
    entries = {e.surface: e for e in await tk.store.audit_entries(action="upload")}
    assert set(entries) == {"mcp", "cli"}
    assert entries["mcp"].actor == CLIENT_NAME and entries["mcp"].result == "started"

    await sandbox.drain()
    told = Told()
    tracker = OperationTracker(tk, RoutingNotifier({"*": told}))
    for operation in await tk.store.operations(KIND, pending=True):
        await tk.store.schedule_operation_poll(KIND, operation.id, 0.0)
    await passes(tracker, 3)
    reports = [n for n in told.notices if n.operation_id == started["upload_id"]]
    assert len(reports) == 1 and reports[0].origin.kind == "mcp"
    assert "249 résumés parsed, 1 failed" in reports[0].title


async def test_refused_links_are_named_and_nothing_is_recorded(client: Client, tk: Toolkit):
    job = await first_job(client)
    urls = ["https://files.example.com/ok.pdf", "file:///home/me/cv.pdf"]
    refused = await client.call_tool("upload_resumes", {"job_id": job["id"], "urls": urls})
    said = error_text(refused)
    assert "URL 2" in said and "file:///home/me/cv.pdf" in said and "https://" in said
    assert await tk.store.operations(KIND) == []
