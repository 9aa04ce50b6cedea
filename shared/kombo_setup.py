"""Where ATS requests go: Kombo with `KOMBO_API_KEY`, the Kombo emulator in sandbox mode,
or nowhere (then ATS actions say how to connect one).

Kombo's client and emulator are made on first use, not when a toolkit opens: a `tt`
command, an MCP start or a service start that never touches the ATS does not load them.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from shared.config import Settings
from shared.lazy import OnFirstUse

if TYPE_CHECKING:
    from shared.kombo import KomboClient
    from shared.kombo_sandbox import KomboSandbox

KOMBO_SANDBOX_URL = "http://kombo.local/v1"

HOW_TO_CONNECT = (
    "Set KOMBO_API_KEY and KOMBO_INTEGRATION_ID (both in the Kombo dashboard, under the "
    "customer's integration) and restart tt; see docs/kombo.md."
)

Parts = tuple["KomboClient", "KomboSandbox | None", "str | None"]


class Ats(OnFirstUse[Parts]):
    """The connected ATS: the Kombo client, the emulator behind it in sandbox mode, and the
    secret its webhooks are signed with. ``Ats.on_first_use(connect)`` makes them when one
    is first asked for (`shared/lazy.py`)."""

    def __init__(
        self,
        client: KomboClient,
        sandbox: KomboSandbox | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        self._given((client, sandbox, webhook_secret))

    @property
    def client(self) -> KomboClient:
        return self._made()[0]

    @property
    def sandbox(self) -> KomboSandbox | None:
        return self._made()[1]

    @property
    def webhook_secret(self) -> str | None:
        return self._made()[2]

    async def aclose(self) -> None:
        if self.made:
            await self.client.aclose()


def kombo_configured(settings: Settings) -> bool:
    key = settings.kombo_api_key
    return key is not None and bool(key.get_secret_value())


@contextlib.asynccontextmanager
async def open_ats(
    settings: Settings,
    *,
    sandbox_mode: bool,
    sandbox: KomboSandbox | None = None,
    keep_in: Path | None = None,
) -> AsyncIterator[Ats | None]:
    """The ATS for one toolkit: real Kombo, the emulator, or None (no ATS connected).

    `keep_in`: the data folder where the emulator (when this call creates it) keeps its
    records, so the next `tt` command sees what this one pushed (`shared/sandbox/kept.py`).
    """
    ats: Ats | None = None
    if sandbox is None and kombo_configured(settings):
        if not settings.kombo_integration_id:
            raise ValueError(
                "KOMBO_API_KEY is set but KOMBO_INTEGRATION_ID is not: set it to the "
                "integration's id from the Kombo dashboard (like greenhouse:8Xk...)."
            )
        ats = Ats.on_first_use(lambda: _kombo(settings))
    elif sandbox is not None or sandbox_mode:
        given = sandbox
        ats = Ats.on_first_use(lambda: _emulated(given or _emulator(keep_in)))
    try:
        yield ats
    finally:
        if ats is not None:
            await ats.aclose()


def _kombo(settings: Settings) -> Parts:
    from shared.kombo import KomboClient

    assert settings.kombo_api_key is not None and settings.kombo_integration_id
    client = KomboClient(
        settings.kombo_api_key, settings.kombo_integration_id, settings.kombo_base_url
    )
    secret = settings.kombo_webhook_secret
    return client, None, secret.get_secret_value() if secret else None


def _emulated(sandbox: KomboSandbox) -> Parts:
    from shared.kombo import KomboClient

    client = KomboClient(
        sandbox.api_key,
        sandbox.integration_id,
        KOMBO_SANDBOX_URL,
        transport=httpx.ASGITransport(app=sandbox.app),
    )
    return client, sandbox, sandbox.webhook_secret


def _emulator(keep_in: Path | None) -> KomboSandbox:
    from shared.kombo_sandbox import KomboSandbox

    if keep_in is None:
        return KomboSandbox()
    from shared.kombo_sandbox.kept import KOMBO
    from shared.sandbox.kept import keep

    return keep(KomboSandbox(), KOMBO, keep_in)
