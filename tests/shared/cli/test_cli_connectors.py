"""`tt link … talynce:`, `tt push … to:talynce` and `tt status`: asked first on a terminal,
answered in words or JSON, and remembered from one command to the next."""

from __future__ import annotations

import json

from shared.talynce_sandbox import TalynceSandbox
from tests.shared.cli.test_cli import _db, run

__all__ = ["_db"]  # the database per test (autouse), as in test_cli

JC = "502538"  # the top candidate of job 4201 in the sandbox (seed 7)


def test_link_push_and_status_from_the_terminal(capsys, monkeypatch):  # type: ignore[no-untyped-def]
    talynce_job = TalynceSandbox().job_id("Senior Backend Engineer")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []

    def answer_no(question: str) -> str:
        asked.append(question)
        return "n"

    monkeypatch.setattr("builtins.input", answer_no)
    code, _, err = run(capsys, "link", "job:4201", f"talynce:{talynce_job}")
    assert code == 1 and "Nothing changed" in err
    assert asked[-1].startswith(f"Link job 4201 to Talynce job {talynce_job}?")
    code, out, _ = run(capsys, "link", "job:4201", f"talynce:{talynce_job}", "--yes")
    assert code == 0 and f"is linked to {talynce_job} in Talynce" in out

    code, _, _ = run(capsys, "push", JC, "to:talynce")
    assert code == 1 and "Leaves TapTalent for Talynce: name, e-mail" in asked[-1]
    code, out, _ = run(capsys, "push", JC, "to:talynce", "--yes", "--json")
    pushed = json.loads(out)
    assert code == 0 and pushed["outcome"] == "created" and pushed["applied"] is True

    # A later command (a new process's emulator) still finds the candidate in Talynce.
    code, out, _ = run(capsys, "status", JC)
    assert code == 0 and "Talynce" in out and "Applied · screening" in out
    code, out, _ = run(capsys, "status", JC, "--json")
    systems = {s["system"]: s for s in json.loads(out)["systems"]}
    assert systems["talynce"]["facts"]["application_status"] == "Applied"
    assert systems["ats"]["state"] == "not_linked" and systems["taptalent"]["state"] == "ok"
    code, out, _ = run(capsys, "push", JC, "to:talynce", "--yes")
    assert code == 0 and "already pushed to Talynce" in out


def test_status_points_a_rescore_id_to_rescore_status(capsys):  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "status", "rescore_42_1")
    assert code == 2 and "use rescore-status <rescore id>" in err
