"""Where InstaView and Talynce requests go: the real service when its key is set, its
emulator in sandbox mode, or nowhere (then the use cases say how to connect it).

Mirrors `shared.kombo_setup` for the ATS. Clients and emulators are made on first use
(`shared/lazy.py`), so a process that never talks to a system does not pay for loading
it. An emulator this module creates beside the default TapTalent sandbox remembers in the
data folder (`keep_in`, `shared/sandbox/kept.py`), as that sandbox does.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from pydantic import SecretStr

from shared.config import Settings
from shared.lazy import OnFirstUse

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

InstaViewParts = tuple["InstaViewClient", "InstaViewSandbox | None", "str | None"]
TalynceParts = tuple["TalynceClient", "TalynceSandbox | None"]


class InstaView(OnFirstUse[InstaViewParts]):
    """The connected InstaView: its client, the emulator behind it in sandbox mode, and the
    secret it signs webhooks with (`INSTAVIEW_WEBHOOK_SECRET`, or the emulator's own; None:
    webhooks cannot be verified, so none are accepted)."""

    def __init__(
        self,
        client: InstaViewClient,
        sandbox: InstaViewSandbox | None = None,
        webhook_secret: str | None = None,
        default_agent: str | None = None,
    ) -> None:
        self._given((client, sandbox, webhook_secret))
        self.default_agent = default_agent

    @property
    def client(self) -> InstaViewClient:
        return self._made()[0]

    @property
    def sandbox(self) -> InstaViewSandbox | None:
        return self._made()[1]

    @property
    def webhook_secret(self) -> str | None:
        return self._made()[2]


class Talynce(OnFirstUse[TalynceParts]):
    """The connected Talynce: its client, and the emulator behind it in sandbox mode."""

    def __init__(self, client: TalynceClient, sandbox: TalynceSandbox | None = None) -> None:
        self._given((client, sandbox))

    @property
    def client(self) -> TalynceClient:
        return self._made()[0]

    @property
    def sandbox(self) -> TalynceSandbox | None:
        return self._made()[1]


def _live(key: SecretStr | None) -> bool:
    return key is not None and bool(key.get_secret_value())


@contextlib.asynccontextmanager
async def open_instaview(
    settings: Settings,
    *,
    sandbox_mode: bool,
    sandbox: InstaViewSandbox | None = None,
    keep_in: Path | None = None,
) -> AsyncIterator[InstaView | None]:
    """InstaView for one toolkit: the real API, the emulator, or None (not connected)."""
    owned: list[InstaViewSandbox] = []  # an emulator made here: closed here

    def live() -> InstaViewParts:
        from shared.instaview import InstaViewClient

        assert settings.instaview_api_key is not None
        secret = settings.instaview_webhook_secret
        client = InstaViewClient(settings.instaview_api_key, settings.instaview_base_url)
        return client, None, secret.get_secret_value() if secret else None

    def emulated() -> InstaViewParts:
        from shared.instaview import InstaViewClient

        made = sandbox or _instaview_emulator(keep_in, owned)
        transport = httpx.ASGITransport(app=made.app)
        client = InstaViewClient(made.api_key, INSTAVIEW_SANDBOX_URL, transport=transport)
        return client, made, made.webhook_secret

    found: InstaView | None = None
    if sandbox is None and _live(settings.instaview_api_key):
        found = InstaView.on_first_use(live)
    elif sandbox is not None or sandbox_mode:
        found = InstaView.on_first_use(emulated)
    if found is not None:
        found.default_agent = settings.instaview_default_agent
    try:
        yield found
    finally:
        if found is not None and found.made:
            await found.client.aclose()
        for made in owned:
            await made.aclose()  # its test interviews and webhook deliveries


@contextlib.asynccontextmanager
async def open_talynce(
    settings: Settings,
    *,
    sandbox_mode: bool,
    sandbox: TalynceSandbox | None = None,
    keep_in: Path | None = None,
) -> AsyncIterator[Talynce | None]:
    """Talynce for one toolkit: the real API, the emulator, or None (not connected)."""

    def live() -> TalynceParts:
        from shared.talynce import TalynceClient

        assert settings.talynce_api_key is not None
        return TalynceClient(settings.talynce_api_key, settings.talynce_base_url), None

    def emulated() -> TalynceParts:
        from shared.talynce import TalynceClient

        made = sandbox or _talynce_emulator(keep_in)
        transport = httpx.ASGITransport(app=made.app)
        return TalynceClient(made.api_key, TALYNCE_SANDBOX_URL, transport=transport), made

    found: Talynce | None = None
    if sandbox is None and _live(settings.talynce_api_key):
        found = Talynce.on_first_use(live)
    elif sandbox is not None or sandbox_mode:
        found = Talynce.on_first_use(emulated)
    try:
        yield found
    finally:
        if found is not None and found.made:
            await found.client.aclose()


def _instaview_emulator(keep_in: Path | None, owned: list[InstaViewSandbox]) -> InstaViewSandbox:
    from shared.instaview_sandbox import InstaViewSandbox

    made = InstaViewSandbox()
    owned.append(made)
    if keep_in is None:
        return made
    from shared.instaview_sandbox.kept import INSTAVIEW
    from shared.sandbox.kept import keep

    return keep(made, INSTAVIEW, keep_in)


def _talynce_emulator(keep_in: Path | None) -> TalynceSandbox:
    from shared.talynce_sandbox import TalynceSandbox

    if keep_in is None:
        return TalynceSandbox()
    from shared.sandbox.kept import keep
    from shared.talynce_sandbox.kept import TALYNCE

    return keep(TalynceSandbox(), TALYNCE, keep_in)
