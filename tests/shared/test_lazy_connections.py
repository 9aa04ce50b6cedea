"""The other systems load on first use: opening a toolkit (every `tt` command, every MCP
and service start) imports none of their clients or emulators until one is asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import asyncio, sys
from shared.config import Settings
from shared.toolkit import open_toolkit

SYSTEMS = ("shared.kombo.", "shared.kombo_sandbox", "shared.instaview", "shared.talynce")

def loaded():
    return sorted({m.split(".")[1] for m in sys.modules if m.startswith(SYSTEMS)})

async def main():
    async with open_toolkit(Settings(TT_DB_PATH=sys.argv[1])) as tk:
        print("opened", loaded())
        tk.talynce.client
        print("asked", loaded())

asyncio.run(main())
"""


def test_opening_a_toolkit_loads_no_other_system_until_asked(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "tt.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    opened, asked = done.stdout.strip().splitlines()
    assert opened == "opened []"
    assert asked == "asked ['talynce', 'talynce_sandbox']"
