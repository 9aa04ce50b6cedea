"""An in-process emulator of TapTalent's Partner API (see docs/partner-api.md).

from shared.sandbox import Sandbox, SandboxConfig
sb = Sandbox(SandboxConfig(seed=7))
httpx.AsyncClient(transport=httpx.ASGITransport(app=sb.app),
                  base_url="http://sandbox/v1/partner",
                  headers={"Authorization": f"Bearer {sb.api_key}"})
"""

from shared.sandbox.app import Sandbox
from shared.sandbox.config import Faults, SandboxConfig
from shared.sandbox.runtime import RequestRecord
from shared.sandbox.webhooks import WebhookRecord

__all__ = ["Faults", "RequestRecord", "Sandbox", "SandboxConfig", "WebhookRecord"]
