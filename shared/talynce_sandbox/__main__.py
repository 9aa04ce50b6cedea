"""``python -m shared.talynce_sandbox [--port 8767]``: serve the Talynce emulator on
loopback and print its key."""

from __future__ import annotations

import argparse

import uvicorn

from shared.talynce_sandbox import TalynceSandbox, TalynceSandboxConfig


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m shared.talynce_sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--screening-delay", type=float, default=0.0)
    args = parser.parse_args(argv)
    config = TalynceSandboxConfig(seed=args.seed, screening_delay=args.screening_delay)
    sandbox = TalynceSandbox(config)
    print(
        "Talynce emulator\n"
        f"  TALYNCE_BASE_URL  http://{args.host}:{args.port}/api/v1\n"
        f"  TALYNCE_API_KEY   {sandbox.api_key}",
        flush=True,
    )
    uvicorn.run(sandbox.app, host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
