"""A sandbox in its own process: `python -m bench.sandbox_proc '{"big_job_size": 50000}'`.

The argument is a JSON object of SandboxConfig fields (faults under "faults"). The first
line on stdout is a JSON object with the base URL, the keys and the big job's id; then it
serves on a free loopback port until terminated.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from typing import Any

from shared.sandbox import Faults, Sandbox, SandboxConfig
from shared.service.background import serve_in_background


async def main(config: dict[str, Any]) -> None:
    faults = Faults(**config.pop("faults", {}))
    if "candidates_per_job" in config:
        config["candidates_per_job"] = tuple(config["candidates_per_job"])
    sandbox = Sandbox(SandboxConfig(faults=faults, **config))
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    async with serve_in_background(sandbox.app, lifespan="off") as url:
        info = {
            "base_url": url,
            "api_key": sandbox.api_key,
            "webhook_key": sandbox.webhook_key,
            "big_job_id": sandbox.big_job_id,
            "job_ids": sandbox.job_ids,
        }
        print(json.dumps(info), flush=True)
        await stopping.wait()
    await sandbox.aclose()


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}))
