"""`run_doctor`: every check, in the order a new user should fix them."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from shared.config import Settings
from shared.doctor.connectors import Connector, connector_checks
from shared.doctor.instaview import INSTAVIEW
from shared.doctor.kombo import KOMBO
from shared.doctor.local import database_check, mcp_check, webhook_check
from shared.doctor.probes import KEY_FORMAT, Prober
from shared.doctor.report import Report
from shared.doctor.slack import slack_checks
from shared.doctor.talynce import TALYNCE
from shared.sandbox import Sandbox, SandboxConfig
from shared.taptalent import RetryPolicy, TapTalentClient

SANDBOX_BASE_URL = "http://sandbox.local/v1/partner"
# A doctor answers in seconds: retry what is safe, but not for long.
RETRY = RetryPolicy(total_budget=15.0)
# The other systems, each checked when configured or emulated (one module each).
CONNECTORS: tuple[Connector, ...] = (KOMBO, INSTAVIEW, TALYNCE)


async def run_doctor(
    settings: Settings,
    *,
    sandbox: Sandbox | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    connector_transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
) -> Report:
    """Check everything tt needs and return the checklist.

    Without TAPTALENT_API_KEY (and nothing passed in), it checks the built-in sandbox,
    which must pass. `sandbox`, `transport`, `api_key` and `base_url` point it elsewhere
    (tests), as `connector_transports` (by system name: "Kombo", ...) do the other systems.
    """
    sandbox_mode = settings.sandbox_mode and transport is None and api_key is None
    owned: Sandbox | None = None
    if sandbox is None and sandbox_mode:
        sandbox = owned = Sandbox(SandboxConfig())
    if sandbox is not None and transport is None:
        transport = httpx.ASGITransport(app=sandbox.app)
        api_key = api_key or sandbox.api_key
        base_url = base_url or SANDBOX_BASE_URL
    if api_key is None and settings.taptalent_api_key is not None:
        api_key = settings.taptalent_api_key.get_secret_value()
    base_url = base_url or settings.taptalent_base_url
    target = (
        "the built-in sandbox (TAPTALENT_API_KEY is not set)"
        if sandbox is not None
        else f"TapTalent at {base_url}"
    )
    report = Report(target=target)
    client = TapTalentClient(
        api_key=api_key or "missing", base_url=base_url, transport=transport, retry=RETRY
    )
    try:
        prober = Prober(client, key_looks_right=bool(KEY_FORMAT.match(api_key or "")))
        report.checks += await prober.run()
    finally:
        await client.aclose()
        if owned is not None:
            await owned.aclose()
    report.checks.append(webhook_check(settings, sandbox_mode=sandbox is not None))
    transports = connector_transports or {}
    for connector in CONNECTORS:
        report.checks += await connector_checks(connector, settings, transports.get(connector.name))
    report.checks += await slack_checks(settings)
    report.checks.append(await database_check(settings.tt_db_path))
    report.checks.append(mcp_check(settings))
    return report
