"""`tt doctor`: passes on the sandbox, names a wrong key, lists shape differences, checks
Slack's scopes against manifest.yml on the fake Slack Web API, and an unwritable database."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response

from shared.cli.doctor import run_doctor_command
from shared.doctor import Report, run_doctor
from shared.doctor.contract import contract_text
from shared.doctor.slack import manifest_scopes
from shared.sandbox import Sandbox
from shared.service.background import serve_in_background
from tests.bot.fake_slack import FakeSlack
from tests.conftest import make_settings
from tests.contract.common import BASE_URL, dialects, small_sandbox

API_CHECKS = [
    "TapTalent key and base URL",
    "Jobs",
    "Job candidates",
    "Stages",
    "Candidates",
    "Rescores",
    "Assessments",
]


def by_name(report: Report) -> dict[str, Any]:
    return {check.name: check for check in report.checks}


@pytest.fixture(params=dialects())
async def sandbox_of_each_dialect(request: pytest.FixtureRequest) -> AsyncIterator[Sandbox]:
    sandbox = small_sandbox(request.param)
    yield sandbox
    await sandbox.aclose()


async def test_doctor_passes_on_the_sandbox(sandbox_of_each_dialect: Sandbox, tmp_path: Path):
    report = await run_doctor(make_settings(tmp_path), sandbox=sandbox_of_each_dialect)

    checks = by_name(report)
    assert report.ok, report.as_text()
    assert [checks[name].status for name in API_CHECKS] == ["pass"] * len(API_CHECKS)
    assert "GET /job-candidates/rescore/rescore_0_0 (404)" in checks["Rescores"].detail
    assert "POST /candidates/bulk-fetch (200)" in checks["Candidates"].detail
    assert report.as_text().endswith("Everything tt needs is in order.")


def test_tt_doctor_json_on_the_builtin_sandbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.setenv("TT_DB_PATH", str(tmp_path / "tt.sqlite3"))

    status = run_doctor_command(["--json"])

    printed = json.loads(capsys.readouterr().out)
    assert status == 0
    assert printed["ok"] is True
    assert printed["target"].startswith("the built-in sandbox")
    assert {c["name"] for c in printed["checks"]} >= {*API_CHECKS, "Database", "Webhooks"}


async def test_a_wrong_key_is_named_as_such(sandbox: Sandbox, tmp_path: Path):
    wrong = "sk_test_" + "W" * 22
    report = await run_doctor(
        make_settings(tmp_path, TAPTALENT_WEBHOOK_KEY="whsec"),
        transport=httpx.ASGITransport(app=sandbox.app),
        api_key=wrong,
        base_url=BASE_URL,
    )

    key = by_name(report)["TapTalent key and base URL"]
    assert not report.ok
    assert key.status == "fail"
    assert key.detail.startswith("TapTalent refused the API key (401)")
    assert "TAPTALENT_API_KEY" in (key.fix or "")
    assert "It does not look like one" not in key.detail  # the shape was right
    assert wrong not in report.as_text()
    assert [by_name(report)[n].status for n in API_CHECKS[1:]] == ["skip"] * 6


class Reshaping(httpx.AsyncBaseTransport):
    """The sandbox, with one answer bent out of the contract's shape."""

    def __init__(self, inner: httpx.AsyncBaseTransport, path_prefix: str) -> None:
        self.inner = inner
        self.path_prefix = path_prefix

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not request.url.path.startswith(self.path_prefix):
            return response
        body = json.loads(await response.aread())
        job = body.get("data", body)
        job["pipelineStage"] = "Applied, Screen"
        job["rejectedCandidateCount"] = "three"
        return httpx.Response(response.status_code, json=body)


async def test_answers_that_break_the_contract_are_listed(sandbox: Sandbox, tmp_path: Path):
    prefix = f"/v1/partner/jobs/{sandbox.job_ids[0]}"
    report = await run_doctor(
        make_settings(tmp_path, TAPTALENT_WEBHOOK_KEY="whsec"),
        transport=Reshaping(httpx.ASGITransport(app=sandbox.app), prefix),
        api_key=sandbox.api_key,
        base_url=BASE_URL,
    )

    jobs = by_name(report)["Jobs"]
    assert jobs.status == "fail"
    assert any(
        d.endswith("body.pipelineStage: a string fits none of the documented variants")
        for d in jobs.differences
    ), jobs.differences
    assert any(
        d.endswith("body.rejectedCandidateCount: a string where the contract says integer or null")
        for d in jobs.differences
    ), jobs.differences
    assert "Applied, Screen" not in report.as_text()  # types are named, never values


