"""An in-process emulator of InstaView's AI interview API (docs/connectors.md).

from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
sb = InstaViewSandbox(InstaViewSandboxConfig(seed=7, list_shape="flat"))
InstaViewClient(api_key=sb.api_key, base_url="http://instaview/v1/public",
                transport=httpx.ASGITransport(app=sb.app))
"""

from shared.instaview_sandbox.app import InstaViewSandbox
from shared.instaview_sandbox.config import InstaViewSandboxConfig

__all__ = ["InstaViewSandbox", "InstaViewSandboxConfig"]
