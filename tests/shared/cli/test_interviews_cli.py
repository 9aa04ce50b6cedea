"""`tt interview` and `tt interview-status` in a terminal: the agents, the confirmation of
what leaves TapTalent ([y/N]), `--yes`, and the progress."""

from __future__ import annotations

import pytest

from shared.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_interview_asks_what_leaves_taptalent_then_invites(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "interview", "505706")
    assert code == 0 and "Which agent" in out and "Phone screen (English)" in out

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return "n" if len(asked) == 1 else "y"

    monkeypatch.setattr("builtins.input", answer)
    code, out, err = run(capsys, "interview", "505706", "agent:screening")
    assert code == 1 and "Nothing changed" in err and out == ""
    assert "Send it to InstaView?" in asked[0]
    assert "gdprExpiryDate" in err and "GDPR expiry" in err and "values hidden here" in err

    code, out, err = run(capsys, "interview", "505706", "agent:screening")
    assert code == 0 and "Invited" in out and "InstaView interview" in out and len(asked) == 2
    # A sandbox (test) interview is followed to its analysis: the emulator runs only while
    # a tt process does, so the command stays until it is in.
    assert "interview is analysed" in out and "Overall rating" in out
    assert "progress: Interview:" in err

    code, out, err = run(capsys, "interview", "505706", "agent:screening", "--yes")
    assert code == 1 and "already has an AI interview under way" in err
    assert "tt interview-status" in err  # the next step, worded for the terminal
    assert len(asked) == 2


def test_bad_values_say_what_is_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "interview", "505706", "at:soon")
    assert code == 2 and "ISO 8601" in err
    code, _, err = run(capsys, "interview", "505706", "agent:screening", "at:2020-01-01T09:00Z")
    assert code == 1 and "in the past" in err
    code, _, err = run(capsys, "interview-status", "424242")
    assert code == 1 and "has not invited job candidate 424242" in err
