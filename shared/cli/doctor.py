"""`tt doctor [--json]`: the checklist of shared.doctor, printed with a fix per failure."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from shared.config import Settings
from shared.doctor import run_doctor

DESCRIPTION = """Check that tt can work with your settings: the TapTalent key and base URL,
each API family's answers against the contract, webhooks, the other systems (Kombo,
InstaView, Talynce: key, base URL, webhook secret), Slack's token and scopes, the database,
and MCP's token. Read-only: it starts nothing and spends no credits.
Exit status 0 when no check failed, 1 otherwise."""


def run_doctor_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tt doctor", description=DESCRIPTION)
    parser.add_argument("--json", action="store_true", help="print the checklist as JSON")
    opts = parser.parse_args(argv)
    report = asyncio.run(run_doctor(Settings()))
    if opts.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        print(report.as_text())
    sys.stdout.flush()
    return 0 if report.ok else 1
