"""An in-process emulator of Talynce's candidate API (docs/connectors.md).

from shared.talynce_sandbox import TalynceSandbox
sb = TalynceSandbox()
TalynceClient(api_key=sb.api_key, base_url="http://talynce/api/v1",
              transport=httpx.ASGITransport(app=sb.app))
"""

from shared.talynce_sandbox.app import TalynceSandbox
from shared.talynce_sandbox.config import TalynceSandboxConfig

__all__ = ["TalynceSandbox", "TalynceSandboxConfig"]
