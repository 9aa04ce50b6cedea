"""`tt doctor` on Kombo (the customer's ATS): one read of the integration's jobs, which
proves the key, the integration id and the base URL at once; then its webhook secret."""

from __future__ import annotations

from typing import Any

import httpx

from shared.config import Settings
from shared.doctor.connectors import RETRY, Connector, Mode, Webhooks, endpoint
from shared.doctor.report import Check
from shared.kombo.errors import (
    AuthenticationError,
    IntegrationNotFoundError,
    KomboConnectionError,
    KomboError,
)
from shared.kombo_setup import KOMBO_SANDBOX_URL, kombo_configured

JOBS = "/ats/jobs"
PAGE = 50


def _mode(settings: Settings) -> Mode:
    if kombo_configured(settings):
        return "live"
    return "emulator" if settings.sandbox_mode else "off"


INTEGRATION_FIX = (
    "Set KOMBO_INTEGRATION_ID to the integration's id from the Kombo dashboard "
    "(like greenhouse:8Xk...)."
)


def _missing(settings: Settings) -> Check | None:
    if settings.kombo_integration_id:
        return None
    return Check(
        "Kombo key and base URL",
        "fail",
        "KOMBO_API_KEY is set but KOMBO_INTEGRATION_ID is not, so tt cannot tell Kombo which "
        "customer's ATS to use.",
        fix=INTEGRATION_FIX,
    )


def _emulator() -> Any:
    from shared.kombo_sandbox import KomboSandbox

    return KomboSandbox()


async def _read(
    settings: Settings, mode: Mode, transport: httpx.AsyncBaseTransport | None
) -> tuple[str, str]:
    from shared.kombo import KomboClient

    key, base = settings.kombo_api_key, settings.kombo_base_url
    to = endpoint(mode, key, base, transport, _emulator, KOMBO_SANDBOX_URL)
    integration = to.emulator.integration_id if to.emulator else settings.kombo_integration_id
    assert integration
    async with KomboClient(
        to.key, integration, to.base_url, transport=to.transport, retry=RETRY
    ) as client:
        body = await client.request("GET", JOBS, params={"page_size": PAGE})
    results = (body.get("data") or {}).get("results") if isinstance(body, dict) else None
    count = len(results) if isinstance(results, list) else 0
    more = " or more" if count == PAGE else ""
    return to.shown(JOBS), f"{count}{more} job(s) in integration {integration}"


KOMBO = Connector(
    name="Kombo",
    key_var="KOMBO_API_KEY",
    base_var="KOMBO_BASE_URL",
    key_source="from the Kombo dashboard (API keys; ks_prod_… or ks_dev_…)",
    mode=_mode,
    base_url=lambda settings: settings.kombo_base_url,
    read=_read,
    auth_errors=(AuthenticationError,),
    connection_errors=(KomboConnectionError,),
    errors=(KomboError,),
    missing=_missing,
    fixes=((IntegrationNotFoundError, INTEGRATION_FIX),),
    webhooks=Webhooks(
        secret=lambda settings: settings.kombo_webhook_secret,
        secret_var="KOMBO_WEBHOOK_SECRET",
        path="/webhooks/kombo",
        where_to_set="add that URL as a webhook in the Kombo dashboard, for data-changed events",
        without="changes made in the ATS to pushed candidates (moves, rejections) never "
        "reach Slack",
    ),
)
