"""Floors: the least any implementation could cost on this machine, measured in the same run.

Absolute times on a shared machine move severalfold between runs, so a figure is reported as
a ratio to a floor measured beside it, alternating the two so that both see the same load.
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import REPO, child_env, free_port, ms, stop, wait_until_healthy

# An MCP server with one tool, started as `python -m mcp_server` is (stdio, MCPServer).
BARE_MCP_SERVER = """
from mcp.server.mcpserver import MCPServer

server = MCPServer("floor")


@server.tool()
def ping() -> str:
    return "pong"


server.run("stdio")
"""
# What any Python HTTP client with typed models must import before doing anything.
BARE_CLI = "import httpx, pydantic"


@dataclass
class Paired:
    """Alternating samples of a figure and its floor."""

    figure: list[float]
    floor: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.figure) / statistics.median(self.floor)

    def cell(self, show: Callable[[float], str] = ms) -> str:
        """figure; floor; ratio, for the README table (medians)."""
        return (
            f"{show(statistics.median(self.figure))}; floor "
            f"{show(statistics.median(self.floor))}; **{self.ratio:.2f}×**"
        )

    def as_dict(self) -> dict[str, Any]:
        return {"figure": self.figure, "floor": self.floor, "ratio": round(self.ratio, 3)}


def paired(
    figure: Callable[[], float], floor: Callable[[], float], rounds: int, warm: bool = True
) -> Paired:
    """Each round measures the floor then the figure, so load changes hit both alike."""
    if warm:
        floor(), figure()
    samples = Paired([], [])
    for _ in range(rounds):
        samples.floor.append(floor())
        samples.figure.append(figure())
    return samples


async def paired_async(
    figure: Callable[[], Awaitable[float]], floor: Callable[[], Awaitable[float]], rounds: int
) -> Paired:
    await floor(), await figure()
    samples = Paired([], [])
    for _ in range(rounds):
        samples.floor.append(await floor())
        samples.figure.append(await figure())
    return samples


def wall_time(argv: Sequence[str], **env: str) -> float:
    """Seconds from starting a process to its exit (it must succeed)."""
    began = time.perf_counter()
    subprocess.run(
        list(argv),
        env=child_env(**env),
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - began


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


@contextlib.asynccontextmanager
async def floor_server(folder: Path, module: str, **env: str) -> AsyncIterator[str]:
    """`python -m <module>` listening on PORT (its log in the folder); yields its base URL."""
    port = free_port()
    with (folder / f"{module.rsplit('.', 1)[-1]}.log").open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", module],
            cwd=REPO,
            env=child_env(PORT=str(port), **env),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_until_healthy(f"{base}/healthz", proc)
        yield base
    finally:
        stop(proc)
