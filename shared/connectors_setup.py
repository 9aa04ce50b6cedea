"""Where InstaView and Talynce requests go: the real service when its key is set, its
emulator in sandbox mode, or nowhere (then the use cases say how to connect it).

Mirrors `shared.kombo_setup` for the ATS. Clients and emulators are imported only when
used, so a process that never talks to a system does not pay for loading it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from shared.config import Settings

if TYPE_CHECKING:
    from shared.instaview import InstaViewClient
    from shared.instaview_sandbox import InstaViewSandbox
    from shared.talynce import TalynceClient
    from shared.talynce_sandbox import TalynceSandbox

INSTAVIEW_SANDBOX_URL = "http://instaview.local/v1/public"
TALYNCE_SANDBOX_URL = "http://talynce.local/api/v1"

INSTAVIEW_HOW_TO_CONNECT = (
    "Set INSTAVIEW_API_KEY (and INSTAVIEW_WEBHOOK_SECRET for analysis alerts) and restart "
    "tt; see docs/connectors.md."
)
TALYNCE_HOW_TO_CONNECT = "Set TALYNCE_API_KEY and restart tt; see docs/connectors.md."


@dataclass
class InstaView:
    """The connected InstaView: its client, and the emulator behind it in sandbox mode."""

    client: InstaViewClient
    sandbox: InstaViewSandbox | None = None
    #: The secret InstaView signs webhooks with (`INSTAVIEW_WEBHOOK_SECRET`, or the
    #: emulator's own); None: webhooks cannot be verified, so none are accepted.
    webhook_secret: str | None = None
    default_agent: str | None = None


@dataclass
class Talynce:
    """The connected Talynce: its client, and the emulator behind it in sandbox mode."""

    client: TalynceClient
    sandbox: TalynceSandbox | None = None


@contextlib.asynccontextmanager
async def open_instaview(
    settings: Settings, *, sandbox_mode: bool, sandbox: InstaViewSandbox | None = None
) -> AsyncIterator[InstaView | None]:
    """InstaView for one toolkit: the real API, the emulator, or None (not connected)."""
    from shared.instaview import InstaViewClient

    secret = settings.instaview_webhook_secret
    key = settings.instaview_api_key
    found: InstaView | None
    owned = False
    if sandbox is None and key is not None and key.get_secret_value():
        client = InstaViewClient(key, settings.instaview_base_url)
        found = InstaView(
            client,
            None,
            secret.get_secret_value() if secret else None,
            settings.instaview_default_agent,
        )
    elif sandbox is not None or sandbox_mode:
        if sandbox is None:
            from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
            from shared.instaview_sandbox.saved import saved_path

            # Kept beside the database, so each `tt` command sees the interviews the
            # previous one scheduled (and `tt serve` sees them too).
            config = InstaViewSandboxConfig()
            world = saved_path(settings.data_folder, config.seed)
            sandbox, owned = InstaViewSandbox(config, world=world), True
        client = InstaViewClient(
            sandbox.api_key,
            INSTAVIEW_SANDBOX_URL,
            transport=httpx.ASGITransport(app=sandbox.app),
        )
        found = InstaView(client, sandbox, sandbox.webhook_secret, settings.instaview_default_agent)
    else:
        found = None
    try:
        yield found
    finally:
        if found is not None:
            await found.client.aclose()
        if owned and sandbox is not None:
            await sandbox.aclose()  # its test interviews and webhook deliveries


@contextlib.asynccontextmanager
async def open_talynce(
    settings: Settings, *, sandbox_mode: bool, sandbox: TalynceSandbox | None = None
) -> AsyncIterator[Talynce | None]:
    """Talynce for one toolkit: the real API, the emulator, or None (not connected)."""
    from shared.talynce import TalynceClient

    key = settings.talynce_api_key
    found: Talynce | None
    if sandbox is None and key is not None and key.get_secret_value():
        found = Talynce(TalynceClient(key, settings.talynce_base_url))
    elif sandbox is not None or sandbox_mode:
        if sandbox is None:
            from shared.talynce_sandbox import TalynceSandbox

            sandbox = TalynceSandbox()
        client = TalynceClient(
            sandbox.api_key, TALYNCE_SANDBOX_URL, transport=httpx.ASGITransport(app=sandbox.app)
        )
        found = Talynce(client, sandbox)
    else:
        found = None
    try:
        yield found
    finally:
        if found is not None:
            await found.client.aclose()
