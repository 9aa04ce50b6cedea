"""An in-process emulator of Kombo's unified ATS API (seed 004; see docs/kombo.md).

from shared.kombo_sandbox import KomboSandbox
sb = KomboSandbox()
KomboClient(sb.api_key, sb.integration_id, "http://kombo.local/v1",
            transport=httpx.ASGITransport(app=sb.app))
"""

from shared.kombo_sandbox.app import KomboSandbox
from shared.kombo_sandbox.config import KomboFaults, QueuedError

__all__ = ["KomboFaults", "KomboSandbox", "QueuedError"]
