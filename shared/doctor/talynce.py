"""`tt doctor` on Talynce (candidate database): one read of one candidate page, which
proves the key and the base URL. Talynce sends tt no webhooks."""

from __future__ import annotations

from typing import Any

import httpx

from shared.config import Settings
from shared.doctor.connectors import RETRY, Connector, Mode, endpoint
from shared.talynce.errors import APIConnectionError, AuthenticationError, TalynceError

SANDBOX_URL = "http://talynce.local/api/v1"
CANDIDATES = "/candidates"


def _emulator() -> Any:
    from shared.talynce_sandbox import TalynceSandbox

    return TalynceSandbox()


async def _read(
    settings: Settings, mode: Mode, transport: httpx.AsyncBaseTransport | None
) -> tuple[str, str]:
    from shared.talynce import TalynceClient

    key, base = settings.talynce_api_key, settings.talynce_base_url
    to = endpoint(mode, key, base, transport, _emulator, SANDBOX_URL)
    async with TalynceClient(to.key, to.base_url, transport=to.transport, retry=RETRY) as client:
        page = await client.candidates.list(limit=1)
    return to.shown(CANDIDATES), f"{page.total} candidate(s)"


TALYNCE = Connector(
    name="Talynce",
    key_var="TALYNCE_API_KEY",
    base_var="TALYNCE_BASE_URL",
    key_source="from Talynce's settings (API keys)",
    mode=lambda settings: settings.talynce_mode,
    base_url=lambda settings: settings.talynce_base_url,
    read=_read,
    auth_errors=(AuthenticationError,),
    connection_errors=(APIConnectionError,),
    errors=(TalynceError,),
)
