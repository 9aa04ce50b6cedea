"""Where ATS requests go: Kombo with `KOMBO_API_KEY`, the Kombo emulator in sandbox mode,
or nowhere (then ATS actions say how to connect one)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from shared.config import Settings
from shared.kombo import KomboClient

if TYPE_CHECKING:
    from shared.kombo_sandbox import KomboSandbox

KOMBO_SANDBOX_URL = "http://kombo.local/v1"

HOW_TO_CONNECT = (
    "Set KOMBO_API_KEY and KOMBO_INTEGRATION_ID (both in the Kombo dashboard, under the "
    "customer's integration) and restart tt; see docs/kombo.md."
)


@dataclass
class Ats:
    """The connected ATS: the Kombo client, and the emulator behind it in sandbox mode."""

    client: KomboClient
    sandbox: KomboSandbox | None = None
    webhook_secret: str | None = None


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
    secret = settings.kombo_webhook_secret
    if sandbox is None and kombo_configured(settings):
        assert settings.kombo_api_key is not None
        if not settings.kombo_integration_id:
            raise ValueError(
                "KOMBO_API_KEY is set but KOMBO_INTEGRATION_ID is not: set it to the "
                "integration's id from the Kombo dashboard (like greenhouse:8Xk...)."
            )
        client = KomboClient(
            settings.kombo_api_key, settings.kombo_integration_id, settings.kombo_base_url
        )
        ats: Ats | None = Ats(client, None, secret.get_secret_value() if secret else None)
    elif sandbox is not None or sandbox_mode:
        if sandbox is None:
            sandbox = _emulator(keep_in)
        client = KomboClient(
            sandbox.api_key,
            sandbox.integration_id,
            KOMBO_SANDBOX_URL,
            transport=httpx.ASGITransport(app=sandbox.app),
        )
        ats = Ats(client, sandbox, sandbox.webhook_secret)
    else:
        ats = None
    try:
        yield ats
    finally:
        if ats is not None:
            await ats.client.aclose()


def _emulator(keep_in: Path | None) -> KomboSandbox:
    from shared.kombo_sandbox import KomboSandbox

    if keep_in is None:
        return KomboSandbox()
    from shared.kombo_sandbox.kept import KOMBO
    from shared.sandbox.kept import keep

    return keep(KomboSandbox(), KOMBO, keep_in)
