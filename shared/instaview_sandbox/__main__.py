"""``python -m shared.instaview_sandbox [--port 8766] [--webhook-url URL]``: serve the
InstaView emulator on loopback and print its key and webhook secret."""

from __future__ import annotations

import argparse

import uvicorn

from shared.instaview_sandbox import InstaViewSandbox, InstaViewSandboxConfig


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
    print(
        "InstaView emulator\n"
        f"  INSTAVIEW_BASE_URL        {base}/v1/public\n"
        f"  INSTAVIEW_API_KEY         {sandbox.api_key}\n"
        f"  INSTAVIEW_WEBHOOK_SECRET  {sandbox.webhook_secret}\n"
        f"  webhook URL               {sandbox.webhook_url or '(none: PUT /_sandbox/settings)'}\n"
        f"  controls                  {base}/_sandbox/info",
        flush=True,
    )
    uvicorn.run(sandbox.app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
