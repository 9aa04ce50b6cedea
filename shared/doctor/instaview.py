"""`tt doctor` on InstaView (AI interviews): one read of the interview agents, which proves
the key and the base URL; then its webhook secret and signature header."""

from __future__ import annotations

from typing import Any

import httpx

from shared.config import Settings
from shared.doctor.connectors import RETRY, Connector, Mode, Webhooks, endpoint
from shared.instaview.errors import APIConnectionError, AuthenticationError, InstaViewError

SANDBOX_URL = "http://instaview.local/v1/public"
AGENTS = "/agents"


def _emulator() -> Any:
    from shared.instaview_sandbox import InstaViewSandbox

    return InstaViewSandbox()


async def _read(
    settings: Settings, mode: Mode, transport: httpx.AsyncBaseTransport | None
) -> tuple[str, str]:
    from shared.instaview import InstaViewClient

    key, base = settings.instaview_api_key, settings.instaview_base_url
    to = endpoint(mode, key, base, transport, _emulator, SANDBOX_URL)
    async with InstaViewClient(to.key, to.base_url, transport=to.transport, retry=RETRY) as client:
        page = await client.agents.list(limit=20)
    count = page.total if page.total is not None else len(page.items)
    return to.shown(AGENTS), f"{count} interview agent(s)"


INSTAVIEW = Connector(
    name="InstaView",
    key_var="INSTAVIEW_API_KEY",
    base_var="INSTAVIEW_BASE_URL",
    key_source="from InstaView's settings (API keys; it starts with sk_)",
    mode=lambda settings: settings.instaview_mode,
    base_url=lambda settings: settings.instaview_base_url,
    read=_read,
    auth_errors=(AuthenticationError,),
    connection_errors=(APIConnectionError,),
    errors=(InstaViewError,),
    webhooks=Webhooks(
        secret=lambda settings: settings.instaview_webhook_secret,
        secret_var="INSTAVIEW_WEBHOOK_SECRET",
        path="/webhooks/instaview",
        where_to_set="create that webhook through InstaView's API (POST /webhooks, for the "
        "interview and analysis events), which shows its signing secret once; tt reads the "
        "signature from the header INSTAVIEW_SIGNATURE_HEADER names",
        without="finished interviews and their analyses are found only by polling, later",
    ),
)
