"""The toolkit every surface is handed: settings, the API client, the store.

`open_toolkit` decides where requests go: the real Partner API when `TAPTALENT_API_KEY` is
set, otherwise the built-in sandbox, run in-process on the same event loop, with its world
saved in the data folder so that one command sees what the previous one did.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from shared.config import Settings
from shared.connectors_setup import InstaView, Talynce, open_instaview, open_talynce
from shared.kombo_setup import Ats, open_ats
from shared.store import Store
from shared.taptalent import TapTalentClient

if TYPE_CHECKING:
    from shared.instaview_sandbox import InstaViewSandbox
    from shared.kombo_sandbox import KomboSandbox
    from shared.sandbox import Sandbox
    from shared.talynce_sandbox import TalynceSandbox

log = logging.getLogger("tt")

SANDBOX_BASE_URL = "http://sandbox.local/v1/partner"


@dataclass
class Toolkit:
    settings: Settings
    client: TapTalentClient
    store: Store
    sandbox: Sandbox | None = None
    clock: Callable[[], float] = field(default=time.time)
    ats: Ats | None = None  # Kombo (or its emulator); None: no ATS connected
    instaview: InstaView | None = None  # AI interviews; None: not connected
    talynce: Talynce | None = None  # candidate database; None: not connected

    @property
    def webhook_key(self) -> str | None:
        """The secret expected in `X-Webhook-Key`; in sandbox mode, the sandbox's own."""
        if self.settings.taptalent_webhook_key is not None:
            return self.settings.taptalent_webhook_key.get_secret_value()
        if self.sandbox is not None:
            return self.sandbox.webhook_key
        return None


def describe_backend(tk: Toolkit) -> str:
    """One line saying where requests go (the CLI prints it in sandbox mode)."""
    if tk.sandbox is not None:
        return (
            "Using the built-in TapTalent sandbox (sample data; set TAPTALENT_API_KEY "
            "to use your account)."
        )
    return f"Using TapTalent at {tk.settings.taptalent_base_url}."


class DataPathError(Exception):
    """tt cannot write in its data folder; the message names TT_DB_PATH."""


def default_sandbox(settings: Settings) -> Sandbox:
    """The built-in sandbox, its world kept in the data folder: every `tt` command, `tt serve`
    and `tt sandbox` on the same TT_DB_PATH folder share it (`tt sandbox --reset`)."""
    from shared.sandbox import Sandbox, SandboxConfig
    from shared.sandbox.persistence import world_path

    config = SandboxConfig()
    return Sandbox(config, world=world_path(settings.data_folder, config.seed))


@contextlib.asynccontextmanager
async def open_toolkit(
    settings: Settings | None = None,
    *,
    sandbox: Sandbox | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    clock: Callable[[], float] = time.time,
    kombo_sandbox: KomboSandbox | None = None,
    instaview_sandbox: InstaViewSandbox | None = None,
    talynce_sandbox: TalynceSandbox | None = None,
) -> AsyncIterator[Toolkit]:
    """Open the client and the store for one process; close both on exit.

    Pass `sandbox` (and nothing else) to talk to that sandbox in-process; with no sandbox and
    no API key in the settings, a default sandbox is created.
    """
    settings = settings or Settings()
    owns_sandbox = False
    if problem := settings.db_path_problem():
        raise DataPathError(problem)
    if sandbox is None and transport is None and api_key is None and settings.sandbox_mode:
        sandbox = default_sandbox(settings)
        owns_sandbox = True
    if sandbox is not None and transport is None:
        transport = httpx.ASGITransport(app=sandbox.app)
        api_key = api_key or sandbox.api_key
        base_url = base_url or SANDBOX_BASE_URL
    if api_key is None:
        assert settings.taptalent_api_key is not None
        api_key = settings.taptalent_api_key.get_secret_value()
    client = TapTalentClient(
        api_key=api_key,
        base_url=base_url or settings.taptalent_base_url,
        transport=transport,
    )
    store = await Store.open(settings.tt_db_path, clock=clock)
    emulated = settings.sandbox_mode or sandbox is not None
    try:
        # The other systems' emulators remember when the TapTalent sandbox does (the
        # default one), in the same data folder (`shared/sandbox/kept.py`).
        keep_in = settings.data_folder if owns_sandbox else None
        async with contextlib.AsyncExitStack() as stack:
            ats = await stack.enter_async_context(
                open_ats(settings, sandbox_mode=emulated, sandbox=kombo_sandbox, keep_in=keep_in)
            )
            instaview = await stack.enter_async_context(
                open_instaview(
                    settings, sandbox_mode=emulated, sandbox=instaview_sandbox, keep_in=keep_in
                )
            )
            talynce = await stack.enter_async_context(
                open_talynce(
                    settings, sandbox_mode=emulated, sandbox=talynce_sandbox, keep_in=keep_in
                )
            )
            yield Toolkit(
                settings=settings,
                client=client,
                store=store,
                sandbox=sandbox,
                clock=clock,
                ats=ats,
                instaview=instaview,
                talynce=talynce,
            )
    finally:
        await client.aclose()
        await store.close()
        if owns_sandbox and sandbox is not None:
            await sandbox.aclose()
