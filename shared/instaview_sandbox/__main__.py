"""``python -m shared.instaview_sandbox [--port 8766] [--webhook-url URL]``: serve the
InstaView emulator on loopback and print its key and webhook secret."""

from __future__ import annotations

import argparse

from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig
from shared.sandbox.server import serve_emulator


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m shared.instaview_sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--webhook-url", help="where to send signed interview webhooks")
    parser.add_argument("--list-shape", choices=["nested", "flat"], default="nested")
    args = parser.parse_args(argv)
    config = InstaViewSandboxConfig(
        seed=args.seed, webhook_url=args.webhook_url, list_shape=args.list_shape
    )
    sandbox = InstaViewSandbox(config)
    base = f"http://{args.host}:{args.port}"
    settings = {
        "INSTAVIEW_BASE_URL": f"{base}/v1/public",
        "INSTAVIEW_API_KEY": sandbox.api_key,
        "INSTAVIEW_WEBHOOK_SECRET": sandbox.webhook_secret,
        "webhook URL": sandbox.webhook_url or "(none: PUT /_sandbox/settings)",
        "controls": f"{base}/_sandbox/info",
    }
    serve_emulator(sandbox.app, args.host, args.port, "InstaView emulator", settings)


if __name__ == "__main__":
    main()
