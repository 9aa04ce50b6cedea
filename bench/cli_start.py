"""6. `tt jobs` wall time (a new process, the built-in sandbox, a data folder already used once)
against its floor: `python -c "import httpx, pydantic"`, the least a Python API client with
typed models imports. The two alternate, so they see the same load.
"""

from __future__ import annotations

from typing import Any

from bench.common import Result, scratch_dir
from bench.floors import BARE_CLI, paired, python, wall_time

ROUNDS = 7
GOAL_RATIO = 1.5


def run() -> dict[str, Any]:
    with scratch_dir("cli") as folder:
        db = str(folder / "tt.sqlite3")

        def tt_jobs() -> float:
            return wall_time(python("-m", "shared.cli.main", "jobs"), TT_DB_PATH=db)

        def floor() -> float:
            return wall_time(python("-c", BARE_CLI))

        samples = paired(tt_jobs, floor, ROUNDS)
    res = Result("cli_start", "`tt jobs` in a new process")
    res.row(
        f'wall time, median of {ROUNDS}: tt; floor (`python -c "{BARE_CLI}"`); ratio',
        samples.cell(),
        f"≤ {GOAL_RATIO:g}× floor",
        samples.ratio <= GOAL_RATIO,
    )
    res.figures = samples.as_dict()
    return res.as_dict()
