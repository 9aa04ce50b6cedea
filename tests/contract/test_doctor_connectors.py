"""`tt doctor` on the other systems (Kombo, InstaView, Talynce): each is checked with one read
when configured or emulated, its webhook secret and URL are said, a failure carries its
fix, and no secret is ever printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.cli.doctor import run_doctor_command
from shared.doctor import Report, run_doctor
from shared.instaview_sandbox import InstaViewSandbox
from shared.kombo_sandbox import KomboSandbox
from shared.sandbox import Sandbox
from shared.service.background import serve_in_background
from shared.talynce_sandbox import TalynceSandbox
from tests.conftest import make_settings
from tests.contract.common import BASE_URL

SYSTEMS = ("Kombo", "InstaView", "Talynce")
SIGNING = ("Kombo", "InstaView")  # the systems that sign the webhooks they send tt
KOMBO_SECRET = "kombo-webhook-secret-for-tests"
INSTAVIEW_SECRET = "instaview-webhook-secret-for-tests"


def by_name(report: Report) -> dict[str, Any]:
    return {check.name: check for check in report.checks}


class Emulators:
    """The three emulators, and settings that point tt at them as at the real systems."""

    def __init__(self) -> None:
        self.kombo = KomboSandbox()
        self.instaview = InstaViewSandbox()
        self.talynce = TalynceSandbox()

    def settings(self, **overrides: str) -> dict[str, str]:
        return {
            "KOMBO_API_KEY": self.kombo.api_key,
            "KOMBO_INTEGRATION_ID": self.kombo.integration_id,
            "KOMBO_BASE_URL": "http://kombo.test/v1",
            "KOMBO_WEBHOOK_SECRET": KOMBO_SECRET,
            "INSTAVIEW_API_KEY": self.instaview.api_key,
            "INSTAVIEW_BASE_URL": "http://instaview.test/v1/public",
            "INSTAVIEW_WEBHOOK_SECRET": INSTAVIEW_SECRET,
            "TALYNCE_API_KEY": self.talynce.api_key,
            "TALYNCE_BASE_URL": "http://talynce.test/api/v1",
            **overrides,
        }

    def transports(self) -> dict[str, httpx.AsyncBaseTransport]:
        return {
            "Kombo": httpx.ASGITransport(app=self.kombo.app),
            "InstaView": httpx.ASGITransport(app=self.instaview.app),
            "Talynce": httpx.ASGITransport(app=self.talynce.app),
        }

    async def aclose(self) -> None:
        await self.instaview.aclose()


@pytest.fixture
async def emulators() -> Any:
    made = Emulators()
    yield made
    await made.aclose()


async def doctor(sandbox: Sandbox, tmp_path: Path, emulators: Emulators, **env: str) -> Report:
    return await run_doctor(
        make_settings(tmp_path, **emulators.settings(**env)),
        transport=httpx.ASGITransport(app=sandbox.app),
        api_key=sandbox.api_key,
        base_url=BASE_URL,
        connector_transports=emulators.transports(),
    )


async def test_in_sandbox_mode_each_emulator_is_checked_and_passes(
    sandbox: Sandbox, tmp_path: Path
):
    report = await run_doctor(make_settings(tmp_path), sandbox=sandbox)

    checks = by_name(report)
    assert report.ok, report.as_text()
    for system in SYSTEMS:
        key = checks[f"{system} key and base URL"]
        assert key.status == "pass" and key.detail.startswith("Sandbox mode"), key.detail
    assert "7 job(s) in integration greenhouse:sandbox7" in checks["Kombo key and base URL"].detail
    assert "interview agent(s)" in checks["InstaView key and base URL"].detail
    assert "40 candidate(s)" in checks["Talynce key and base URL"].detail
    assert [checks[f"{s} webhooks"].status for s in SIGNING] == ["pass", "pass"]
    assert "Talynce webhooks" not in checks  # Talynce sends tt none


async def test_configured_systems_pass_with_their_keys_and_say_where_webhooks_go(
    sandbox: Sandbox, tmp_path: Path, emulators: Emulators
):
    report = await doctor(sandbox, tmp_path, emulators)

    checks = by_name(report)
    assert report.ok, report.as_text()
    kombo = checks["Kombo key and base URL"]
    assert kombo.detail.startswith("GET http://kombo.test/v1/ats/jobs answered: 7 job(s)")
    assert checks["Talynce key and base URL"].detail.startswith(
        "GET http://talynce.test/api/v1/candidates answered"
    )
    hooks = checks["Kombo webhooks"]
    assert f"KOMBO_WEBHOOK_SECRET is set ({len(KOMBO_SECRET)} characters)" in hooks.detail
    assert "https://<your public host>/webhooks/kombo" in hooks.detail
    assert "/webhooks/instaview" in checks["InstaView webhooks"].detail
    assert "INSTAVIEW_SIGNATURE_HEADER" in checks["InstaView webhooks"].detail
    printed = report.as_text() + json.dumps(report.as_json())
    for secret in (
        KOMBO_SECRET,
        INSTAVIEW_SECRET,
        emulators.kombo.api_key,
        emulators.instaview.api_key,
        emulators.talynce.api_key,
    ):
        assert secret not in printed


@pytest.mark.parametrize(
    ("system", "variable"),
    [
        ("Kombo", "KOMBO_API_KEY"),
        ("InstaView", "INSTAVIEW_API_KEY"),
        ("Talynce", "TALYNCE_API_KEY"),
    ],
)
async def test_a_wrong_key_fails_with_its_fix(
    sandbox: Sandbox, tmp_path: Path, emulators: Emulators, system: str, variable: str
):
    wrong = "sk_wrong_" + "Q" * 24
    report = await doctor(sandbox, tmp_path, emulators, **{variable: wrong})

    checks = by_name(report)
    key = checks[f"{system} key and base URL"]
    assert not report.ok
    assert key.status == "fail"
    assert key.detail.startswith(f"{system} refused the API key: {variable} is wrong"), key.detail
    assert key.fix is not None and variable in key.fix
    assert f"    fix: {key.fix}" in report.as_text()  # printed under the failure
    assert wrong not in report.as_text() + json.dumps(report.as_json())
    others = [s for s in SYSTEMS if s != system]
    assert [checks[f"{s} key and base URL"].status for s in others] == ["pass", "pass"]


async def test_a_wrong_integration_id_names_the_integration_setting(
    sandbox: Sandbox, tmp_path: Path, emulators: Emulators
):
    report = await doctor(sandbox, tmp_path, emulators, KOMBO_INTEGRATION_ID="lever:nobody")
    key = by_name(report)["Kombo key and base URL"]
    assert key.status == "fail" and "KOMBO_INTEGRATION_ID" in (key.fix or "")


async def test_an_unset_webhook_secret_warns_with_where_and_how(
    sandbox: Sandbox, tmp_path: Path, emulators: Emulators
):
    report = await doctor(
        sandbox, tmp_path, emulators, KOMBO_WEBHOOK_SECRET="", INSTAVIEW_WEBHOOK_SECRET=""
    )
    checks = by_name(report)
    assert report.ok  # webhooks are worth a warning, not a failure
    kombo = checks["Kombo webhooks"]
    assert kombo.status == "warn"
    assert "KOMBO_WEBHOOK_SECRET is not set" in kombo.detail and "/webhooks/kombo" in kombo.detail
    assert kombo.fix is not None and "KOMBO_WEBHOOK_SECRET" in kombo.fix
    instaview = checks["InstaView webhooks"]
    assert instaview.status == "warn" and "polling" in instaview.detail


async def test_unconfigured_systems_outside_sandbox_mode_are_skipped(
    sandbox: Sandbox, tmp_path: Path
):
    report = await run_doctor(
        make_settings(tmp_path, TAPTALENT_API_KEY=sandbox.api_key, TAPTALENT_WEBHOOK_KEY="k"),
        transport=httpx.ASGITransport(app=sandbox.app),
        api_key=sandbox.api_key,
        base_url=BASE_URL,
    )
    checks = by_name(report)
    assert [checks[s].status for s in SYSTEMS] == ["skip"] * 3
    assert "KOMBO_API_KEY is not set" in checks["Kombo"].detail


async def test_tt_doctor_json_names_a_wrong_kombo_key_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    """tt configured as for the real Kombo, against the emulator on a loopback port."""
    kombo = KomboSandbox()
    async with serve_in_background(kombo.app) as url:
        for name, value in {
            "TT_DB_PATH": str(tmp_path / "tt.sqlite3"),
            "KOMBO_API_KEY": "ks_dev_not_the_right_one",
            "KOMBO_INTEGRATION_ID": kombo.integration_id,
            "KOMBO_BASE_URL": f"{url}/v1",
        }.items():
            monkeypatch.setenv(name, value)
        status = await _in_thread(run_doctor_command, ["--json"])

    printed = json.loads(capsys.readouterr().out)
    checks = {c["name"]: c for c in printed["checks"]}
    assert status == 1 and printed["ok"] is False
    key = checks["Kombo key and base URL"]
    assert key["status"] == "fail" and "KOMBO_API_KEY" in key["fix"]
    assert "ks_dev_not_the_right_one" not in json.dumps(printed)
    assert checks["Kombo webhooks"]["status"] == "warn"  # no KOMBO_WEBHOOK_SECRET either


async def _in_thread(command: Any, argv: list[str]) -> int:
    """The CLI runs its own event loop; the emulator's server runs on this one."""
    import asyncio

    return int(await asyncio.to_thread(command, argv))
