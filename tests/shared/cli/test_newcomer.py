"""What a newcomer meets: the README's commands, one `tt` process after another, behave as one
continuous sandbox; a bad data folder is one sentence; `tt jobs` starts without the servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.mcp_server.test_http import INITIALIZE

APPLICANT = "505352"  # the README's `tt move` example: in job 4204, New Applicants


def tt(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """One `tt` command in its own process, as a shell runs it (no terminal: no questions)."""
    return subprocess.run(
        [sys.executable, "-m", "shared.cli.main", *argv],
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def stage_counts(job: str) -> dict[str, int]:
    done = tt("--json", "job", job)
    assert done.returncode == 0, done.stderr
    return {s["name"]: s["count"] for s in json.loads(done.stdout)["stages"]}


def test_a_move_is_seen_by_the_next_command_until_reset():
    before = stage_counts("4204")
    moved = tt("move", APPLICANT, "stage:SHORTLISTED")
    assert moved.returncode == 0 and "moved from New Applicants to Shortlisted" in moved.stdout
    after = stage_counts("4204")
    assert after["Shortlisted"] == before["Shortlisted"] + 1
    assert after["New Applicants"] == before["New Applicants"] - 1

    reset = tt("sandbox", "--reset")
    assert reset.returncode == 0 and "starts afresh" in reset.stdout
    assert stage_counts("4204") == before


def test_a_rescore_started_by_one_command_is_found_and_complete_in_the_next():
    started = tt("--json", "rescore", "job:4204", "candidates:" + APPLICANT)
    assert started.returncode == 0, started.stderr
    rescore_id = json.loads(started.stdout)["rescore_ids"][0]
    # The first process has exited; nothing ran the rescore in between.
    status = tt("--json", "rescore-status", rescore_id)
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["status"] == "completed" and report["total_processed"] == 1


def test_an_unwritable_data_folder_is_one_sentence_naming_the_variable(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {**os.environ, "TT_DB_PATH": str(blocker / "tt.sqlite3")}
    for argv in (["jobs"], ["serve"], ["sandbox", "--reset"]):
        done = tt(*argv, env=env)
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "TT_DB_PATH" in lines[0] and str(blocker) in lines[0]
    service = subprocess.run(
        [sys.executable, "-m", "bot"], env=env, capture_output=True, text=True, timeout=60
    )
    assert service.returncode == 1
    assert service.stderr.strip().count("\n") == 0 and "TT_DB_PATH" in service.stderr


def test_the_mcp_server_on_an_unwritable_folder_says_so_in_one_line(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = subprocess.run(
        [sys.executable, "-m", "mcp_server"],
        env={**os.environ, "TT_DB_PATH": str(blocker / "tt.sqlite3")},
        input=json.dumps(INITIALIZE) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    # No traceback: the assistant's log shows one clear line, and the process ends.
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "TT_DB_PATH" in lines[0] and "Traceback" not in done.stderr


def test_the_default_database_is_in_the_per_user_data_folder(tmp_path: Path):
    from shared.config import Settings

    # conftest points XDG_DATA_HOME at this test's folder.
    assert Settings().tt_db_path == tmp_path / "user-data" / "tt" / "tt.sqlite3"


@pytest.mark.parametrize("argv", [["jobs"], ["help"]])
def test_everyday_commands_import_no_server(argv: list[str]):
    probe = (
        "import sys\n"
        "from shared.cli.main import main\n"
        f"code = main({argv!r})\n"
        "heavy = [m for m in ('slack_bolt', 'slack_sdk', 'mcp', 'uvicorn', 'aiohttp')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr
