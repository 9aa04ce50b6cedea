"""Run the sandbox as a local HTTP server (`tt sandbox` calls `run`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import uvicorn

from shared.sandbox.app import Sandbox
from shared.sandbox.config import SandboxConfig


def run(
    host: str = "127.0.0.1",
    port: int = 8765,
    seed: int = 7,
    webhook_url: str | None = None,
    world: Path | None = None,
    **config: Any,
) -> None:
    """Serve the sandbox until interrupted. Extra keywords go to SandboxConfig; `world` is
    the file that keeps its data (None: kept in memory only)."""
    sandbox = Sandbox(SandboxConfig(seed=seed, webhook_url=webhook_url, **config), world=world)
    print(describe(sandbox, host, port), flush=True)
    uvicorn.run(sandbox.app, host=host, port=port, log_level="warning")


def describe(sandbox: Sandbox, host: str, port: int) -> str:
    base = f"http://{host}:{port}/v1/partner"
    return "\n".join(
        [
            "TapTalent Partner API sandbox",
            f"  base URL       {base}",
            f"  dialect        {sandbox.config.dialect}",
            f"  API key        {sandbox.api_key}   (Acme Talent)",
            f"  other API key  {sandbox.other_api_key}   (Globex, for isolation tests)",
            f"  webhook key    {sandbox.webhook_key}   (sent as X-Webhook-Key)",
            f"  webhook URL    {sandbox.webhook_url or '(none: set with PUT /_sandbox/webhook)'}",
            f"  big job        {sandbox.big_job_id}",
            f"  data           {sandbox.world or '(in memory: changes end with this run)'}",
            f"  controls       http://{host}:{port}/_sandbox/info",
        ]
    )


def serve_emulator(app: Any, host: str, port: int, title: str, settings: dict[str, str]) -> None:
    """Print how to reach an emulator (``settings``: name -> value), then serve ``app``."""
    width = max(len(name) for name in settings)
    lines = [title, *(f"  {name.ljust(width)}  {value}" for name, value in settings.items())]
    print("\n".join(lines), flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