@dataclass
class ScopedSlack(FakeSlack):
    """The fake Slack Web API, also sending the `x-oauth-scopes` header Slack sends."""

    scopes: list[str] = field(default_factory=list)

    async def _api(self, request: Request) -> Response:
        response = await super()._api(request)
        response.headers["x-oauth-scopes"] = ",".join(self.scopes)
        return response


@pytest.fixture
async def scoped_slack() -> AsyncIterator[ScopedSlack]:
    fake = ScopedSlack()
    async with serve_in_background(fake.app(), lifespan="off") as url:
        fake.base_url = url
        yield fake


async def slack_report(slack: ScopedSlack, sandbox: Sandbox, tmp_path: Path) -> Report:
    settings = make_settings(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-test",
        SLACK_API_URL=slack.api_url,
    )
    return await run_doctor(settings, sandbox=sandbox)


async def test_slack_scopes_missing_from_the_token_are_named(
    scoped_slack: ScopedSlack, sandbox: Sandbox, tmp_path: Path
):
    scoped_slack.scopes = ["commands", "chat:write"]

    slack = by_name(await slack_report(scoped_slack, sandbox, tmp_path))["Slack"]

    assert slack.status == "fail"
    assert "lacks scopes manifest.yml needs: chat:write.public, usergroups:read" in slack.detail
    assert "reinstall" in (slack.fix or "")
    assert [c.method for c in scoped_slack.calls] == ["auth.test"]


async def test_slack_with_every_manifest_scope_passes(
    scoped_slack: ScopedSlack, sandbox: Sandbox, tmp_path: Path
):
    scoped_slack.scopes = [*sorted(manifest_scopes()), "channels:read"]

    report = await slack_report(scoped_slack, sandbox, tmp_path)

    assert by_name(report)["Slack"].status == "pass"
    assert by_name(report)["Slack connection"].detail.startswith("Socket Mode")
    assert report.ok, report.as_text()


async def test_a_revoked_slack_token_is_named(
    scoped_slack: ScopedSlack, sandbox: Sandbox, tmp_path: Path
):
    scoped_slack.errors["auth.test"] = "invalid_auth"

    slack = by_name(await slack_report(scoped_slack, sandbox, tmp_path))["Slack"]

    assert slack.status == "fail"
    assert slack.detail == "Slack refused SLACK_BOT_TOKEN (invalid_auth)."


async def test_an_unwritable_database_path_is_reported(sandbox: Sandbox, tmp_path: Path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where a directory should be")
    settings = make_settings(tmp_path, TT_DB_PATH=blocker / "tt.sqlite3")

    report = await run_doctor(settings, sandbox=sandbox)

    database = by_name(report)["Database"]
    assert database.status == "fail"
    assert database.detail.startswith(f"tt cannot write its database at {blocker / 'tt.sqlite3'}")
    assert "TT_DB_PATH" in (database.fix or "")
    assert not report.ok


async def test_mcp_beyond_loopback_needs_a_token(sandbox: Sandbox, tmp_path: Path):
    open_report = await run_doctor(make_settings(tmp_path, HOST="0.0.0.0"), sandbox=sandbox)
    guarded = await run_doctor(
        make_settings(tmp_path, HOST="0.0.0.0", TT_MCP_TOKEN="t" * 40), sandbox=sandbox
    )

    assert by_name(open_report)["MCP over HTTP"].status == "fail"
    assert "TT_MCP_TOKEN is not set" in by_name(open_report)["MCP over HTTP"].detail
    assert by_name(guarded)["MCP over HTTP"].status == "pass"


def test_the_contract_is_readable_where_tt_is_installed():
    assert contract_text().startswith("openapi: 3.1.0")
    assert manifest_scopes() >= {"commands", "chat:write"}


async def test_webhooks_without_a_key_are_named_for_what_they_allow(
    sandbox: Sandbox, tmp_path: Path
):
    async def webhooks(**settings: object) -> Any:
        report = await run_doctor(
            make_settings(tmp_path, **settings),
            transport=httpx.ASGITransport(app=sandbox.app),
            api_key=sandbox.api_key,
            base_url=BASE_URL,
        )
        return by_name(report)["Webhooks"]

    refused = await webhooks()
    opted_in = await webhooks(TAPTALENT_WEBHOOK_ALLOW_EMPTY_KEY="1")
    keyed = await webhooks(TAPTALENT_WEBHOOK_KEY="whsec_real")

    assert refused.status == "warn"
    assert "tt refuses every webhook" in refused.detail
    assert "/webhooks/taptalent" in refused.detail
    assert opted_in.status == "warn"
    assert "anyone who knows the URL can send tt rescore results" in opted_in.detail
    assert keyed.status == "pass"
    assert "whsec_real" not in keyed.detail
