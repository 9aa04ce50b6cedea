"""``python -m shared.talynce_sandbox [--port 8767]``: serve the Talynce emulator on
loopback and print its key."""

from __future__ import annotations

import argparse

from shared.sandbox.server import serve_emulator
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
    settings = {
        "TALYNCE_BASE_URL": f"http://{args.host}:{args.port}/api/v1",
        "TALYNCE_API_KEY": sandbox.api_key,
    }
    serve_emulator(sandbox.app, args.host, args.port, "Talynce emulator", settings)


if __name__ == "__main__":
    main()
