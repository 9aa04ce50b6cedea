"""Every write a `/tt` command can ask for has one name for the write gate and one audit
action, so a refused attempt is recorded under the action its use case would have used."""

from __future__ import annotations

import pytest

from bot.verbs import AUDIT_ACTIONS, audit_action, command_verb
from shared import commands as cmd

WRITES = {
    "rescore job:42": "rescore",
    "move 7 stage:OFFER": "move",
    "upload job:42 https://files.example.com/cv/a.pdf": "upload",
    "assess 7": "assessment.invite",
    "interview 7": "interview.invite",
    "link job:42 ats:KJ0001": "ats.link",
    "link job:42 talynce:550e8400-e29b-41d4-a716-446655440000": "link",
    "push 7 to:ats": "ats.push",
    "push 7 to:talynce": "talynce.push",
    'reject 7 reason:"Not enough experience"': "ats.reject",
}


@pytest.mark.parametrize(("text", "action"), WRITES.items())
def test_each_write_has_its_audit_action(text: str, action: str) -> None:
    verb = command_verb(cmd.parse(text))
    assert verb in AUDIT_ACTIONS and audit_action(verb) == action


@pytest.mark.parametrize("text", ["jobs", "top-candidates job:42", "status 7", "link job:42"])
def test_reads_are_no_writes(text: str) -> None:
    assert command_verb(cmd.parse(text)) is None
