"""`tt` in a terminal: the same commands as Slack, readable output, scriptable JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.cli.main import main

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TT_DB_PATH", str(tmp_path / "cli.sqlite3"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_without_a_key_it_says_it_uses_the_sandbox(capsys):
    code, out, err = run(capsys, "jobs")
    assert code == 0
    assert "built-in TapTalent sandbox" in err and len(err.strip().splitlines()) == 1
    assert "Senior Backend Engineer" in out and "page 1" in out


def test_json_output_is_the_typed_result(capsys):
    code, out, _ = run(capsys, "top-candidates", "job:4201", "limit:3", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["job"]["id"] == 4201 and len(data["candidates"]) == 3
    scores = [c["score"] for c in data["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_piped_tables_are_plain_and_whole(capsys):
    code, out, _ = run(capsys, "top-candidates", "job:4201", "limit:2")
    assert code == 0
    assert "\x1b[" not in out  # no colour codes when piped
    lines = [line for line in out.splitlines() if line.startswith("1 ") or line.startswith("2 ")]
    assert len(lines) == 2 and all("…" not in line.split("|")[3] for line in lines)


def test_mistakes_teach_the_right_form(capsys):
    code, _, err = run(capsys, "top-candidates", "job:4201", "limt:3")
    assert code == 2 and "limt:3" in err and "Example: tt top-candidates" in err
    code, _, err = run(capsys, "job", "99999")
    assert code == 1 and "Job 99999 was not found" in err and "jobs" in err
    code, _, err = run(capsys, "jobs", "--wait")
    assert code == 2 and "--wait only applies to `rescore`" in err


def test_help_teaches_each_command(capsys):
    code, out, _ = run(capsys, "help", "move")
    assert code == 0 and "tt move" in out and "stage" in out
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "tt sandbox" in out and "tt demo" in out


def test_rescore_wait_reports_what_changed(capsys):
    code, out, err = run(capsys, "rescore", "job:4204", "stage:SCREEN", "--wait")
    assert code == 0, err
    assert "Rescoring" in out and "Rescore complete" in out and "New top" in out
    assert "progress: Rescoring:" in err and "(completed)" in err


def test_move_names_who_did_it(capsys):
    code, out, _ = run(capsys, "top-candidates", "job:4204", "limit:1", "--json")
    first = json.loads(out)["candidates"][0]["job_candidate_id"]
    code, out, _ = run(capsys, "move", str(first), "stage:OFFER")
    assert code == 0 and "to Offer" in out and "by cli:" in out


def test_demo_runs_from_a_shell(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAPTALENT_", "SLACK_"))}
    done = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    done_steps = ("1. Jobs", "exact top 5", "Rescore complete", "moved from", "Done")
    more = ("3 résumés parsed, 1 failed", "fail-scanned-photo.pdf", "Assessment scored")
    interview = ("InstaView deletes the candidate on", "AI interview analysed")
    for expected in (*done_steps, *more, *interview):
        assert expected in done.stdout
    # Piped (as `make demo | cat` is): whole tables, every ranked row with its name.
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("# | score |"))
    columns = [c.strip() for c in lines[header].split(" | ")]
    rows = [[c.strip() for c in line.split(" | ")] for line in lines[header + 2 : header + 7]]
    assert len(rows) == 5 and all(len(r) == len(columns) for r in rows)
    name = columns.index("name")
    assert all(r[name] and "…" not in r[name] for r in rows)
    assert all(any(r[i] for r in rows) for i in range(len(columns)))  # no empty column
    assert not [line for line in lines if line.rstrip().endswith("|")]


def test_writes_ask_on_a_terminal_and_yes_skips(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []

    def answer_no(question: str) -> str:
        asked.append(question)
        return "n"

    monkeypatch.setattr("builtins.input", answer_no)
    code, out, err = run(capsys, "rescore", "job:4204")
    assert code == 1 and "Nothing changed" in err and out == ""
    assert "spends scoring credits" in asked[0]
    code, out, _ = run(capsys, "move", "505706", "stage:OFFER", "--yes")
    assert code == 0 and "moved" in out and len(asked) == 1


def test_ats_commands_list_confirm_and_answer(capsys, monkeypatch):
    code, out, _ = run(capsys, "link", "job:4201")
    assert code == 0 and "KJ0001" in out and "Senior Backend Engineer" in out
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []

    def answer_no(question: str) -> str:
        asked.append(question)
        return "n"

    monkeypatch.setattr("builtins.input", answer_no)
    code, out, err = run(capsys, "link", "job:4201", "ats:KJ0001")
    assert code == 1 and "Nothing changed" in err and "Link job 4201 to ATS job KJ0001?" in asked[0]
    code, out, _ = run(capsys, "link", "job:4201", "ats:KJ0001", "--yes")
    assert code == 0 and "is linked to Senior Backend Engineer" in out
    code, out, _ = run(capsys, "push", "500055", "to:ats", "--yes", "--json")
    data = json.loads(out)
    assert code == 0 and data["changed"] is True and data["remote_url"]
    code, _, err = run(capsys, "reject", "500055", "reason:pay")
    assert code == 1 and "Reject job candidate 500055" in asked[-1]


def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path):
    """`tt --help | head -1`: the pipe closes before tt has written its help."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TAPTALENT_", "SLACK_"))}
    env["TT_DB_PATH"] = str(tmp_path / "tt.db")
    tt = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "--help"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert tt.stdout is not None
    tt.stdout.close()  # the reader is gone before tt writes (as `head` may be)
    _, err = tt.communicate(timeout=60)
    assert tt.returncode == 0 and b"Traceback" not in err
