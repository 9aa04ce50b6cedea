"""`python -m bench [name ...]`: run the benchmarks, write bench/results/latest.json and the
README table between the `<!-- bench -->` markers.

With names, only those run; the figures of the others are kept from latest.json, and the
table says which run each came from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import logging
import os
import re
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench.common import REPO, machine

BENCHMARKS = (
    "top_candidates",
    "slack_ack",
    "webhooks",
    "mcp_startup",
    "memory",
    "cli_start",
    "ats_push",
)
RESULTS = REPO / "bench" / "results" / "latest.json"
README = REPO / "README.md"
START, END = "<!-- bench -->", "<!-- /bench -->"
# Above this 1-minute load average something else competes for the cores: say so.
BUSY_LOAD = 0.5


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "names",
        nargs="*",
        metavar="name",
        help=f"benchmarks to run (default: all): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    names = list(args.names) or list(BENCHMARKS)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    results: dict[str, Any] = dict(_load().get("benchmarks", {}))
    run = {
        "command": "python -m bench" + "".join(f" {n}" for n in args.names),
        "started": _now(),
        "machine": machine(),
    }
    for name in names:
        load = os.getloadavg()[0]
        busy = f" (the machine is busy: load average {load:.2f})" if load > BUSY_LOAD else ""
        print(f"== {name}{busy}", flush=True)
        began = time.perf_counter()
        result: dict[str, Any] = importlib.import_module(f"bench.{name}").run()
        result["run"] = run
        result["seconds"] = round(time.perf_counter() - began, 1)
        result["load_average_before"] = round(load, 2)
        results[name] = result
        for row in result["rows"]:
            mark = "" if row["met"] is None else ("  ok" if row["met"] else "  MISSED")
            goal = f"  (goal {row['goal']})" if row["goal"] else ""
            print(f"   {row['measure']}: {row['value']}{goal}{mark}", flush=True)
        for note in result.get("notes", []):
            print(f"   note: {note}", flush=True)
    document = {**run, "benchmarks": {n: results[n] for n in BENCHMARKS if n in results}}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    if not args.no_readme:
        write_readme(document)
        print(f"updated the table in {README.relative_to(REPO)}")
    return 0


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _load() -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        return {}
    return loaded


def _describe(run: dict[str, Any]) -> str:
    info = run["machine"]
    return (
        f"`{run['command']}` on {run['started']}, on a {info['cores']}-core {info['system']} "
        f"machine (Python {info['python']}, load average {info['load_average_1min']:g} "
        "at the start)"
    )


def table(document: dict[str, Any]) -> str:
    lines = [
        "## Benchmarks",
        "",
        "`make bench` (that is, `.venv/bin/python -m bench`) runs them all and rewrites this "
        "section; `python -m bench webhooks` runs one. Raw figures: `bench/results/latest.json`; "
        "how each is measured: the docstring of its module in `bench/`. These figures: "
        f"{_describe(document)}.",
        "",
        "| benchmark | measure | result | goal | met |",
        "|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for name, result in document["benchmarks"].items():
        title = f"{result['title']} (`bench/{name}.py`)"
        run = result.get("run")
        if run and run != {k: document[k] for k in run}:
            title += f", from {_describe(run)}"
        for i, row in enumerate(result["rows"]):
            met = "" if row["met"] is None else ("yes" if row["met"] else "**no**")
            first = title if i == 0 else ""
            lines.append(f"| {first} | {row['measure']} | {row['value']} | {row['goal']} | {met} |")
        notes.extend(f"{result['title']}: {note}" for note in result.get("notes", []))
    if notes:
        lines += ["", *[f"- {n}" for n in notes]]
    return "\n".join(lines)


def write_readme(document: dict[str, Any]) -> None:
    text = README.read_text()
    block = f"{START}\n{table(document)}\n{END}"
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    elif START in text:
        text = text.replace(START, block, 1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
