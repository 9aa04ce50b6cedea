"""`tt assessments`, `tt assessment <id>` and `tt assess` in a terminal: the question comes
from the same preview as Slack's confirmation, and scripts must be explicit."""

from __future__ import annotations

import json

import pytest

from tests.shared.cli.test_cli import _db, run

__all__ = ["_db"]  # the autouse fixture: each test its own database and sandbox world


def first_of(capsys: pytest.CaptureFixture[str], job: int) -> int:
    code, out, _ = run(capsys, "top-candidates", f"job:{job}", "limit:1", "--json")
    assert code == 0
    return int(json.loads(out)["candidates"][0]["job_candidate_id"])


def test_listing_and_one_assessment(capsys):
    code, out, _ = run(capsys, "assessments")
    assert code == 0 and "Assessments: 4" in out and "submissions" in out
    code, out, _ = run(capsys, "assessment", "802")
    assert code == 0 and "Data Scientist voice interview (802)" in out and "Questions (2):" in out
    code, _, err = run(capsys, "assessment", "1")
    assert code == 1 and "Assessment 1 was not found" in err and "`tt assessments`" in err


def test_assess_asks_what_it_would_send_and_scripts_must_say_new(capsys, monkeypatch):
    jc = first_of(capsys, 4206)  # a job without an assessment
    code, _, err = run(capsys, "assess", str(jc))  # a script (no terminal): no question
    assert code == 1 and f"`tt assess {jc} assessment:new`" in err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    replies = iter(["n", "y"])

    def answer(question: str) -> str:
        asked.append(question)
        return next(replies)

    monkeypatch.setattr("builtins.input", answer)
    code, out, err = run(capsys, "assess", str(jc))
    assert code == 1 and "Nothing changed" in err and "has no assessment yet" in asked[0]
    code, out, _ = run(capsys, "assess", str(jc))
    assert code == 0 and "created" in out and "from the job and invited" in out
    code, out, _ = run(capsys, "assess", str(jc))  # waiting: nothing to ask, nothing sent
    assert code == 0 and "Nothing was sent again" in out and len(asked) == 2
    code, out, _ = run(capsys, "assessments", "job:4206", "--json")
    [made] = json.loads(out)["assessments"]
    assert made["questions"] == 5 and str(made["job_id"]) == "4206"  # as TapTalent sent it
